"""The stakeholder page: figures inline, corpus and key figures, disputes, events table, nothing remote, text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.present import report
from analysis.tabulate.review_tables import review_of_tables
from analysis.tabulate.tables import make_tables

HOSTILE = "Residents said <script>alert(1)</script> fighters hid near <img src=x onerror=alert(1)> the bazaar."
REMOTE = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|<link\b|@import|url\(\s*["']?https?:""", re.I)


def write_tables(processed: Path) -> None:
    """A small processed folder: two capitals (one disputed), one flight, a claim, a skipped file."""
    processed.mkdir(parents=True, exist_ok=True)
    pd.DataFrame([
        dict(event_id="ce-pulikhumri", event_type="capital_entered", place="Puli Khumri", place_type="capital",
             province="Baghlan", date="2021-08-10", date_low="2021-08-10", date_high="2021-08-10", outcome="fell",
             status="reported", claimants="afghan_government", n_mentions=2, n_articles=2, n_sources=2,
             article_ids="a1;a2", evidence="Puli Khumri fell on Tuesday after government forces withdrew, a lawmaker said.",
             evidence_article="a1", mention_ids="m1;m2"),
        dict(event_id="ce-faizabad", event_type="capital_entered", place="Faizabad", place_type="capital",
             province="Badakhshan", date="2021-08-05", date_low="2021-08-05", date_high="2021-08-05",
             outcome="repelled", status="disputed", claimants="taliban;afghan_government", n_mentions=2,
             n_articles=1, n_sources=1, article_ids="a2", evidence=HOSTILE, evidence_article="a2",
             denied_by="afghan_government", denial_evidence="The governor's office said the attackers never reached the city.",
             mention_ids="m3;m4"),
        dict(event_id="tf-uz", event_type="troops_fled", place="Uzbekistan", place_type="country",
             province="Balkh", destination="Uzbekistan", date="2021-08-14", date_low="2021-08-14",
             date_high="2021-08-14", count_low=84, count_high=84, count_text="84", status="reported",
             claimants="foreign_government", n_mentions=1, n_articles=1, n_sources=1, article_ids="a2",
             evidence="Uzbek officials said 84 Afghan soldiers crossed the Friendship Bridge.", mention_ids="m5"),
    ]).to_csv(processed / "events.csv", index=False)
    pd.DataFrame([
        dict(mention_id="m3", article_id="a2", event_type="capital_entered", place="Faizabad", claimant="taliban",
             stance="asserted", sentence="A Taliban spokesman said their fighters had entered Faizabad.", char_start=10),
        dict(mention_id="m4", article_id="a2", event_type="capital_entered", place="Faizabad",
             claimant="afghan_government", stance="denied",
             sentence="The governor's office said the attackers never reached the city.", char_start=90),
        dict(mention_id="m1", article_id="a1", event_type="capital_entered", place="Puli Khumri",
             claimant="afghan_government", stance="asserted", sentence="Puli Khumri fell on Tuesday.", char_start=0),
    ]).to_csv(processed / "mentions.csv", index=False)
    pd.DataFrame([
        dict(article_id="a1", date="2021-08-11", claimant="taliban", scope="national", unit="districts",
             count_low=250, count_high=None, count_text="more than 250",
             sentence="The group claims to control more than 250 districts."),
    ]).to_csv(processed / "tallies.csv", index=False)
    pd.DataFrame([
        dict(article_id="a1", path="a1.txt", published="2021-08-11", published_source="header", outlet="Ariana News",
             n_sentences=12, status="ok"),
        dict(article_id="a2", path="a2.html", published="2021-08-15", published_source="text", outlet="Khaama Press",
             n_sentences=20, status="ok",
             warnings="list item not recognised: 'Qarabagh-e <x>' in sentence 4; 1 NUL bytes removed; "
                      "list item not recognised: \"Dur'ab\" in sentence 2"),
        dict(article_id="a3", path="a3.pdf", published="", published_source="unknown", outlet="",
             n_sentences=0, status="skipped: <b>scanned PDF</b> without text"),
    ]).to_csv(processed / "articles.csv", index=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the page once from the small tables."""
    root = tmp_path_factory.mktemp("report")
    write_tables(root / "processed")
    pages = [("01 Parse articles", "01_parse.html"), ("Elsewhere", "https://example.org/x.html")]
    path = report.build_index(root / "processed", root / "reports", notebook_pages=pages)
    return root, path, path.read_text(encoding="utf-8")


def test_index_is_written_with_the_four_figures_inline(built):
    root, path, page = built
    assert path == root / "reports" / "index.html"
    assert page.count('<img src="data:image/png;base64,') == 4
    for stem in ("districts_seized", "capitals_entered", "troops_fled", "province_map"):
        assert f'href="figures/{stem}.svg"' in page
        assert (root / "reports" / "figures" / f"{stem}.png").stat().st_size > 0
        assert (root / "reports" / "figures" / f"{stem}.svg").stat().st_size > 0
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["figures", "index.html"]


def test_corpus_summary_and_key_figures(built):
    _, _, page = built
    assert "<strong>3</strong> article files read; <strong>2</strong> used, <strong>1</strong> skipped." in page
    assert "Outlets: Ariana News (1), Khaama Press (1)." in page
    assert "Published: 11–15 Aug 2021." in page
    assert "&lt;b&gt;scanned PDF&lt;/b&gt; without text" in page
    assert "<li>2 provincial capitals entered, 1 fell (Puli Khumri).</li>" in page
    assert "<li>84 troops and officials reported fled, to Uzbekistan (84).</li>" in page
    assert "Taliban: more than 250 (11 Aug 2021)" in page
    assert "<li>1 event is disputed (one side asserts, another denies).</li>" in page


def test_disputed_section_shows_both_sides_with_sentences(built):
    _, _, page = built
    section = page[page.index("<section id='disputed'>"):page.index("<section id='tallies'>")]
    assert "Faizabad — capital entered, 5 Aug 2021" in section
    asserted = section[section.index("side asserted"):section.index("side denied")]
    denied = section[section.index("side denied"):]
    assert "<strong>Taliban</strong>" in asserted
    assert "A Taliban spokesman said their fighters had entered Faizabad." in asserted
    assert "<strong>Afghan government</strong>" in denied
    assert "The governor&#x27;s office said the attackers never reached the city." in denied
    assert "Puli Khumri" not in section


def test_events_table_is_sortable_searchable_and_shows_evidence(built):
    _, _, page = built
    table = page[page.index("<table id='events-table'"):]
    table = table[:table.index("</table>")]
    assert table.count("<tr data-order=") == 3
    assert "Uzbek officials said 84 Afghan soldiers crossed the Friendship Bridge." in table
    assert "Khaama Press, 15 Aug 2021" in table and ">a1</span>" in table
    assert "<button type='button'>Date</button>" in table
    assert "data-sort='2021-08-05'" in table
    assert "id='events-search'" in page and 'addEventListener("click"' in page and 'addEventListener("input"' in page


def test_nothing_is_loaded_from_the_network(built):
    _, _, page = built
    assert not REMOTE.search(page)
    assert page.count("<script") == 2 and page.count("<script type='application/json'") == 1 and "<script src" not in page
    assert "https://example.org" in page and 'href="https://example.org' not in page
    assert '<a href="01_parse.html">01 Parse articles</a>' in page
    assert '<meta name=\'viewport\' content=\'width=device-width, initial-scale=1\'>' in page
    assert "overflow-x:auto" in page


def test_article_text_is_escaped_never_raw(built):
    _, _, page = built
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "onerror=alert(1)>" not in page


def test_rebuilding_gives_identical_bytes(built, tmp_path):
    root, path, page = built
    again = report.build_index(root / "processed", tmp_path / "r2",
                               notebook_pages=[("01 Parse articles", "01_parse.html"), ("Elsewhere", "https://example.org/x.html")])
    assert again.read_bytes() == path.read_bytes()


def test_empty_processed_folder_still_gives_a_page(tmp_path):
    tables = make_tables()
    page = report.render_index(tables, [("capitals_entered", "Nothing", b"\x89PNG fake")], notebook_pages=[])
    assert "No disputed events in these tables." in page
    assert "No events in these tables." in page
    assert "<li>0 provincial capitals entered, 0 fell.</li>" in page
    assert "No flights of Afghan troops reported" in page
    assert page.count("data:image/png;base64,") == 1


def test_key_figures_count_lower_bounds_and_vague_seizures():
    events = pd.DataFrame([
        dict(event_type="troops_fled", destination="Tajikistan", count_low=1000, count_high=None),
        dict(event_type="troops_fled", destination="", count_low=None, count_high=None),
        dict(event_type="district_seized", place="Andar", place_type="district", province="Ghazni"),
        dict(event_type="district_seized", place="Faryab", place_type="province", count_low=4, count_high=4),
        dict(event_type="district_seized", place="Zabul", place_type="province", count_text="most districts"),
    ])
    lines = report.key_figures(make_tables(events=events))
    assert lines[1] == ("1 district named as seized, plus 4 counted in 1 province statement(s); "
                        "1 'all'/'most districts' statement(s) without a number")
    assert lines[2] == ("At least 1,000 troops and officials reported fled, to Tajikistan (1,000), "
                        "destination not stated (number not given)")


def test_unrecognised_list_items_are_read_from_article_warnings(tmp_path):
    from analysis.present.review import unrecognised_items
    from analysis.tabulate.tables import read_table

    write_tables(tmp_path)
    got = unrecognised_items(read_table(tmp_path, "articles"))
    assert got.values.tolist() == [["a2", "Dur'ab", 2], ["a2", "Qarabagh-e <x>", 4]]


def test_unrecognised_list_items_are_listed_for_review(built):
    _, _, page = built
    review = page[page.index("<section id='review'>"):page.index("</section>", page.index("<section id='review'>"))]
    assert "2 list items could not be matched to a place" in review
    assert "<td>Qarabagh-e &lt;x&gt;</td>" in review and "Qarabagh-e <x>" not in page
    assert "<td>Dur&#x27;ab</td>" in review



def test_many_claimed_totals_are_summarised_by_each_sides_latest_claim():
    rows = [dict(date=f"2021-07-{day:02d}", claimant=who, scope="national", unit="districts", count_low=n,
                 count_high=None, count_text=f"more than {n}")
            for day, who, n in [(1, "taliban", 100), (3, "taliban", 150), (9, "taliban", 210), (2, "foreign_government", 80),
                                (8, "foreign_government", 120), (4, "taliban", 170), (5, "foreign_government", 90),
                                (6, "taliban", 190)]]
    lines = report.key_figures(make_tables(events=pd.DataFrame([dict(event_type="troops_fled")]),
                                           tallies=pd.DataFrame(rows)))
    claims = next(line for line in lines if line.startswith("Claimed national totals"))
    assert claims.startswith("Claimed national totals of districts held: 8 claims; the latest of each side — ")
    assert "more than 210 (9 Jul 2021)" in claims and "more than 120 (8 Jul 2021)" in claims
    assert "more than 150" not in claims and "more than 90" not in claims


def test_long_lists_of_skipped_files_and_copies_are_cut_and_counted():
    n = report.SKIPPED_LISTED + 7
    articles = pd.DataFrame(
        [dict(article_id=f"s{k:03d}", path=f"s{k:03d}.bin", status="skipped: binary file (png)") for k in range(n)]
        + [dict(article_id=f"c{k:03d}", path=f"c{k:03d}.txt", status="ok", duplicate_of="orig")
           for k in range(report.DUPLICATES_LISTED + 3)])
    section = report._corpus_section(make_tables(articles=articles))
    assert section.count("binary file (png)</td>") == report.SKIPPED_LISTED
    assert "And 7 more; <code>articles.csv</code> lists every file" in section
    assert "All skipped files by reason: binary file (57)." in section
    assert section.count(" repeats orig</li>") == report.DUPLICATES_LISTED
    assert "And 3 more; the <code>duplicate_of</code>" in section


def test_many_disputed_events_show_those_with_most_sources_and_few_sentences_per_side():
    n = report.DISPUTED_SHOWN + 4
    events = pd.DataFrame([dict(event_id=f"ev-{k:04d}", event_type="district_seized", place=f"Place{k}", status="disputed",
                                date_low="2021-07-05", date_high="2021-07-05", n_sources=1 + k, n_articles=1 + k,
                                mention_ids=";".join(f"m{k}-{j}" for j in range(8)) if k == n - 1 else "")
                           for k in range(n)])
    mentions = pd.DataFrame([dict(mention_id=f"m{n - 1}-{j}", event_type="district_seized", place=f"Place{n - 1}",
                                  article_id=f"a{j}", stance="asserted", claimant="taliban",
                                  sentence=f"The fighters said they took the district, statement {j}.") for j in range(8)])
    tables = make_tables(events=events, mentions=mentions)
    section = report._disputed_section(tables, review_of_tables(tables.events, tables.mentions))
    assert section.count("<article class='dispute'") == report.DISPUTED_SHOWN
    assert f"The {report.DISPUTED_SHOWN} disputed events reported by the most sources, of {n:,}" in section
    assert "id='dispute-ev-0000'" not in section and f"id='dispute-ev-{n - 1:04d}'" in section  # fewest sources left out
    assert section.count("statement ") == report.SIDE_SHOWN
    assert f"And {8 - report.SIDE_SHOWN:,} more; mentions.csv has every one." in section


def test_many_claimed_totals_list_the_national_ones_first_and_say_how_many():
    n = report.TALLIES_SHOWN + 10
    rows = [dict(article_id=f"t{k}", date="2021-07-01", claimant="taliban", scope="Kunduz" if k < 20 else "national",
                 unit="districts", count_low=k, count_high=k, count_text=str(k), sentence=f"Claim {k}.") for k in range(n)]
    section = report._tallies_section(make_tables(tallies=pd.DataFrame(rows)))
    assert section.count("<tr><td class='date'>") == report.TALLIES_SHOWN
    assert f"{report.TALLIES_SHOWN} of {n:,} claimed totals, national ones first" in section
    assert "Claim 20." in section and "Claim 19." not in section  # the provincial ones went first


def test_a_large_events_table_travels_compressed_and_unpacks_to_the_same_rows(monkeypatch):
    import base64
    import gzip
    import json

    from synthetic import dense_tables

    tables = dense_tables()
    monkeypatch.setattr(report, "COMPRESS_FROM", 0)
    html = report._events_section(tables)
    found = re.search(r"<script type='application/octet-stream' id='events-data' data-encoding='gzip-base64'>([^<]*)</script>", html)
    assert found
    unpacked = json.loads(gzip.decompress(base64.b64decode(found.group(1))).decode("utf-8"))
    assert unpacked == json.loads(json.dumps({"page": report.PAGE_ROWS, "rows": report.event_rows(tables)}))
    assert report._events_section(tables) == html  # the same bytes each time (no timestamp in the gzip header)
    monkeypatch.setattr(report, "COMPRESS_FROM", 10**9)
    assert "type='application/json' id='events-data'" in report._events_section(tables)


# ----------------------------------------------------------------------------- figures drawn once


def _no_drawing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every figure-drawing function record its call instead of drawing; return the record."""
    from analysis.present import figures as fg

    called: list[str] = []
    for name in ("districts_timeline", "capitals_timeline", "troops_timeline", "province_map"):
        monkeypatch.setattr(fg, name, lambda *args, _name=name, **kwargs: called.append(_name) or fg.empty_figure("x", "y"))
    return called


def test_report_reuses_figures_saved_from_the_same_tables(tmp_path, monkeypatch):
    from analysis.present import figures as fg
    from analysis.tabulate.tables import load_tables

    processed, reports = tmp_path / "processed", tmp_path / "reports"
    write_tables(processed)
    saved = fg.make_all_figures(load_tables(processed), reports / "figures")  # what notebook 03 does
    assert all(f.drawn for f in saved.values())
    files = sorted((reports / "figures").iterdir())
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    called = _no_drawing(monkeypatch)
    page = report.build_index(processed, reports).read_text(encoding="utf-8")
    assert called == []
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted((reports / "figures").iterdir())} == before
    assert page.count('<img src="data:image/png;base64,') == 4
    assert "At least 84" in page or "84 Afghan troops" in page  # the caption comes from the sidecar


def test_reused_figures_give_the_same_page_as_drawn_ones(built, tmp_path):
    root, path, _ = built
    pages = [("01 Parse articles", "01_parse.html"), ("Elsewhere", "https://example.org/x.html")]
    reports = tmp_path / "reports"
    report.build_index(root / "processed", reports, notebook_pages=pages)
    assert (reports / "index.html").read_bytes() == path.read_bytes()
    again = report.build_index(root / "processed", reports, notebook_pages=pages)  # every figure reused
    assert again.read_bytes() == path.read_bytes()
    for stem in ("districts_seized", "capitals_entered", "troops_fled", "province_map"):
        for ext in ("png", "svg", "json"):
            name = f"{stem}.{ext}"
            assert (reports / "figures" / name).read_bytes() == (root / "reports" / "figures" / name).read_bytes()


def test_report_redraws_when_a_table_changes(tmp_path, monkeypatch):
    from analysis.present import figures as fg

    processed, reports = tmp_path / "processed", tmp_path / "reports"
    write_tables(processed)
    report.build_index(processed, reports)
    old_key = (reports / "figures" / "troops_fled.json").read_text(encoding="utf-8")
    events = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False)
    events.loc[events["event_id"] == "tf-uz", ["count_low", "count_high", "count_text"]] = ["120", "120", "120"]
    events.to_csv(processed / "events.csv", index=False)
    real_troops = fg.troops_timeline
    called: list[str] = []
    monkeypatch.setattr(fg, "troops_timeline", lambda *a, **k: called.append("troops") or real_troops(*a, **k))
    page = report.build_index(processed, reports).read_text(encoding="utf-8")
    assert called == ["troops"]
    assert (reports / "figures" / "troops_fled.json").read_text(encoding="utf-8") != old_key
    assert "120 Afghan troops" in page


def test_report_redraws_a_figure_whose_file_or_sidecar_is_gone_or_changed(tmp_path, monkeypatch):
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    write_tables(processed)
    report.build_index(processed, reports)
    figures = reports / "figures"
    png = (figures / "province_map.png").read_bytes()
    (figures / "province_map.png").write_bytes(b"not the figure")
    report.build_index(processed, reports)
    assert (figures / "province_map.png").read_bytes() == png
    (figures / "districts_seized.svg").unlink()
    (figures / "troops_fled.json").unlink()
    (figures / "capitals_entered.json").write_text("{", encoding="utf-8")
    called = _no_drawing(monkeypatch)
    report.build_index(processed, reports)
    assert sorted(called) == ["capitals_timeline", "districts_timeline", "troops_timeline"]
