"""The Makefile's file targets, on a copy of the repository in a temporary folder: a second
`make report` does nothing; a change to a raw file, a module or a data file reruns exactly the
steps that read it (the prerequisites come from analysis/depends.py, not from a hand-kept list)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.paths import RAW_DIR, REPO_ROOT

pytestmark = pytest.mark.slow
STEPS = ("01_parse", "02_tabulate_events", "03_timelines")


def copy_repository(target: Path) -> Path:
    """Copy the repository's tracked and new files into `target`, sharing the project's .venv."""
    listed = subprocess.run(["git", "-C", str(REPO_ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix))
    # the copy shares the project's environment: its pyproject must never look newer than the
    # install stamp, or make would reinstall the package from the temporary copy
    os.utime(target / "pyproject.toml", (0, 0))
    return target


def make(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run make in the copied repository with the given arguments."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=repo, capture_output=True, text=True, timeout=900)


def steps_run(done: subprocess.CompletedProcess) -> list[str]:
    """Return the notebooks a make run executed, and 'index' when it rebuilt the index page."""
    ran = [step for step in STEPS if f"--notebooks {step}" in done.stdout]
    return ran + (["index"] if "analysis index" in done.stdout else [])


def touch_later(path: Path) -> None:
    """Give `path` a modification time a few seconds ahead, so make sees it as changed."""
    future = time.time() + 5
    os.utime(path, (future, future))


@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None or
                    not (Path(sys.prefix) / ".installed").exists(),
                    reason="needs make, git and the project's .venv (make test sets it up)")
def test_report_targets_rerun_only_what_changed(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "repo")
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    folders = [f"RAW={raw}", f"PROCESSED={tmp_path / 'processed'}", f"REPORTS={tmp_path / 'reports'}", "WORKERS=1"]
    first = make(repo, "report", *folders)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert steps_run(first) == [*STEPS, "index"]
    assert (tmp_path / "reports" / "index.html").exists()

    outputs = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.relative_to(tmp_path).parts[0] in
                     ("processed", "reports"))
    before = {p: p.stat().st_mtime_ns for p in outputs}
    second = make(repo, "report", *folders)
    assert second.returncode == 0
    assert steps_run(second) == []
    assert "running notebook" not in second.stdout + second.stderr
    assert {p: p.stat().st_mtime_ns for p in outputs} == before, "a second make report rewrote outputs"

    time.sleep(1.1)
    next(raw.glob("*.txt")).touch()
    assert steps_run(make(repo, "report", *folders)) == [*STEPS, "index"]

    # A module and a data file of the timelines step rerun that step only.
    touch_later(repo / "analysis" / "present" / "figures.py")
    assert steps_run(make(repo, "report", *folders)) == ["03_timelines", "index"]
    touch_later(repo / "analysis" / "data" / "province_tiles.csv")
    assert steps_run(make(repo, "report", *folders)) == ["03_timelines", "index"]

    # A data file and a module that only parsing reads rerun parsing and what follows it.
    touch_later(repo / "analysis" / "data" / "outlets.csv")
    assert steps_run(make(repo, "report", *folders)) == [*STEPS, "index"]
    touch_later(repo / "analysis" / "ingest" / "cleaning.py")
    assert steps_run(make(repo, "report", *folders))[:1] == ["01_parse"]
