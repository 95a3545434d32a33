"""Analysts' corrections: each action applied, bad rows reported (never ignored, never a crash), figures and key figures skip rejected events."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.present import figures as fg
from analysis.present import report
from analysis.present.review import needs_review
from analysis.tabulate import corrections as cx
from analysis.tabulate.review_tables import review_of_tables, undated_reports
from analysis.tabulate.tables import load_tables, make_tables


def events_frame() -> pd.DataFrame:
    """Four events: two capital entries, a district seizure and a flight."""
    base = dict(status="reported", n_mentions=1, n_articles=1, n_sources=1, claimants="media", count_text="",
                destination="", outcome="", evidence="A sentence written for this test.")
    return pd.DataFrame([
        dict(base, event_id="ce-kunduz", event_type="capital_entered", place="Kunduz", place_type="capital",
             province="Kunduz", date="2021-08-08", date_low="2021-08-08", date_high="2021-08-08", outcome="fell",
             article_ids="a1", mention_ids="m1;m2", n_mentions=2),
        dict(base, event_id="ce-kunduz-2", event_type="capital_entered", place="Kunduz", place_type="capital",
             province="Kunduz", date="2021-08-09", date_low="2021-08-09", date_high="2021-08-09", outcome="unknown",
             article_ids="a2", mention_ids="m3"),
        dict(base, event_id="ds-imam-sahib", event_type="district_seized", place="Imam Sahib", place_type="district",
             province="Kunduz", date="", date_low="2021-07-01", date_high="2021-07-20", article_ids="a1", mention_ids="m4"),
        dict(base, event_id="tf-1", event_type="troops_fled", place="", place_type="", province="Badakhshan",
             destination="Tajikistan", date="2021-07-05", date_low="2021-07-05", date_high="2021-07-05",
             count_low=300, count_high=300, count_text="300", article_ids="a3", mention_ids="m5"),
    ])


def write_processed(folder: Path) -> Path:
    """A processed folder with the events above, their mentions and two articles."""
    folder.mkdir(parents=True, exist_ok=True)
    events_frame().to_csv(folder / "events.csv", index=False)
    pd.DataFrame([
        dict(mention_id=m, article_id="a1", event_type="capital_entered", place="Kunduz", stance="asserted",
             sentence=f"Sentence of {m}.", date_low="2021-08-08", date_high="2021-08-08")
        for m in ("m1", "m2", "m3", "m4", "m5")
    ]).to_csv(folder / "mentions.csv", index=False)
    pd.DataFrame([dict(article_id="a1", path="a1.txt", published="2021-08-10", status="ok", outlet="Test Wire"),
                  dict(article_id="a2", path="a2.txt", published="2021-08-11", status="ok", outlet="Test Wire")]
                 ).to_csv(folder / "articles.csv", index=False)
    return folder


def write_corrections(path: Path, lines: list[str]) -> Path:
    """A corrections file with the given data lines under the standard header."""
    path.write_text("target,action,value,note,by\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def applied(tmp_path, capsys):
    """One correction of each action (plus bad rows) applied to the processed folder."""
    processed = write_processed(tmp_path / "processed")
    corrections = write_corrections(tmp_path / "corrections.csv", [
        "ce-kunduz-2,merge_into,ce-kunduz,same entry reported a day later,AB",
        "m4,set_date,2021-07-12,the district chief gave the day,AB",
        "ds-imam-sahib,set_place,Khanabad,the article names Khanabad,CD",
        "ce-kunduz,set_outcome,contested,fighting went on inside the city,CD",
        "tf-1,set_count,>=1000,the later report says more than 1000,EF",
        "tf-1,reject,,not a flight: a historical reference,EF",
        "ev-gone,reject,,an id from an older run,GH",
        "ce-kunduz,set_date,2021-13-40,typo,GH",
        "ce-kunduz,set_outcome,captured,not a known outcome,GH",
        "ce-kunduz,teleport,,unknown action,GH",
        ",reject,,no target,GH",
        "ce-kunduz,merge_into,tf-1,different types,GH",
    ])
    summary = cx.correct_tables(processed, corrections)
    return processed, summary, capsys.readouterr().err


def test_each_action_changes_the_event_and_lists_the_corrected_fields(applied):
    processed, summary, _ = applied
    raw = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False).set_index("event_id")
    assert raw.loc["ce-kunduz-2", "status"] == "merged"
    assert raw.loc["ce-kunduz-2", "corrected"] == "merged_into:ce-kunduz"
    assert raw.loc["ce-kunduz", "mention_ids"] == "m1;m2;m3" and raw.loc["ce-kunduz", "article_ids"] == "a1;a2"
    assert raw.loc["ce-kunduz", "n_mentions"] == "3" and raw.loc["ce-kunduz", "n_articles"] == "2"
    assert raw.loc["ce-kunduz", "outcome"] == "contested"
    assert raw.loc["ce-kunduz", "corrected"] == "mention_ids;article_ids;outcome"
    assert (raw.loc["ds-imam-sahib", "date_low"], raw.loc["ds-imam-sahib", "date_high"], raw.loc["ds-imam-sahib", "date"]) == \
        ("2021-07-12", "2021-07-12", "2021-07-12")
    assert raw.loc["ds-imam-sahib", "place"] == "Khanabad" and raw.loc["ds-imam-sahib", "province"] == "Kunduz"
    assert raw.loc["ds-imam-sahib", "corrected"] == "date;date_low;date_high;place;province"
    assert (raw.loc["tf-1", "count_low"], raw.loc["tf-1", "count_high"], raw.loc["tf-1", "status"]) == ("1000", "", "rejected")
    assert raw.loc["tf-1", "corrected"] == "count;status"
    assert summary.n_applied == 6


def test_bad_rows_are_logged_with_a_reason_and_printed(applied):
    processed, summary, err = applied
    log = pd.read_csv(processed / "corrections.csv", dtype=str, keep_default_na=False)
    assert list(log.columns) == cx.LOG_COLUMNS
    assert list(log["applied"]) == ["yes"] * 6 + ["no"] * 6
    reasons = dict(zip(log["line"], log["reason"]))
    assert "no event or mention 'ev-gone'" in reasons["8"]
    assert "not a real day" in reasons["9"]
    assert "'captured' is not one of fell, repelled, contested, unknown" in reasons["10"]
    assert "unknown action 'teleport'" in reasons["11"]
    assert "target is empty" in reasons["12"]
    assert "is a troops_fled, not a capital_entered" in reasons["13"]
    assert log.loc[log["line"] == "3", "event_id"].item() == "ds-imam-sahib"  # reached through its mention id
    assert "6 of 12 applied" in err
    for line in ("8", "9", "10", "11", "12", "13"):
        assert f"correction on line {line} " in err


def test_rejected_and_merged_events_leave_figures_and_key_figures(applied):
    processed, _, _ = applied
    tables = load_tables(processed)
    lines = report.key_figures(tables)
    assert lines[0].startswith("1 provincial capital entered, 0 fell")
    assert lines[2] == "No flights of Afghan troops reported"
    figs = fg.build_figures(tables)
    assert fg.NO_EVENTS in [t.get_text() for t in figs["troops_fled"].findobj(lambda a: hasattr(a, "get_text"))]
    assert figs["capitals_entered"].get_suptitle().startswith("1 provincial capital entered")


def test_report_lists_corrections_and_their_problems(applied, tmp_path):
    processed, _, _ = applied
    page = report.build_index(processed, tmp_path / "reports", notebook_pages=[]).read_text(encoding="utf-8")
    section = page[page.index("<section id='corrections'>"):page.index("<section id='events'>")]
    assert "<strong>6</strong> of 12 corrections applied" in section and "6 not applied" in section
    assert "fighting went on inside the city" in section and "no: unknown action &#x27;teleport&#x27;" in section
    assert section.count("<tr class='problem'>") == 6
    assert "rejected" in page[page.index("<section id='events'>"):]


def test_absent_file_means_no_corrections_and_an_empty_log(tmp_path, capsys):
    processed = write_processed(tmp_path / "processed")
    before = (processed / "events.csv").read_text(encoding="utf-8")
    summary = cx.correct_tables(processed, tmp_path / "none.csv")
    assert summary.outcomes == [] and capsys.readouterr().err == ""
    after = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False)
    assert list(after["corrected"]) == [""] * 4
    assert after.drop(columns="corrected").to_csv(index=False) == pd.read_csv(
        pd.io.common.StringIO(before), dtype=str, keep_default_na=False).to_csv(index=False)
    assert pd.read_csv(processed / "corrections.csv").empty


def test_a_file_without_the_columns_is_reported_not_ignored(tmp_path, capsys):
    processed = write_processed(tmp_path / "processed")
    bad = tmp_path / "bad.csv"
    bad.write_text("event;what\nce-kunduz;reject\n", encoding="utf-8")
    summary = cx.correct_tables(processed, bad)
    assert len(summary.problems) == 1 and "no column target or action" in summary.problems[0].reason
    assert "not applied" in capsys.readouterr().err


def test_correcting_twice_gives_the_same_bytes(tmp_path):
    processed = write_processed(tmp_path / "processed")
    corrections = write_corrections(tmp_path / "c.csv", ["tf-1,reject,,wrong,AB", "ce-kunduz,set_count,120-150,x,AB"])
    cx.correct_tables(processed, corrections)
    first = (processed / "events.csv").read_bytes(), (processed / "corrections.csv").read_bytes()
    write_processed(processed)
    cx.correct_tables(processed, corrections)
    assert ((processed / "events.csv").read_bytes(), (processed / "corrections.csv").read_bytes()) == first
    raw = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False).set_index("event_id")
    assert (raw.loc["ce-kunduz", "count_low"], raw.loc["ce-kunduz", "count_high"]) == ("120", "150")


def test_needs_review_names_reasons_and_gives_a_line_that_applies(tmp_path):
    processed = write_processed(tmp_path / "processed")
    tables = load_tables(processed)
    conflicts = review_of_tables(tables.events, tables.mentions).conflicts
    items = {i.event_id: i for i in needs_review(tables.events, conflicts)}
    assert items["ds-imam-sahib"].reasons == ("date range wider than a week", "single source")
    assert items["ds-imam-sahib"].suggestion.startswith("ds-imam-sahib,set_date,YYYY-MM-DD,")
    assert items["tf-1"].suggestion == "tf-1,reject,,why the event is wrong,"
    # the suggested reject line, copied as is, applies
    write_corrections(tmp_path / "c.csv", [items["tf-1"].suggestion])
    summary = cx.correct_tables(processed, tmp_path / "c.csv")
    assert summary.n_applied == 1
    assert "tf-1" not in {i.event_id for i in needs_review(load_tables(processed).events, conflicts)}


def test_undated_asserted_reports_that_joined_no_event_are_listed():
    mentions = pd.DataFrame([
        dict(mention_id="u1", article_id="a9", event_type="district_seized", place="Andar", stance="asserted",
             modality="asserted", event_id="", sentence="Andar district is now held by the group."),
        dict(mention_id="u2", article_id="a9", event_type="district_seized", place="Andar", stance="asserted",
             modality="speculative", event_id="", sentence="Andar may fall soon."),
        dict(mention_id="u3", article_id="a9", event_type="district_seized", place="Giro", stance="asserted",
             modality="asserted", event_id="ds-giro", sentence="Giro too is held."),
    ])
    tables = make_tables(mentions=mentions)
    out = undated_reports(tables.events, tables.mentions)
    assert list(out["mention_id"]) == ["u1"]
    # without the newer columns, undated mentions outside every event's mention_ids are listed
    old = make_tables(mentions=mentions.drop(columns=["modality", "event_id"]),
                      events=pd.DataFrame([dict(event_id="ds-giro", event_type="district_seized", mention_ids="u3")]))
    assert list(undated_reports(old.events, old.mentions)["mention_id"]) == ["u1", "u2"]


@pytest.mark.slow
def test_make_report_applies_the_corrections_file_and_reruns_when_it_changes(tmp_path):
    """End to end on the seeds: CORRECTIONS names the file; editing or deleting it reruns from the tabulate step."""
    import shutil
    import sys

    from analysis.paths import RAW_DIR
    from test_makefile import copy_repository, make, steps_run

    if shutil.which("make") is None or shutil.which("git") is None or not (Path(sys.prefix) / ".installed").exists():
        pytest.skip("needs make, git and the project's .venv (make test sets it up)")
    repo = copy_repository(tmp_path / "repo")
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    corrections = tmp_path / "corrections.csv"
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    folders = [f"RAW={raw}", f"PROCESSED={processed}", f"REPORTS={reports}", "WORKERS=1", f"CORRECTIONS={corrections}"]
    first = make(repo, "report", *folders)
    assert first.returncode == 0, first.stderr[-2000:]
    events = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False)
    capital = events[events["event_type"] == "capital_entered"].iloc[0]
    other = events[events["event_type"] != "capital_entered"].iloc[0]
    write_corrections(corrections, [f"{other['event_id']},reject,,not an event: background,AB",
                                    f"{capital['event_id']},set_outcome,fell,confirmed by a second outlet,AB",
                                    "ev-unknown,reject,,stale id,AB"])
    second = make(repo, "report", *folders)
    assert second.returncode == 0, second.stderr[-2000:]
    assert steps_run(second) == ["02_tabulate_events", "03_timelines", "index"]
    assert "correction on line 4 (reject ev-unknown) not applied" in second.stderr
    after = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False).set_index("event_id")
    assert after.loc[other["event_id"], "status"] == "rejected"
    assert after.loc[capital["event_id"], "outcome"] == "fell" and after.loc[capital["event_id"], "corrected"] == "outcome"
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert "<strong>2</strong> of 3 corrections applied" in page and "confirmed by a second outlet" in page
    assert steps_run(make(repo, "report", *folders)) == []
    corrections.unlink()
    third = make(repo, "report", *folders)
    assert steps_run(third) == ["02_tabulate_events", "03_timelines", "index"]
    restored = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False).set_index("event_id")
    assert restored.loc[other["event_id"], "status"] != "rejected"
