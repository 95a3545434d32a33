"""Figures drawn once: each saved figure has a sidecar naming what it was drawn from, so it is reused while that holds."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from analysis import depends
from analysis.present.style import DPI, FIGSIZE, save_figure
from analysis.tabulate.tables import REPORTED_ARTICLE_COLUMNS, Tables, atomic_write_text

SIDECAR_VERSION = 1
DRAWN_FROM = ("articles", "events", "tallies")  # the tables the figures read (mentions are not drawn)


@dataclass(frozen=True)
class SavedFigure:
    """One figure as saved: its PNG and SVG files, its headline, and whether it was drawn in this run."""

    stem: str
    png: Path
    svg: Path
    title: str
    drawn: bool


def sidecar_path(figures_dir: Path | str, stem: str) -> Path:
    """Where the sidecar of figure `stem` is kept: beside its PNG and SVG."""
    return Path(figures_dir) / f"{stem}.json"


@functools.lru_cache(maxsize=1)
def drawing_code_digest() -> str:
    """Digest of the drawing code and the data files it reads (the figures module and everything it imports)."""
    digest = hashlib.sha256()
    for path in depends.step_sources(depends.PACKAGE_DIR / "present" / "figures.py"):
        digest.update(path.relative_to(depends.REPO_ROOT).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def table_digest(frame: pd.DataFrame) -> str:
    """Digest of a table's columns, types and every cell (row order counts)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode("utf-8"))
    digest.update(str(len(frame)).encode("ascii"))
    if len(frame.columns) and len(frame):
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _drawn_columns(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The part of a table the figures can read: of the articles, the reported columns (as loaded for the report)."""
    if name != "articles":
        return frame
    return frame.reindex(columns=list(REPORTED_ARTICLE_COLUMNS))


def drawing_key(tables: Tables) -> str:
    """What the figures are drawn from: the tables they read, the drawing code and the drawing parameters."""
    parts = {
        "version": SIDECAR_VERSION,
        "code": drawing_code_digest(),
        "matplotlib": matplotlib.__version__,
        "dpi": DPI,
        "figsize": list(FIGSIZE),
        "tables": {name: table_digest(_drawn_columns(name, getattr(tables, name))) for name in DRAWN_FROM},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes ('' when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def reusable(figures_dir: Path | str, stem: str, key: str) -> SavedFigure | None:
    """The saved figure `stem` when its sidecar records `key` and its files are as written; else None."""
    folder = Path(figures_dir)
    try:
        record = json.loads(sidecar_path(folder, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("drawn_from") != key or not isinstance(record.get("title"), str):
        return None
    png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
    if _file_digest(png) != record.get("png_sha256") or _file_digest(svg) != record.get("svg_sha256"):
        return None
    return SavedFigure(stem, png, svg, record["title"], drawn=False)


def save_with_sidecar(fig: Figure, figures_dir: Path | str, stem: str, key: str, title: str) -> SavedFigure:
    """Save a figure as PNG and SVG, then its sidecar (last, so a sidecar never vouches for files not yet written)."""
    png, svg = save_figure(fig, figures_dir, stem)
    record = {"stem": stem, "drawn_from": key, "title": title,
              "png_sha256": _file_digest(png), "svg_sha256": _file_digest(svg)}
    atomic_write_text(sidecar_path(figures_dir, stem), json.dumps(record, indent=1, sort_keys=True) + "\n")
    return SavedFigure(stem, png, svg, title, drawn=True)


def draw_or_reuse(tables: Tables, figures_dir: Path | str, drawers: Mapping[str, Callable[[], Figure]],
                  title_of: Callable[[Figure], str]) -> dict[str, SavedFigure]:
    """Reuse each saved figure whose sidecar matches these tables and code; draw and save only the others."""
    key = drawing_key(tables)
    out: dict[str, SavedFigure] = {}
    for stem, draw in drawers.items():
        saved = reusable(figures_dir, stem, key)
        if saved is None:
            fig = draw()
            saved = save_with_sidecar(fig, figures_dir, stem, key, title_of(fig))
        out[stem] = saved
    return out
