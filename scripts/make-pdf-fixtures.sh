#!/bin/bash
# Makes test/fixtures/pdf/<name>.pdf from the HTML page of a seed (test/fixtures/html/<name>.html),
# the region's page first made from its text,
# printed by Chromium as a report is printed: the site's chrome hidden, one column, list bullets
# as "•" characters (as Word writes them), a running header and a page number on every page, and
# footnote markers raised. Then the same PDFs as poppler's pdftotext renders them in columns
# (`-layout`, test/fixtures/pdftotext/<name>.layout.txt; Debian's poppler-utils), a text
# rendering researchers make of PDFs. All are committed; run this again only to remake them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/pdf
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
css='.site-header,nav,.breadcrumbs,aside,.site-footer,.cookie-banner,.back-to-top,.skip-link{display:none!important}.site-content{display:block!important}ul{list-style:none;padding-left:2.2em}ul>li{position:relative}ul>li::before{content:"•";position:absolute;left:-1.3em}@page{size:A4;margin:22mm 20mm;@top-center{content:"An inspection of probation services";font-size:9pt}@bottom-right{content:counter(page);font-size:9pt}}'
# The region's page (a plain page, no site around it) is made from its text by scripts/text-to-html.ts.
npx tsx scripts/text-to-html.ts seeds/wales-region-2025.txt > test/fixtures/html/wales-region-2025.html
for name in gwent-pdu-2025 cwm-taf-morgannwg-pdu-2025 wales-region-2025; do
  sed "s|</head>|<style>${css}</style></head>|" "test/fixtures/html/$name.html" > "$tmp/$name.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --no-pdf-header-footer \
    --print-to-pdf="$out/$name.pdf" "file://$tmp/$name.html" 2>/dev/null
done
mkdir -p test/fixtures/pdftotext
for name in gwent-pdu-2025 cwm-taf-morgannwg-pdu-2025 wales-region-2025; do
  pdftotext -layout "$out/$name.pdf" "test/fixtures/pdftotext/$name.layout.txt"
done
ls -l "$out" test/fixtures/pdftotext

# The same reports made into PDFs by a second producer, LibreOffice (Debian's
# libreoffice-writer-nogui), from plain pages made from their text: other line spacing, cells
# filled to their edges, cells centred in their rows.
if command -v soffice >/dev/null; then
  lo=test/fixtures/pdf/libreoffice
  mkdir -p "$lo"
  for name in cwm-taf-morgannwg-pdu-2025 wales-region-2025; do
    npx tsx scripts/text-to-html.ts "seeds/$name.txt" > "$tmp/$name.html"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$lo" "$tmp/$name.html" >/dev/null 2>&1
  done
  ls -l "$lo"
fi
if command -v soffice >/dev/null; then
  mkdir -p test/fixtures/pdftotext/libreoffice
  for name in cwm-taf-morgannwg-pdu-2025 wales-region-2025; do
    pdftotext -layout "test/fixtures/pdf/libreoffice/$name.pdf" "test/fixtures/pdftotext/libreoffice/$name.layout.txt"
  done
fi

# The region's page and a plain page made from a PDU's text written out by pandoc (Debian's
# pandoc) as its markdown, GitHub's markdown and plain text: wrapped at 72 columns, tables as
# column-aligned text between rule lines, footnote markers as ^1^, <sup>1</sup> and ¹, straight
# quotes and -- for dashes.
if command -v pandoc >/dev/null; then
  mkdir -p test/fixtures/pandoc
  npx tsx scripts/text-to-html.ts seeds/cwm-taf-morgannwg-pdu-2025.txt > "$tmp/cwm-taf-morgannwg-pdu-2025.page.html"
  for fmt in markdown gfm plain; do
    pandoc -f html -t "$fmt" test/fixtures/html/wales-region-2025.html -o "test/fixtures/pandoc/wales-region-2025.$fmt.txt"
    pandoc -f html -t "$fmt" "$tmp/cwm-taf-morgannwg-pdu-2025.page.html" -o "test/fixtures/pandoc/cwm-taf-morgannwg-pdu-2025.$fmt.txt"
  done
fi
if command -v soffice >/dev/null; then
  for name in cwm-taf-morgannwg-pdu-2025 wales-region-2025; do
    pdftotext "test/fixtures/pdf/libreoffice/$name.pdf" "test/fixtures/pdftotext/libreoffice/$name.raw.txt"
  done
fi
# And a PDU's whole site page (chrome, classes, links and all) as pandoc's markdown and GFM.
if command -v pandoc >/dev/null; then
  for fmt in markdown gfm; do
    pandoc -f html -t "$fmt" test/fixtures/html/gwent-pdu-2025.html -o "test/fixtures/pandoc/gwent-pdu-2025.site.$fmt.txt"
  done
fi
