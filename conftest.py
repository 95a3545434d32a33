"""Test-session setup: notebooks run by nbval write into a temporary folder, never the checkout;
the session fails if any test changed a tracked file (content or modification time) or left files
in the checkout."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_SNAPSHOT: dict[str, object] = {}


def checkout_state() -> tuple[dict[str, int], str] | None:
    """Return each tracked file's modification time and `git status --porcelain`, or None without git."""
    try:
        tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True,
                                 timeout=60).stdout.decode().split("\0")
        status = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True,
                                check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    times = {name: (ROOT / name).stat().st_mtime_ns for name in tracked if name and (ROOT / name).exists()}
    return times, status


def pytest_configure(config) -> None:
    """Point the notebooks' default folders at a session temporary folder, filled once by the controller.

    nbval runs the notebooks as stored (default parameters). With several workers a later notebook
    may start before an earlier one ends, so the tables it reads are prepared here first.
    """
    if hasattr(config, "workerinput") or os.environ.get("ANALYSIS_PROCESSED_DIR"):
        return
    _SNAPSHOT["before"] = checkout_state()
    root = Path(tempfile.mkdtemp(prefix="analysis-nbval-"))
    processed, reports = root / "processed", root / "reports"
    os.environ["ANALYSIS_PROCESSED_DIR"] = str(processed)
    os.environ["ANALYSIS_REPORTS_DIR"] = str(reports)
    try:
        from analysis import pipeline
        from analysis.paths import RAW_DIR

        pipeline.parse_corpus(RAW_DIR, processed, workers=1, progress=False)
        pipeline.tabulate_events(processed)
    except Exception as error:  # the notebook tests will then fail with the real error
        print(f"conftest: could not prepare tables for the notebooks: {error}")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    """Fail the session when the tests changed the checkout: a tracked file's content or time, or new files."""
    before = _SNAPSHOT.get("before")
    if before is None or hasattr(session.config, "workerinput"):
        return
    after = checkout_state()
    if after is None:
        return
    touched = sorted(name for name, mtime in before[0].items() if after[0].get(name) != mtime)
    if touched or after[1] != before[1]:
        print("\nerror: the tests changed the checkout:")
        for name in touched[:20]:
            print(f"  modified time or content: {name}")
        if after[1] != before[1]:
            print(f"  git status before:\n{before[1]}  git status after:\n{after[1]}")
        session.exitstatus = 1
