"""The whole chain through the real entry point, on a temporary copy of the seeds, in temporary folders."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import RAW_DIR, REPO_ROOT

pytestmark = pytest.mark.slow

REQUIRED = {
    "articles": ["article_id", "path", "published", "published_source", "outlet", "n_sentences", "status", "warnings"],
    "mentions": ["mention_id", "article_id", "event_type", "place", "place_type", "province", "destination",
                 "date_low", "date_high", "date_text", "count_low", "count_high", "count_text", "outcome",
                 "claimant", "stance", "sentence", "char_start", "char_end"],
    "events": ["event_id", "event_type", "place", "place_type", "province", "destination", "latitude", "longitude",
               "date", "date_low", "date_high", "count_low", "count_high", "outcome", "status", "claimants",
               "n_mentions", "n_articles", "article_ids", "evidence"],
    "tallies": ["article_id", "date", "claimant", "scope", "unit", "count_low", "count_high", "count_text", "sentence"],
}
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def run_entry_point(raw: Path, processed: Path, reports: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run `python -m analysis run` as a user would, from an unrelated working directory."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(processed),
         "--reports", str(reports), "--workers", "1", "--no-progress", *extra],
        cwd=raw.parent, capture_output=True, text=True, timeout=900,
    )


def digest_outputs(processed: Path, reports: Path) -> dict[str, str]:
    """Hash every table, figure and HTML page the run wrote."""
    files = sorted(processed.glob("*.csv")) + sorted(processed.glob("*.parquet")) + sorted(reports.glob("*.html"))
    files += sorted((reports / "figures").glob("*"))
    return {str(p.relative_to(p.parents[1])): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    """One run of the whole chain on a copy of the seeds."""
    root = tmp_path_factory.mktemp("chain")
    raw = root / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    processed, reports = root / "processed", root / "reports"
    done = run_entry_point(raw, processed, reports)
    assert done.returncode == 0, done.stderr[-4000:]
    return raw, processed, reports, done


def test_tables_have_required_columns_and_rows(seed_run):
    raw, processed, _, _ = seed_run
    for name, columns in REQUIRED.items():
        frame = pd.read_csv(processed / f"{name}.csv", dtype=str, keep_default_na=False)
        missing = [c for c in columns if c not in frame.columns]
        assert not missing, f"{name}.csv lacks {missing}"
        assert len(frame) > 0, f"{name}.csv is empty"
    articles = pd.read_csv(processed / "articles.csv", dtype=str, keep_default_na=False)
    raw_files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    assert sorted(articles["path"]) == raw_files
    assert set(articles["status"]) == {"ok"}


def test_events_trace_back_to_sentences(seed_run):
    raw, processed, _, _ = seed_run
    mentions = pd.read_csv(processed / "mentions.csv", dtype=str, keep_default_na=False)
    articles = pd.read_csv(processed / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    for _, m in mentions.iterrows():
        text = (raw / articles.loc[m["article_id"], "path"]).read_text(encoding="utf-8")
        assert text[int(m["char_start"]):int(m["char_end"])] == m["sentence"]


def test_reports_embed_figures_and_load_nothing_remote(seed_run):
    _, _, reports, done = seed_run
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index.count("data:image/png;base64,") + index.count("<svg") >= 4
    for name in ("01_parse", "02_tabulate_events", "03_timelines"):
        page = (reports / f"{name}.html").read_text(encoding="utf-8")
        assert not REMOTE.search(page), f"{name}.html loads a remote resource"
        assert f'href="{name}.html"' in index
        assert (reports / "executed" / f"{name}.ipynb").exists()
    assert "data:image/png;base64," in (reports / "03_timelines.html").read_text(encoding="utf-8")
    assert not REMOTE.search(index)
    for stem in ("districts_seized", "capitals_entered", "troops_fled", "province_map"):
        assert (reports / "figures" / f"{stem}.png").stat().st_size > 0
        assert (reports / "figures" / f"{stem}.svg").stat().st_size > 0
    assert "[1/3] running notebook 01_parse" in done.stderr


def test_rerun_is_byte_identical(seed_run):
    raw, processed, reports, _ = seed_run
    before = digest_outputs(processed, reports)
    again = run_entry_point(raw, processed, reports)
    assert again.returncode == 0, again.stderr[-4000:]
    assert digest_outputs(processed, reports) == before


def test_failing_cell_names_notebook_and_executed_copy(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(" date 2021-08-06 The Taliban seized Zaranj, the capital of Nimroz province.\n", encoding="utf-8")
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    done = run_entry_point(raw, processed, reports, "--notebooks", "02", "--start", "not-a-date")
    assert done.returncode == 1
    assert "notebook 02_tabulate_events failed in code cell" in done.stderr
    assert str(reports / "executed" / "02_tabulate_events.ipynb") in done.stderr


def test_missing_raw_folder_is_a_clear_error(tmp_path):
    done = run_entry_point(tmp_path / "nowhere", tmp_path / "p", tmp_path / "r")
    assert done.returncode == 2
    assert "raw folder" in done.stderr and "does not exist" in done.stderr


def test_help_lists_options():
    done = subprocess.run([sys.executable, "-m", "analysis", "run", "--help"], capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0
    for option in ("--raw", "--processed", "--reports", "--start", "--end", "--dask", "--workers"):
        assert option in done.stdout
