"""Analysts' corrections (data/corrections.csv) applied to the merged events, with a log of each row."""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from analysis.paths import REPO_ROOT
from analysis.records import OUTCOMES
from analysis.tabulate.tables import (
    TABLE_CHUNK,
    StreamedTable,
    atomic_write_bytes,
    commit_streamed,
    csv_unescape,
    frame_csv_bytes,
    frame_parquet_bytes,
    read_table,
    read_table_chunks,
    unescape_csv_frame,
)

DEFAULT_CORRECTIONS: Path = REPO_ROOT / "data" / "corrections.csv"
COLUMNS: tuple[str, ...] = ("target", "action", "value", "note", "by")
ACTIONS: tuple[str, ...] = ("reject", "set_date", "set_place", "set_outcome", "set_count", "merge_into")
LOG_COLUMNS: list[str] = ["line", "target", "action", "value", "note", "by", "event_id", "applied", "reason"]
HIDDEN_STATUSES: frozenset[str] = frozenset({"rejected", "merged"})  # left out of figures and key figures
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNT = re.compile(r"^\s*(?:(>=|≥|at least|more than)\s*)?([\d,]+)\s*(?:(\+)|(?:-|–|to)\s*([\d,]+))?\s*$", re.I)


@dataclass(frozen=True)
class Correction:
    """One row of the corrections file, with its line number (header is line 1)."""

    line: int
    target: str
    action: str
    value: str = ""
    note: str = ""
    by: str = ""


@dataclass(frozen=True)
class Outcome:
    """What became of one correction: the event it reached, whether it applied, and why not."""

    correction: Correction
    event_id: str
    applied: bool
    reason: str = ""


@dataclass
class CorrectionsSummary:
    """The corrections read from a file and what became of each."""

    path: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def n_applied(self) -> int:
        """Number of corrections applied."""
        return sum(1 for o in self.outcomes if o.applied)

    @property
    def problems(self) -> list[Outcome]:
        """Corrections that were not applied."""
        return [o for o in self.outcomes if not o.applied]


def resolve_path(corrections_path: str | Path = "") -> Path:
    """Return the corrections file to use: the given one, else data/corrections.csv of the repository."""
    text = str(corrections_path or "").strip()
    return Path(text).expanduser().resolve() if text else DEFAULT_CORRECTIONS


def read_corrections(path: Path) -> tuple[list[Correction], list[Outcome]]:
    """Read the corrections file; rows that cannot be read come back as not-applied outcomes."""
    if not path.is_file():
        return [], []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return [], []
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("target", "action") if c not in header]
    if missing:
        bad = Correction(line=1, target="", action="", value=",".join(rows[0]))
        return [], [Outcome(bad, "", False, f"the file has no column {' or '.join(missing)}; "
                                          f"expected columns {', '.join(COLUMNS)}")]
    corrections: list[Correction] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        corrections.append(Correction(line=number, target=cells.get("target", ""),
                                      action=cells.get("action", "").lower(), value=cells.get("value", ""),
                                      note=cells.get("note", ""), by=cells.get("by", "")))
    return corrections, []


def _parse_days(value: str) -> tuple[date, date] | str:
    """Read 'YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD' into a day range, or say what is wrong."""
    parts = [p.strip() for p in re.split(r"\.\.|/", value) if p.strip()]
    if not 1 <= len(parts) <= 2 or not all(_DAY.match(p) for p in parts):
        return f"date {value!r} is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD"
    try:
        days = [date.fromisoformat(p) for p in parts]
    except ValueError:
        return f"date {value!r} is not a real day"
    low, high = days[0], days[-1]
    if low > high:
        return f"date range {value!r} ends before it starts"
    return low, high


def _parse_count(value: str) -> tuple[int, int | None] | str:
    """Read '120', '100-150', '>=1000' or '1000+' into a count band, or say what is wrong."""
    match = _COUNT.match(value)
    if not match:
        return f"count {value!r} is not a number, a range N-M, or a lower bound >=N"
    low = int(match.group(2).replace(",", ""))
    if match.group(1) or match.group(3):
        return low, None
    high = int(match.group(4).replace(",", "")) if match.group(4) else low
    if high < low:
        return f"count range {value!r} ends below its start"
    return low, high


def _place_fields(value: str) -> dict[str, object] | str:
    """Gazetteer fields for a corrected place name, or say why the name is not usable."""
    from analysis.extract.gazetteer import load_gazetteer

    hits = load_gazetteer().lookup(value)
    if not hits:
        return f"place {value!r} is not in the gazetteer (analysis/data/gazetteer.csv)"
    place = hits[0]
    return {"place": place.name, "place_type": place.place_type, "province": place.province,
            "place_id": place.place_id, "latitude": place.latitude, "longitude": place.longitude}


def _join(*values: object) -> str:
    """Union of ';'-joined cells, in first-seen order."""
    seen: list[str] = []
    for value in values:
        for part in str(value or "").split(";"):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
    return ";".join(seen)


def _mark(frame: pd.DataFrame, i: int, *names: str) -> None:
    """Add field names to an event's `corrected` cell."""
    frame.at[i, "corrected"] = _join(frame.at[i, "corrected"], *names)


def _apply_one(events: pd.DataFrame, index: dict[str, int], by_mention: dict[str, str],
               c: Correction) -> Outcome:
    """Apply one correction to `events` in place and report what happened."""
    if not c.target:
        return Outcome(c, "", False, "target is empty: give an event_id or a mention_id")
    if c.action not in ACTIONS:
        return Outcome(c, "", False, f"unknown action {c.action!r}; use one of {', '.join(ACTIONS)}")
    event_id = c.target if c.target in index else by_mention.get(c.target, "")
    if not event_id:
        return Outcome(c, "", False, f"no event or mention {c.target!r} in this run "
                                     "(ids change when the articles do; check the Needs review section)")
    i = index[event_id]
    if c.action == "reject":
        events.at[i, "status"] = "rejected"
        _mark(events, i, "status")
    elif c.action == "set_date":
        days = _parse_days(c.value)
        if isinstance(days, str):
            return Outcome(c, event_id, False, days)
        low, high = days
        events.at[i, "date_low"], events.at[i, "date_high"] = low.isoformat(), high.isoformat()
        events.at[i, "date"] = low.isoformat() if low == high else ""
        _mark(events, i, "date", "date_low", "date_high")
    elif c.action == "set_place":
        if not c.value:
            return Outcome(c, event_id, False, "set_place needs a place name as value")
        found = _place_fields(c.value)
        if isinstance(found, str):
            return Outcome(c, event_id, False, found)
        target_field = "destination" if events.at[i, "event_type"] == "troops_fled" and found["place_type"] == "country" else ""
        if target_field:
            events.at[i, "destination"] = found["place"]
            _mark(events, i, "destination")
        else:
            for name, value in found.items():
                events.at[i, name] = "" if value is None else str(value)
            _mark(events, i, "place", "province")
    elif c.action == "set_outcome":
        if events.at[i, "event_type"] != "capital_entered":
            return Outcome(c, event_id, False, "an outcome applies to capital entries only")
        if c.value.lower() not in OUTCOMES:
            return Outcome(c, event_id, False, f"outcome {c.value!r} is not one of {', '.join(OUTCOMES)}")
        events.at[i, "outcome"] = c.value.lower()
        _mark(events, i, "outcome")
    elif c.action == "set_count":
        band = _parse_count(c.value)
        if isinstance(band, str):
            return Outcome(c, event_id, False, band)
        low, high = band
        events.at[i, "count_low"] = str(low)
        events.at[i, "count_high"] = "" if high is None else str(high)
        events.at[i, "count_text"] = c.value
        _mark(events, i, "count")
    else:  # merge_into
        other = c.value if c.value in index else by_mention.get(c.value, "")
        if not other:
            return Outcome(c, event_id, False, f"merge_into needs an existing event id as value, not {c.value!r}")
        if other == event_id:
            return Outcome(c, event_id, False, "an event cannot be merged into itself")
        j = index[other]
        if events.at[j, "event_type"] != events.at[i, "event_type"]:
            return Outcome(c, event_id, False, f"{other} is a {events.at[j, 'event_type']}, not a {events.at[i, 'event_type']}")
        for name in ("mention_ids", "article_ids", "claimants"):
            events.at[j, name] = _join(events.at[j, name], events.at[i, name])
        n_articles = len(_join(events.at[j, "article_ids"]).split(";")) if events.at[j, "article_ids"] else 0
        for name in ("n_mentions", "n_sources"):
            total = int(pd.to_numeric(events.at[j, name], errors="coerce") or 0) + int(pd.to_numeric(events.at[i, name], errors="coerce") or 0)
            events.at[j, name] = str(min(total, n_articles) if name == "n_sources" and n_articles else total)
        events.at[j, "n_articles"] = str(n_articles)
        events.at[i, "status"] = "merged"
        _mark(events, i, f"merged_into:{other}")
        _mark(events, j, "mention_ids", "article_ids")
    return Outcome(c, event_id, True, "" if c.target == event_id else f"mention {c.target} belongs to this event")


def apply_corrections(events: pd.DataFrame, mentions: pd.DataFrame,
                      corrections: list[Correction]) -> tuple[pd.DataFrame, list[Outcome]]:
    """Return events with the corrections applied (and a `corrected` column) and each row's outcome."""
    out = events.copy().reset_index(drop=True)
    for name in out.columns:
        out[name] = out[name].astype("object").where(out[name].notna(), "")
    if "corrected" not in out.columns:
        out["corrected"] = ""
    index = {str(e): i for i, e in enumerate(out["event_id"])}
    by_mention: dict[str, str] = {}
    for event_id, ids in zip(out["event_id"], out.get("mention_ids", pd.Series([""] * len(out)))):
        for mid in str(ids or "").split(";"):
            if mid.strip():
                by_mention.setdefault(mid.strip(), str(event_id))
    if "event_id" in mentions.columns:
        for mid, eid in zip(mentions["mention_id"], mentions["event_id"]):
            if isinstance(eid, str) and eid in index:
                by_mention.setdefault(str(mid), eid)
    outcomes = [_apply_one(out, index, by_mention, c) for c in corrections]
    return out, outcomes


def outcomes_frame(outcomes: list[Outcome]) -> pd.DataFrame:
    """The log table data/processed/corrections.csv: one row per correction and what became of it."""
    rows = [{"line": str(o.correction.line), "target": o.correction.target, "action": o.correction.action,
             "value": o.correction.value, "note": o.correction.note, "by": o.correction.by,
             "event_id": o.event_id, "applied": "yes" if o.applied else "no", "reason": o.reason}
            for o in outcomes]
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


def _event_chunks(events_csv: Path, chunk: int, columns: frozenset[str] | None = None) -> Iterator[pd.DataFrame]:
    """events.csv a chunk of rows at a time, the cells as written (text), the formula escape undone so it is not doubled."""
    reader = pd.read_csv(events_csv, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=chunk,
                         usecols=None if columns is None else (lambda c: c in columns))
    for frame in reader:
        yield unescape_csv_frame(frame)


@dataclass
class Reached:
    """The events corrections reach: by event id, by mention id, and the rows of events.csv involved."""

    by_mention: dict[str, str]
    rows: list[int]


def _reached(events_csv: Path, processed: Path, corrections: list[Correction], chunk: int) -> Reached:
    """Find, reading events.csv and the mentions a chunk at a time, every event a correction's target or value names."""
    names = {c.target for c in corrections} | {c.value for c in corrections}
    names.discard("")
    candidates: list[tuple[str, str]] = []  # (mention id, event id) of the mentions table, in order
    for frame in read_table_chunks(processed, "mentions", ["mention_id", "event_id"], chunk):
        named = frame[frame["mention_id"].isin(names)]
        candidates.extend(zip(named["mention_id"].astype(str), named["event_id"]))
    wanted_events = names | {e for _, e in candidates if isinstance(e, str)}
    existing: set[str] = set()
    by_mention: dict[str, str] = {}
    for frame in _event_chunks(events_csv, chunk, frozenset({"event_id", "mention_ids"})):
        ids = frame["event_id"].astype(str)
        existing.update(ids[ids.isin(wanted_events)])
        mention_ids = frame["mention_ids"] if "mention_ids" in frame else pd.Series([""] * len(frame), index=frame.index)
        for event_id, listed in zip(ids, mention_ids):
            for mid in str(listed or "").split(";"):
                mid = mid.strip()
                if mid in names:
                    by_mention.setdefault(mid, event_id)
    for mid, eid in candidates:
        if isinstance(eid, str) and eid in existing:
            by_mention.setdefault(mid, eid)
    involved = (names & existing) | {by_mention[n] for n in names if n in by_mention}
    rows: list[int] = []
    start = 0
    for frame in _event_chunks(events_csv, chunk, frozenset({"event_id"})):
        hit = frame["event_id"].astype(str).isin(involved).to_numpy()
        rows.extend((start + i for i in hit.nonzero()[0].tolist()))
        start += len(frame)
    return Reached(by_mention, rows)


def _write_corrected(events_csv: Path, parquet: bool, corrected: pd.DataFrame, rows: list[int], chunk: int) -> None:
    """Rewrite events.csv (and .parquet) a chunk at a time, the corrected rows put in their places."""
    at = dict(zip(rows, range(len(rows))))
    start = 0
    table: StreamedTable | None = None
    try:
        for frame in _event_chunks(events_csv, chunk):
            frame = frame.reset_index(drop=True)
            for name in frame.columns:
                frame[name] = frame[name].astype("object").where(frame[name].notna(), "")
            if "corrected" not in frame.columns:
                frame["corrected"] = ""
            for name in corrected.columns:  # a column a correction added (a place's coordinates) is empty elsewhere
                if name not in frame.columns:
                    frame[name] = pd.Series([None] * len(frame), dtype="object")
            here = [(i - start, at[i]) for i in range(start, start + len(frame)) if i in at] if at else []
            for local, j in here:
                for name, value in corrected.iloc[j].items():
                    frame.at[local, name] = value
            if table is None:
                columns = list(frame.columns)
                table = StreamedTable(events_csv.parent, "events", columns, parquet=parquet, text_only=True,
                                      valued=frozenset(columns))
            table.add_frame(frame)
            start += len(frame)
        if table is None:
            raise ValueError("events.csv has no rows")
        table.finish()
    except BaseException:
        if table is not None:
            table.discard()
        raise
    commit_streamed([table])


def correct_tables(processed_dir: Path | str, corrections_path: str | Path = "", *,
                   say: Callable[[str], None] | None = None, chunk: int = TABLE_CHUNK) -> CorrectionsSummary:
    """Apply the corrections file to processed events.csv (and .parquet) and write corrections.csv.

    events.csv is read and rewritten a chunk at a time; only the events a correction reaches are held whole.
    """
    processed = Path(processed_dir)
    path = resolve_path(corrections_path)
    summary = CorrectionsSummary(path=str(path))
    corrections, unreadable = read_corrections(path)
    events_csv = processed / "events.csv"
    streamable = events_csv.is_file() and events_csv.stat().st_size > 0
    if streamable:
        try:
            header = pd.read_csv(events_csv, dtype=str, keep_default_na=False, encoding="utf-8", nrows=1)
        except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError):
            streamable = False
        else:
            streamable = len(header) > 0
    if streamable:
        reached = _reached(events_csv, processed, corrections, chunk) if corrections else Reached({}, [])
        involved = pd.concat([f.reset_index(drop=True) for f in _rows_of(events_csv, reached.rows, chunk)], ignore_index=True) \
            if reached.rows else pd.read_csv(events_csv, dtype=str, keep_default_na=False, encoding="utf-8", nrows=0)
        mentions = pd.DataFrame({"mention_id": list(reached.by_mention), "event_id": list(reached.by_mention.values())})
        corrected, outcomes = apply_corrections(involved, mentions, corrections)
        summary.outcomes = unreadable + outcomes
        _write_corrected(events_csv, (processed / "events.parquet").is_file(), corrected, reached.rows, chunk)
    else:
        if events_csv.is_file():
            # the cells as written (no type coercion), with the formula escape undone so it is not doubled
            frame = pd.read_csv(events_csv, dtype=str, keep_default_na=False, encoding="utf-8").map(csv_unescape)
        else:
            frame = read_table(processed, "events")
        mentions = read_table(processed, "mentions")
        corrected, outcomes = apply_corrections(frame, mentions, corrections)
        summary.outcomes = unreadable + outcomes
        atomic_write_bytes(events_csv, frame_csv_bytes(corrected))
        if (processed / "events.parquet").is_file():
            atomic_write_bytes(processed / "events.parquet", frame_parquet_bytes(corrected))
    atomic_write_bytes(processed / "corrections.csv", frame_csv_bytes(outcomes_frame(summary.outcomes)))
    tell = say or (lambda message: print(message, file=sys.stderr))
    if summary.outcomes:
        tell(f"corrections: {summary.n_applied} of {len(summary.outcomes)} applied from {path}")
    for o in summary.problems:
        tell(f"correction on line {o.correction.line} ({o.correction.action or '?'} {o.correction.target or '?'}) "
             f"not applied: {o.reason}")
    return summary


def _rows_of(events_csv: Path, rows: list[int], chunk: int) -> Iterator[pd.DataFrame]:
    """The given rows of events.csv (in file order), read a chunk at a time."""
    wanted = sorted(set(rows))
    start = 0
    for frame in _event_chunks(events_csv, chunk):
        local = [r - start for r in wanted if start <= r < start + len(frame)]
        if local:
            yield frame.iloc[local]
        start += len(frame)


def read_log(processed_dir: Path | str) -> pd.DataFrame | None:
    """The corrections log of a processed folder (corrections.csv), None when there is none."""
    path = Path(processed_dir) / "corrections.csv"
    if not path.is_file():
        return None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError):
        return None
    return frame.reindex(columns=LOG_COLUMNS, fill_value="")


def report_problems(processed_dir: Path | str, say: Callable[[str], None]) -> int:
    """Tell (on the terminal) each correction of the last tabulate run that was not applied; return how many."""
    log = read_log(processed_dir)
    if log is None or log.empty:
        return 0
    problems = log[log["applied"] != "yes"]
    say(f"corrections: {len(log) - len(problems)} of {len(log)} applied")
    for _, row in problems.iterrows():
        say(f"correction on line {row['line']} ({row['action'] or '?'} {row['target'] or '?'}) not applied: {row['reason']}")
    return len(problems)


def correction_row(target: str, action: str, value: str = "", note: str = "", by: str = "") -> str:
    """One ready-to-copy CSV line for the corrections file."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([target, action, value, note, by])
    return buf.getvalue()


def shown(events: pd.DataFrame) -> pd.DataFrame:
    """Events that figures and key figures count: all but rejected and merged ones."""
    if events.empty or "status" not in events.columns:
        return events
    keep = ~events["status"].astype(str).str.strip().str.lower().isin(HIDDEN_STATUSES)
    return events[keep]
