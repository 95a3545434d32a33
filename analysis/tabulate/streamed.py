"""The tabulate stage in bounded memory: the interim mentions read a chunk at a time, merged a block at a time.

Pass 1 reads the interim mentions in chunks. It keeps, per mention, a 64-bit hash of what makes a word-for-word
repeat (type, place, destination, normalised sentence) and of its source, writes the sentences of mentions
that can merge to a sentence store on disk, and spools their compact merge records (no text) into partitions
by block (type and place; every mention that can meet another in the merge lies in one block). Repeats are then
marked on the hashes, each partition is merged in memory, and its events, with their evidence read back from the
sentence store, are spooled sorted. Pass 2 reads the interim mentions again and writes mentions.csv with
repeat_of and event_id filled in; the events are written from a merge of the sorted spools. Output bytes are
those of the in-memory path (pipeline.load_for_tabulate, merge_events, write_tabulated).
"""

from __future__ import annotations

import heapq
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from analysis.records import Event
from analysis.tabulate import merge
from analysis.tabulate.tables import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    MENTION_COLUMNS,
    TALLY_COLUMNS,
    StreamedTable,
    commit_streamed,
    read_table_chunks,
    table_frame,
)

if TYPE_CHECKING:
    from analysis.pipeline import ResultSpool

PARTITIONS = 64  # partitions of the merge records: one is in memory at a time
EVENT_SPOOL_CHUNK = 500  # events per pickled chunk of a sorted event spool
MENTION_CHUNK = 50_000  # interim mentions read at a time
_SPACE = re.compile(r"\W+")


class NotStreamable(Exception):
    """The interim mentions cannot be tabulated in streamed form (unsorted rows or repeated mention ids)."""


@dataclass(frozen=True)
class ArticleFacts:
    """What the tabulate stage needs of the articles table: its size, copies and month-dated articles."""

    n_articles: int
    sources: dict[str, str]
    month_articles: frozenset[str]


@dataclass(frozen=True)
class Window:
    """The days kept ([start, end], either open when None)."""

    start: date | None
    end: date | None


@dataclass(frozen=True)
class StreamedSummary:
    """What the streamed tabulate stage wrote: counts, events by type, and the files."""

    n_mentions: int
    n_events: int
    events_by_type: dict[str, int]
    n_disputed: int
    n_tallies: int
    outputs: list[Path]


def read_article_facts(processed_dir: Path, chunk: int = MENTION_CHUNK) -> ArticleFacts:
    """The articles' count, their originals when copies, and those dated only to the month, read a chunk at a time."""
    n = 0
    sources: dict[str, str] = {}
    month: set[str] = set()
    for frame in read_table_chunks(processed_dir, "articles", ["article_id", "duplicate_of", "published_precision"], chunk):
        n += len(frame)
        copies = frame[frame["duplicate_of"] != ""]
        sources.update(zip(copies["article_id"].astype(str), copies["duplicate_of"].astype(str)))
        month.update(frame.loc[frame["published_precision"] == "month", "article_id"].astype(str))
    return ArticleFacts(n, sources, frozenset(month))


def _in_window(frame: pd.DataFrame, low_col: str, high_col: str, window: Window) -> pd.Series:
    """Which rows' date ranges meet the window (pipeline.in_window on every row)."""
    keep = pd.Series(True, index=frame.index)
    low, high = frame[low_col], frame[high_col]
    if window.start is not None:
        keep &= ~(high.notna() & (high < pd.Timestamp(window.start)))
    if window.end is not None:
        first = low.where(low.notna(), high)
        keep &= ~(first.notna() & (first > pd.Timestamp(window.end)))
    return keep


def mention_chunks(processed_dir: Path, window: Window, chunk: int = MENTION_CHUNK) -> Iterator[pd.DataFrame]:
    """The interim mentions in the window, typed, a chunk at a time (row numbers counted over kept rows)."""
    interim = Path(processed_dir) / "interim"
    start = 0
    for frame in read_table_chunks(interim, "mentions_raw", None, chunk):
        if window.start is not None or window.end is not None:
            frame = frame[_in_window(frame, "date_low", "date_high", window)]
        frame = frame.reset_index(drop=True)
        frame.index = pd.RangeIndex(start, start + len(frame))
        start += len(frame)
        if len(frame):
            yield frame


def release_memory() -> None:
    """Hand freed memory back to the system between passes: Python's, the C library's and Arrow's pool."""
    import sys

    from analysis.parallel import release_freed_memory

    release_freed_memory()
    if "pyarrow" in sys.modules:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()


def _hash(frame: pd.DataFrame | pd.Series) -> np.ndarray:
    """A 64-bit hash of each row's values."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)


class SentenceStore:
    """Sentences written to a temporary file by row number, read back one at a time."""

    def __init__(self, folder: Path) -> None:
        """Open the store's file in `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".sentences-", suffix=".bin", dir=folder)
        self.path = Path(name)
        self._handle = os.fdopen(fd, "w+b")
        self._offsets: list[np.ndarray] = []
        self._starts: np.ndarray | None = None
        self._size = 0

    def add(self, sentences: pd.Series) -> None:
        """Append the sentences of the next rows (every row gets a place, kept or not)."""
        encoded = [s.encode("utf-8") for s in sentences]
        lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
        self._offsets.append(lengths)
        self._handle.write(b"".join(encoded))
        self._size += int(lengths.sum())

    def close_writing(self) -> None:
        """Finish writing: the rows' offsets are fixed from here on."""
        self._handle.flush()
        lengths = np.concatenate(self._offsets) if self._offsets else np.zeros(0, dtype=np.int64)
        self._offsets = []
        self._starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])

    def text(self, row: int) -> str:
        """The sentence of a row."""
        assert self._starts is not None
        start, end = int(self._starts[row]), int(self._starts[row + 1])
        return os.pread(self._handle.fileno(), end - start, start).decode("utf-8")

    def close(self) -> None:
        """Close and remove the file."""
        self._handle.close()
        self.path.unlink(missing_ok=True)


def _sorted_rows(frame: pd.DataFrame, previous: tuple | None) -> bool:
    """Whether a chunk's rows follow one another in (article_id, char_start, mention_id) order, after `previous`."""
    a = frame["article_id"].to_numpy(dtype=object)
    c = frame["char_start"].to_numpy(dtype=object, na_value=None)
    if any(v is None for v in c):
        return False
    m = frame["mention_id"].to_numpy(dtype=object)
    if previous is not None and previous > (a[0], c[0], m[0]):
        return False
    if len(a) < 2:
        return True
    later = a[1:] > a[:-1]
    same = a[1:] == a[:-1]
    c1, c0 = c[1:].astype(np.int64), c[:-1].astype(np.int64)
    ok = later | (same & ((c1 > c0) | ((c1 == c0) & (m[1:] >= m[:-1]))))
    return bool(ok.all())


def _repeat_keys(frame: pd.DataFrame) -> np.ndarray:
    """The hash of what makes a mention a word-for-word repeat: type, place, destination, normalised sentence."""
    norm = frame["sentence"].map(lambda s: _SPACE.sub(" ", s.lower()).strip())
    return _hash(pd.DataFrame({"t": frame["event_type"], "p": frame["place"], "d": frame["destination"], "s": norm}))


def _usable(frame: pd.DataFrame) -> pd.Series:
    """Which mentions take part in the merge (merge.usable_mention on every row)."""
    return ((frame["event_type"] != "") & ((frame["place"] != "") | (frame["destination"] != ""))
            & frame["modality"].isin(["", "asserted", "negated"]))


def _blocks(frame: pd.DataFrame) -> np.ndarray:
    """The partition of each mention's block: type and place as merge.group_key has them, hashed."""
    fled = (frame["event_type"] == "troops_fled") & (frame["destination"] != "")
    kind = frame["place_type"].where(~fled, "country")
    place = frame["place_id"].where(frame["place_id"] != "", frame["place"]).where(~fled, frame["destination"])
    return _hash(pd.DataFrame({"t": frame["event_type"], "k": kind, "p": place.str.lower()})) % PARTITIONS


def _kinds(frame: pd.DataFrame) -> list[str]:
    """Each mention's kind of quantity (merge.count_kind), worked out while its sentence is at hand."""
    counted = (frame["count_low"].notna() | frame["count_high"].notna()).tolist()
    return [merge.count_kind(*values) for values in zip(frame["event_type"], frame["place_type"], frame["count_text"],
                                                        frame["count_qualifier"], counted, frame["sentence"])]


def _python_values(values: pd.Series) -> list:
    """A column's values as Python objects: dates as dates, integers as ints, missing values as None."""
    if pd.api.types.is_datetime64_any_dtype(values):
        days = values.dt.date.tolist()
        return [None if v is pd.NaT else v for v in days] if values.isna().any() else days
    if isinstance(values.dtype, pd.Int64Dtype):
        return values.astype(object).where(values.notna(), None).tolist()
    if pd.api.types.is_float_dtype(values):
        return [None if v != v else v for v in values.tolist()]
    return values.tolist()


def _merge_records(frame: pd.DataFrame) -> list[merge.MergeMention]:
    """Compact merge records of a partition's rows (columns: merge.MERGE_FIELDS, count_kind and weekday_only, rows as
    index)."""
    columns = [frame.index.tolist()] + [_python_values(frame[name]) for name in (*merge.MERGE_FIELDS, "count_kind",
                                                                                   "weekday_only")]
    return list(map(merge.MergeMention, *columns))


class TabulateSpools:
    """The stage's temporary files: partitions of merge records, the sentence store, sorted event runs."""

    def __init__(self, folder: Path) -> None:
        """Open them in `folder`."""
        from analysis.pipeline import ResultSpool

        self.folder = folder
        self.partitions = [ResultSpool(folder, chunk=1) for _ in range(PARTITIONS)]
        self.rows: ResultSpool[pd.DataFrame] = ResultSpool(folder, chunk=1)  # the mentions table's rows, as pass 1 read them
        self.sentences = SentenceStore(folder)
        self.events: list[ResultSpool[Event]] = []
        self._spool = ResultSpool

    def event_run(self) -> "ResultSpool[Event]":
        """A new spool of events in events.csv order."""
        run = self._spool(self.folder, chunk=EVENT_SPOOL_CHUNK)
        self.events.append(run)
        return run

    def close(self) -> None:
        """Remove every file."""
        for spool in self.partitions + self.events + [self.rows]:
            spool.close()
        self.sentences.close()


@dataclass
class FirstPass:
    """What pass 1 found: the number of rows kept and, per row, the hash of its repeat key and of its source."""

    n_rows: int
    repeat_keys: np.ndarray
    source_keys: np.ndarray


def first_pass(processed_dir: Path, window: Window, facts: ArticleFacts, spools: TabulateSpools,
               chunk: int = MENTION_CHUNK) -> FirstPass:
    """Read the mentions once: hashes of every row, sentences and compact records of those that merge, by partition."""
    keys: list[np.ndarray] = []
    source_keys: list[np.ndarray] = []
    id_keys: list[np.ndarray] = []
    previous: tuple | None = None
    n = 0
    for frame in mention_chunks(processed_dir, window, chunk):
        if not _sorted_rows(frame, previous):
            raise NotStreamable("interim mentions are not in (article_id, char_start, mention_id) order")
        last = frame.iloc[-1]
        previous = (last["article_id"], int(last["char_start"]), last["mention_id"])
        n += len(frame)
        keys.append(_repeat_keys(frame))
        source = frame["article_id"].map(facts.sources)
        source_keys.append(_hash(source.where(source.notna(), frame["article_id"])))
        id_keys.append(_hash(frame["mention_id"]))
        spools.sentences.add(frame["sentence"])
        spools.rows.add(table_frame(frame, MENTION_COLUMNS).set_index(frame.index))
        usable = frame[_usable(frame)]
        if len(usable):
            compact = usable[list(merge.MERGE_FIELDS)].copy()
            compact["count_kind"] = _kinds(usable)
            compact["weekday_only"] = [merge.weekday_only(t) for t in usable["date_text"]]
            for part, rows in compact.groupby(_blocks(usable), sort=True):
                spools.partitions[int(part)].add(rows)  # type: ignore[arg-type]
    spools.sentences.close_writing()
    ids = np.concatenate(id_keys) if id_keys else np.zeros(0, dtype=np.uint64)
    if len(pd.unique(ids)) != len(ids):
        raise NotStreamable("mention ids are not unique")
    empty = np.zeros(0, dtype=np.uint64)
    return FirstPass(n, np.concatenate(keys) if keys else empty, np.concatenate(source_keys) if source_keys else empty)


def repeats(found: FirstPass) -> np.ndarray:
    """For each row, the row it repeats word for word from another source (merge.mark_repeats), else -1."""
    codes, _ = pd.factorize(found.repeat_keys)
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    new = np.empty(len(codes), dtype=bool)  # codes number keys in order of first appearance
    new[0] = True
    np.greater(codes[1:], np.maximum.accumulate(codes[:-1]), out=new[1:])
    first = np.flatnonzero(new)[codes]
    return np.where(found.source_keys[first] != found.source_keys, first, -1)


@dataclass
class Merged:
    """What the merge gave: each row's event number (-1 for none), event ids by number, event columns with a value."""

    event_of: np.ndarray
    event_ids: list[str]
    valued: frozenset[str]


def _valued(events: Sequence[Event], known: set[str], candidates: Sequence[str]) -> None:
    """Add to `known` the event columns among `candidates` that hold a value in some event."""
    for name in candidates:
        if name not in known and any(getattr(e, name) is not None for e in events):
            known.add(name)


def merge_partitions(spools: TabulateSpools, repeat_of: np.ndarray, facts: ArticleFacts) -> Merged:
    """Merge each partition's mentions (repeats left out) into events spooled in events.csv order."""
    event_of = np.full(len(repeat_of), -1, dtype=np.int64)
    event_ids: list[str] = []
    valued: set[str] = set()
    text_columns = [c for c in EVENT_COLUMNS if c not in INT_COLUMNS and c not in FLOAT_COLUMNS]
    sentence_of = lambda m: spools.sentences.text(m.row)  # noqa: E731
    for part in spools.partitions:
        frames = list(part)
        part.close()
        if not frames:
            continue
        frame = pd.concat(frames) if len(frames) > 1 else frames[0]
        del frames
        frame = frame[repeat_of[frame.index.to_numpy()] < 0]
        records = _merge_records(frame)
        del frame
        merged = merge.merge_clusters(records, facts.sources, facts.month_articles, sentence_of)  # type: ignore[arg-type]
        del records
        for event, members in merged:
            event_of[[m.row for m in members]] = len(event_ids)  # type: ignore[union-attr]
            event_ids.append(event.event_id)
        events = sorted((e for e, _ in merged), key=merge.event_order)
        del merged
        _valued(events, valued, text_columns)
        run = spools.event_run()
        for event in events:
            run.add(event)
    return Merged(event_of, event_ids, frozenset(valued))


def _mention_frames(spools: TabulateSpools, repeat_of: np.ndarray, event_of: np.ndarray,
                    event_ids: Sequence[str]) -> Iterator[pd.DataFrame]:
    """Pass 2: the mentions table's frames (spooled by pass 1) with repeat_of and event_id filled in."""
    needed = np.zeros(len(repeat_of), dtype=bool)
    needed[repeat_of[repeat_of >= 0]] = True
    first_ids: dict[int, str] = {}
    ids = np.array(list(event_ids) + [""], dtype=object)  # -1 reads the last: no event
    for out in spools.rows:
        rows = out.index.to_numpy()
        out = out.reset_index(drop=True)
        wanted = needed[rows]
        if wanted.any():
            first_ids.update(zip(rows[wanted].tolist(), out["mention_id"].to_numpy(dtype=object)[wanted].tolist()))
        of = repeat_of[rows]
        marked = of >= 0
        if marked.any():
            column = out["repeat_of"].to_numpy(dtype=object).copy()
            column[marked] = [first_ids[r] for r in of[marked].tolist()]
            out["repeat_of"] = column
        out["event_id"] = ids[event_of[rows]]
        yield out


def _write_guessing(processed_dir: Path, name: str, columns: Sequence[str], parquet: bool,
                    frames: Callable[[], Iterable[pd.DataFrame]]) -> StreamedTable:
    """Write a table's frames to temporary files; once more, knowing the valued columns, if Parquet's guess failed."""
    valued: frozenset[str] | None = None
    while True:
        table = StreamedTable(Path(processed_dir), name, columns, parquet=parquet, valued=valued)
        try:
            for frame in frames():
                table.add_frame(frame)
            table.finish()
        except BaseException:
            table.discard()
            raise
        if not table.guessed_wrong:
            return table
        valued = frozenset(table.seen_valued)
        table.discard()


def _write_mentions(processed_dir: Path, spools: TabulateSpools, repeat_of: np.ndarray, event_of: np.ndarray,
                    event_ids: Sequence[str], parquet: bool) -> StreamedTable:
    """Write mentions.csv (and Parquet) to temporary files, with repeats and events filled in."""
    return _write_guessing(processed_dir, "mentions", MENTION_COLUMNS, parquet,
                           lambda: _mention_frames(spools, repeat_of, event_of, event_ids))


def _write_events(processed_dir: Path, spools: TabulateSpools, valued: frozenset[str], parquet: bool,
                  chunk: int) -> tuple[StreamedTable, dict[str, int], int]:
    """Write events.csv (and Parquet) from the sorted event spools; return the table, events by type, disputed count."""
    by_type: dict[str, int] = {}
    disputed = 0
    table = StreamedTable(Path(processed_dir), "events", EVENT_COLUMNS, parquet=parquet, valued=valued)
    try:
        pending: list[Event] = []
        for event in heapq.merge(*spools.events, key=merge.event_order):  # type: ignore[arg-type]
            by_type[event.event_type] = by_type.get(event.event_type, 0) + 1
            disputed += event.status == "disputed"
            pending.append(event)
            if len(pending) >= chunk:
                table.add(pending)
                pending = []
        table.add(pending)
        table.finish()
    except BaseException:
        table.discard()
        raise
    return table, dict(sorted(by_type.items())), disputed


def _write_tallies(processed_dir: Path, window: Window, parquet: bool, chunk: int) -> StreamedTable:
    """Write tallies.csv (and Parquet) from the interim tallies in the window, a chunk at a time."""
    interim = Path(processed_dir) / "interim"

    def frames() -> Iterator[pd.DataFrame]:
        for frame in read_table_chunks(interim, "tallies_raw", None, chunk):
            if window.start is not None or window.end is not None:
                frame = frame[_in_window(frame, "date", "date", window)]
            yield table_frame(frame, TALLY_COLUMNS)

    return _write_guessing(processed_dir, "tallies", TALLY_COLUMNS, parquet, frames)


@dataclass
class MergeStage:
    """The merge stage's results, waiting to be written: facts, window, per-row repeats and events, open spools."""

    processed_dir: Path
    window: Window
    facts: ArticleFacts
    spools: TabulateSpools
    n_mentions: int
    repeat_of: np.ndarray
    merged: Merged


def merge_streamed(processed_dir: Path, window: Window, chunk: int = MENTION_CHUNK) -> MergeStage:
    """Read the interim mentions, mark repeats and merge events into spools (raises NotStreamable; close the spools after)."""
    processed_dir = Path(processed_dir)
    facts = read_article_facts(processed_dir, chunk)
    spools = TabulateSpools(processed_dir / "interim")
    try:
        found = first_pass(processed_dir, window, facts, spools, chunk)
        release_memory()
        repeat_of = repeats(found)
        merged = merge_partitions(spools, repeat_of, facts)
        release_memory()
    except BaseException:
        spools.close()
        raise
    return MergeStage(processed_dir, window, facts, spools, found.n_rows, repeat_of, merged)


def write_streamed(stage: MergeStage, *, parquet_from: int, chunk: int = MENTION_CHUNK) -> StreamedSummary:
    """Write events, mentions and tallies tables from a merge stage (temporaries, then renames); close its spools."""
    processed_dir, window = stage.processed_dir, stage.window
    parquet = stage.facts.n_articles >= parquet_from
    written: list[StreamedTable] = []
    try:
        events, by_type, disputed = _write_events(processed_dir, stage.spools, stage.merged.valued, parquet, chunk)
        written.append(events)
        release_memory()
        written.append(_write_mentions(processed_dir, stage.spools, stage.repeat_of, stage.merged.event_of,
                                       stage.merged.event_ids, parquet))
        release_memory()
        tallies = _write_tallies(processed_dir, window, parquet, chunk)
        written.append(tallies)
    except BaseException:
        for table in written:
            table.discard()
        raise
    finally:
        stage.spools.close()
    outputs = commit_streamed(written)
    return StreamedSummary(stage.n_mentions, sum(by_type.values()), by_type, disputed, tallies.rows, outputs)
