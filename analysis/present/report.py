"""Stakeholder report: one self-contained reports/index.html built from the pipeline's tables."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.present import figures as fg
from analysis.tabulate.tables import Tables, load_tables
from analysis.tabulate.tables import atomic_write_text

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
TYPE_LABELS: dict[str, str] = {
    "district_seized": "district seized",
    "capital_entered": "capital entered",
    "troops_fled": "troops fled",
}
CLAIMANT_NAMES: dict[str, str] = {
    "taliban": "Taliban",
    "afghan_government": "Afghan government",
    "foreign_government": "Foreign government",
    "international_org": "International organisation",
    "residents": "Residents",
    "media": "Media",
    "unknown": "Unattributed",
}

CSS = """
:root { --ink:#1f1f1f; --muted:#5f5f5f; --line:#dddddd; --soft:#f6f6f4; --accent:#542788; --fell:#b2182b; }
* { box-sizing: border-box; }
body { margin:0; padding:1rem; color:var(--ink); background:#fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; }
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
th button { font: inherit; font-weight: 600; background:none; border:0; padding:0; cursor:pointer; color:inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.num { text-align: right; white-space: nowrap; }
td.date, td.nowrap { white-space: nowrap; }
td.evidence { min-width: 18rem; }
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
}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("events-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var input = document.getElementById("events-search");
  var shown = document.getElementById("events-shown");
  function filter() {
    var q = input.value.toLowerCase().trim(), n = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var hit = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !hit;
      if (hit) { n += 1; }
    });
    shown.textContent = String(n);
  }
  if (input) { input.addEventListener("input", filter); }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "num";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
        var c;
        if (numeric) { c = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
        else { c = x < y ? -1 : (x > y ? 1 : 0); }
        if (c === 0) { c = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); return c; }
        return asc ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
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
    return CLAIMANT_NAMES.get(name.strip().lower(), name.strip() or "Unattributed")


def _span(row: pd.Series) -> str:
    """Readable date or date range of an event row."""
    lo, hi, day = row.get("date_low"), row.get("date_high"), row.get("date")
    if not fg.is_missing(lo) and not fg.is_missing(hi):
        return fg.fmt_span(lo, hi)
    if not fg.is_missing(day) and fg.is_missing(lo) and fg.is_missing(hi):
        return fg.fmt_day(day)
    return fg.fmt_span(lo, hi) or fg.fmt_day(day) or "undated"


def _sort_date(row: pd.Series) -> str:
    """ISO sort key of an event's date (low end first), '' when undated."""
    for key in ("date_low", "date", "date_high"):
        value = row.get(key)
        if not fg.is_missing(value):
            return pd.Timestamp(value).strftime("%Y-%m-%d")
    return ""


# ----------------------------------------------------------------------------- sections


def key_figures(tables: Tables) -> list[str]:
    """One plain-text line per headline number (capitals, districts, troops, claims, disputes)."""
    ev = fg.clean_counts(tables.events)
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
        claims = [f"{_claimant(r['claimant'])}: {str(r['count_text']).strip() or fg.fmt_count(r['count_low'], r['count_high'])}"
                  f" ({fg.fmt_day(r['date'])})" for _, r in tl.iterrows()]
        lines.append("Claimed national totals of districts held — " + "; ".join(claims))
    n_disputed = int((ev["status"].str.lower() == "disputed").sum())
    lines.append(f"{n_disputed:,} {'event is' if n_disputed == 1 else 'events are'} disputed "
                 "(one side asserts, another denies)")
    return lines


def _corpus_section(tables: Tables) -> str:
    """Corpus summary: articles, outlets, date span, skipped articles and why."""
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
           f"<li>{len(tables.mentions):,} event mentions merged into {len(tables.events):,} events; "
           f"{len(tables.tallies):,} claimed totals.</li></ul>"]
    if len(skipped):
        reasons = skipped["status"].str.replace(r"^skipped:\s*", "", regex=True).str.strip()
        out.append("<h3>Articles skipped, and why</h3><div class='table-wrap'><table><thead><tr>"
                   "<th>Article</th><th>File</th><th>Reason</th></tr></thead><tbody>")
        for (_, row), reason in zip(skipped.iterrows(), reasons):
            out.append(f"<tr><td class='nowrap'>{esc(row['article_id'])}</td><td>{esc(row['path'])}</td>"
                       f"<td>{esc(reason or row['status'])}</td></tr>")
        out.append("</tbody></table></div>")
    else:
        out.append("<p class='muted'>No article was skipped.</p>")
    if len(dups):
        out.append("<h3>Duplicate articles</h3><ul>")
        for _, row in dups.iterrows():
            out.append(f"<li>{esc(row['article_id'])} repeats {esc(row['duplicate_of'])}</li>")
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _figures_section(figures: Sequence[tuple[str, str, bytes]], rel_dir: str) -> str:
    """Embed each figure inline as a PNG data URI with its finding as caption."""
    out = ["<section id='figures'><h2>Timelines and map</h2>"]
    for stem, title, png in figures:
        data = base64.b64encode(png).decode("ascii")
        name = FIGURE_NAMES.get(stem, stem)
        out.append(
            f"<figure id='fig-{esc(stem)}'><h3>{esc(name)}</h3>"
            f"<img src=\"data:image/png;base64,{data}\" alt=\"{esc(name)}: {esc(title)}\" "
            f"width=\"1800\" height=\"1012\">"
            f"<figcaption>{esc(title)}. Files: <a href=\"{esc(rel_dir)}/{esc(stem)}.svg\">SVG</a> · "
            f"<a href=\"{esc(rel_dir)}/{esc(stem)}.png\">PNG</a></figcaption></figure>")
    out.append("</section>")
    return "\n".join(out)


def _mentions_for(event: pd.Series, mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions that make up an event: by mention id, else by type, place and article."""
    ids = _split(event.get("mention_ids", ""))
    if ids and not mentions.empty:
        found = mentions[mentions["mention_id"].isin(ids)]
        if not found.empty:
            return found
    if mentions.empty:
        return mentions
    articles = set(_split(event.get("article_ids", "")))
    same = (mentions["event_type"] == event["event_type"]) & (
        mentions["place"].str.lower() == str(event["place"]).lower())
    if articles:
        same &= mentions["article_id"].isin(articles)
    return mentions[same]


def _side_html(kind: str, items: list[tuple[str, str, str]]) -> str:
    """One side of a dispute: who says so, in which article, in which words."""
    title = "Asserted by" if kind == "asserted" else "Denied by"
    out = [f"<div class='side {kind}'><h4>{title}</h4>"]
    if not items:
        out.append("<p class='muted'>No sentence recorded.</p>")
    for claimant, article, sentence in items:
        who = ", ".join(_claimant(c) for c in _split(claimant)) or _claimant("unknown")
        out.append(f"<p><strong>{esc(who)}</strong>"
                   + (f" <span class='muted'>({esc(article)})</span>" if article else "")
                   + f"</p><blockquote>{esc(sentence) or '<span class=muted>no sentence</span>'}</blockquote>")
    out.append("</div>")
    return "".join(out)


def _disputed_section(tables: Tables) -> str:
    """Each disputed event with each side's claimant and sentence."""
    ev = tables.events
    disputed = ev[ev["status"].str.strip().str.lower() == "disputed"].copy()
    out = ["<section id='disputed'><h2>Disputed events</h2>",
           "<p class='lede'>Events that one side asserts and another denies. Both sides are shown "
           "with the sentence each article used.</p>"]
    if disputed.empty:
        out.append("<p class='muted'>No disputed events in these tables.</p></section>")
        return "\n".join(out)
    disputed["_sort"] = [_sort_date(r) for _, r in disputed.iterrows()]
    disputed = disputed.sort_values(["_sort", "event_type", "place", "event_id"], kind="mergesort")
    mentions = tables.mentions
    for _, event in disputed.iterrows():
        rows = _mentions_for(event, mentions).sort_values(["article_id", "char_start", "mention_id"], kind="mergesort")
        asserted = [(r["claimant"], r["article_id"], r["sentence"]) for _, r in rows.iterrows()
                    if str(r["stance"]).strip().lower() != "denied"]
        denied = [(r["claimant"], r["article_id"], r["sentence"]) for _, r in rows.iterrows()
                  if str(r["stance"]).strip().lower() == "denied"]
        if not asserted and str(event.get("evidence", "")).strip():
            who = [c for c in _split(event.get("claimants", "")) if c not in _split(event.get("denied_by", ""))]
            asserted = [(";".join(who) or "unknown", event.get("evidence_article", ""), event["evidence"])]
        if not denied and (str(event.get("denied_by", "")).strip() or str(event.get("denial_evidence", "")).strip()):
            denied = [(event.get("denied_by", "") or "unknown", "", event.get("denial_evidence", ""))]
        heading = (f"{event['place'] or event['province'] or 'Unknown place'} — "
                   f"{TYPE_LABELS.get(event['event_type'], event['event_type'])}, {_span(event)}")
        out.append(f"<article class='dispute' id='dispute-{esc(event['event_id'])}'><h3>{esc(heading)}</h3>"
                   f"<div class='disputed-grid'>{_side_html('asserted', asserted)}{_side_html('denied', denied)}</div>"
                   "</article>")
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


def _events_section(tables: Tables) -> str:
    """All events in a sortable, searchable table with evidence sentence and source articles."""
    ev = fg.clean_counts(tables.events)
    arts = tables.articles.set_index("article_id") if not tables.articles.empty else None
    out = ["<section id='events'><h2>All events</h2>",
           "<p class='lede'>Click a column heading to sort; type to filter. Each row shows the "
           "sentence that best supports the event and the articles that report it.</p>"]
    if ev.empty:
        out.append("<p class='muted'>No events in these tables.</p></section>")
        return "\n".join(out)
    ev = ev.copy()
    ev["_sort"] = [_sort_date(r) for _, r in ev.iterrows()]
    ev = ev.sort_values(["_sort", "event_type", "place", "event_id"], kind="mergesort")
    out.append(f"<div class='search'><label for='events-search'>Filter events</label>"
               f"<input type='search' id='events-search' placeholder='place, province, claimant, word…' "
               f"autocomplete='off'><span class='muted'><span id='events-shown'>{len(ev)}</span> of {len(ev)} shown</span></div>")
    headers = [("Date", "text"), ("Type", "text"), ("Place", "text"), ("Province", "text"),
               ("Outcome", "text"), ("Count", "num"), ("Status", "text"), ("Claimants", "text"),
               ("Sources", "num"), ("Evidence sentence", "text"), ("Articles", "text")]
    out.append("<div class='table-wrap'><table id='events-table'><thead><tr>"
               + "".join(f"<th scope='col' data-type='{t}'><button type='button'>{esc(h)}</button></th>"
                         for h, t in headers)
               + "</tr></thead><tbody>")
    for order, (_, r) in enumerate(ev.iterrows()):
        count = fg.fmt_count(r["count_low"], r["count_high"])
        count_sort = r["count_low"] if not fg.is_missing(r["count_low"]) else (r["count_high"] if not fg.is_missing(r["count_high"]) else -1)
        status = str(r["status"]).strip() or "reported"
        claimants = ", ".join(_claimant(c) for c in _split(r["claimants"]))
        sources = r["n_sources"] if not fg.is_missing(r["n_sources"]) else r["n_articles"]
        art_html = []
        for aid in _split(r["article_ids"]):
            meta, url = "", ""
            if arts is not None and aid in arts.index:
                a = arts.loc[aid]
                if isinstance(a, pd.DataFrame):
                    a = a.iloc[0]
                meta = ", ".join(x for x in (str(a["outlet"]).strip(), fg.fmt_day(a["published"])) if x)
                url = str(a.get("url", "") or "")
            art_html.append(f"<span title=\"{esc(meta)}\">{url_html(url, aid) if url.strip() else esc(aid)}</span>" + (f" <span class='muted'>({esc(meta)})</span>" if meta else ""))
        evidence = esc(r["evidence"])
        if str(r.get("evidence_article", "")).strip():
            evidence += f" <span class='muted'>({esc(r['evidence_article'])})</span>"
        if status.lower() == "disputed" and str(r.get("denial_evidence", "")).strip():
            evidence += (f"<br><span class='muted'>Denied by {esc(', '.join(_claimant(c) for c in _split(r['denied_by'])) or 'another source')}:</span> "
                         f"{esc(r['denial_evidence'])}")
        where = r["destination"] if r["event_type"] == "troops_fled" and str(r["destination"]).strip() else r["place"]
        out.append(
            f"<tr data-order='{order}'>"
            f"<td class='date' data-sort='{esc(r['_sort'])}'>{esc(_span(r))}</td>"
            f"<td class='nowrap'>{esc(TYPE_LABELS.get(r['event_type'], r['event_type']))}</td>"
            f"<td>{esc(where)}</td><td>{esc(r['province'])}</td><td>{esc(r['outcome'])}</td>"
            f"<td class='num' data-sort='{esc(count_sort)}'>{esc(count or r['count_text'])}</td>"
            f"<td><span class='tag {esc(status.lower())}'>{esc(status)}</span></td>"
            f"<td>{esc(claimants)}</td>"
            f"<td class='num' data-sort='{esc(sources if not fg.is_missing(sources) else 0)}'>{esc(sources)}</td>"
            f"<td class='evidence'>{evidence}</td><td>{'<br>'.join(art_html)}</td></tr>")
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
                 figures_href: str = "figures") -> str:
    """Return the report page as one self-contained HTML string (no network resources)."""
    source = fg.source_line(tables.articles, tables.events)
    key = "".join(f"<li>{esc(line)}.</li>" for line in key_figures(tables))
    toc = ("<nav class='toc' aria-label='Sections'><a href='#key'>Key figures</a><a href='#corpus'>Corpus</a>"
           "<a href='#figures'>Timelines</a><a href='#disputed'>Disputed</a><a href='#tallies'>Claimed totals</a>"
           "<a href='#events'>All events</a><a href='#notebooks'>Notebooks</a></nav>")
    body = "\n".join([
        "<header><h1>The Taliban's 2021 offensive, as the news reported it</h1>",
        f"<p class='lede'>Districts seized, provincial capitals entered and troops who fled, read "
        f"sentence by sentence from news articles. {esc(source)}.</p>{toc}</header>",
        f"<section id='key'><h2>Key figures</h2><ul class='key'>{key}</ul></section>",
        _corpus_section(tables),
        _figures_section(figures, figures_href),
        _disputed_section(tables),
        _tallies_section(tables),
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
    """Build the figures and write reports_dir/index.html from the tables in processed_dir."""
    reports = Path(reports_dir)
    tables = load_tables(processed_dir)
    figs = fg.build_figures(tables)
    embedded: list[tuple[str, str, bytes]] = []
    for stem in fg.FIGURE_STEMS:
        png, _svg = fg.save_figure(figs[stem], reports / "figures", stem)
        embedded.append((stem, fg.figure_title(figs[stem]), png.read_bytes()))
    page = render_index(tables, embedded, notebook_pages=notebook_pages, figures_href="figures")
    target = reports / "index.html"
    atomic_write_text(target, page)
    return target
