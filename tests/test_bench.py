"""Tests for benchmarks.bench: the synthetic corpus generator and the results table (no timing runs)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from benchmarks.bench import (
    BENCH_DIR,
    BORDER_COUNTRY,
    FILES_PER_FOLDER,
    _int_list,
    article_path,
    cached_corpus,
    format_rss_table,
    format_table,
    format_tree_table,
    generate_corpus,
    hot_events,
    place_pools,
)

HEADER = re.compile(r"^ date (2021-\d\d-\d\d) |^ date (2021-\d\d)\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small synthetic corpus shared by the tests of this file."""
    return generate_corpus(tmp_path_factory.mktemp("corpus"), 120, seed=3)


def test_files_are_nested_in_folders_of_a_thousand(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, FILES_PER_FOLDER + 2, seed=1)
    assert len(paths) == FILES_PER_FOLDER + 2
    assert paths[0] == tmp_path / "0000" / "article_000000.txt"
    assert paths[-1] == tmp_path / "0001" / "article_001001.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0000", "0001"]
    assert len(list((tmp_path / "0000").iterdir())) == FILES_PER_FOLDER
    assert article_path(tmp_path, 2500) == tmp_path / "0002" / "article_002500.txt"


def test_same_seed_same_text_other_seed_other_text(tmp_path: Path, corpus: list[Path]) -> None:
    again = generate_corpus(tmp_path / "again", 120, seed=3)
    assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in corpus]
    other = generate_corpus(tmp_path / "other", 5, seed=4)
    assert other[0].read_text(encoding="utf-8") != corpus[0].read_text(encoding="utf-8")


def test_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path: Path, corpus: list[Path]) -> None:
    small = generate_corpus(tmp_path, 7, seed=3)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in corpus[:7]]


def test_headers_and_dates_fall_in_july_and_august(corpus: list[Path]) -> None:
    kinds = {"day": 0, "month": 0, "none": 0}
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        match = HEADER.match(text)
        if match is None:
            assert not text.startswith(" date")
            kinds["none"] += 1
        elif match.group(1):
            day = date.fromisoformat(match.group(1))
            assert date(2021, 7, 1) <= day <= date(2021, 8, 31)
            kinds["day"] += 1
        else:
            assert match.group(2) in ("2021-07", "2021-08")
            kinds["month"] += 1
    assert kinds["day"] > kinds["none"] > 0
    assert kinds["month"] > 0


def test_articles_read_like_wire_copy(corpus: list[Path]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    joined = "\n".join(texts)
    assert re.search(r"^(?: date 2021-\d\d-\d\d )?[A-Z][A-Z-]+(?: [A-Z]+)*, (?:July|Jul|Aug\.?|August|\d+ \w+) ?\d* \([^)]+\) - ",
                     joined, re.M)
    assert "READ MORE" in joined or "Advertisement" in joined or "Share this article" in joined
    assert re.search(r"\b(?:seized|overran|captured|fell to the Taliban)\b", joined)
    assert re.search(r"\b(?:crossed into|fled across the border into)\b", joined)
    for text in texts:
        assert 300 < len(text) < 6000
        sentences = re.findall(r"[.!?](?:\s|$)", text)
        assert 3 <= len(sentences) <= 32  # trimmed copies are shorter
        assert "{" not in text and "}" not in text


def test_places_come_from_the_gazetteer_pools(corpus: list[Path]) -> None:
    pools = place_pools()
    joined = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
    provinces_seen = {p.name for p in pools.provinces if re.search(rf"\b{re.escape(p.name)}\b", joined)}
    districts_seen = {p.name for p in pools.districts if re.search(rf"\b{re.escape(p.name)}\b", joined)}
    assert len(provinces_seen) >= min(10, len(pools.provinces))
    assert len(districts_seen) >= min(8, len(pools.districts))


def test_flights_and_crossings_face_the_right_neighbour(corpus: list[Path]) -> None:
    joined = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
    pairs = re.findall(r"into (\w+) after clashes in ([\w-]+(?: [\w-]+)?) province", joined)
    assert pairs
    for country, province in pairs:
        if province in BORDER_COUNTRY:
            assert BORDER_COUNTRY[province] == country


def test_fallback_places_when_gazetteer_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "analysis.extract.gazetteer", None)  # makes the import fail
    pools = place_pools()
    assert {p.name for p in pools.countries} >= {"Tajikistan", "Iran", "Pakistan"}
    assert any(p.name == "Imam Sahib" and p.province == "Kunduz" for p in pools.districts)
    assert all(BORDER_COUNTRY[p.province] for p in pools.border_districts)
    paths = generate_corpus(tmp_path, 3, seed=9)
    assert all(p.stat().st_size > 300 for p in paths)


def test_cached_corpus_is_reused(tmp_path: Path) -> None:
    folder = cached_corpus(12, seed=2, root=tmp_path)
    assert folder == tmp_path / "corpus-12-seed2"
    first = folder / "0000" / "article_000000.txt"
    stamp = first.stat().st_mtime_ns
    first.write_text("marker", encoding="utf-8")
    assert cached_corpus(12, seed=2, root=tmp_path) == folder
    assert first.read_text(encoding="utf-8") == "marker"
    assert sorted(p.name for p in folder.iterdir()) == ["0000"]
    (tmp_path / "corpus-12-seed2.json").write_text('{"version": -1}', encoding="utf-8")
    cached_corpus(12, seed=2, root=tmp_path)
    assert first.read_text(encoding="utf-8") != "marker"
    assert stamp > 0


def test_format_table_gives_rates_and_growth_per_stage() -> None:
    rows = [
        {"size": 10_000, "seconds": {"read+extract": 20.0, "merge": 1.0}, "peak_rss_mb": 150.4},
        {"size": 100_000, "seconds": {"read+extract": 210.0, "merge": 12.5}, "peak_rss_mb": 260.0},
    ]
    lines = format_table(rows).splitlines()
    assert lines[0] == "| stage | 10,000: s | 10,000: art/s | 100,000: s | 100,000: art/s | x10 size: time growth |"
    assert lines[2] == "| read+extract | 20.0 | 500 | 210.0 | 476 | 10.5x |"
    assert lines[3] == "| merge | 1.0 | 10,000 | 12.5 | 8,000 | 12.5x |"
    assert lines[4] == "| whole pipeline | 21.0 | 476 | 222.5 | 449 | 10.6x |"
    assert lines[5].startswith("| peak RSS MB | 150 | ")


def test_format_rss_table_gives_the_running_peak_after_each_stage_and_its_growth() -> None:
    rows = [
        {"size": 10_000, "peak_rss_mb_by_stage": {"read+extract": 200.0, "merge": 400.4}},
        {"size": 100_000, "peak_rss_mb_by_stage": {"read+extract": 300.0, "merge": 1_800.0}},
    ]
    assert format_rss_table(rows).splitlines() == [
        "| peak RSS so far, MB, after | 10,000 | 100,000 | x10 size: RSS growth |",
        "|---|---|---|---|",
        "| read+extract | 200 | 300 | 1.5x |",
        "| merge | 400 | 1,800 | 4.5x |",
    ]


def test_format_tree_table_gives_each_stage_peak_of_all_processes_and_the_whole_run() -> None:
    rows = [
        {"size": 10_000, "tree_pss_mb_by_stage": {"read+extract": 300.0, "merge": 250.0}},
        {"size": 100_000, "tree_pss_mb_by_stage": {"read+extract": 450.0, "merge": 1_000.0}},
    ]
    assert format_tree_table(rows).splitlines() == [
        "| all processes, peak MB (PSS) during | 10,000 | 100,000 | x10 size: growth |",
        "|---|---|---|---|",
        "| read+extract | 300 | 450 | 1.5x |",
        "| merge | 250 | 1,000 | 4.0x |",
        "| whole pipeline | 300 | 1,000 | 3.3x |",
    ]
    assert "cannot be sampled" in format_tree_table([{"size": 10, "tree_pss_mb_by_stage": {}}])


def test_tree_memory_counts_a_child_process_while_it_runs() -> None:
    import subprocess
    import time

    from benchmarks.bench import _TreeMemory

    tree = _TreeMemory()
    try:
        if tree.take() is None:
            pytest.skip("no PSS on this system")
        quiet = tree.take()
        child = subprocess.Popen([sys.executable, "-c", "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); "
                                  "import time; time.sleep(3)"])
        try:
            time.sleep(2.0)
            busy = tree.take()
        finally:
            child.wait()
        assert busy is not None and quiet is not None
        assert busy - quiet > 250  # the child's 300 MB, touched page by page, count with this process
    finally:
        tree.stop()


def test_wire_copies_and_hot_events(corpus: list[Path]) -> None:
    pools = place_pools()
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    bodies = [re.sub(r"^ date \S+[ \n]", "", t) for t in texts]
    # a copy shares a long run of text with an earlier article
    copies = sum(1 for i, b in enumerate(bodies) if any(
        len(set(b.split(". ")) & set(o.split(". "))) >= 4 for o in bodies[:i]))
    assert 0.1 * len(texts) <= copies <= 0.45 * len(texts)
    hot_places = {h.place for h in hot_events(pools)}
    with_hot = sum(1 for t in texts if any(p in t for p in hot_places))
    assert with_hot >= 3
    outlets = {m for t in texts for m in re.findall(r"\(([^)]+)\) - ", t)}
    assert len(outlets) >= 8
    assert sum(1 for t in texts if not t.startswith(" date")) >= 0.15 * len(texts)


def test_benchmark_writes_outside_the_repository() -> None:
    from analysis.paths import REPO_ROOT

    assert REPO_ROOT not in BENCH_DIR.parents


def test_int_list() -> None:
    assert _int_list("1000, 10k,100k") == [1000, 10_000, 100_000]
    assert _int_list("1,0") == [1, 0]
    assert _int_list("1m") == [1_000_000]
