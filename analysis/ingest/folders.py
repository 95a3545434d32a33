"""Checks of the input and output folders before any work: the raw folder exists and holds files, outputs can be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from analysis.ingest.files import IGNORED_NAMES


class FolderError(ValueError):
    """A folder the run needs is missing, empty or cannot be written; the message says which and what to do."""


def _has_entries(root: Path, max_depth: int = 64) -> bool:
    """True when `root` holds at least one entry other than placeholders (.gitkeep), at any depth."""
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    if entry.name in IGNORED_NAMES:
                        continue
                    try:
                        is_dir = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        return True
                    if not is_dir or depth >= max_depth:
                        return True  # a file, a link or something else: it gets a row in articles.csv
                    stack.append((Path(entry.path), depth + 1))
        except OSError:
            return True  # an unreadable folder is reported in articles.csv
    return False


def check_raw_folder(raw_dir: Path) -> None:
    """Raise FolderError unless `raw_dir` is a folder holding at least one file."""
    raw_dir = Path(raw_dir)
    if not raw_dir.exists():
        raise FolderError(f"raw folder {raw_dir} does not exist; put article files there or pass --raw DIR (RAW=DIR with make)")
    if not raw_dir.is_dir():
        raise FolderError(f"raw folder {raw_dir} is not a folder; pass the folder that holds the article files")
    if not _has_entries(raw_dir):
        raise FolderError(f"raw folder {raw_dir} is empty: no article files to read; put .txt, .html, .md or .json files there")


def check_writable_folder(folder: Path, what: str) -> None:
    """Raise FolderError unless `folder` exists (or can be created) and a file can be written in it."""
    folder = Path(folder)
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise FolderError(f"{what} folder {folder} cannot be written: {blocker} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise FolderError(f"{what} folder {folder} cannot be written: {exc.strerror or exc}") from None


def check_folders(raw_dir: Path, processed_dir: Path, reports_dir: Path | None = None) -> None:
    """Check every folder a run needs before any work, raising FolderError with a clear message."""
    check_raw_folder(raw_dir)
    check_writable_folder(processed_dir, "processed")
    if reports_dir is not None:
        check_writable_folder(reports_dir, "reports")
