"""The small tables the report and notebook 02 read instead of the mentions, written by the tabulate step.

They are built from the final tables (events after corrections, mentions as written), the mentions read a chunk at
a time, so neither the tabulate step nor the report holds every mention:

- `review_counts.csv`: `n_mentions` (the rows of mentions.csv).
- `review_conflicts.csv`: `event_id`, `conflicts` (`conflicting outcomes`, `conflicting counts`, ';'-joined): the
  events whose asserted mentions disagree on the outcome or the number.
- `review_disputes.csv`: `event_id`, `side` (asserted or denied), `n_side` (the side's sentences in all),
  `claimants` (the side's distinct claimants, sorted, '; '-joined), `claimant`, `article_id`, `sentence`: the
  first SIDE_SHOWN sentences of each side of each disputed event, in (article_id, char_start, mention_id) order.
- `review_undated.csv`: `mention_id`, `article_id`, `event_type`, `place`, `destination`, `sentence`: every
  asserted report without a date that joined no event (they are few; the page lists the first ones).
- `review_source.txt`: a digest of the events files they were made from, written last; tables whose
  digest no longer matches the folder (a run stopped half-way, an edited table) are not read, and the facts are
  worked out from the mentions instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.tabulate.tables import TABLE_CHUNK, atomic_write_text, read_table_chunks, unescape_csv_frame, write_tables

CONFLICT_REASONS: tuple[str, ...] = ("conflicting outcomes", "conflicting counts")  # in the order they are listed
UNDATED_COLUMNS: list[str] = ["mention_id", "article_id", "event_type", "place", "destination", "sentence"]
SIDE_SHOWN = 5  # sentences kept (and shown) per side of a dispute; n_side counts them all
FOLD_ROWS = 200_000  # conflict rows gathered between two passes that drop the repeated ones
COUNTS, CONFLICTS, DISPUTES, UNDATED = "review_counts", "review_conflicts", "review_disputes", "review_undated"
TABLES: tuple[str, ...] = (COUNTS, CONFLICTS, DISPUTES, UNDATED)
# what the review tables were made from: a digest of the events files (rewritten by every tabulate run, their rows
# naming their mentions), written after the tables; tables whose source no longer matches (a tabulate run stopped
# half-way, an edited events.csv) are not read
SOURCE = "review_source.txt"
SOURCE_FILES: tuple[str, ...] = ("events.csv", "events.parquet")
COLUMNS: dict[str, list[str]] = {
    COUNTS: ["n_mentions"],
    CONFLICTS: ["event_id", "conflicts"],
    DISPUTES: ["event_id", "side", "n_side", "claimants", "claimant", "article_id", "sentence"],
    UNDATED: UNDATED_COLUMNS,
}
SIDES: tuple[str, str] = ("asserted", "denied")
EVENT_FIELDS: list[str] = ["event_id", "status", "event_type", "place", "article_ids", "mention_ids"]
MENTION_FIELDS: list[str] = ["mention_id", "event_id", "article_id", "event_type", "place", "destination", "stance",
                             "modality", "claimant", "sentence", "char_start", "date_low", "date_high", "outcome",
                             "count_low", "count_high"]
_ORDER: list[str] = ["_event", "_side", "article_id", "char_start", "mention_id"]  # sides, then the page's order
_NO_EVENTS = pd.DataFrame({"event_id": pd.Series(dtype=object), "mention_ids": pd.Series(dtype=object)})

Chunks = Callable[[], Iterable[pd.DataFrame]]  # a table's typed frames, read afresh at each call


@dataclass(frozen=True)
class SideSentence:
    """One sentence of a side of a dispute: who says so, in which article, in which words."""

    claimant: str
    article_id: str
    sentence: str


@dataclass(frozen=True)
class Side:
    """One side of a disputed event: its first sentences, how many it has, its distinct claimants ('; '-joined)."""

    shown: tuple[SideSentence, ...] = ()
    total: int = 0
    claimants: str = ""


@dataclass(frozen=True)
class Dispute:
    """Both sides of a disputed event."""

    event_id: str
    asserted: Side = Side()
    denied: Side = Side()


@dataclass(frozen=True)
class ReviewFacts:
    """What the report and notebook 02 need of the mentions: their number, conflicts, disputed sides, undated reports."""

    n_mentions: int
    conflicts: Mapping[str, tuple[str, ...]]  # event id -> conflicting fields, in CONFLICT_REASONS order
    disputes: Mapping[str, Dispute]  # event id of a disputed event -> its sides (absent: no sentence found)
    undated: pd.DataFrame  # undated_reports' rows, all of them

    def dispute(self, event_id: str) -> Dispute:
        """The sides of an event (both empty when no mention was found)."""
        return self.disputes.get(event_id) or Dispute(event_id)


def _disputes(frame: pd.DataFrame) -> dict[str, Dispute]:
    """The disputes of review_disputes rows (each side's rows in order)."""
    shown: dict[tuple[str, str], list[SideSentence]] = {}
    heads: dict[tuple[str, str], tuple[int, str]] = {}
    for event, kind, n, names, claimant, article, sentence in frame[COLUMNS[DISPUTES]].itertuples(index=False):
        shown.setdefault((event, kind), []).append(SideSentence(claimant, article, sentence))
        heads[(event, kind)] = (int(n), names)

    def side(event: str, kind: str) -> Side:
        total, names = heads.get((event, kind), (0, ""))
        return Side(tuple(shown.get((event, kind), ())), total, names)

    return {event: Dispute(event, side(event, "asserted"), side(event, "denied"))
            for event in dict.fromkeys(event for event, _ in shown)}


# ----------------------------------------------------------------------------- building


def split_cell(value: object) -> list[str]:
    """Parts of a ';'-joined cell."""
    return [p.strip() for p in ("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)).split(";")
            if p.strip()]


def conflict_rows(mentions: pd.DataFrame) -> pd.DataFrame:
    """The asserted mentions that joined an event, as the (event, outcome, low, high) rows conflicts_in compares."""
    columns = ["event", "outcome", "low", "high"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    asserted = mentions[mentions["stance"].astype(str).str.lower() != "denied"]
    owner = (asserted["event_id"].fillna("").astype(str) if "event_id" in asserted.columns
             else pd.Series([""] * len(asserted), index=asserted.index))
    frame = pd.DataFrame({"event": owner.to_numpy(), "outcome": asserted["outcome"].astype(str).str.lower().to_numpy(),
                          "low": asserted["count_low"].to_numpy(), "high": asserted["count_high"].to_numpy()},
                         columns=columns)
    return frame[frame["event"] != ""]


def conflicts_in(rows: pd.DataFrame) -> dict[str, set[str]]:
    """For each event of conflict rows (any subset holding each distinct row), which of outcome and count disagree."""
    out: dict[str, set[str]] = {}
    if rows.empty:
        return out
    outcomes = rows[~rows["outcome"].isin(["", "unknown"])].groupby("event")["outcome"].nunique()
    for event_id in outcomes.index[outcomes > 1]:
        out.setdefault(str(event_id), set()).add("conflicting outcomes")
    pairs = rows.drop_duplicates(["event", "low", "high"])  # each distinct (low, high) band of an event once
    counts = pairs[pairs["low"].notna() | pairs["high"].notna()].groupby("event").size()
    for event_id in counts.index[counts > 1]:
        out.setdefault(str(event_id), set()).add("conflicting counts")
    return out


def with_event_ids(events: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions with an `event_id` column, blanks filled from events.mention_ids (older tables have none)."""
    given = (mentions["event_id"].fillna("").astype(str).str.strip() if "event_id" in mentions.columns
             else pd.Series([""] * len(mentions), index=mentions.index, dtype=object))
    blank = given == ""
    if not blank.any():
        return mentions.assign(event_id=given)
    owner = {mid: str(eid) for eid, ids in zip(events.get("event_id", []), events.get("mention_ids", []))
             for mid in split_cell(ids)}
    filled = given.copy()
    filled[blank] = [owner.get(str(m), "") for m in mentions.loc[blank, "mention_id"]]
    return mentions.assign(event_id=filled)


def undated_reports(events: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Asserted mentions with no date that joined no event: reports the timelines cannot show."""
    if mentions.empty:
        return pd.DataFrame(columns=UNDATED_COLUMNS)
    m = with_event_ids(events, mentions)
    if "modality" in m.columns:
        asserted = m["modality"].astype(str).str.strip().str.lower().isin(["asserted", ""])
    else:
        asserted = m["stance"].astype(str).str.strip().str.lower() != "denied"
    undated = m["date_low"].isna() & m["date_high"].isna()
    joined = m["event_id"].fillna("").astype(str).str.strip() != ""
    out = m[asserted & undated & ~joined]
    return out.reindex(columns=UNDATED_COLUMNS).sort_values(["article_id", "mention_id"], kind="mergesort").reset_index(drop=True)



def _mentions_for(event: pd.Series, mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions that make up an event: by mention id, else by type, place and article."""
    ids = split_cell(event.get("mention_ids", ""))
    if ids and not mentions.empty:
        found = mentions[mentions["mention_id"].isin(ids)]
        if not found.empty:
            return found
    if mentions.empty:
        return mentions
    articles = set(split_cell(event.get("article_ids", "")))
    same = (mentions["event_type"] == event["event_type"]) & (
        mentions["place"].str.lower() == str(event["place"]).lower())
    if articles:
        same &= mentions["article_id"].isin(articles)
    return mentions[same]


def _hashes(values: pd.Series) -> np.ndarray:
    """A 64-bit hash of each value's text."""
    return pd.util.hash_array(values.astype(str).to_numpy(dtype=object))


def _among(values: pd.Series, listed: np.ndarray) -> np.ndarray:
    """Which values may be among those whose sorted hashes are `listed` (no false negatives)."""
    if not len(listed) or not len(values):
        return np.zeros(len(values), dtype=bool)
    hashes = _hashes(values)
    at = np.searchsorted(listed, hashes).clip(max=len(listed) - 1)
    return listed[at] == hashes


@dataclass
class _EventFacts:
    """What the mentions pass needs of the events: the disputed ones, the hashes of every mention id events list."""

    disputed: pd.DataFrame
    listed: np.ndarray


def _event_facts(chunks: Iterable[pd.DataFrame]) -> _EventFacts:
    """Read the events once: the disputed events' fields and the sorted hashes of all listed mention ids."""
    disputed: list[pd.DataFrame] = []
    hashes: list[np.ndarray] = []
    for frame in chunks:
        status = frame["status"].astype(str).str.strip().str.lower()
        disputed.append(frame.loc[status == "disputed", EVENT_FIELDS])
        ids = frame["mention_ids"].astype(str).str.split(";").explode().str.strip()
        hashes.append(_hashes(ids[ids.notna() & (ids != "")]))
    return _EventFacts(
        pd.concat(disputed, ignore_index=True) if disputed else pd.DataFrame(columns=EVENT_FIELDS),
        np.unique(np.concatenate(hashes)) if hashes else np.zeros(0, dtype=np.uint64),
    )


def _owners(chunks: Iterable[pd.DataFrame], ids: Collection[str]) -> pd.DataFrame:
    """The events (event_id, mention_ids) that list any of the mention ids, in table order."""
    parts = [_NO_EVENTS]
    for frame in chunks:
        hit = [any(m in ids for m in split_cell(v)) for v in frame["mention_ids"]]
        parts.append(frame.loc[hit, ["event_id", "mention_ids"]])
    return pd.concat(parts, ignore_index=True)


class _Sides:
    """The sides of disputed events gathered a chunk of mentions at a time: first sentences, totals, claimants."""

    def __init__(self) -> None:
        """Start with no sentence."""
        self.kept = pd.DataFrame(columns=[*_ORDER, "claimant", "sentence"])
        self.totals: Counter[tuple[str, str]] = Counter()
        self.claimants: dict[tuple[str, str], set[str]] = {}

    def add(self, rows: pd.DataFrame, events: pd.Series) -> None:
        """Add mentions of disputed events (`events`: each row's event id)."""
        if rows.empty:
            return
        denied = rows["stance"].astype(str).str.strip().str.lower() == "denied"
        rows = rows.assign(_event=events.to_numpy(), _side=np.where(denied, "denied", "asserted"))
        groups = rows.groupby(["_event", "_side"], sort=False)
        self.totals.update({key: int(n) for key, n in groups.size().items()})
        for key, names in groups["claimant"].unique().items():
            self.claimants.setdefault(key, set()).update(str(n) for n in names)
        both = pd.concat([self.kept, rows[self.kept.columns]], ignore_index=True) if len(self.kept) else rows[self.kept.columns]
        both = both.sort_values(_ORDER, kind="mergesort")
        self.kept = both.groupby(["_event", "_side"], sort=False).head(SIDE_SHOWN).reset_index(drop=True)

    def found(self) -> set[str]:
        """The events some mention was found for."""
        return {event for event, _ in self.totals}

    def disputes(self) -> dict[str, Dispute]:
        """Each event's sides."""
        keys = list(zip(self.kept["_event"], self.kept["_side"]))
        return _disputes(pd.DataFrame({
            "event_id": self.kept["_event"], "side": self.kept["_side"], "n_side": [self.totals[k] for k in keys],
            "claimants": ["; ".join(sorted(self.claimants[k])) for k in keys], "claimant": self.kept["claimant"],
            "article_id": self.kept["article_id"], "sentence": self.kept["sentence"]}, columns=COLUMNS[DISPUTES]))


def _fold(parts: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Conflict rows gathered so far, the repeated ones dropped once there are many."""
    if len(parts) > 1 and sum(len(p) for p in parts[1:]) > FOLD_ROWS:
        return [pd.concat(parts, ignore_index=True).drop_duplicates()]
    return parts


def derive_review(events: Chunks, mentions: Chunks) -> ReviewFacts:
    """The review facts of the final events and mentions, each table read a chunk at a time (once, rarely twice).

    Conflicts and undated reports are what review.needs_review and review.undated_reports found on the whole
    tables (mentions without an event id take it from events.mention_ids); each side of a dispute is what the
    report listed from the whole mentions table.
    """
    facts = _event_facts(events())
    by_id = pd.DataFrame([(m, e) for e, ids in zip(facts.disputed["event_id"], facts.disputed["mention_ids"])
                          for m in split_cell(ids)], columns=["mention_id", "_owner"], dtype=object).drop_duplicates()
    sides = _Sides()
    conflicts: list[pd.DataFrame] = []
    unowned: list[pd.DataFrame] = []  # mentions without an event id that an event may list: filled at the end
    undated: list[pd.DataFrame] = []
    n_mentions = 0
    for chunk in mentions():
        chunk = chunk[MENTION_FIELDS]
        n_mentions += len(chunk)
        given = with_event_ids(_NO_EVENTS, chunk)
        listed = (given["event_id"] == "").to_numpy() & _among(given["mention_id"], facts.listed)
        rows = conflict_rows(given[~listed]).drop_duplicates()
        if len(rows):
            conflicts = _fold([*conflicts, rows])
        if listed.any():
            unowned.append(chunk[listed])
        candidates = chunk[chunk["mention_id"].isin(undated_reports(_NO_EVENTS, chunk)["mention_id"])]
        if len(candidates):
            undated.append(candidates)
        if len(by_id):
            matched = chunk.reset_index(drop=True).merge(by_id, on="mention_id", how="inner", sort=False)
            sides.add(matched, matched["_owner"])
    missing = facts.disputed[~facts.disputed["event_id"].isin(sides.found())]
    if len(missing):  # no mention of theirs by id: by type, place and article, as the report always did
        for chunk in mentions():
            for _, event in missing.iterrows():
                rows = _mentions_for(event, chunk[MENTION_FIELDS])
                sides.add(rows, pd.Series([event["event_id"]] * len(rows), dtype=object))
    left = pd.concat(unowned, ignore_index=True) if unowned else pd.DataFrame(columns=MENTION_FIELDS, dtype=object)
    owners = _owners(events(), set(left["mention_id"].astype(str))) if len(left) else _NO_EVENTS
    gathered = [r for r in (*conflicts, conflict_rows(with_event_ids(owners, left))) if len(r)]
    found = conflicts_in(pd.concat(gathered, ignore_index=True)) if gathered else {}
    return ReviewFacts(
        n_mentions=n_mentions,
        conflicts={e: tuple(r for r in CONFLICT_REASONS if r in found[e]) for e in sorted(found)},
        disputes=sides.disputes(),
        undated=undated_reports(owners, pd.concat(undated, ignore_index=True) if undated else left.iloc[0:0]),
    )


def review_of_tables(events: pd.DataFrame, mentions: pd.DataFrame) -> ReviewFacts:
    """The review facts of typed events and mentions held in memory."""
    return derive_review(lambda: [events], lambda: [mentions])


def review_of_folder(processed_dir: Path | str, chunk: int = TABLE_CHUNK) -> ReviewFacts:
    """The review facts of a processed folder's events and mentions, read `chunk` rows at a time."""
    return derive_review(lambda: read_table_chunks(processed_dir, "events", EVENT_FIELDS, chunk),
                         lambda: read_table_chunks(processed_dir, "mentions", MENTION_FIELDS, chunk))


# ----------------------------------------------------------------------------- files


def review_frames(facts: ReviewFacts) -> dict[str, pd.DataFrame]:
    """The review tables of a set of facts, in a fixed order (their bytes depend on the facts only)."""
    disputes = [(d.event_id, kind, side.total, side.claimants, s.claimant, s.article_id, s.sentence)
                for _, d in sorted(facts.disputes.items())
                for kind, side in zip(SIDES, (d.asserted, d.denied)) for s in side.shown]
    return {
        COUNTS: pd.DataFrame({"n_mentions": [int(facts.n_mentions)]}),
        CONFLICTS: pd.DataFrame([(e, ";".join(r)) for e, r in sorted(facts.conflicts.items())], columns=COLUMNS[CONFLICTS]),
        DISPUTES: pd.DataFrame(disputes, columns=COLUMNS[DISPUTES]),
        UNDATED: facts.undated.reindex(columns=UNDATED_COLUMNS).reset_index(drop=True),
    }


def source_digest(processed_dir: Path | str) -> str:
    """A digest of the events files the review tables are made from (names and bytes of those present)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for name in SOURCE_FILES:
        path = Path(processed_dir) / name
        if not path.is_file():
            continue
        digest.update(name.encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def write_review(processed_dir: Path | str, facts: ReviewFacts) -> list[Path]:
    """Write the review tables into the processed folder (atomically, CSV only: they are small), then the digest of
    the tables they were made from."""
    written = write_tables(review_frames(facts), Path(processed_dir))
    source = Path(processed_dir) / SOURCE
    atomic_write_text(source, source_digest(processed_dir) + "\n")
    return written + [source]


def remove_review(processed_dir: Path | str) -> None:
    """Remove the review tables and their digest (the report then works the facts out from the mentions)."""
    for name in TABLES:
        (Path(processed_dir) / f"{name}.csv").unlink(missing_ok=True)
    (Path(processed_dir) / SOURCE).unlink(missing_ok=True)


def _read_csv(path: Path, name: str, chunk: int | None = None) -> Iterator[pd.DataFrame]:
    """A review table's rows as written (text, the spreadsheet escape undone), whole or a chunk at a time."""
    frames = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=chunk)
    for frame in [frames] if chunk is None else frames:
        yield unescape_csv_frame(frame).reindex(columns=COLUMNS[name], fill_value="")


def read_review(processed_dir: Path | str, disputes_of: Collection[str] | None = None,
                chunk: int = TABLE_CHUNK) -> ReviewFacts | None:
    """The review tables of a processed folder (only the disputes of `disputes_of` when given); None when missing or
    made from other events and mentions than the folder now holds."""
    base = Path(processed_dir)
    paths = {name: base / f"{name}.csv" for name in TABLES}
    if not all(p.is_file() for p in paths.values()):
        return None
    try:
        made_from = (base / SOURCE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if made_from != source_digest(base):
        return None
    counts = next(_read_csv(paths[COUNTS], COUNTS))
    conflicts = next(_read_csv(paths[CONFLICTS], CONFLICTS))
    wanted = None if disputes_of is None else set(disputes_of)
    disputes = pd.concat([f if wanted is None else f[f["event_id"].isin(wanted)]
                          for f in _read_csv(paths[DISPUTES], DISPUTES, chunk)] or [pd.DataFrame(columns=COLUMNS[DISPUTES])],
                         ignore_index=True)
    return ReviewFacts(
        n_mentions=int(counts["n_mentions"].iloc[0]) if len(counts) else 0,
        conflicts={e: tuple(split_cell(c)) for e, c in zip(conflicts["event_id"], conflicts["conflicts"])},
        disputes=_disputes(disputes),
        undated=next(_read_csv(paths[UNDATED], UNDATED)),
    )


def load_review(processed_dir: Path | str, disputes_of: Collection[str] | None = None) -> ReviewFacts:
    """The review tables of a processed folder when they match its events and mentions, else the same facts worked
    out from those tables a chunk at a time."""
    return read_review(processed_dir, disputes_of) or review_of_folder(processed_dir)
