"""Command line: run the whole pipeline, one stage, the report, or an evaluation against gold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from analysis.parallel import DEFAULT_FILE_BUDGET
from analysis.paths import PROCESSED_DIR, RAW_DIR, REPORTS_DIR


def _common(parser: argparse.ArgumentParser) -> None:
    """Add the folder and date-window options shared by the subcommands."""
    parser.add_argument("--raw", type=Path, default=RAW_DIR, help="folder of article files (default: %(default)s)")
    parser.add_argument("--processed", type=Path, default=PROCESSED_DIR, help="folder for the tables (default: %(default)s)")
    parser.add_argument("--reports", type=Path, default=REPORTS_DIR, help="folder for HTML reports and figures (default: %(default)s)")
    parser.add_argument("--start", default="", metavar="YYYY-MM-DD", help="keep events on or after this day")
    parser.add_argument("--end", default="", metavar="YYYY-MM-DD", help="keep events on or before this day")
    parser.add_argument("--workers", type=int, default=0, help="processes for reading and extraction (0 = all cores)")
    parser.add_argument("--dask", default="", metavar="ADDRESS", help="run reading and extraction on a Dask cluster (tcp://host:port, or 'local')")
    parser.add_argument("--budget", type=_seconds, default=DEFAULT_FILE_BUDGET, metavar="SECONDS",
                        help="seconds one file may take to read and extract before it is skipped (default: %(default)g; 0 = no limit)")


def _seconds(text: str) -> float:
    """Read a --budget value: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"budget must be 0 (no limit) or a positive number of seconds, not {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m analysis`."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Turn news articles about an armed conflict into event tables, timelines and HTML reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the notebooks in order (parse, tabulate events, timelines) and write the HTML reports")
    _common(run)
    run.add_argument("--notebooks", default="", help="comma-separated notebooks to run (default: all, in order), e.g. 01_parse")
    run.add_argument("--corrections", default="", metavar="FILE", help="analysts' corrections to apply (default: data/corrections.csv when it exists)")
    run.add_argument("--no-index", action="store_true", help="do not rebuild reports/index.html")
    run.add_argument("--no-progress", action="store_true", help="do not draw progress bars")
    index = sub.add_parser("index", help="rebuild reports/index.html from the processed tables and figures")
    index.add_argument("--processed", type=Path, default=PROCESSED_DIR)
    index.add_argument("--reports", type=Path, default=REPORTS_DIR)
    ev = sub.add_parser("evaluate", help="score events against a gold file (format of seed_gold.csv)")
    ev.add_argument("--gold", type=Path, required=True, help="gold CSV with event_type, date_low, date_high, place, destination, required")
    ev.add_argument("--events", type=Path, default=PROCESSED_DIR / "events.csv", help="events.csv to score (default: %(default)s)")
    return parser


def _run(args: argparse.Namespace) -> int:
    """Execute the notebooks with the given folders and window, then the index page."""
    from analysis.ingest import folders
    from analysis.notebooks import NotebookFailed, RunParameters, run_notebooks

    raw = args.raw.resolve()
    selection = [s.strip() for s in args.notebooks.split(",") if s.strip()]
    parses = not selection or any("01_parse".startswith(s) or s.startswith("01") for s in selection)
    try:  # before any work, so that earlier outputs stay as they were
        if parses:
            folders.check_raw_folder(raw)
        elif not raw.is_dir():
            raise folders.FolderError(f"raw folder {raw} does not exist; put article files there or pass --raw DIR")
        folders.check_writable_folder(args.processed.resolve(), "processed")
        folders.check_writable_folder(args.reports.resolve(), "reports")
    except folders.FolderError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    params = RunParameters(
        raw_dir=str(raw),
        processed_dir=str(args.processed.resolve()),
        reports_dir=str(args.reports.resolve()),
        start_date=args.start,
        end_date=args.end,
        workers=args.workers,
        dask_address=args.dask,
        file_budget=args.budget,
        corrections_path=str(Path(args.corrections).resolve()) if args.corrections else "",
    )
    try:
        run_notebooks(params, selection or None, progress=not args.no_progress, say=lambda m: print(m, file=sys.stderr))
    except NotebookFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if not selection or any(s.startswith("02") for s in selection):
        from analysis.tabulate.corrections import report_problems

        report_problems(params.processed_dir, say=lambda m: print(m, file=sys.stderr))
    if not args.no_index and (not selection or any(s.startswith("03") for s in selection)):
        return _index(args)
    return 0


def _index(args: argparse.Namespace) -> int:
    """Rebuild the stakeholder index page."""
    from analysis.notebooks import NOTEBOOKS
    from analysis.present.report import build_index

    pages = [(f"{name[:2]} {title}", f"{name}.html") for name, title in NOTEBOOKS]
    out = build_index(args.processed.resolve(), args.reports.resolve(), notebook_pages=pages)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m analysis`."""
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "index":
        return _index(args)
    if args.command == "evaluate":
        from analysis import evaluate

        return evaluate.main(["--gold", str(args.gold), "--events", str(args.events)])
    return 2
