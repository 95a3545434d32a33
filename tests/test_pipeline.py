"""The parse and tabulate steps as library calls: publication precision reaches the merge."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.pipeline import parse_corpus, tabulate_events

EARLY = """ date 2021-08-06
ZARANJ, Afghanistan -- Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, a provincial council member said.
"""
MONTHLY = """ date 2021-08
Zaranj has fallen to the Taliban, a local official told the magazine.
"""
LATE = """ date 2021-08-31
Zaranj fell to the Taliban, residents said.
"""


def run(tmp_path: Path, files: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and tabulate a small corpus in temporary folders; return the articles and events tables."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir(parents=True)
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    parse_corpus(raw, processed, workers=1, progress=False)
    tabulate_events(processed)
    return (pd.read_csv(processed / "articles.csv", dtype=str, keep_default_na=False),
            pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False))


def test_publication_precision_is_written_and_used_by_the_merge(tmp_path: Path) -> None:
    articles, events = run(tmp_path, {"early.txt": EARLY, "monthly.txt": MONTHLY, "late.txt": LATE})
    precision = dict(zip(articles["article_id"], articles["published_precision"]))
    assert precision == {"early": "day", "monthly": "month", "late": "day"}
    rows = events[["event_type", "place", "date_low", "date_high", "article_ids"]].values.tolist()
    # the month-dated magazine may have been published on August 1st: its undated report joins the entry
    # of August 6; the report dated August 31 is more than two weeks later and stays apart
    assert rows == [
        ["capital_entered", "Zaranj", "2021-08-06", "2021-08-06", "early;monthly"],
        ["capital_entered", "Zaranj", "", "2021-08-31", "late"],
    ]


def test_undated_copy_inherits_the_date_and_undated_reports_stay_in_mentions(tmp_path: Path) -> None:
    story = ("Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, a provincial council "
             "member said. Residents said the fighters took the governor's office and the police headquarters "
             "without meeting much resistance. Officials in Kabul did not comment on the report.\n")
    undated_other = "Taliban fighters captured Qala-e-Naw, the capital of Badghis province, officials said.\n"
    raw = {"a-original.txt": " date 2021-08-07\n" + story,
           "b-copy.txt": "Taliban take Zaranj\n" + story + "Source: agencies\n",
           "c-undated.txt": undated_other}
    articles, events = run(tmp_path, raw)
    rows = articles.set_index("article_id")
    assert rows.loc["b-copy", ["published", "published_precision", "published_source", "duplicate_of"]].tolist() == [
        "2021-08-07", "day", "corpus", "a-original"]
    assert "a-original" in rows.loc["b-copy", "warnings"]
    assert rows.loc["c-undated", "published"] == "" and "no date found" in rows.loc["c-undated", "warnings"]
    assert events[["place", "date_low", "date_high", "article_ids"]].values.tolist() == [
        ["Zaranj", "2021-08-06", "2021-08-06", "a-original;b-copy"]]
    mentions = pd.read_csv(tmp_path / "processed" / "mentions.csv", dtype=str, keep_default_na=False)
    by_place = dict(zip(mentions["place"], mentions["event_id"]))
    assert by_place["Qala-e-Naw"] == ""  # undated and alone: kept as a mention, no event
    assert set(mentions.loc[mentions["place"] == "Zaranj", "event_id"]) == {events["event_id"][0]}


def test_undated_articles_are_extracted_once_in_the_dating_pass(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from analysis.extract import batch

    calls: list[tuple[str, str]] = []
    original = batch.extract.extract_article

    def counting(article):  # type: ignore[no-untyped-def]
        calls.append((article.article_id, str(article.published or "")))
        return original(article)

    monkeypatch.setattr(batch.extract, "extract_article", counting)
    story = "Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, officials said.\n"
    raw = {"a.txt": " date 2021-08-07\n" + story, "b.txt": "Taliban take Zaranj\n" + story,
           "c.txt": "Taliban fighters captured Qala-e-Naw, the capital of Badghis province, officials said.\n"}
    articles, events = run(tmp_path, raw)
    # one extraction an article: the copy with the date of its original, the lone undated one without a date
    assert sorted(calls) == [("a", "2021-08-07"), ("b", "2021-08-07"), ("c", "")]
    mentions = pd.read_csv(tmp_path / "processed" / "mentions.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(mentions["article_id"], mentions["place"], mentions["date_high"])) == [
        ("a", "Zaranj", "2021-08-06"), ("b", "Zaranj", "2021-08-06"), ("c", "Qala-e-Naw", "")]
    [deferred] = batch.process_source(batch.reading.discover_files(tmp_path / "raw")[2], defer_undated=True)
    assert deferred.deferred and deferred.mentions == [] and deferred.article.status.startswith("ok")


def test_an_undated_article_over_budget_in_the_dating_pass_is_skipped_with_the_reason(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from analysis.extract import batch
    from analysis.parallel import BudgetExceeded

    original = batch.extract.extract_article

    def slow_when_undated(article):  # type: ignore[no-untyped-def]
        if article.published is None:
            raise BudgetExceeded()  # what the time limit raises when the budget runs out
        return original(article)

    monkeypatch.setattr(batch.extract, "extract_article", slow_when_undated)
    raw = {"a.txt": " date 2021-08-07\nTaliban fighters captured Zaranj on Friday, officials said.\n",
           "c.txt": "Taliban fighters captured Qala-e-Naw, the capital of Badghis province, officials said.\n"}
    articles, _ = run(tmp_path, raw)
    status = dict(zip(articles["article_id"], articles["status"]))
    assert status["a"] == "ok" and status["c"].startswith("skipped: extraction took longer than")


def corpus_dated(tmp_path: Path, text: str, corpus_day: str) -> tuple[tuple[str, str], list[list[str]]]:
    """Run an undated article beside a dated one (which gives the corpus its year); its publication date and source,
    and the events as (place, date_low, date_high)."""
    dated = f" date {corpus_day}\nOfficials met in Kabul to discuss the situation in the provinces.\n"
    articles, events = run(tmp_path, {"a.txt": dated, "b.txt": text})
    row = articles.set_index("article_id").loc["b"]
    return (row["published"], row["published_source"]), events[["place", "date_low", "date_high"]].values.tolist()


def test_corpus_date_prefers_the_reporting_day_over_a_background_clause(tmp_path: Path) -> None:
    undated = ("Fighting has raged in the province since the offensive began on July 28. "
               "Taliban fighters captured Zaranj, the capital of Nimroz province, a provincial council member "
               "said on Friday (July 9).\n")
    published, events = corpus_dated(tmp_path, undated, "2021-07-02")
    assert published == ("2021-07-09", "corpus")
    assert [e[0::2] for e in events] == [["Zaranj", "2021-07-09"]]


def test_corpus_date_takes_no_day_from_a_since_phrase_alone(tmp_path: Path) -> None:
    undated = ("Summary: the insurgents have taken at least nine provincial capitals since 5 August.\n\n"
               "Kandahar and Lashkar Gah passed under the control of the Taliban on Friday.\n")
    published, events = corpus_dated(tmp_path, undated, "2021-08-02")
    assert published == ("", "unknown")  # "since 5 August" bounds the story below; no day it reports
    assert events == []  # (a Friday counted from 5 August would have dated both falls to 30 July)


def test_a_full_date_ahead_of_the_page_does_not_date_it(tmp_path: Path) -> None:
    bulletin = ("Border status, week 28\n\n_Monday, 12 July 2021 - prepared by the operations desk for shippers and "
                "consignees of the region, not for onward publication._\n\nTorghundi: Turkmen officials said 64 Afghan "
                "border guards crossed into Turkmenistan on Friday.\n\n_Next bulletin: Monday 19 July 2021._\n")
    articles, events = run(tmp_path, {"a.txt": bulletin})
    assert articles.loc[0, "published"] == "2021-07-12"  # not the next bulletin's day
    assert events[["destination", "date_low", "count_low"]].values.tolist() == [["Turkmenistan", "2021-07-09", "64"]]


def test_an_old_card_on_a_page_of_cards_does_not_date_it(tmp_path: Path) -> None:
    cards = ("Afghanistan - Topic | Headline Desk\n\nTop stories, updated automatically.\n\n"
             "Border agency: 300 soldiers crossed on Tuesday\nThey came from Yamgan, which the Taliban took on "
             "Tuesday 6 July.\nPamir Courier · 4 weeks ago\n\n"
             "Kunduz airport: soldiers lay down arms\nSeveral hundred soldiers at Kunduz airport surrendered on "
             "Wednesday, the movement said.\nNorth Desk · 5 days ago\n")
    published, events = corpus_dated(tmp_path, cards, "2021-07-02")
    assert published == ("", "unknown")  # 6 July is told on a card four weeks older than the page
    assert events == []  # (and an undated report makes no event of its own)


def test_a_recent_card_still_dates_a_page_of_cards(tmp_path: Path) -> None:
    cards = ("Afghanistan - Topic | Headline Desk\n\n"
             "Kunduz falls\nThe Taliban captured Kunduz city on Aug. 8, officials said.\nNorth Desk · 3 hours ago\n\n"
             "Yamgan taken\nThe Taliban took Yamgan on Tuesday 6 July.\nPamir Courier · 5 weeks ago\n")
    published, events = corpus_dated(tmp_path, cards, "2021-07-02")
    assert published == ("2021-08-08", "corpus")  # the day of the card hours old


def test_a_slashed_date_read_by_its_format_note_dates_the_page(tmp_path: Path) -> None:
    bulletin = ("Northern Clinics Bulletin - Issue 4\nReleased Thursday 08/07/2021 (dd/mm/yyyy)\n\n"
                "Khulm district came under Taliban control on Tuesday, partners said.\n")
    articles, events = run(tmp_path, {"a.txt": bulletin})
    assert articles.loc[0, "published"] == "2021-07-08"  # not 7 August
    assert events[["place", "date_low", "date_high"]].values.tolist() == [["Khulm", "2021-07-06", "2021-07-06"]]


def test_a_slashed_date_with_a_time_zone_before_its_format_note_dates_the_page(tmp_path: Path) -> None:
    wire = ("STEPPE WIRE -- WORLD DESK\n06/07/2021 09:40 GMT (dd/mm/yyyy)\n\n"
            "Qaisar district came under Taliban control on Sunday, officials said.\n")
    articles, events = run(tmp_path, {"a.txt": wire})
    assert articles.loc[0, "published"] == "2021-07-06"  # not 7 June: the note reads past the time and its zone
    assert events[["place", "date_low", "date_high"]].values.tolist() == [["Qaisar", "2021-07-04", "2021-07-04"]]


def test_a_place_heading_is_the_city_its_section_refers_to(tmp_path: Path) -> None:
    roundup = (" date 2021-07-08\nField round-up\n\nStaff travelling to Kabul must fly until further notice.\n\n"
               "MAIMANA (Faryab)\nA hard day. On Wednesday afternoon fighters got into the city from the east and "
               "reached the bazaar.\n")
    articles, events = run(tmp_path, {"a.txt": roundup})
    assert events[["event_type", "place", "date_low"]].values.tolist() == [["capital_entered", "Maimana", "2021-07-07"]]


def test_a_masthead_with_a_dash_is_no_dateline(tmp_path: Path) -> None:
    wire = ("Orient Star News Agency (OSNA) - English Service\n\nTaliban take two Ghazni districts\n\n"
            "KABUL, July 16 (OSNA) -- Muqur fell to the Taliban on Tuesday, a provincial council member said. "
            "Fighting had begun on July 2 in the villages around it.\n")
    assert corpus_dated(tmp_path, wire, "2021-07-02") == (
        ("2021-07-16", "corpus"), [["Muqur", "2021-07-13", "2021-07-13"]])  # the dateline's day, not a later line's


def test_corpus_date_takes_a_year_less_dateline_first(tmp_path: Path) -> None:
    wire = ("Taliban take Ghor capital\n\nCHAGHCHARAN, Afghanistan, Aug 13 (Wire) - The Taliban captured Chaghcharan "
            "on Thursday, officials said. Fighting had begun on July 30 in the hills outside the city.\n")
    assert corpus_dated(tmp_path, wire, "2021-08-02") == (
        ("2021-08-13", "corpus"), [["Chaghcharan", "2021-08-12", "2021-08-12"]])


def test_corpus_date_reads_a_dateline_opening_the_first_sentence_of_a_write_through(tmp_path: Path) -> None:
    wire = ("STEPPE WIRE -- WORLD DESK\nAFGHANISTAN-NORTH/ (WRITETHROUGH)\n\nUPDATE 1-Taliban take Kohsan crossing\n\n"
            "(Adds governor's statement in paragraph 4; corrects spelling of Kohsan)\n\n"
            "HERAT, Afghanistan, July 8 (SW) - The Taliban captured Kohsan district on Thursday, officials said. "
            "In Badghis, Qadis had gone on 1 July.\n")
    assert corpus_dated(tmp_path, wire, "2021-07-02") == (  # the dateline's day, not an earlier fall's
        ("2021-07-08", "corpus"), [["Qadis", "2021-07-01", "2021-07-01"], ["Kohsan", "2021-07-08", "2021-07-08"]])


def test_corpus_date_reads_a_year_less_dateline_with_its_weekday(tmp_path: Path) -> None:
    wire = ("Soldiers flee as Badakhshan districts fall\n\nKABUL, Monday, July 5 - The Taliban took Ishkashim on "
            "Sunday, officials said. The offensive began on May 1.\n")
    assert corpus_dated(tmp_path, wire, "2021-07-20") == (
        ("2021-07-05", "corpus"), [["Ishkashim", "2021-07-04", "2021-07-04"]])


def test_year_less_dateline_under_a_headline_outranks_later_month_days_in_the_text(tmp_path: Path) -> None:
    wire = ("Fighters overrun two districts in Nuristan, close in on Parun\n\nJALALABAD, June 23 (Wire) - Taliban "
            "fighters overran Kamdesh district on Tuesday, officials said on Wednesday.\n\nThe offensive began after "
            "Washington said it would withdraw all its troops by September 11.\n")
    assert corpus_dated(tmp_path, wire, "2021-07-02") == (
        ("2021-06-23", "corpus"),
        [["Kamdesh", "2021-06-22", "2021-06-22"], ["Nuristan", "", "2021-06-23"]])  # the headline's "two districts"


def test_corpus_date_passes_over_a_deadline_ahead(tmp_path: Path) -> None:
    undated = ("The Taliban captured Farah city on August 10, a provincial council member said.\n\n"
               "The United States is due to complete its withdrawal by August 31.\n")
    assert corpus_dated(tmp_path, undated, "2021-08-02") == (
        ("2021-08-10", "corpus"), [["Farah", "2021-08-10", "2021-08-10"]])


@pytest.mark.parametrize(("text", "published"), [
    ("UPDATE 2-Taliban take Gardez and Asadabad\n\n* Two capitals fall in a day\n* Kabul braces\n* Airport crowded\n\n"
     "KABUL, Aug 14 (Wire) - Gardez fell on Saturday, officials said. The offensive began after the withdrawal "
     "started on May 1.\n", "2021-08-14"),  # a dateline under bullet points
    ("Governor: the city is cleared\n\nQala-e-Naw, Thursday, 8 July\n\n[Notes typed during a press conference.]\n\n"
     "The police said fighting had stopped in the districts on 2 July.\n", "2021-07-08"),  # a date line of its own
    ("A timeline of my own\n\nIn Ghor, Shahrak fell on 9 July, officials said.\n\nCapitals that fell\n"
     "Aug 6 - Zaranj\nAug 12 - Ghazni\n", "2021-08-12"),  # timeline lines are reported days
    ("DUSHANBE, July 6. /Agency/. More than 1,000 Afghan servicemen crossed into Tajikistan overnight.\n\n"
     "The movement is banned by a court decision of 14 February 2003.\n", "2021-07-06"),  # not the old ruling's day
])
def test_corpus_dates_from_datelines_date_lines_and_timeline_lines(tmp_path: Path, text: str, published: str) -> None:
    assert corpus_dated(tmp_path, text, "2021-07-02")[0] == (published, "corpus")


def test_event_ids_stay_when_articles_about_other_events_are_added(tmp_path: Path) -> None:
    _, first = run(tmp_path / "one", {"early.txt": EARLY, "late.txt": LATE})
    other = """ date 2021-08-10
Taliban fighters captured Sheberghan, the capital of Jowzjan province, on Monday, officials said.
"""
    _, second = run(tmp_path / "two", {"early.txt": EARLY, "late.txt": LATE, "aaa-other.txt": other})
    kept = dict(zip(first["date_high"], first["event_id"]))
    again = dict(zip(second["date_high"], second["event_id"]))
    assert all(again[k] == v for k, v in kept.items())
    assert len(second) == len(first) + 1


def test_corpus_passes_see_compact_records_and_dask_equals_one_process(tmp_path: Path) -> None:
    import shutil

    import distributed

    from analysis.pipeline import iter_results
    from analysis.paths import RAW_DIR

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    first = sorted(raw.glob("*.txt"))[0].read_text(encoding="utf-8").splitlines()
    (raw / "zz-undated-copy.txt").write_text("\n".join(line for line in first if not line.startswith(" date")) + "\n",
                                            encoding="utf-8")
    results = list(iter_results(raw, workers=1, progress=False))
    assert results and all(r.article.text == "" and r.article.sentences == () for r in results)
    assert all(isinstance(r.sketch, bytes) and len(r.bands) == 32 * 8 for r in results if r.article.status.startswith("ok"))
    parse_corpus(raw, tmp_path / "one", workers=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        parse_corpus(raw, tmp_path / "dask", dask_address=cluster.scheduler_address, progress=False)
    for table in ("articles.csv", "interim/mentions_raw.csv", "interim/tallies_raw.csv"):
        assert (tmp_path / "one" / table).read_bytes() == (tmp_path / "dask" / table).read_bytes(), table
    articles = pd.read_csv(tmp_path / "one" / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    assert articles.loc["zz-undated-copy", "published_source"] == "corpus"
    assert articles.loc["zz-undated-copy", "duplicate_of"] != ""


def test_tables_built_in_chunks_are_byte_identical(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from analysis import pipeline
    from analysis.paths import RAW_DIR

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    for name, chunk in (("whole", 10**9), ("chunked", 3)):
        monkeypatch.setattr(pipeline, "FRAME_CHUNK", chunk)
        parse_corpus(raw, tmp_path / name, workers=1, progress=False)
        tabulate_events(tmp_path / name)
    tables = ["articles.csv", "mentions.csv", "events.csv", "tallies.csv", "interim/mentions_raw.csv"]
    assert pd.read_csv(tmp_path / "whole" / "mentions.csv").shape[0] > 3 * 3  # several chunks' worth
    for table in tables:
        assert (tmp_path / "whole" / table).read_bytes() == (tmp_path / "chunked" / table).read_bytes(), table


def test_tables_written_a_chunk_at_a_time_are_the_bytes_of_one_piece(tmp_path: Path) -> None:
    import io

    from analysis.tabulate import tables as tb

    rows = [dict(mention_id=f"m{i}", article_id=f"a{i % 7}", event_type="district_seized",
                 place="=cmd" if i % 11 == 0 else f"Place {i}", date_low="2021-08-0%d" % (1 + i % 9) if i % 3 else None,
                 count_low=i if i % 2 else None, latitude=34.5 + i / 1000 if i % 4 else None,
                 sentence=f"Line {i}\r\nwith a break" if i % 13 == 0 else f"Sentence {i}.")
            for i in range(101)]
    frame = tb.records_frame(rows, tb.MENTION_COLUMNS)
    for chunk in (1, 10, 100, 1000):
        out = io.BytesIO()
        tb.write_csv_rows(frame, out, chunk)
        assert out.getvalue() == tb.frame_csv_bytes(frame), chunk
    written = tb.write_tables({"mentions": frame}, tmp_path, parquet=True)
    assert [p.name for p in written] == ["mentions.csv", "mentions.parquet"]
    assert (tmp_path / "mentions.csv").read_bytes() == tb.frame_csv_bytes(frame)
    assert (tmp_path / "mentions.parquet").read_bytes() == tb.frame_parquet_bytes(frame)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentions.csv", "mentions.parquet"]  # no temporary left


def test_release_freed_memory_is_harmless() -> None:
    from analysis.parallel import release_freed_memory

    release_freed_memory()
    release_freed_memory()


def test_parse_spool_is_removed_and_its_chunk_size_changes_no_byte(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from analysis import pipeline
    from analysis.ingest import duplicates as dedup
    from analysis.paths import RAW_DIR
    from analysis.tabulate import tables

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setattr(pipeline, "PARQUET_FROM_ARTICLES", 1)  # Parquet too, from the spool
    for name, spool_chunk, frame_chunk, row_group in (("big", 10**9, 10**9, 10**9), ("tiny", 1, 2, 3)):
        monkeypatch.setattr(pipeline, "SPOOL_CHUNK", spool_chunk)
        monkeypatch.setattr(pipeline, "FRAME_CHUNK", frame_chunk)
        monkeypatch.setattr(tables, "PARQUET_ROW_GROUP", row_group)
        monkeypatch.setattr(dedup, "BAND_BLOCK", row_group)  # shared band keys found a few keys at a time
        parse_corpus(raw, tmp_path / name, workers=1, progress=False)
        assert sorted(p.name for p in (tmp_path / name / "interim").iterdir()) == [
            "mentions_raw.csv", "mentions_raw.parquet", "tallies_raw.csv", "tallies_raw.parquet"]  # no spool left
    for table in ("articles.csv", "interim/mentions_raw.csv", "interim/tallies_raw.csv"):
        assert (tmp_path / "big" / table).read_bytes() == (tmp_path / "tiny" / table).read_bytes(), table
    assert pd.read_csv(tmp_path / "big" / "interim" / "mentions_raw.csv").shape[0] > 3 * 2
    for table in ("articles", "interim/mentions_raw", "interim/tallies_raw"):  # row groups of 3 rows, same rows
        big, tiny = (pd.read_parquet(tmp_path / name / f"{table}.parquet") for name in ("big", "tiny"))
        pd.testing.assert_frame_equal(big, tiny)


def test_parse_spool_is_removed_when_writing_fails(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from analysis import pipeline

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "early.txt").write_text(EARLY, encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "corpus_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        parse_corpus(raw, tmp_path / "processed", workers=1, progress=False)
    assert list((tmp_path / "processed" / "interim").iterdir()) == []  # neither spool nor temporary table left
    assert not (tmp_path / "processed" / "articles.csv").exists()


def test_streamed_parquet_equals_a_whole_write_when_a_text_column_fills_late(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from analysis import pipeline
    from analysis.tabulate import tables

    # a text column empty in the first row group: the Parquet schema guessed from it is wrong, and the tables are written again
    monkeypatch.setattr(tables, "PARQUET_ROW_GROUP", 1024 * 1024)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a-undated.txt").write_text("Taliban fighters captured Zaranj, the capital of Nimroz province, officials said.\n",
                                       encoding="utf-8")
    (raw / "b-early.txt").write_text(EARLY, encoding="utf-8")
    monkeypatch.setattr(pipeline, "PARQUET_FROM_ARTICLES", 1)
    parse_corpus(raw, tmp_path / "whole", workers=1, progress=False)
    monkeypatch.setattr(tables, "PARQUET_ROW_GROUP", 1)
    monkeypatch.setattr(pipeline, "FRAME_CHUNK", 1)
    parse_corpus(raw, tmp_path / "groups", workers=1, progress=False)
    mentions = pd.read_parquet(tmp_path / "groups" / "interim" / "mentions_raw.parquet")
    assert mentions["date_low"].tolist()[0] is None and mentions["date_low"].notna().any()
    for table in ("articles", "interim/mentions_raw"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "whole" / f"{table}.parquet"),
                                      pd.read_parquet(tmp_path / "groups" / f"{table}.parquet"))


BANNER_BODIES = (
    "Fighting raged in Helmand province on Monday as government forces shelled positions near Lashkar Gah, residents said.",
    "The United Nations said it was alarmed by reports of civilian casualties in Kandahar and urged restraint.",
    "Officials in Kabul met foreign envoys to discuss the security situation in the north, a ministry statement said.",
    "Hundreds of families fled their homes in Badghis as the fighting approached, according to aid agencies.",
    "Prices of flour and fuel rose sharply in Herat after the road to the border was cut, traders said.",
)


def test_banner_lines_found_by_digest_are_dropped_whatever_the_spool_chunk(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from analysis import pipeline
    from analysis.ingest import corpus

    banner = "Taliban fighters captured Zaranj, the capital of Nimroz province."
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, body in enumerate(BANNER_BODIES):
        (raw / f"a{i}.txt").write_text(f" date 2021-08-{10 + i}\n{body}\n{banner}\n", encoding="utf-8")
    # undated: dated from its own text and read again; its banner line is that second reading's
    (raw / "b-undated.txt").write_text("Taliban fighters captured Sheberghan, the capital of Jowzjan province, on Aug. 6, "
                                       f"officials said.\n{banner}\n", encoding="utf-8")
    for name, chunk in (("big", 10**9), ("tiny", 1)):
        monkeypatch.setattr(pipeline, "SPOOL_CHUNK", chunk)
        parse_corpus(raw, tmp_path / name, workers=1, progress=False)
    monkeypatch.setattr(corpus, "line_digest", lambda key: bytes(8))  # every line one digest: still only real banners
    parse_corpus(raw, tmp_path / "collide", workers=1, progress=False)
    articles = pd.read_csv(tmp_path / "big" / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    assert articles["warnings"].str.contains("read as boilerplate").sum() == 6
    assert articles.loc["b-undated", "published_source"] == "corpus"
    mentions = pd.read_csv(tmp_path / "big" / "interim" / "mentions_raw.csv", dtype=str, keep_default_na=False)
    assert mentions["place"].tolist() == ["Sheberghan"]
    for table in ("articles.csv", "interim/mentions_raw.csv", "interim/tallies_raw.csv"):
        assert (tmp_path / "big" / table).read_bytes() == (tmp_path / "tiny" / table).read_bytes(), table
        assert (tmp_path / "big" / table).read_bytes() == (tmp_path / "collide" / table).read_bytes(), table


def test_an_undated_article_s_history_is_past_from_the_corpus_dates(tmp_path: Path) -> None:
    """An undated explainer's 'first took Kabul in 1996' lies wholly 180 days before the corpus's first publication:
    history (modality past), no event; its dated-by-nothing report of this offensive stays an undated mention."""
    explainer = ("The movement first seized Kabul in 1996 and held it until 2001.\n\n"
                 "This summer its fighters overran Chimtal district in Balkh, residents said.\n")
    articles, events = run(tmp_path, {"dated.txt": EARLY, "explainer.txt": explainer})
    mentions = pd.read_csv(tmp_path / "processed" / "mentions.csv", dtype=str, keep_default_na=False)
    kabul = mentions[mentions["place"] == "Kabul"]
    assert kabul[["date_low", "date_high", "modality", "event_id"]].values.tolist() == [
        ["1996-01-01", "1996-12-31", "past", ""]]
    assert events["place"].tolist() == ["Zaranj"]
    assert mentions.loc[mentions["place"] == "Chimtal", "modality"].tolist() == ["asserted"]


def test_each_step_names_its_stages_as_they_end_and_the_benchmark_names_the_same(tmp_path: Path) -> None:
    from benchmarks.bench import PHASES

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for name, text in {"early.txt": EARLY, "late.txt": LATE}.items():
        (raw / name).write_text(text, encoding="utf-8")
    laps: list[tuple[str, bool, bool]] = []  # stage, articles.csv written yet, events.csv written yet

    def lap(stage: str) -> None:
        laps.append((stage, (processed / "articles.csv").exists(), (processed / "events.csv").exists()))

    summary = parse_corpus(raw, processed, workers=1, progress=False, lap=lap)
    assert summary.n_files == 2 and summary.n_articles == 2
    tabulate_events(processed, lap=lap)
    assert laps == [("read+extract", False, False), ("near-duplicates", False, False), ("corpus dating", False, False),
                    ("parse tables", True, False), ("merge", True, False), ("event tables", True, True)]
    assert [stage for stage, _, _ in laps] == [*PHASES["parse"], *PHASES["tabulate"]]
