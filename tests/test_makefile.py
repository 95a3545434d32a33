"""The Makefile's file targets: a second `make report` does nothing; a change reruns what depends on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from analysis.paths import RAW_DIR, REPO_ROOT

pytestmark = pytest.mark.slow


def make(*args: str) -> subprocess.CompletedProcess:
    """Run make in the repository with the given arguments."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("make") is None or not (REPO_ROOT / ".venv" / ".installed").exists(),
                    reason="needs make and the project's .venv (make test sets it up)")
def test_report_targets_rerun_only_what_changed(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    folders = [f"RAW={raw}", f"PROCESSED={tmp_path / 'processed'}", f"REPORTS={tmp_path / 'reports'}", "WORKERS=1"]
    first = make("report", *folders)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert (tmp_path / "reports" / "index.html").exists()

    outputs = sorted(p for p in tmp_path.rglob("*") if p.is_file() and "raw" not in p.relative_to(tmp_path).parts[:1])
    before = {p: p.stat().st_mtime_ns for p in outputs}
    second = make("report", *folders)
    assert second.returncode == 0
    assert "analysis run" not in second.stdout and "analysis index" not in second.stdout
    assert "running notebook" not in second.stdout + second.stderr
    assert {p: p.stat().st_mtime_ns for p in outputs} == before, "a second make report rewrote outputs"

    # Touching a raw file reruns everything downstream of it.
    time.sleep(1.1)
    next(raw.glob("*.txt")).touch()
    third = make("report", *folders)
    assert third.returncode == 0, third.stdout[-3000:] + third.stderr[-3000:]
    for step in ("01_parse", "02_tabulate_events", "03_timelines"):
        assert f"--notebooks {step}" in third.stdout
    assert "analysis index" in third.stdout

    # A module of the timelines step reruns that step only, not parsing or tabulating.
    figures_src = REPO_ROOT / "analysis" / "figures.py"
    stamp = figures_src.stat().st_mtime
    try:
        future = time.time() + 5
        os.utime(figures_src, (future, future))
        fourth = make("report", *folders)
        assert fourth.returncode == 0, fourth.stdout[-3000:] + fourth.stderr[-3000:]
        assert "--notebooks 03_timelines" in fourth.stdout
        assert "--notebooks 01_parse" not in fourth.stdout and "--notebooks 02_tabulate_events" not in fourth.stdout
    finally:
        os.utime(figures_src, (stamp, stamp))
