"""The tabulate stage in bounded memory: the same bytes as merging in memory, whatever the chunk size."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from analysis.tabulate import corrections as cx
from analysis.tabulate import streamed
from analysis.tabulate.tables import (
    csv_safe,
    read_table,
    read_table_chunks,
    records_frame,
    safe_for_csv,
)
from benchmarks.bench import generate_corpus


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (temporary files would show up too), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", params=[False, True], ids=["csv", "parquet"])
def parsed(request, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A parsed synthetic corpus (copies, undated articles, hot events), with Parquet tables or without."""
    root = tmp_path_factory.mktemp("streamed")
    raw, processed = root / "raw", root / "processed"
    generate_corpus(raw, 40, seed=3)
    saved = pipeline.PARQUET_FROM_ARTICLES
    pipeline.PARQUET_FROM_ARTICLES = 1 if request.param else 10**9
    try:
        pipeline.parse_corpus(raw, processed, workers=1, progress=False)
    finally:
        pipeline.PARQUET_FROM_ARTICLES = saved
    return processed


def tabulated(parsed: Path, folder: Path, parquet: bool, *, in_memory: bool = False, **options: object) -> dict[str, bytes]:
    """Tabulate a copy of the parsed folder (in memory or streamed); return its files."""
    shutil.copytree(parsed, folder)
    saved = pipeline.PARQUET_FROM_ARTICLES
    pipeline.PARQUET_FROM_ARTICLES = 1 if parquet else 10**9
    try:
        if in_memory:
            pipeline.tabulate_in_memory(folder, **options)  # type: ignore[arg-type]
        else:
            pipeline.tabulate_events(folder, **options)  # type: ignore[arg-type]
    finally:
        pipeline.PARQUET_FROM_ARTICLES = saved
    return files_of(folder)


def has_parquet(parsed: Path) -> bool:
    """Whether the parsed folder has Parquet tables."""
    return (parsed / "articles.parquet").exists()


def test_streamed_tabulate_writes_the_bytes_of_the_in_memory_merge(parsed: Path, tmp_path: Path) -> None:
    parquet = has_parquet(parsed)
    reference = tabulated(parsed, tmp_path / "memory", parquet, in_memory=True)
    out = tabulated(parsed, tmp_path / "streamed", parquet)
    assert out == reference
    mentions = pd.read_csv(tmp_path / "streamed" / "mentions.csv", dtype=str, keep_default_na=False)
    assert (mentions["repeat_of"] != "").any() and (mentions["event_id"] != "").any()  # the case is not trivial
    assert not [p for p in (tmp_path / "streamed").rglob(".*") if p.is_file()]  # no temporary file left


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_a_chunk_of_one_to_three_mentions_gives_the_same_bytes(parsed: Path, tmp_path: Path, chunk: int) -> None:
    parquet = has_parquet(parsed)
    assert tabulated(parsed, tmp_path / "small", parquet, chunk=chunk) == tabulated(parsed, tmp_path / "default", parquet)


def test_a_date_window_streamed_equals_the_window_in_memory(parsed: Path, tmp_path: Path) -> None:
    window = {"start_date": "2021-07-20", "end_date": "2021-08-10"}
    parquet = has_parquet(parsed)
    reference = tabulated(parsed, tmp_path / "memory", parquet, in_memory=True, **window)
    assert tabulated(parsed, tmp_path / "streamed", parquet, chunk=7, **window) == reference


def test_mentions_out_of_table_order_fall_back_to_the_merge_in_memory(parsed: Path, tmp_path: Path) -> None:
    shuffled = tmp_path / "shuffled"
    shutil.copytree(parsed, shuffled)
    interim = shuffled / "interim"
    raw = pd.read_csv(interim / "mentions_raw.csv", dtype=str, keep_default_na=False)
    raw.iloc[::-1].to_csv(interim / "mentions_raw.csv", index=False)
    (interim / "mentions_raw.parquet").unlink(missing_ok=True)
    assert pipeline.merge_streamed(shuffled) is None
    reference = tabulated(shuffled, tmp_path / "memory", False, in_memory=True)
    assert tabulated(shuffled, tmp_path / "fallback", False) == reference


def test_repeats_are_found_on_sentence_hashes_as_mark_repeats_finds_them(parsed: Path) -> None:
    from analysis.tabulate import merge

    data = pipeline.load_for_tabulate(parsed)
    expected = [m.repeat_of for m in merge.mark_repeats(data.mentions, data.sources)]
    facts = streamed.read_article_facts(parsed)
    spools = streamed.TabulateSpools(parsed / "interim" / "test-spools")
    try:
        found = streamed.first_pass(parsed, streamed.Window(None, None), facts, spools, chunk=5)
    finally:
        spools.close()
        shutil.rmtree(parsed / "interim" / "test-spools")
    rows = streamed.repeats(found)
    ids = [m.mention_id for m in sorted(data.mentions, key=lambda m: (m.article_id, m.char_start, m.mention_id))]
    assert [ids[r] if r >= 0 else "" for r in rows] == expected
    assert any(expected)


def test_table_chunks_are_the_table_read_whole(parsed: Path) -> None:
    interim = parsed / "interim"
    whole = read_table(interim, "mentions_raw")
    pieces = pd.concat(list(read_table_chunks(interim, "mentions_raw", chunk=4)), ignore_index=True)
    pd.testing.assert_frame_equal(pieces, whole)
    some = pd.concat(list(read_table_chunks(interim, "mentions_raw", ["mention_id", "date_low"], chunk=9)), ignore_index=True)
    pd.testing.assert_frame_equal(some, whole[["mention_id", "date_low"]])
    assert list(read_table_chunks(interim, "no_such_table")) == []


def test_corrections_applied_a_chunk_at_a_time_give_the_bytes_of_one_piece(parsed: Path, tmp_path: Path) -> None:
    parquet = has_parquet(parsed)
    base = tmp_path / "base"
    tabulated(parsed, base, parquet)
    events = pd.read_csv(base / "events.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(base / "mentions.csv", dtype=str, keep_default_na=False)
    merged_mention = mentions.loc[mentions["event_id"] != "", "mention_id"].iloc[3]
    first, second, last = events["event_id"].iloc[0], events["event_id"].iloc[1], events["event_id"].iloc[-1]
    same_type = events.loc[events["event_type"] == events["event_type"].iloc[0], "event_id"].tolist()
    lines = [f"{merged_mention},set_date,2021-07-12,a day,AB", f"{last},reject,,wrong,AB", f"{first},set_count,120,x,CD",
             f"{second},set_place,Khanabad,x,CD", "ev-gone,reject,,old,EF", f"{first},set_date,2021-13-40,typo,EF"]
    if len(same_type) > 1:
        lines.append(f"{same_type[1]},merge_into,{same_type[0]},same,GH")
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("target,action,value,note,by\n" + "\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for chunk in (1, 10**6):
        folder = tmp_path / f"chunk-{chunk}"
        shutil.copytree(base, folder)
        summary = cx.correct_tables(folder, corrections, say=lambda _: None, chunk=chunk)
        assert summary.n_applied >= 4
        outputs.append(files_of(folder))
    assert outputs[0] == outputs[1]


def test_review_tables_streamed_equal_those_in_memory_and_follow_the_corrections(parsed: Path, tmp_path: Path) -> None:
    from analysis.tabulate import review_tables as rt

    parquet = has_parquet(parsed)
    base = tmp_path / "base"
    tabulated(parsed, base, parquet)
    events = read_table(base, "events")
    disputed = events[events["status"] == "disputed"]
    target, gone = disputed["event_id"].iloc[0], disputed["event_id"].iloc[-1]
    kind = disputed["event_type"].iloc[0]
    other = events.loc[(events["event_type"] == kind) & (events["status"] == "reported"), "event_id"].iloc[0]
    assert target != gone  # the corpus has two disputed events: one gains mentions, one is rejected
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(f"target,action,value,note,by\n{other},merge_into,{target},same,AB\n{gone},reject,,no,AB\n",
                           encoding="utf-8")
    names = [f"{name}.csv" for name in rt.TABLES]
    options = {"corrections_path": str(corrections)}
    memory = tabulated(parsed, tmp_path / "memory", parquet, in_memory=True, **options)
    out = tabulated(parsed, tmp_path / "streamed", parquet, chunk=2, **options)
    assert {n: out[n] for n in names} == {n: memory[n] for n in names}
    final = rt.review_of_tables(read_table(tmp_path / "streamed", "events"), read_table(tmp_path / "streamed", "mentions"))
    assert rt.read_review(tmp_path / "streamed").disputes == final.disputes  # type: ignore[union-attr]
    assert set(final.disputes) == {target}  # the rejected event is no longer disputed
    mentions = read_table(tmp_path / "streamed", "mentions")
    owned = mentions[mentions["event_id"].isin([target, other]) & (mentions["stance"] != "denied")]
    assert final.disputes[target].asserted.total == len(owned) > len(owned[owned["event_id"] == target])


def test_the_quick_scan_leaves_risky_cells_to_the_escape() -> None:
    cells = ["plain", "=SUM(A1)", "'=x", "+1", "-5", "@here", "\tindent", "a\rb", "", "'quoted", "ok'=", None]
    frame = pd.DataFrame({"text": cells, "other": ["x"] * len(cells)})
    out = safe_for_csv(frame)
    assert out["text"].tolist() == [csv_safe(c) for c in cells]
    assert out["other"].tolist() == ["x"] * len(cells)


def test_records_frame_takes_records_dicts_and_missing_columns() -> None:
    from datetime import date

    from analysis.records import Tally

    tally = Tally(article_id="a", date=date(2021, 7, 1), claimant="c", scope="s", unit="u", count_low=1,
                  count_high=None, count_text="one", sentence="=s")
    frame = records_frame([tally, {"article_id": "b", "count_low": 2}], ["article_id", "date", "count_low", "nothing"])
    assert frame["article_id"].tolist() == ["a", "b"]
    assert frame["date"].tolist() == ["2021-07-01", None]
    assert frame["count_low"].tolist() == [1, 2] and str(frame["count_low"].dtype) == "Int64"
    assert frame["nothing"].tolist() == [None, None]


def test_a_weekday_only_fall_is_moved_to_the_dated_week_streamed_and_in_memory(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / "a1.txt").write_text(" date 2021-08-07 The Taliban took Zaranj, the capital of Nimroz, on Friday 6 August.\n")
    (raw / "a2.txt").write_text(" date 2021-08-16 Looking back: Zaranj, the capital of Nimroz, fell on Friday.\n")
    pipeline.parse_corpus(raw, processed, workers=1, progress=False)
    streamed = tabulated(processed, tmp_path / "streamed", False)
    in_memory = tabulated(processed, tmp_path / "memory", False, in_memory=True)
    assert streamed == in_memory
    events = pd.read_csv(io.BytesIO(streamed["events.csv"]), dtype=str, keep_default_na=False)
    zaranj = events[events["place"] == "Zaranj"]
    assert zaranj[["date_low", "date_high", "n_articles"]].values.tolist() == [["2021-08-06", "2021-08-06", "2"]]
