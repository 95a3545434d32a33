"""Stakeholder report: one self-contained reports/index.html built from the pipeline's tables."""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.present import figures as fg
from analysis.present.formatting import TYPE_LABELS, claimant_name, claimants_text, fmt_count, fmt_day, is_missing
from analysis.present.review import needs_review, unrecognised_items
from analysis.tabulate.corrections import read_log, shown
from analysis.tabulate.review_tables import SIDE_SHOWN, ReviewFacts, load_review, review_of_tables
from analysis.tabulate.tables import REPORTED_ARTICLE_COLUMNS, Tables, atomic_write_text, load_tables

DEFAULT_NOTEBOOK_PAGES: tuple[tuple[str, str], ...] = (
    ("01 Read and clean the articles", "01_articles.html"),
    ("02 Extract event mentions", "02_mentions.html"),
    ("03 Merge mentions into events", "03_events.html"),
    ("04 Timelines", "04_timelines.html"),
    ("05 Evaluation against the gold set", "05_evaluation.html"),
)
FIGURE_NAMES: dict[str, str] = {
    "districts_seized": "Districts seized",
    "capitals_entered": "Provincial capitals entered",
    "troops_fled": "Troops who fled",
    "province_map": "Province map",
}
CSS = """
:root { --ink:#1f1f1f; --muted:#5f5f5f; --line:#dddddd; --soft:#f6f6f4; --accent:#542788; --fell:#b2182b; }
* { box-sizing: border-box; }
body { margin:0; padding:1rem; color:var(--ink); background:#fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 78rem; margin: 0 auto; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .5rem 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p.lede { color: var(--muted); margin-top: 0; }
nav.toc { display: flex; flex-wrap: wrap; gap: .3rem .9rem; }
nav.toc a { white-space: nowrap; }
ul.key { padding-left: 1.1rem; font-size: 1.08rem; }
ul.key li { margin: .25rem 0; }
figure { margin: 1.2rem 0 2rem; }
figure img { display:block; width:100%; max-width:100%; height:auto; border:1px solid var(--line); }
figcaption { color: var(--muted); font-size: .92rem; margin-top: .35rem; }
.table-wrap { width:100%; overflow-x:auto; -webkit-overflow-scrolling:touch; border:1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align:left; vertical-align:top; padding:.4rem .5rem; border-bottom:1px solid var(--line); }
thead th { background: var(--soft); position: sticky; top: 0; }
th button { font: inherit; font-weight: 600; background:none; border:0; padding:0; cursor:pointer; color:inherit; text-align:left; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td { overflow-wrap: break-word; }
td.evidence, td.ids, .ids { overflow-wrap: anywhere; }
#events-table td.status { max-width: 9rem; }
.tag { white-space: nowrap; }
td.num { text-align: right; }
td.date, td.nowrap { white-space: nowrap; }
td.evidence { min-width: 16rem; }
td.ids, .ids { font-size: .8rem; }
#events-table td.ids { min-width: 6.5rem; }
code.copy { display:block; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; font-size: .8rem;
  background: var(--soft); padding: .2rem .3rem; }
.pager { display:flex; gap:.8rem; align-items:center; margin:.5rem 0; flex-wrap: wrap; }
.pager button { font: inherit; padding: .25rem .7rem; }
.warn { color: var(--fell); }
tr.problem td { background: #fde0dd; }
.tag.rejected, .tag.merged { background:#e0e0e0; text-decoration: line-through; }
details.outside { color: var(--muted); font-size: .9rem; margin-top: .4rem; }
blockquote { margin:.3rem 0 .6rem; padding:.3rem .7rem; border-left:4px solid var(--line); background:var(--soft); }
.side { border:1px solid var(--line); padding:.5rem .8rem; margin:.4rem 0; }
.side h4 { margin:.1rem 0 .3rem; font-size:.95rem; }
.asserted { border-left:5px solid var(--accent); }
.denied { border-left:5px solid var(--fell); }
.disputed-grid { display:grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
.tag { display:inline-block; padding:0 .35rem; border-radius:.25rem; background:var(--soft); font-size:.82rem; }
.tag.disputed { background:#fde0dd; }
.muted { color: var(--muted); }
.search { display:flex; gap:.6rem; align-items:center; flex-wrap:wrap; margin:.4rem 0 .6rem; }
.search input { font:inherit; padding:.35rem .5rem; min-width: 16rem; max-width:100%; border:1px solid #999; border-radius:.25rem; }
footer { margin-top:3rem; color:var(--muted); font-size:.85rem; border-top:1px solid var(--line); padding-top:.6rem; }
@media (max-width: 640px) {
  body { padding:.6rem; font-size: 15px; }
  h1 { font-size: 1.45rem; }
  .disputed-grid { grid-template-columns: 1fr; }
  .search input { min-width: 0; width: 100%; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead tr { display: flex; flex-wrap: wrap; gap: .2rem .6rem; }
  table.cards thead th { display: block; border: 0; padding: .2rem .3rem; position: static; }
  table.review thead { display: none; }
  table.cards tr { border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.cards td { border: 0; padding: .15rem .4rem; text-align: left; white-space: normal; min-width: 0; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  .figure-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  .figure-scroll img { width: 760px; max-width: none; }
  td.evidence { min-width: 0; }
}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("events-table");
  var holder = document.getElementById("events-data");
  if (!table || !holder) { return; }
  var input = document.getElementById("events-search"), shown = document.getElementById("events-shown");
  var label = document.getElementById("events-page");
  var prev = document.getElementById("events-prev"), next = document.getElementById("events-next");
  if (holder.getAttribute("data-encoding") !== "gzip-base64") { start(JSON.parse(holder.textContent)); return; }
  // A large table travels compressed: unpack it, keeping the first page (drawn as HTML) until then.
  input.disabled = prev.disabled = next.disabled = true;
  if (!window.DecompressionStream) {
    label.textContent = "This browser cannot unpack the full table: open events.csv, or a newer browser";
    return;
  }
  label.textContent = "loading all rows…";
  var bytes = Uint8Array.from(atob(holder.textContent.trim()), function (c) { return c.charCodeAt(0); });
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (t) {
    input.disabled = false; start(JSON.parse(t));
  }, function () { label.textContent = "The table could not be unpacked: open events.csv"; });
  function start(data) {
  var rows = data.rows, size = data.page, page = 0, query = "";
  var body = table.tBodies[0], heads = table.tHead.rows[0].cells;
  var order = rows.map(function (_, i) { return i; }), view = order.slice(), hay = [];
  function text(row) {
    if (hay[row] === undefined) {
      var r = rows[row], parts = [r[0], r[2], r[3], r[4], r[5], r[6], r[8], r[9], r[11], r[12], r[13], r[15]];
      r[14].forEach(function (a) { parts.push(a[0], a[1]); });
      hay[row] = parts.join(" ").toLowerCase();
    }
    return hay[row];
  }
  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }
  function draw(i) {
    var r = rows[i], tr = document.createElement("tr"), td;
    tr.setAttribute("data-order", String(i));
    td = el("td", "date", r[0]); td.setAttribute("data-sort", r[1]); tr.appendChild(td);
    td = el("td", "", r[2]); td.appendChild(document.createElement("br")); td.appendChild(el("span", "muted ids", r[15]));
    tr.appendChild(td);
    td = el("td", "", r[3]);
    if (r[4] && r[4] !== r[3]) { td.appendChild(document.createElement("br")); td.appendChild(el("span", "muted", r[4])); }
    tr.appendChild(td);
    tr.appendChild(el("td", "", r[5]));
    td = el("td", "num", r[6]); tr.appendChild(td);
    td = el("td", "status"); td.appendChild(el("span", "tag " + r[8].toLowerCase(), r[8]));
    if (r[16]) { td.appendChild(document.createElement("br")); td.appendChild(el("span", "muted ids", "corrected: " + r[16].split(";").join(", "))); }
    tr.appendChild(td);
    tr.appendChild(el("td", "", r[9]));
    tr.appendChild(el("td", "num", String(r[10])));
    td = el("td", "evidence", r[11]);
    if (r[12]) { td.appendChild(el("span", "muted", " (" + r[12] + ")")); }
    if (r[13]) { td.appendChild(document.createElement("br")); td.appendChild(el("span", "muted", r[13])); }
    tr.appendChild(td);
    td = el("td", "ids");
    r[14].forEach(function (a, k) {
      if (k) { td.appendChild(document.createElement("br")); }
      if (a[0]) {
        var s = el("span", "", a[2] ? "" : a[0]); s.title = a[1];
        if (a[2]) {  // http(s) only: checked when the page was built
          var link = el("a", "", a[0]); link.href = a[2]; link.rel = "noopener noreferrer nofollow";
          link.target = "_blank"; s.appendChild(link);
        }
        td.appendChild(s);
      }
      if (a[1]) { td.appendChild(el("span", "muted", (a[0] ? " (" : "") + a[1] + (a[0] ? ")" : ""))); }
    });
    tr.appendChild(td);
    var labels = Array.prototype.map.call(heads, function (h) { return h.textContent; });
    Array.prototype.forEach.call(tr.cells, function (c, k) { c.setAttribute("data-label", labels[k]); });
    return tr;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(view.length / size));
    page = Math.min(page, pages - 1);
    var start = page * size, end = Math.min(view.length, start + size);
    body.textContent = "";
    for (var k = start; k < end; k += 1) { body.appendChild(draw(view[k])); }
    shown.textContent = String(view.length);
    label.textContent = view.length ? "rows " + (start + 1).toLocaleString("en") + "–" + end.toLocaleString("en") +
      " of " + view.length.toLocaleString("en") : "no rows match";
    prev.disabled = page === 0; next.disabled = page >= pages - 1;
  }
  function filter() {
    query = input.value.toLowerCase().trim();
    view = query ? order.filter(function (i) { return text(i).indexOf(query) !== -1; }) : order.slice();
    page = 0; render();
  }
  input.addEventListener("input", filter);
  prev.addEventListener("click", function () { page -= 1; render(); });
  next.addEventListener("click", function () { page += 1; render(); });
  Array.prototype.forEach.call(heads, function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      var key = Number(th.getAttribute("data-key")), numeric = th.getAttribute("data-type") === "num";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      order.sort(function (a, b) {
        var x = rows[a][key], y = rows[b][key], c;
        if (key === 14) { x = x.map(function (p) { return p[0]; }).join(" "); y = y.map(function (p) { return p[0]; }).join(" "); }
        if (numeric) { c = Number(x) - Number(y); } else { c = x < y ? -1 : (x > y ? 1 : 0); }
        if (c === 0) { return a - b; }
        return asc ? c : -c;
      });
      filter();
    });
  });
  render();
  }
})();
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or attributes; missing values become ''."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


def _is_local_href(href: str) -> bool:
    """True when a link stays on disk (no scheme, no protocol-relative host)."""
    text = href.strip()
    return bool(text) and not re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", text)


_WEB_URL = re.compile(r"https?://[^\s/?#\\]+[^\s]*", re.I)


def web_url(url: Any) -> bool:
    """Whether a URL from an input file may become a link: http or https, nothing else."""
    text = "" if url is None else "".join(ch for ch in str(url) if ch.isprintable()).strip()
    return bool(text) and _WEB_URL.fullmatch(text) is not None


def url_html(url: Any, label: Any = None) -> str:
    """Render a URL from an input file: a link only for http(s); javascript:, data: and anything else as escaped text."""
    text = "" if url is None else "".join(ch for ch in str(url) if ch.isprintable()).strip()
    shown = esc(label if label not in (None, "") else text)
    if not text:
        return shown
    if _WEB_URL.fullmatch(text):
        return f"<a href=\"{esc(text)}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">{shown}</a>"
    if label in (None, ""):
        return shown
    return f"{shown} <span class='muted'>({esc(text)})</span>"


def _split(value: Any) -> list[str]:
    """Split a ';'-joined cell into its non-empty parts."""
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def _claimant(name: str) -> str:
    """Readable claimant name."""
    return claimant_name(name)


def _span(row: pd.Series) -> str:
    """Readable date or date range of an event row."""
    lo, hi, day = row.get("date_low"), row.get("date_high"), row.get("date")
    if not fg.is_missing(lo) and not fg.is_missing(hi):
        return fg.fmt_span(lo, hi)
    if not fg.is_missing(day) and fg.is_missing(lo) and fg.is_missing(hi):
        return fg.fmt_day(day)
    return fg.fmt_span(lo, hi) or fg.fmt_day(day) or "undated"


def sort_dates(events: pd.DataFrame) -> list[str]:
    """ISO sort key of each event's date (low end first), '' when undated."""
    day = events["date_low"].fillna(events["date"]).fillna(events["date_high"])
    return [d.strftime("%Y-%m-%d") if not fg.is_missing(d) else "" for d in pd.to_datetime(day)]


# ----------------------------------------------------------------------------- sections


SKIPPED_LISTED = 50  # skipped files listed by name; the rest are counted by reason
DUPLICATES_LISTED = 20  # copies listed by name; articles.csv has them all
KEY_CLAIMS_LISTED = 6  # more claimed totals than this are summarised in the key figures


def key_figures(tables: Tables) -> list[str]:
    """One plain-text line per headline number (capitals, districts, troops, claims, disputes)."""
    ev = fg.clean_counts(shown(tables.events))
    etype = ev["event_type"].str.strip().str.lower()
    caps = ev[etype == "capital_entered"]
    places = {p or q for p, q in zip(caps["place"], caps["province"]) if p or q}
    fell = {p or q for p, q, o in zip(caps["place"], caps["province"], caps["outcome"])
            if (p or q) and str(o).strip().lower() == "fell"}
    lines = [f"{len(places):,} provincial {'capital' if len(places) == 1 else 'capitals'} entered, "
             f"{len(fell):,} fell"
             + (f" ({', '.join(sorted(fell))})" if 0 < len(fell) <= 12 else "")]

    dist = ev[etype == "district_seized"]
    counted_rows = dist[dist["place_type"].str.lower() == "province"]
    named = len(dist) - len(counted_rows)
    counted = counted_rows["count_low"].fillna(counted_rows["count_high"])
    n_counted = int(counted.fillna(0).sum())
    n_vague = int(counted.isna().sum())
    line = f"{named:,} {'district' if named == 1 else 'districts'} named as seized"
    if n_counted:
        line += f", plus {n_counted:,} counted in {counted.notna().sum():,} province statement(s)"
    if n_vague:
        line += f"; {n_vague:,} 'all'/'most districts' statement(s) without a number"
    lines.append(line)

    troops = ev[etype == "troops_fled"]
    if troops.empty:
        lines.append("No flights of Afghan troops reported")
    else:
        n = troops["count_low"].fillna(troops["count_high"])
        lower = bool((troops["count_low"].notna() & troops["count_high"].isna()).any() or n.isna().any())
        dests: dict[str, list[float]] = {}
        for dest, value in zip(troops["destination"], n):
            dests.setdefault(dest.strip() or "destination not stated", []).append(0.0 if pd.isna(value) else float(value))
        order = sorted(dests, key=lambda d: (-sum(dests[d]), d))
        parts = [f"{d} ({int(sum(dests[d])):,})" if sum(dests[d]) else f"{d} (number not given)" for d in order]
        total = int(n.fillna(0).sum())
        lines.append(f"{'At least ' if lower else ''}{total:,} troops and officials reported fled, "
                     f"to {', '.join(parts)}")
    tl = fg.national_tallies(tables.tallies)
    if not tl.empty:
        def claim(r: pd.Series) -> str:
            words = str(r["count_text"]).strip() or fg.fmt_count(r["count_low"], r["count_high"])
            return f"{_claimant(r['claimant'])}: {words} ({fg.fmt_day(r['date'])})"

        if len(tl) <= KEY_CLAIMS_LISTED:
            lines.append("Claimed national totals of districts held — " + "; ".join(claim(r) for _, r in tl.iterrows()))
        else:  # a large corpus: each side's latest claim, the rest in the claimed-totals section
            latest = tl.sort_values(["date", "count_low"], kind="mergesort").groupby("claimant", sort=True).tail(1)
            lines.append(f"Claimed national totals of districts held: {len(tl):,} claims; the latest of each side — "
                         + "; ".join(claim(r) for _, r in latest.sort_values("claimant", kind="mergesort").iterrows()))
    n_disputed = int((ev["status"].str.lower() == "disputed").sum())
    lines.append(f"{n_disputed:,} {'event is' if n_disputed == 1 else 'events are'} disputed "
                 "(one side asserts, another denies)")
    return lines


def _corpus_section(tables: Tables, n_mentions: int | None = None) -> str:
    """Corpus summary: articles, outlets, date span, skipped articles and why (n_mentions: else the mentions table's rows)."""
    n_mentions = len(tables.mentions) if n_mentions is None else n_mentions
    arts = tables.articles
    status = arts["status"].str.strip()
    ok = arts[status.str.lower().isin(["ok", ""])]
    skipped = arts[~status.str.lower().isin(["ok", ""])].sort_values("article_id", kind="mergesort")
    dups = arts[arts["duplicate_of"].str.strip() != ""].sort_values("article_id", kind="mergesort")
    outlets = ok["outlet"].str.strip().replace("", "outlet not stated").value_counts()
    outlet_items = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    dates = ok["published"].dropna()
    span = fg.fmt_span(dates.min(), dates.max()) if not dates.empty else "unknown"
    out = ["<section id='corpus'><h2>The corpus</h2><ul>",
           f"<li><strong>{len(arts):,}</strong> article files read; <strong>{len(ok):,}</strong> used, "
           f"<strong>{len(skipped):,}</strong> skipped"
           + (f", <strong>{len(dups):,}</strong> marked as duplicates" if len(dups) else "") + ".</li>",
           f"<li>Published: {esc(span)}.</li>",
           "<li>Outlets: " + (", ".join(f"{esc(o)} ({n})" for o, n in outlet_items) or "none stated") + ".</li>",
           f"<li>{n_mentions:,} event mentions merged into {len(tables.events):,} events; "
           f"{len(tables.tallies):,} claimed totals.</li></ul>"]
    if len(skipped):
        reasons = skipped["status"].str.replace(r"^skipped:\s*", "", regex=True).str.strip()
        out.append("<h3>Articles skipped, and why</h3><div class='table-wrap'><table><thead><tr>"
                   "<th>Article</th><th>File</th><th>Reason</th></tr></thead><tbody>")
        for (_, row), reason in zip(skipped.head(SKIPPED_LISTED).iterrows(), reasons):
            out.append(f"<tr><td class='nowrap'>{esc(row['article_id'])}</td><td>{esc(row['path'])}</td>"
                       f"<td>{esc(reason or row['status'])}</td></tr>")
        out.append("</tbody></table></div>")
        if len(skipped) > SKIPPED_LISTED:
            counts = reasons.str.replace(r"\s*\(.*$", "", regex=True).value_counts()
            out.append(f"<p class='muted'>And {len(skipped) - SKIPPED_LISTED:,} more; <code>articles.csv</code> lists "
                       "every file with its status. All skipped files by reason: "
                       + "; ".join(f"{esc(r)} ({n:,})" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
                       + ".</p>")
    else:
        out.append("<p class='muted'>No article was skipped.</p>")
    if len(dups):
        out.append("<h3>Duplicate articles</h3><ul>")
        for _, row in dups.head(DUPLICATES_LISTED).iterrows():
            out.append(f"<li>{esc(row['article_id'])} repeats {esc(row['duplicate_of'])}</li>")
        out.append("</ul>")
        if len(dups) > DUPLICATES_LISTED:
            out.append(f"<p class='muted'>And {len(dups) - DUPLICATES_LISTED:,} more; the <code>duplicate_of</code> "
                       "column of <code>articles.csv</code> names the original of every copy.</p>")
    out.append("</section>")
    return "\n".join(out)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG image from its header (1800 x 1012 when it cannot be read)."""
    if len(png) >= 24 and png[:8] == b"\x89PNG\r\n\x1a\n":
        width, height = struct.unpack(">II", png[16:24])
        return int(width), int(height)
    return 1800, 1012


def _outside_list(far: pd.DataFrame) -> str:
    """The events left off a figure's time axis, listed under it."""
    if far is None or far.empty:
        return ""
    items = "".join(f"<li>{esc(fmt_day(r['_day']))}: {esc(r['place'] or r['destination'] or r['province'])} "
                    f"<span class='muted ids'>({esc(r['event_id'])})</span> — {esc(r['evidence'])}</li>"
                    for _, r in far.head(50).iterrows())
    more = f"<li>and {len(far) - 50:,} more</li>" if len(far) > 50 else ""
    return (f"<details class='outside'><summary>{len(far):,} {'event' if len(far) == 1 else 'events'} dated far "
            f"outside the reporting window, not drawn</summary><ul>{items}{more}</ul></details>")


def _figures_section(figures: Sequence[tuple[str, str, bytes]], rel_dir: str,
                     outside: dict[str, pd.DataFrame] | None = None) -> str:
    """Embed each figure inline as a PNG data URI with its finding as caption, and what it leaves out."""
    out = ["<section id='figures'><h2>Timelines and map</h2>"]
    for stem, title, png in figures:
        data = base64.b64encode(png).decode("ascii")
        name = FIGURE_NAMES.get(stem, stem)
        width, height = png_size(png)
        out.append(
            f"<figure id='fig-{esc(stem)}'><h3>{esc(name)}</h3>"
            f"<div class='figure-scroll'><img src=\"data:image/png;base64,{data}\" alt=\"{esc(name)}: {esc(title)}\" "
            f"width=\"{width}\" height=\"{height}\"></div>"
            f"<figcaption>{esc(title)}. Files: <a href=\"{esc(rel_dir)}/{esc(stem)}.svg\">SVG</a> · "
            f"<a href=\"{esc(rel_dir)}/{esc(stem)}.png\">PNG</a></figcaption>"
            f"{_outside_list((outside or {}).get(stem, pd.DataFrame()))}</figure>")
    out.append("</section>")
    return "\n".join(out)


DISPUTED_SHOWN = 100  # disputed events shown side by side (those with the most sources); the events table has all
TALLIES_SHOWN = 200  # claimed totals listed (national ones first); tallies.csv has all


def _side_html(kind: str, items: list[tuple[str, str, str]], total: int) -> str:
    """One side of a dispute: who says so, in which article, in which words (the first SIDE_SHOWN of `total`)."""
    title = "Asserted by" if kind == "asserted" else "Denied by"
    out = [f"<div class='side {kind}'><h4>{title}</h4>"]
    if not items:
        out.append("<p class='muted'>No sentence recorded.</p>")
    for claimant, article, sentence in items[:SIDE_SHOWN]:
        who = ", ".join(_claimant(c) for c in _split(claimant)) or _claimant("unknown")
        out.append(f"<p><strong>{esc(who)}</strong>"
                   + (f" <span class='muted'>({esc(article)})</span>" if article else "")
                   + f"</p><blockquote>{esc(sentence) or '<span class=muted>no sentence</span>'}</blockquote>")
    if total > SIDE_SHOWN:
        out.append(f"<p class='muted'>And {total - SIDE_SHOWN:,} more; mentions.csv has every one.</p>")
    out.append("</div>")
    return "".join(out)


def shown_disputed(events: pd.DataFrame) -> pd.DataFrame:
    """The disputed events the page shows side by side (the DISPUTED_SHOWN with the most sources), in page order."""
    disputed = events[events["status"].str.strip().str.lower() == "disputed"].copy()
    if len(disputed) > DISPUTED_SHOWN:
        sources = disputed["n_sources"].fillna(disputed["n_articles"]).fillna(0)
        disputed = disputed.assign(_sources=sources).sort_values(
            ["_sources", "event_id"], ascending=[False, True], kind="mergesort").head(DISPUTED_SHOWN)
    disputed["_sort"] = sort_dates(disputed)
    return disputed.sort_values(["_sort", "event_type", "place", "event_id"], kind="mergesort")


def _disputed_section(tables: Tables, review: ReviewFacts) -> str:
    """Each disputed event with each side's claimant and sentence."""
    ev = tables.events
    n_disputed = int((ev["status"].str.strip().str.lower() == "disputed").sum())
    out = ["<section id='disputed'><h2>Disputed events</h2>",
           "<p class='lede'>Events that one side asserts and another denies. Both sides are shown "
           "with the sentence each article used.</p>"]
    if not n_disputed:
        out.append("<p class='muted'>No disputed events in these tables.</p></section>")
        return "\n".join(out)
    if n_disputed > DISPUTED_SHOWN:
        out.append(f"<p class='muted'>The {DISPUTED_SHOWN} disputed events reported by the most sources, of "
                   f"{n_disputed:,}; type <q>disputed</q> in the filter of <a href='#events'>All events</a> "
                   "to see every one.</p>")
    for _, event in shown_disputed(ev).iterrows():
        sides = review.dispute(str(event["event_id"]))
        asserted = [(m.claimant, m.article_id, m.sentence) for m in sides.asserted.shown]
        denied = [(m.claimant, m.article_id, m.sentence) for m in sides.denied.shown]
        n_asserted, n_denied = sides.asserted.total, sides.denied.total
        if not asserted and str(event.get("evidence", "")).strip():
            who = [c for c in _split(event.get("claimants", "")) if c not in _split(event.get("denied_by", ""))]
            asserted, n_asserted = [(";".join(who) or "unknown", event.get("evidence_article", ""), event["evidence"])], 1
        if not denied and (str(event.get("denied_by", "")).strip() or str(event.get("denial_evidence", "")).strip()):
            denied, n_denied = [(event.get("denied_by", "") or "unknown", "", event.get("denial_evidence", ""))], 1
        heading = (f"{event['place'] or event['province'] or 'Unknown place'} — "
                   f"{TYPE_LABELS.get(event['event_type'], event['event_type'])}, {_span(event)}")
        out.append(f"<article class='dispute' id='dispute-{esc(event['event_id'])}'><h3>{esc(heading)}</h3>"
                   f"<div class='disputed-grid'>{_side_html('asserted', asserted, n_asserted)}"
                   f"{_side_html('denied', denied, n_denied)}</div></article>")
    out.append("</section>")
    return "\n".join(out)


def _tallies_section(tables: Tables) -> str:
    """Claimed totals of districts held, with who claims them and the sentence."""
    tl = tables.tallies.copy()
    out = ["<section id='tallies'><h2>Claimed totals</h2>"]
    if tl.empty:
        out.append("<p class='muted'>No claimed totals in these tables.</p></section>")
        return "\n".join(out)
    tl = tl.sort_values(["date", "claimant", "article_id", "count_text"], kind="mergesort", na_position="last")
    if len(tl) > TALLIES_SHOWN:
        national = tl["scope"].str.strip().str.lower().isin(fg.NATIONAL_SCOPES)
        picked = pd.concat([tl[national], tl[~national]]).head(TALLIES_SHOWN)
        out.append(f"<p class='muted'>{TALLIES_SHOWN} of {len(tl):,} claimed totals, national ones first; "
                   "all are in <code>tallies.csv</code> and in notebook 02.</p>")
        tl = tl.loc[tl.index.isin(picked.index)]
    out.append("<div class='table-wrap'><table><thead><tr><th>Date</th><th>Claimant</th><th>Scope</th>"
               "<th>Claim</th><th>Sentence</th><th>Article</th></tr></thead><tbody>")
    for _, r in tl.iterrows():
        claim = str(r["count_text"]).strip() or fg.fmt_count(r["count_low"], r["count_high"])
        unit = str(r["unit"]).strip()
        out.append(f"<tr><td class='date'>{esc(fg.fmt_day(r['date']))}</td><td>{esc(_claimant(r['claimant']))}</td>"
                   f"<td>{esc(r['scope'])}</td><td class='nowrap'>{esc(claim)} {esc(unit)}</td>"
                   f"<td class='evidence'>{esc(r['sentence'])}</td><td class='nowrap'>{esc(r['article_id'])}</td></tr>")
    out.append("</tbody></table></div></section>")
    return "\n".join(out)


PAGE_ROWS = 100  # rows drawn per page of the events table; all rows travel as compact JSON
COMPRESS_FROM = 1_000_000  # characters of rows JSON from which it travels gzip-compressed (base64)
MAX_ARTICLES_SHOWN = 5  # article ids listed per event (the rest counted)
EVIDENCE_BUDGET = 6_000_000  # characters of evidence embedded before long sentences are shortened
HEADERS: tuple[tuple[str, int, str], ...] = (  # column title, index of its sort key in a row, kind
    ("Date", 1, "text"), ("Type and id", 2, "text"), ("Place", 3, "text"), ("Outcome", 5, "text"),
    ("Count", 7, "num"), ("Status", 8, "text"), ("Claimants", 9, "text"), ("Sources", 10, "num"),
    ("Evidence sentence", 11, "text"), ("Articles", 14, "text"),
)


def event_rows(tables: Tables) -> list[list[Any]]:
    """The events table as compact rows (the page's embedded JSON), in date order."""
    ev = fg.clean_counts(tables.events)
    if ev.empty:
        return []
    ev = ev.copy()
    ev["_sort"] = sort_dates(ev)
    ev = ev.sort_values(["_sort", "event_type", "place", "event_id"], kind="mergesort")
    meta: dict[str, str] = {}
    links: dict[str, str] = {}
    shown_ids = {aid for ids in ev["article_ids"] for aid in _split(ids)[:MAX_ARTICLES_SHOWN]}
    if not tables.articles.empty:
        urls = tables.articles["url"] if "url" in tables.articles else [""] * len(tables.articles)
        for aid, outlet, published, url in zip(tables.articles["article_id"], tables.articles["outlet"],
                                                tables.articles["published"], urls):
            if str(aid) not in shown_ids:
                continue  # only the articles an event lists are described (a million others would cost memory)
            meta.setdefault(str(aid), ", ".join(x for x in (str(outlet).strip(), fmt_day(published)) if x))
            if web_url(url):
                links.setdefault(str(aid), str(url).strip())
            elif not is_missing(url) and str(url).strip():  # any other scheme is shown as text, never a link
                text = "".join(ch for ch in str(url) if ch.isprintable()).strip()
                meta[str(aid)] = ", ".join(x for x in (meta.get(str(aid), ""), text) if x)
    total_evidence = int(ev["evidence"].str.len().sum()) + int(ev["denial_evidence"].str.len().sum())
    limit = 0 if total_evidence <= EVIDENCE_BUDGET else max(160, EVIDENCE_BUDGET // max(len(ev), 1))
    rows: list[list[Any]] = []
    for r in ev.to_dict("records"):
        count_sort = r["count_low"] if not is_missing(r["count_low"]) else (r["count_high"] if not is_missing(r["count_high"]) else -1)
        sources = r["n_sources"] if not is_missing(r["n_sources"]) else r["n_articles"]
        status = str(r["status"]).strip() or "reported"
        evidence = _shorten(str(r["evidence"]), limit)
        denial = ""
        if status.lower() == "disputed" and str(r.get("denial_evidence", "")).strip():
            denial = (f"Denied by {claimants_text(r['denied_by']) or 'another source'}: "
                      + _shorten(str(r["denial_evidence"]), limit))
        ids = _split(r["article_ids"])
        articles = [[aid, meta.get(aid, ""), links.get(aid, "")] for aid in ids[:MAX_ARTICLES_SHOWN]]
        if len(ids) > MAX_ARTICLES_SHOWN:
            articles.append(["", f"and {len(ids) - MAX_ARTICLES_SHOWN:,} more", ""])
        where = r["destination"] if r["event_type"] == "troops_fled" and str(r["destination"]).strip() else r["place"]
        corrected = str(r.get("corrected", "") if not is_missing(r.get("corrected", "")) else "")
        rows.append([
            _span(r), r["_sort"], TYPE_LABELS.get(r["event_type"], r["event_type"]), str(where), str(r["province"]),
            str(r["outcome"]), fmt_count(r["count_low"], r["count_high"]) or str(r["count_text"]),
            int(count_sort), status, claimants_text(r["claimants"]),
            0 if is_missing(sources) else int(sources), evidence, str(r.get("evidence_article", "")), denial,
            articles, str(r["event_id"]), corrected,
        ])
    return rows


def _shorten(text: str, limit: int) -> str:
    """Cut a sentence to `limit` characters (0: keep it whole), marking the cut."""
    return text if not limit or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _row_html(order: int, row: Sequence[Any]) -> str:
    """One events-table row as HTML (the same cells the page's script draws from the JSON)."""
    evidence = esc(row[11])
    if row[12]:
        evidence += f" <span class='muted'>({esc(row[12])})</span>"
    if row[13]:
        evidence += f"<br><span class='muted'>{esc(row[13])}</span>"
    arts = "<br>".join(
        (f"<span title=\"{esc(m)}\">{url_html(u, a) if u else esc(a)}</span>"
         + (f" <span class='muted'>({esc(m)})</span>" if m else ""))
        if a else f"<span class='muted'>{esc(m)}</span>" for a, m, u in row[14])
    status = esc(row[8])
    note = f"<br><span class='muted ids'>corrected: {esc(row[16].replace(';', ', '))}</span>" if row[16] else ""
    place = esc(row[3]) + (f"<br><span class='muted'>{esc(row[4])}</span>" if row[4] and row[4] != row[3] else "")
    return (f"<tr data-order='{order}'>"
            f"<td class='date' data-sort='{esc(row[1])}'>{esc(row[0])}</td>"
            f"<td>{esc(row[2])}<br><span class='muted ids'>{esc(row[15])}</span></td>"
            f"<td>{place}</td><td>{esc(row[5])}</td>"
            f"<td class='num' data-sort='{row[7]}'>{esc(row[6])}</td>"
            f"<td class='status'><span class='tag {esc(str(row[8]).lower())}'>{status}</span>{note}</td><td>{esc(row[9])}</td>"
            f"<td class='num' data-sort='{row[10]}'>{esc(row[10])}</td><td class='evidence'>{evidence}</td>"
            f"<td class='ids'>{arts}</td></tr>")


def embed_json(value: Any) -> str:
    """JSON that is safe inside a <script> element (no '<', '>' or '&' left raw)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def rows_script(data: Any) -> str:
    """The events table's data element: JSON as text, or gzip in base64 when large (the page's script unpacks it)."""
    text = embed_json(data)
    if len(text) < COMPRESS_FROM:
        return f"<script type='application/json' id='events-data'>{text}</script>"
    packed = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    return (f"<script type='application/octet-stream' id='events-data' data-encoding='gzip-base64'>"
            f"{base64.b64encode(packed).decode('ascii')}</script>")


def _events_section(tables: Tables) -> str:
    """All events in a paged, sortable, searchable table; rows travel as compact JSON, the first page as HTML."""
    rows = event_rows(tables)
    out = ["<section id='events'><h2>All events</h2>",
           "<p class='lede'>Click a column heading to sort; type to filter. Each row shows the "
           "sentence that best supports the event and the articles that report it; the event id is what a "
           "correction names.</p>"]
    if not rows:
        out.append("<p class='muted'>No events in these tables.</p></section>")
        return "\n".join(out)
    n = len(rows)
    out.append(f"<div class='search'><label for='events-search'>Filter events</label>"
               f"<input type='search' id='events-search' placeholder='place, province, claimant, word…' "
               f"autocomplete='off'><span class='muted'><span id='events-shown'>{n}</span> of {n} shown</span></div>")
    out.append("<div class='table-wrap'><table id='events-table' class='cards'><thead><tr>"
               + "".join(f"<th scope='col' data-type='{kind}' data-key='{key}'><button type='button'>{esc(title)}</button></th>"
                         for title, key, kind in HEADERS)
               + "</tr></thead><tbody>")
    out.extend(_row_html(i, row) for i, row in enumerate(rows[:PAGE_ROWS]))
    out.append("</tbody></table></div>")
    out.append(f"<div class='pager'><button type='button' id='events-prev'>Previous</button>"
               f"<span id='events-page'>rows 1–{min(n, PAGE_ROWS):,} of {n:,}</span>"
               f"<button type='button' id='events-next'>Next</button></div>")
    out.append(rows_script({"page": PAGE_ROWS, "rows": rows}))
    out.append("</section>")
    return "\n".join(out)


REVIEW_SHOWN = 200  # events listed in Needs review (the notebook lists all)


def _review_section(tables: Tables, review: ReviewFacts) -> str:
    """Needs review: the events a careful reader checks first, and undated reports, each with a corrections row."""
    items = needs_review(tables.events, review.conflicts)
    undated = review.undated
    out = ["<section id='review'><h2>Needs review</h2>",
           "<p class='lede'>What a careful reader would check first: disputed events, reports that disagree on "
           "the outcome or the number, dates uncertain by more than a week, and events with a single source. "
           "To correct one, copy its line into <code>data/corrections.csv</code> (columns target, action, value, "
           "note, by), edit it, and run <code>make report</code> again.</p>"]
    if not items:
        out.append("<p class='muted'>No event needs review.</p>")
    else:
        counts: dict[str, int] = {}
        for item in items:
            for reason in item.reasons:
                counts[reason] = counts.get(reason, 0) + 1
        out.append("<p>" + "; ".join(f"{esc(reason)}: <strong>{n:,}</strong>" for reason, n in counts.items()) + ".</p>")
        out.append("<div class='table-wrap'><table class='review cards'><thead><tr><th>Event</th><th>Why</th>"
                   "<th>Evidence</th><th>Corrections line</th></tr></thead><tbody>")
        for item in items[:REVIEW_SHOWN]:
            out.append(f"<tr><td data-label='Event'>{esc(item.what)}<br><span class='muted ids'>{esc(item.event_id)}</span></td>"
                       f"<td data-label='Why'>{esc(', '.join(item.reasons))}</td>"
                       f"<td class='evidence' data-label='Evidence'>{esc(item.evidence)}</td>"
                       f"<td class='ids' data-label='Corrections line'><code class='copy'>{esc(item.suggestion)}</code></td></tr>")
        out.append("</tbody></table></div>")
        if len(items) > REVIEW_SHOWN:
            out.append(f"<p class='muted'>And {len(items) - REVIEW_SHOWN:,} more; notebook 02 lists them all.</p>")
    out.append("<h3>Undated reports</h3>")
    if undated.empty:
        out.append("<p class='muted'>Every asserted report has a date or joined a dated event.</p>")
    else:
        out.append(f"<p>{len(undated):,} asserted {'report' if len(undated) == 1 else 'reports'} without a date joined "
                   "no event, so no timeline shows them.</p><div class='table-wrap'><table><thead><tr><th>Mention</th>"
                   "<th>Type</th><th>Place</th><th>Sentence</th></tr></thead><tbody>")
        for _, m in undated.head(REVIEW_SHOWN).iterrows():
            where = m["place"] or m["destination"]
            out.append(f"<tr><td class='ids'>{esc(m['mention_id'])}</td><td>{esc(TYPE_LABELS.get(m['event_type'], m['event_type']))}</td>"
                       f"<td>{esc(where)}</td><td class='evidence'>{esc(m['sentence'])}</td></tr>")
        out.append("</tbody></table></div>")
        if len(undated) > REVIEW_SHOWN:
            out.append(f"<p class='muted'>And {len(undated) - REVIEW_SHOWN:,} more; notebook 02 lists them all.</p>")
    unknown = unrecognised_items(tables.articles)
    if not unknown.empty:
        out.append(f"<p>{len(unknown):,} list {'item' if len(unknown) == 1 else 'items'} could not be matched to a "
                   "place, so no event was made for them: check the spelling in the article, and add it to the "
                   "gazetteer's aliases if it is a real place.</p><div class='table-wrap'><table><thead><tr>"
                   "<th>Article</th><th>Sentence</th><th>Item not recognised</th></tr></thead><tbody>")
        for _, u in unknown.head(REVIEW_SHOWN).iterrows():
            out.append(f"<tr><td class='ids'>{esc(u['article_id'])}</td><td class='num'>{int(u['sentence'])}</td>"
                       f"<td>{esc(u['item'])}</td></tr>")
        out.append("</tbody></table></div>")
    out.append("</section>")
    return "\n".join(out)


def _corrections_section(log: pd.DataFrame | None) -> str:
    """Corrections: who changed what and why, and every line that could not be applied, with the reason."""
    out = ["<section id='corrections'><h2>Corrections</h2>"]
    if log is None or log.empty:
        out.append("<p class='muted'>No corrections were applied: the corrections file is absent or empty.</p></section>")
        return "\n".join(out)
    applied = log[log["applied"] == "yes"]
    problems = log[log["applied"] != "yes"]
    out.append(f"<p><strong>{len(applied):,}</strong> of {len(log):,} corrections applied"
               + (f"; <strong class='warn'>{len(problems):,} not applied</strong> (see the reason)" if len(problems) else "")
               + ".</p><div class='table-wrap'><table><thead><tr><th>Line</th><th>Event</th><th>Change</th>"
               "<th>Why</th><th>By</th><th>Applied</th></tr></thead><tbody>")
    for _, row in log.iterrows():
        change = f"{row['action']} {row['value']}".strip()
        status = "yes" if row["applied"] == "yes" else f"no: {row['reason']}"
        out.append(f"<tr class='{'ok' if row['applied'] == 'yes' else 'problem'}'><td class='num'>{esc(row['line'])}</td>"
                   f"<td class='ids'>{esc(row['event_id'] or row['target'])}</td><td>{esc(change)}</td>"
                   f"<td>{esc(row['note'])}</td><td>{esc(row['by'])}</td><td>{esc(status)}</td></tr>")
    out.append("</tbody></table></div></section>")
    return "\n".join(out)


def _notebooks_section(pages: Sequence[tuple[str, str]]) -> str:
    """Links to each notebook's HTML page (local links only)."""
    out = ["<section id='notebooks'><h2>How the numbers were made</h2>",
           "<p class='lede'>Each step of the analysis as a notebook, rendered to HTML.</p><ul>"]
    for title, href in pages:
        if _is_local_href(href):
            out.append(f"<li><a href=\"{esc(href)}\">{esc(title)}</a></li>")
        else:
            out.append(f"<li>{esc(title)} <span class='muted'>({esc(href)})</span></li>")
    out.append("</ul></section>")
    return "\n".join(out)


def render_index(tables: Tables, figures: Sequence[tuple[str, str, bytes]], *,
                 notebook_pages: Sequence[tuple[str, str]] = DEFAULT_NOTEBOOK_PAGES,
                 figures_href: str = "figures", corrections: pd.DataFrame | None = None,
                 review: ReviewFacts | None = None) -> str:
    """Return the report page as one self-contained HTML string (no network resources).

    `review` holds what the page needs of the mentions (the review tables); without it, it is worked out from
    tables.mentions.
    """
    if review is None:
        review = review_of_tables(tables.events, tables.mentions)
    source = fg.source_line(tables.articles, tables.events)
    key = "".join(f"<li>{esc(line)}.</li>" for line in key_figures(tables))
    toc = ("<nav class='toc' aria-label='Sections'><a href='#key'>Key figures</a><a href='#corpus'>Corpus</a>"
           "<a href='#figures'>Timelines</a><a href='#disputed'>Disputed</a><a href='#tallies'>Claimed totals</a>"
           "<a href='#review'>Needs review</a><a href='#corrections'>Corrections</a>"
           "<a href='#events'>All events</a><a href='#notebooks'>Notebooks</a></nav>")
    body = "\n".join([
        "<header><h1>The Taliban's 2021 offensive, as the news reported it</h1>",
        f"<p class='lede'>Districts seized, provincial capitals entered and troops who fled, read "
        f"sentence by sentence from news articles. {esc(source)}.</p>{toc}</header>",
        f"<section id='key'><h2>Key figures</h2><ul class='key'>{key}</ul></section>",
        _corpus_section(tables, review.n_mentions),
        _figures_section(figures, figures_href, fg.outside_by_figure(tables)),
        _disputed_section(tables, review),
        _tallies_section(tables),
        _review_section(tables, review),
        _corrections_section(corrections),
        _events_section(tables),
        _notebooks_section(notebook_pages),
        f"<footer>{esc(source)}. Built by <code>analysis.present.report.build_index</code> from the tables in "
        f"<code>data/processed</code>. Article text is quoted as published.</footer>",
    ])
    return ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            "<title>Taliban offensive 2021: events from news articles</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def build_index(processed_dir: Path | str, reports_dir: Path | str, *,
                notebook_pages: Sequence[tuple[str, str]] = DEFAULT_NOTEBOOK_PAGES) -> Path:
    """Write reports_dir/index.html from the tables in processed_dir, reusing the figures saved from the same tables.

    The mentions are not loaded: the page reads the review tables the tabulate step wrote (or, in a folder
    without them, works them out reading the mentions a chunk at a time).
    """
    reports = Path(reports_dir)
    tables = load_tables(processed_dir, mentions=False, article_columns=REPORTED_ARTICLE_COLUMNS)
    review = load_review(processed_dir, disputes_of=set(shown_disputed(tables.events)["event_id"].astype(str)))
    saved = fg.make_all_figures(tables, reports / "figures")  # rejected and merged events are left out here
    embedded = [(stem, saved[stem].title, saved[stem].png.read_bytes()) for stem in fg.FIGURE_STEMS]
    page = render_index(tables, embedded, notebook_pages=notebook_pages, figures_href="figures",
                        corrections=read_log(processed_dir), review=review)
    target = reports / "index.html"
    atomic_write_text(target, page)
    return target
