"""The review tables: what the report and notebook 02 need of the mentions, worked out once by the tabulate step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.tabulate import review_tables as rt
from analysis.tabulate.tables import frame_csv_bytes, make_tables


def mention(mention_id: str, article_id: str, char_start: int, **fields: object) -> dict[str, object]:
    """A mentions.csv row: an asserted, dated capital entry in Kunduz unless told otherwise."""
    row: dict[str, object] = dict(mention_id=mention_id, article_id=article_id, char_start=char_start,
                                  event_type="capital_entered", place="Kunduz", stance="asserted", modality="asserted",
                                  claimant="taliban", date_low="2021-08-08", date_high="2021-08-08", event_id="",
                                  sentence=f"Sentence {mention_id}.")
    row.update(fields)
    return row


def constructed() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and mentions with a dispute of many sentences, a dispute found by place, conflicts and undated reports."""
    events = pd.DataFrame([
        dict(event_id="ev-d", event_type="capital_entered", place="Kunduz", status="disputed",
             mention_ids="m1;m2;m3;m4;m5;m6;m7;m8", article_ids="a1;a2;a3"),
        dict(event_id="ev-f", event_type="district_seized", place="Andar", status="Disputed ", mention_ids="",
             article_ids="a5"),
        dict(event_id="ev-c", event_type="capital_entered", place="Taloqan", status="reported",
             mention_ids="m10;m11;m12;m13;m14"),
        dict(event_id="ev-g", event_type="capital_entered", place="Faizabad", status="reported", mention_ids="m21;m22;m33"),
    ])
    d = dict(event_id="ev-d")
    mentions = pd.DataFrame([
        mention("m3", "a2", 50, **d, claimant="afghan_government"),
        mention("m1", "a1", 90, **d),
        mention("m2", "a1", 10, **d),
        mention("m8", "a3", 5, **d, stance="denied", claimant="afghan_government", sentence="=They never entered."),
        mention("m4", "a2", 50, **d, claimant="residents"),  # same article and offset as m3: mention id decides
        mention("m5", "a3", 70, **d),
        mention("m6", "a3", 80, **d, claimant="media"),
        mention("m7", "a3", 60, **d),
        mention("m9", "a9", 0, event_id="ev-x"),  # another event's: on no side
        mention("f1", "a5", 0, event_type="district_seized", place="andar"),
        mention("f2", "a6", 0, event_type="district_seized", place="Andar"),  # an article the event does not name
        mention("f3", "a5", 9, event_type="district_seized", place="Andar", stance="denied", claimant="afghan_government"),
        mention("m10", "a4", 0, event_id="ev-c", place="Taloqan", outcome="fell", count_low=100, count_high=100),
        mention("m11", "a4", 5, event_id="ev-c", place="Taloqan", outcome="Repelled", count_low=100, count_high=100),
        mention("m12", "a4", 9, event_id="ev-c", place="Taloqan", outcome="contested", stance="denied", count_low=7),
        mention("m13", "a4", 12, event_id="ev-c", place="Taloqan", outcome="unknown", count_low=120, count_high=150),
        mention("m21", "a7", 0, event_id="ev-g", place="Faizabad", outcome="fell"),
        mention("m22", "a7", 5, place="Faizabad", outcome="repelled"),  # no event id: ev-g lists it
        mention("m30", "a8", 0, place="Ghazni", date_low=None, date_high=None),
        mention("m31", "a8", 5, place="Ghazni", date_low=None, date_high=None, modality="speculative"),
        mention("m32", "a8", 9, place="Ghazni", date_low=None, date_high=None, event_id="ev-c"),
        mention("m33", "a7", 9, place="Faizabad", date_low=None, date_high=None),  # no event id: ev-g lists it
        mention("m29", "a0", 3, place="Herat", date_low=None, date_high=None, destination="Iran"),
    ])
    tables = make_tables(events=events, mentions=mentions)
    return tables.events, tables.mentions


def as_bytes(facts: rt.ReviewFacts) -> dict[str, bytes]:
    """The review tables' bytes."""
    return {name: frame_csv_bytes(frame) for name, frame in rt.review_frames(facts).items()}


def in_chunks(frame: pd.DataFrame, size: int) -> rt.Chunks:
    """A frame as a source of chunks of `size` rows."""
    return lambda: (frame.iloc[start:start + size] for start in range(0, len(frame), size))


def test_disputed_sides_keep_the_first_sentences_in_page_order_and_count_them_all():
    facts = rt.review_of_tables(*constructed())
    assert set(facts.disputes) == {"ev-d", "ev-f"}
    d = facts.dispute("ev-d")
    assert [(s.article_id, s.sentence) for s in d.asserted.shown] == [
        ("a1", "Sentence m2."), ("a1", "Sentence m1."), ("a2", "Sentence m3."), ("a2", "Sentence m4."), ("a3", "Sentence m7.")]
    assert [s.claimant for s in d.asserted.shown] == ["taliban", "taliban", "afghan_government", "residents", "taliban"]
    assert d.asserted.total == 7 and d.asserted.claimants == "afghan_government; media; residents; taliban"
    assert d.denied == rt.Side((rt.SideSentence("afghan_government", "a3", "=They never entered."),), 1, "afghan_government")
    f = facts.dispute("ev-f")  # no mention ids: by type, place and the event's articles
    assert [(s.article_id, s.sentence) for s in f.asserted.shown] == [("a5", "Sentence f1.")] and f.asserted.total == 1
    assert [s.sentence for s in f.denied.shown] == ["Sentence f3."] and f.denied.claimants == "afghan_government"
    assert facts.dispute("ev-none") == rt.Dispute("ev-none")


def test_conflicts_and_undated_reports_are_those_of_the_whole_tables():
    facts = rt.review_of_tables(*constructed())
    assert facts.n_mentions == 23
    # ev-g's disagreement is seen only through its mention_ids (m22 has no event id, as in older tables)
    assert facts.conflicts == {"ev-c": ("conflicting outcomes", "conflicting counts"), "ev-g": ("conflicting outcomes",)}
    assert facts.undated.to_dict("records") == [
        dict(mention_id="m29", article_id="a0", event_type="capital_entered", place="Herat", destination="Iran",
             sentence="Sentence m29."),
        dict(mention_id="m30", article_id="a8", event_type="capital_entered", place="Ghazni", destination="",
             sentence="Sentence m30."),
    ]


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_any_chunk_size_gives_the_facts_of_the_whole_tables(size):
    events, mentions = constructed()
    whole = as_bytes(rt.review_of_tables(events, mentions))
    assert as_bytes(rt.derive_review(in_chunks(events, size), in_chunks(mentions, size))) == whole


def test_the_tables_are_read_back_as_written(tmp_path):
    facts = rt.review_of_tables(*constructed())
    assert rt.read_review(tmp_path) is None
    written = rt.write_review(tmp_path, facts)
    assert sorted(p.name for p in written) == sorted([f"{name}.csv" for name in rt.TABLES] + [rt.SOURCE])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{name}.csv" for name in rt.TABLES] + [rt.SOURCE])
    back = rt.read_review(tmp_path)
    assert back is not None and as_bytes(back) == as_bytes(facts)
    assert back.disputes == facts.disputes and back.conflicts == facts.conflicts and back.n_mentions == 23
    assert "'=They never entered." in (tmp_path / "review_disputes.csv").read_text(encoding="utf-8")  # spreadsheet-safe
    some = rt.read_review(tmp_path, disputes_of={"ev-f"}, chunk=2)
    assert some is not None and set(some.disputes) == {"ev-f"} and some.disputes["ev-f"] == facts.disputes["ev-f"]
    (tmp_path / "events.csv").write_text("event_id\nev-x\n", encoding="utf-8")  # other events than they were made from
    assert rt.read_review(tmp_path) is None
    rt.remove_review(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


@pytest.fixture(scope="module")
def tabulated(tmp_path_factory) -> Path:
    """A small synthetic corpus (a disputed event, conflicts, an undated report) parsed and tabulated."""
    from analysis import pipeline
    from benchmarks.bench import generate_corpus

    root = tmp_path_factory.mktemp("review")
    generate_corpus(root / "raw", 12, seed=3)
    pipeline.parse_corpus(root / "raw", root / "processed", workers=1, progress=False)
    pipeline.tabulate_events(root / "processed", corrections_path=str(root / "none.csv"))
    return root / "processed"


def test_the_report_reads_no_mention(tabulated, tmp_path):
    from analysis.present import report

    processed, reports = tmp_path / "processed", tmp_path / "reports"
    shutil.copytree(tabulated, processed)
    assert all((processed / f"{name}.csv").is_file() for name in rt.TABLES)
    first = report.build_index(processed, reports, notebook_pages=[]).read_bytes()
    for name in ("mentions.csv", "mentions.parquet"):
        (processed / name).unlink(missing_ok=True)
    assert report.build_index(processed, reports, notebook_pages=[]).read_bytes() == first
    # the page of a folder without review tables (worked out from the mentions) is the same page
    shutil.rmtree(processed)
    shutil.copytree(tabulated, processed)
    rt.remove_review(processed)
    assert report.build_index(processed, reports, notebook_pages=[]).read_bytes() == first
    assert b"<article class='dispute'" in first and b"asserted report without a date" in first


def test_notebook_views_read_the_review_tables(tabulated):
    from analysis.present import views
    from analysis.tabulate.tables import read_table

    events, mentions = read_table(tabulated, "events"), read_table(tabulated, "mentions")
    review = rt.read_review(tabulated)
    assert review is not None
    disputed = views.disputed_side_by_side(events, review)
    assert len(disputed) == int((events["status"] == "disputed").sum())
    for row in disputed.itertuples():  # as the view read them from the mentions
        own = mentions[mentions["mention_id"].isin(events.loc[events["event_id"] == row.event_id, "mention_ids"].item().split(";"))]
        asserted = own[own["stance"] == "asserted"]
        assert row.asserted_by == "; ".join(sorted(set(asserted["claimant"])))
        assert row.asserted_sentence == (" | ".join(asserted["sentence"].head(2)) or
                                         events.loc[events["event_id"] == row.event_id, "evidence"].item())
    review_rows = views.needs_review(events, review)
    assert list(review_rows.loc[review_rows["event_id"] == "", "event"]) == [
        f"undated report {m}" for m in review.undated["mention_id"]]
