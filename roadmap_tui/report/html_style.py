"""The HTML summary's one stylesheet: screen, phone and print, with no external resource.

Kept apart from the markup so the page's structure reads on its own. Colour
only accents what words and symbols already say (as in the terminal summary);
on a phone (under 40em) each table row becomes a card with its labels shown,
and printing drops the navigation and keeps rows and headings together.
"""

STYLESHEET = """\
:root {
  --text: #1b1f24; --muted: #57606a; --rule: #d0d7de; --card: #f6f8fa; --accent: #6e3fa3;
  --bar: #2f6f4f; --bar-phase: #9bbfae; --gap: #b3261e; --done: #2f6f4f; --today: #b3261e;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6edf3; --muted: #9da7b3; --rule: #3d444d; --card: #161b22; --accent: #c8a2f0;
    --bar: #56b88a; --bar-phase: #2e5e48; --gap: #ff8a80; --done: #56b88a; --today: #ff8a80;
  }
  body { background: #0d1117; }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 72rem; color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: break-word;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .75rem; }
h2 {
  font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--rule);
}
h3 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
h2 .count, h3 .count { color: var(--muted); font-weight: normal; font-size: .9em; }
.phase h3 { color: var(--accent); }
header.card { background: var(--card); border: 1px solid var(--rule); border-radius: .5rem;
  padding: 1.25rem 1.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1.25rem;
  margin: 0 0 .75rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.question { font-style: italic; }
.counts, .meta, .note { color: var(--muted); }
.note { font-style: italic; }
nav ul { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1rem; }
nav a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem;
  border-bottom: 1px solid var(--rule); }
th { color: var(--muted); font-weight: 600; border-bottom-width: 2px; }
table.signposts { table-layout: fixed; }
table.signposts th.owners { width: 20%; }
table.signposts th.dates { width: 11.5rem; }
table.signposts th.status { width: 7rem; }
td.number, th.number { text-align: right; font-weight: 700; width: 3.5rem;
  font-variant-numeric: tabular-nums; }
td.dates { white-space: nowrap; }
td.status { white-space: nowrap; }
.title { font-weight: 600; }
.detail { margin: .25rem 0 0; }
.detail p { margin: .25rem 0; }
.facets { margin: .25rem 0 0; color: var(--muted); font-size: .92em; }
.comments { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .92em; }
ul.names, ol.signposts { margin: 0; padding: 0; list-style: none; }
ol.signposts li { display: grid; grid-template-columns: 2.5rem 1fr; gap: .5rem; }
ol.signposts .position { text-align: right; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.about { color: var(--muted); font-size: .92em; }
.status-active { color: var(--done); font-weight: 700; }
.status-blocked { color: var(--gap); font-weight: 700; }
.status-done { color: var(--done); }
.status-dropped, tr.dropped .title, li.dropped .what { color: var(--muted); }
tr.dropped .title, li.dropped .what { text-decoration: line-through; }
.gap-serious { color: var(--gap); }
.timeline td.bar-cell { width: 55%; position: relative; }
.track { position: relative; height: 1.1rem; background: var(--card); border-radius: .2rem; }
.bar { position: absolute; top: .15rem; bottom: .15rem; background: var(--bar);
  border-radius: .2rem; min-width: .35rem; }
.bar.from-phase { background: var(--bar-phase); }
.today { position: absolute; top: -.2rem; bottom: -.2rem; width: 2px; background: var(--today); }
table.pairs td:first-child { width: 35%; }
.debrief-text p { margin: .25rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85em; }
@media (max-width: 40em) {
  body { padding: 1rem .75rem 2rem; font-size: 17px; }
  h1 { font-size: 1.5rem; }
  header.card { padding: 1rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .35rem; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block;
    width: auto; }
  table.cards tr { border: 1px solid var(--rule); border-radius: .4rem; margin: 0 0 .75rem;
    padding: .4rem .6rem; }
  table.cards td { border: 0; padding: .15rem 0; text-align: left; white-space: normal; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  table.cards td.number { float: left; width: auto; margin-right: .5rem; }
  table.cards td.number::before { content: "#"; }
  table.cards ul.names, table.cards ul.names li { display: inline; }
  table.cards ul.names li + li::before { content: ", "; }
  table.cards tr::after { content: ""; display: block; clear: both; }
  .timeline td.bar-cell { width: auto; }
}
@media print {
  :root { --text: #000; --muted: #444; --rule: #999; --card: #fff; }
  body { max-width: none; padding: 0; font: 10.5pt/1.35 system-ui, sans-serif;
    color: #000; background: #fff; }
  nav, footer { display: none; }
  header.card { border: 1px solid #999; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, header.card { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .bar, .today, .track { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
