#!/bin/bash
# Remakes the fixtures of the other renderings of the seeds (all committed: run this only to
# remake them). Needs Debian's chromium, poppler-utils (pdftotext), libreoffice-writer-nogui and
# pandoc; a step whose tool is missing is skipped.
#
#   test/fixtures/html/wales-region-2025.html      the region's page, made from its text
#                                                  (scripts/text-to-html.ts; no site around it)
#   test/fixtures/pdf/<name>.pdf                   HTML pages printed by Chromium as a report is
#                                                  printed: site chrome hidden, "•" bullets (as Word
#                                                  writes them), a running header and page numbers,
#                                                  footnote markers raised
#   test/fixtures/pdf/libreoffice/<name>.pdf       plain pages made from the text, printed by
#                                                  LibreOffice: wider line spacing, cells filled to
#                                                  their edges, cells centred in their rows
#   test/fixtures/docx/<name>.docx                the same plain pages saved by LibreOffice as Word
#                                                  documents
#   test/fixtures/pdftotext/[libreoffice/]<name>.layout.txt, .raw.txt
#                                                  those PDFs as pdftotext writes them, with
#                                                  -layout and (LibreOffice's) without
#   test/fixtures/pandoc/<name>.<format>.txt       pages written out by pandoc as its markdown,
#                                                  GitHub's markdown and plain text; and a PDU's
#                                                  whole site page as markdown and GFM (.site.)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PDUS_FROM_SITE="gwent-pdu-2025 cwm-taf-morgannwg-pdu-2025"
FROM_TEXT="cwm-taf-morgannwg-pdu-2025 wales-region-2025"
have() { command -v "$1" >/dev/null; }
page_from_text() { npx tsx scripts/text-to-html.ts "seeds/$1.txt"; }

page_from_text wales-region-2025 > test/fixtures/html/wales-region-2025.html

if have chromium; then
  css='.site-header,nav,.breadcrumbs,aside,.site-footer,.cookie-banner,.back-to-top,.skip-link{display:none!important}.site-content{display:block!important}ul{list-style:none;padding-left:2.2em}ul>li{position:relative}ul>li::before{content:"•";position:absolute;left:-1.3em}@page{size:A4;margin:22mm 20mm;@top-center{content:"An inspection of probation services";font-size:9pt}@bottom-right{content:counter(page);font-size:9pt}}'
  for name in $PDUS_FROM_SITE wales-region-2025; do
    sed "s|</head>|<style>${css}</style></head>|" "test/fixtures/html/$name.html" > "$tmp/$name.html"
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --no-pdf-header-footer \
      --print-to-pdf="test/fixtures/pdf/$name.pdf" "file://$tmp/$name.html" 2>/dev/null
  done
fi

if have soffice; then
  mkdir -p test/fixtures/pdf/libreoffice test/fixtures/docx
  for name in $FROM_TEXT; do
    page_from_text "$name" > "$tmp/$name.html"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir test/fixtures/pdf/libreoffice "$tmp/$name.html" >/dev/null 2>&1
    soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir test/fixtures/docx "$tmp/$name.html" >/dev/null 2>&1
  done
fi

if have pdftotext; then
  mkdir -p test/fixtures/pdftotext/libreoffice
  for name in $PDUS_FROM_SITE wales-region-2025; do
    pdftotext -layout "test/fixtures/pdf/$name.pdf" "test/fixtures/pdftotext/$name.layout.txt"
  done
  for name in $FROM_TEXT; do
    pdftotext -layout "test/fixtures/pdf/libreoffice/$name.pdf" "test/fixtures/pdftotext/libreoffice/$name.layout.txt"
    pdftotext "test/fixtures/pdf/libreoffice/$name.pdf" "test/fixtures/pdftotext/libreoffice/$name.raw.txt"
  done
fi

if have pandoc; then
  mkdir -p test/fixtures/pandoc
  page_from_text cwm-taf-morgannwg-pdu-2025 > "$tmp/cwm-taf-morgannwg-pdu-2025.page.html"
  for fmt in markdown gfm plain; do
    pandoc -f html -t "$fmt" test/fixtures/html/wales-region-2025.html -o "test/fixtures/pandoc/wales-region-2025.$fmt.txt"
    pandoc -f html -t "$fmt" "$tmp/cwm-taf-morgannwg-pdu-2025.page.html" -o "test/fixtures/pandoc/cwm-taf-morgannwg-pdu-2025.$fmt.txt"
  done
  for fmt in markdown gfm; do
    pandoc -f html -t "$fmt" test/fixtures/html/gwent-pdu-2025.html -o "test/fixtures/pandoc/gwent-pdu-2025.site.$fmt.txt"
  done
fi
ls -lR test/fixtures/pdf test/fixtures/pdftotext test/fixtures/pandoc | grep -v '^total'
