/* The dashboard's own script: reads the embedded data, draws the Vega-Lite charts and wires the
 * filters. Plain browser JavaScript, inlined into the page at build time (no modules, no network).
 * Every piece of data reaches the DOM through textContent, never innerHTML. */
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('dashboard-data').textContent);
  var PAGE = 100; // findings rendered at a time ("show more" adds the next page)
  var CLUSTER_PAGE = 40; // recurring findings rendered per "show more"
  var POL_LABEL = { strength: 'Strength', improvement: 'Area for improvement', recommendation: 'Recommendation', narrative: 'Narrative', shortfall: 'Shortfall' };
  var units = DATA.units;
  var themes = DATA.themes;
  var pols = DATA.polarities;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === null || attrs[k] === undefined) continue;
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    if (children) children.forEach(function (c) { if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function fmt(n) { return Number(n).toLocaleString('en-GB'); }
  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : (many || one + 's')); }

  // ------------------------------------------------------------------ findings, decoded
  var findings = DATA.findings.map(function (r, i) {
    var u = units[r[0]] || { rid: '', label: '(unknown unit)', name: '', title: '' };
    var id = r[1].charAt(0) === '=' ? r[1].slice(1) : u.rid + '/' + r[1];
    return { i: i, unit: r[0], u: u, id: id, section: r[2], sectionTitle: r[3] || r[2], pol: pols[r[4]] || 'narrative', quote: r[5], text: r[6] || r[5], themes: r[7], marks: r[8], hay: null };
  });
  function haystack(f) {
    // The finding's own words and its section; units and themes have their own filters.
    if (f.hay === null) f.hay = (f.text + ' \u0000 ' + f.quote + ' \u0000 ' + f.section + ' \u0000 ' + f.sectionTitle).toLowerCase();
    return f.hay;
  }

  // ------------------------------------------------------------------ header
  var c = DATA.counts;
  var fieldwork = units.map(function (u) { return u.fieldwork; }).filter(Boolean).sort();
  var period = fieldwork.length ? (fieldwork[0] === fieldwork[fieldwork.length - 1] ? 'fieldwork ' + fieldwork[0] : 'fieldwork ' + fieldwork[0] + ' to ' + fieldwork[fieldwork.length - 1]) : '';
  $('subtitle').textContent = [
    plural(c.reports, 'inspection report') + ' (' + plural(c.pdus, 'PDU') + ', ' + plural(c.regions, 'region') + ')',
    period,
    DATA.meta.generatedBy
  ].filter(Boolean).join(' · ');
  function card(label, value, detail, cls) {
    return el('div', { cls: 'card' + (cls ? ' ' + cls : '') }, [el('div', { cls: 'v', text: value }), el('div', { cls: 'l', text: label }), detail ? el('div', { cls: 'd', text: detail }) : null]);
  }
  var bp = c.byPolarity;
  [
    card('reports', fmt(c.reports), plural(c.pdus, 'PDU') + ' · ' + plural(c.regions, 'region')),
    card('findings', fmt(c.findings), fmt(bp.strength || 0) + ' strengths · ' + fmt(bp.improvement || 0) + ' improvements · ' + fmt(bp.recommendation || 0) + ' recommendations · ' + fmt(bp.narrative || 0) + ' narrative'),
    card('quantities', fmt(c.quantities), 'percentages and counts quoted in findings'),
    card('key questions', fmt(c.keyQuestions), '% of cases answered yes'),
    card('recurring findings', fmt(c.recurring), 'found in two reports or more'),
    card('checks raised', fmt(c.checks), plural(c.errors, 'error') + ' · ' + plural(c.warnings, 'warning'), c.errors ? 'bad' : c.warnings ? 'warn' : 'ok')
  ].forEach(function (n) { $('cards').appendChild(n); });

  // ------------------------------------------------------------------ charts
  var views = {};
  var embedOpts = { actions: false, renderer: 'svg', mode: 'vega-lite' };
  function embed(name, id) {
    var host = $(id);
    return vegaEmbed(host, DATA.specs[name], embedOpts).then(function (res) {
      views[name] = res.view;
      host.setAttribute('data-rendered', 'true');
      return res.view;
    }, function (err) {
      host.setAttribute('data-rendered', 'error');
      host.appendChild(el('p', { cls: 'error', text: 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err)) }));
      console.error(err);
    });
  }
  var ready = Promise.all([
    embed('ratings', 'chart-ratings'),
    embed('keyQuestions', 'chart-key-questions'),
    embed('themes', 'chart-themes').then(function (view) {
      if (!view) return;
      view.addEventListener('click', function (event, item) {
        var d = item && item.datum;
        if (d && d.rid && d.tid && d.pol) showCell(d);
      });
    })
  ]).then(function () { document.body.setAttribute('data-ready', 'true'); });

  // ------------------------------------------------------------------ lowest questions
  (function () {
    var host = $('lowest-list');
    if (!DATA.lowest.length) { host.appendChild(el('p', { cls: 'muted', text: 'No key questions were found.' })); return; }
    var t = el('table', { cls: 'grid' }, [el('thead', null, [el('tr', null, [el('th', { text: 'Standard' }), el('th', { text: 'Unit' }), el('th', { text: 'Lowest question' }), el('th', { cls: 'num', text: '% yes' })])])]);
    var tb = el('tbody');
    DATA.lowest.forEach(function (s) {
      s.units.forEach(function (x, k) {
        tb.appendChild(el('tr', null, [
          k === 0 ? el('td', { rowspan: String(s.units.length), text: s.standard + ' ' + s.name }) : null,
          el('td', { text: units[x.unit] ? units[x.unit].label : '' }),
          el('td', { text: x.question }),
          el('td', { cls: 'num', text: String(x.percent) })
        ]));
      });
    });
    t.appendChild(tb);
    host.appendChild(t);
  })();

  // ------------------------------------------------------------------ finding cards
  function quoteNode(f) {
    var q = el('blockquote', { cls: 'quote' });
    var at = 0;
    (f.marks || []).forEach(function (m) {
      if (m[0] < at) return;
      q.appendChild(document.createTextNode(f.quote.slice(at, m[0])));
      q.appendChild(el('mark', { title: m[2], text: f.quote.slice(m[0], m[1]) }));
      at = m[1];
    });
    q.appendChild(document.createTextNode(f.quote.slice(at)));
    return q;
  }
  function findingNode(f, tag) {
    var where = f.section === f.sectionTitle ? f.section : f.section + ' ' + f.sectionTitle;
    var chips = f.themes.map(function (t) { return el('span', { cls: 'chip', text: themes[t] ? themes[t].label : '?' }); });
    return el(tag || 'li', { cls: 'finding pol-' + f.pol, 'data-id': f.id, 'data-unit': f.u.rid }, [
      el('div', { cls: 'fmeta' }, [el('span', { cls: 'badge pol-' + f.pol, text: POL_LABEL[f.pol] || f.pol }), el('strong', { cls: 'unit', text: f.u.label }), el('span', { cls: 'where', text: where })].concat(chips)),
      quoteNode(f),
      el('div', { cls: 'cite' }, ['Report ', el('code', { text: f.u.rid }), f.u.title ? ' (' + f.u.title + ')' : '', ', section ', el('span', { cls: 'cite-section', text: where }), ', finding ', el('code', { text: f.id })])
    ]);
  }

  // ------------------------------------------------------------------ filters and findings list
  var fUnit = $('f-unit'), fTheme = $('f-theme'), fPol = $('f-polarity'), fSearch = $('f-search');
  fUnit.appendChild(el('option', { value: '', text: 'All units (' + units.length + ')' }));
  units.forEach(function (u) { fUnit.appendChild(el('option', { value: u.rid, text: u.label })); });
  fTheme.appendChild(el('option', { value: '', text: 'All themes' }));
  fTheme.appendChild(el('option', { value: '-', text: '(no theme)' }));
  var groups = {};
  var groupOrder = [];
  themes.forEach(function (t, i) {
    var g = t.group || 'Other';
    if (!groups[g]) { groups[g] = el('optgroup', { label: g }); groupOrder.push(g); }
    groups[g].appendChild(el('option', { value: t.id, text: t.label }));
  });
  groupOrder.forEach(function (g) { fTheme.appendChild(groups[g]); });
  [['', 'All polarities'], ['strength', 'Strengths'], ['improvement', 'Areas for improvement'], ['recommendation', 'Recommendations'], ['shortfall', 'Improvements + recommendations'], ['narrative', 'Narrative']].forEach(function (o) {
    fPol.appendChild(el('option', { value: o[0], text: o[1] }));
  });
  var themeIdx = {};
  themes.forEach(function (t, i) { themeIdx[t.id] = i; });

  var matches = [];
  var shown = 0;
  var list = $('findings-list');
  var more = $('findings-more');
  function currentFilter() {
    return { unit: fUnit.value, theme: fTheme.value, pol: fPol.value, terms: fSearch.value.toLowerCase().split(/\s+/).filter(Boolean) };
  }
  function keep(f, q) {
    if (q.unit && f.u.rid !== q.unit) return false;
    if (q.theme === '-') { if (f.themes.length) return false; }
    else if (q.theme && f.themes.indexOf(themeIdx[q.theme]) < 0) return false;
    if (q.pol === 'shortfall') { if (f.pol !== 'improvement' && f.pol !== 'recommendation') return false; }
    else if (q.pol && f.pol !== q.pol) return false;
    if (q.terms.length) {
      var h = haystack(f);
      for (var k = 0; k < q.terms.length; k++) if (h.indexOf(q.terms[k]) < 0) return false;
    }
    return true;
  }
  function renderMore() {
    var frag = document.createDocumentFragment();
    var end = Math.min(matches.length, shown + PAGE);
    for (var k = shown; k < end; k++) frag.appendChild(findingNode(matches[k]));
    list.appendChild(frag);
    shown = end;
    var left = matches.length - shown;
    more.hidden = left <= 0;
    more.textContent = 'Show ' + fmt(Math.min(left, PAGE)) + ' more (' + fmt(left) + ' not shown)';
    var status = $('findings-count');
    status.setAttribute('data-count', String(matches.length));
    status.setAttribute('data-shown', String(shown));
    status.textContent = fmt(matches.length) + ' of ' + fmt(findings.length) + ' findings match' + (matches.length > shown ? '; showing the first ' + fmt(shown) : '') + '.';
  }
  function applyFilters() {
    var q = currentFilter();
    matches = findings.filter(function (f) { return keep(f, q); });
    shown = 0;
    list.textContent = '';
    renderMore();
    if (!matches.length) list.appendChild(el('li', { cls: 'empty', text: 'No finding matches these filters.' }));
  }
  var timer = null;
  fSearch.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(applyFilters, 120); });
  [fUnit, fTheme, fPol].forEach(function (s) { s.addEventListener('change', applyFilters); });
  more.addEventListener('click', renderMore);
  $('f-reset').addEventListener('click', function () { fUnit.value = ''; fTheme.value = ''; fPol.value = ''; fSearch.value = ''; applyFilters(); });
  function showCell(d) {
    fUnit.value = d.rid; fTheme.value = d.tid; fPol.value = d.pol; fSearch.value = '';
    applyFilters();
    $('findings-scroll').scrollTop = 0;
    $('findings').scrollIntoView({ behavior: 'auto', block: 'start' });
  }
  applyFilters();

  // ------------------------------------------------------------------ recurring findings
  (function () {
    var host = $('recurring-list');
    var cl = DATA.clusters;
    $('recurring-count').textContent = '(' + fmt(cl.length) + ')';
    if (!cl.length) { host.appendChild(el('p', { cls: 'muted', text: 'No statement recurs across reports.' })); return; }
    var nReports = Math.max(1, units.length);
    var at = 0;
    var btn = el('button', { type: 'button', cls: 'more', text: '' });
    function unitList(idx, max) {
      var names = idx.slice(0, max).map(function (u) { return units[u] ? units[u].label : ''; });
      return names.join(' · ') + (idx.length > max ? ' and ' + fmt(idx.length - max) + ' more' : '');
    }
    function clusterNode(k) {
      var x = cl[k];
      var share = Math.min(1, x.nReports / nReports);
      var summary = el('summary', null, [
        el('span', { cls: 'spread', title: x.nReports + ' of ' + nReports + ' reports' }, [el('span', { cls: 'bar', style: 'width:' + Math.round(share * 100) + '%' }), el('span', { cls: 'n', text: x.nReports + '/' + nReports + ' units' })]),
        el('span', { cls: 'badge pol-' + (x.polarity === 'shortfall' ? 'improvement' : POL_LABEL[x.polarity] ? x.polarity : 'narrative'), text: POL_LABEL[x.polarity] || x.polarity }),
        el('span', { cls: 'clabel', text: x.label }),
        x.theme ? el('span', { cls: 'chip', text: x.theme }) : null,
        el('span', { cls: 'cunits', text: unitList(x.units, 6) })
      ]);
      var det = el('details', { cls: 'cluster', 'data-id': x.id }, [summary]);
      det.addEventListener('toggle', function () {
        if (!det.open || det.getAttribute('data-filled')) return;
        det.setAttribute('data-filled', 'true');
        if (x.units.length > 6) det.appendChild(el('p', { cls: 'cunits all', text: 'Units: ' + unitList(x.units, x.units.length) }));
        var ol = el('ol', { cls: 'findings members' });
        x.members.forEach(function (m) { if (findings[m]) ol.appendChild(findingNode(findings[m])); });
        if (!x.members.length && x.example) ol.appendChild(el('li', { cls: 'finding' }, [el('blockquote', { cls: 'quote', text: x.example })]));
        det.appendChild(ol);
      });
      return det;
    }
    function page() {
      var end = Math.min(cl.length, at + CLUSTER_PAGE);
      for (; at < end; at++) host.insertBefore(clusterNode(at), btn);
      btn.hidden = at >= cl.length;
      btn.textContent = 'Show more recurring findings (' + fmt(cl.length - at) + ' not shown)';
    }
    host.appendChild(btn);
    btn.addEventListener('click', page);
    page();
  })();

  // ------------------------------------------------------------------ checks
  (function () {
    var host = $('checks-list');
    $('checks-count').textContent = '(' + fmt(DATA.checks.length) + ')';
    if (!DATA.checks.length) { host.appendChild(el('p', { cls: 'ok-note', text: 'Every consistency check passed: stated scores match the ratings, and every rating matches its key questions.' })); return; }
    var t = el('table', { cls: 'grid checks' }, [el('thead', null, [el('tr', null, ['Severity', 'Report', 'Check', 'Message', 'Where'].map(function (h) { return el('th', { text: h }); }))])]);
    var tb = el('tbody');
    DATA.checks.forEach(function (x) {
      tb.appendChild(el('tr', { cls: 'sev-' + x.severity }, [
        el('td', null, [el('span', { cls: 'badge sev-' + x.severity, text: x.severity })]),
        el('td', { text: units[x.unit] ? units[x.unit].label : x.reportId || '(run)' }),
        el('td', null, [el('code', { text: x.check })]),
        el('td', { text: x.message }),
        el('td', { text: [x.file, x.line !== null && x.line !== undefined ? 'line ' + x.line : ''].filter(Boolean).join(', ') })
      ]));
    });
    t.appendChild(tb);
    host.appendChild(t);
  })();

  // ------------------------------------------------------------------ reports
  (function () {
    var t = $('reports-table');
    t.appendChild(el('thead', null, [el('tr', null, ['Unit', 'Type', 'Region', 'Fieldwork', 'Overall rating', 'Score', 'Findings', 'Warnings', 'Report id', 'Source'].map(function (h) { return el('th', { text: h }); }))]));
    var tb = el('tbody');
    units.forEach(function (u) {
      var score = u.score === null ? '' : u.score + '/' + (u.scoreMax === null ? '?' : u.scoreMax);
      if (u.computed !== null && u.score !== null && u.computed !== u.score) score += ' (ratings: ' + u.computed + ')';
      tb.appendChild(el('tr', null, [
        el('td', { text: u.label }), el('td', { text: u.type }), el('td', { text: u.region }), el('td', { text: u.fieldwork }),
        el('td', null, [u.overall ? el('span', { cls: 'rating r-' + u.overall.replace(/\s+/g, '-').toLowerCase(), text: u.overall }) : '']),
        el('td', { cls: 'num', text: score }), el('td', { cls: 'num', text: fmt(u.n) }), el('td', { cls: 'num', text: fmt(u.warnings + u.errors) }),
        el('td', null, [el('code', { text: u.rid })]), el('td', { text: u.source })
      ]));
    });
    t.appendChild(tb);
  })();

  $('foot').textContent = 'Made by inspection-findings from the run\u2019s datasets (reports.csv, ratings.csv, key_question_matrix.csv, theme_matrix.csv, findings.csv, recurring_findings.csv, checks.csv). Charts: Vega-Lite.';

  window.dashboard = { data: DATA, views: views, ready: ready, applyFilters: applyFilters, showCell: showCell };
})();
