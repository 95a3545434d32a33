"""Score events against a gold file (format of seed_gold.csv): precision, recall and F1 per type, and the
agreement on outcome, status and count of the events found, with each mismatch listed."""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from analysis.records import EVENT_TYPES, Event, Tally


@dataclass(frozen=True)
class GoldRow:
    """One gold event: type, place (destination for troops_fled), date range, required or optional."""

    event_type: str
    place: str
    place_type: str
    destination: str
    date_low: date | None
    date_high: date | None
    required: bool
    province: str = ""
    outcome: str = ""
    status: str = ""
    note: str = ""
    row: int = 0
    count_low: int | None = None
    count_high: int | None = None


@dataclass(frozen=True)
class Predicted:
    """The fields of a predicted event that matching needs."""

    event_type: str
    place: str
    place_type: str
    destination: str
    date_low: date | None
    date_high: date | None
    label: str = ""
    outcome: str = ""
    status: str = ""
    count_low: int | None = None
    count_high: int | None = None


@dataclass
class TypeScore:
    """Counts and rates for one event type (or 'all')."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    matched_pred: int = 0

    @property
    def precision(self) -> float:
        """Correct predictions over correct plus false alarms (1.0 when nothing was predicted)."""
        denom = self.matched_pred + self.fp
        return self.matched_pred / denom if denom else 1.0

    @property
    def recall(self) -> float:
        """Required gold rows found over required gold rows (1.0 when none are required)."""
        denom = self.tp + self.fn
        return self.tp / denom if denom else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FieldScore:
    """Agreement on one attribute (outcome, status or count) over the matched events where gold gives it."""

    n: int = 0
    correct: int = 0
    within: int = 0  # counts only: the gold figure lies inside the predicted range (or the reverse), not equal

    @property
    def accuracy(self) -> float:
        """Correct (exact or within range) over compared (1.0 when nothing was compared)."""
        return (self.correct + self.within) / self.n if self.n else 1.0


ATTRIBUTES: tuple[str, ...] = ("outcome", "status", "count")


@dataclass
class Score:
    """A scoring run: per-type scores, the required rows missed and the predictions matching nothing, and the
    agreement on outcome, status and count of the matched events with each mismatch."""

    by_type: dict[str, TypeScore] = field(default_factory=dict)
    misses: list[GoldRow] = field(default_factory=list)
    false_alarms: list[Predicted] = field(default_factory=list)
    duplicates: list[Predicted] = field(default_factory=list)
    attributes: dict[str, dict[str, FieldScore]] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)

    @property
    def overall(self) -> TypeScore:
        """Scores summed over all types."""
        total = TypeScore()
        for s in self.by_type.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
            total.matched_pred += s.matched_pred
        return total


def _date(value: Any) -> date | None:
    """Parse an ISO date cell; empty or invalid gives None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none"):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    """Parse an integer cell ('12', '12.0'); empty or invalid gives None."""
    text = _str(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _str(value: Any) -> str:
    """A cell as a clean string ('' for missing)."""
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none") else text


def load_gold(path: str | Path) -> list[GoldRow]:
    """Read a gold CSV (columns of seed_gold.csv) into rows."""
    rows: list[GoldRow] = []
    with open(path, newline="", encoding="utf-8") as handle:
        for n, rec in enumerate(csv.DictReader(handle), start=2):
            rows.append(GoldRow(
                event_type=_str(rec.get("event_type")),
                place=_str(rec.get("place")),
                place_type=_str(rec.get("place_type")),
                destination=_str(rec.get("destination")),
                date_low=_date(rec.get("date_low")),
                date_high=_date(rec.get("date_high")),
                required=_str(rec.get("required")).lower() in ("yes", "y", "true", "1", "required"),
                province=_str(rec.get("province")),
                outcome=_str(rec.get("outcome")),
                status=_str(rec.get("status")),
                note=_str(rec.get("note")),
                row=n,
                count_low=_int(rec.get("count_low")),
                count_high=_int(rec.get("count_high")),
            ))
    return rows


def load_gold_tallies(path: str | Path) -> list[dict[str, str]]:
    """Read a gold tallies CSV (columns of seed_gold_tallies.csv) as plain rows."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [dict(r) for r in csv.DictReader(handle)]


def _canonical(name: str) -> str:
    """Resolve a place name to its canonical gazetteer name (a crossing to its district)."""
    text = name.strip()
    if not text:
        return ""
    try:
        from analysis.extract.gazetteer import load_gazetteer, normalize_name
        gaz = load_gazetteer()
        readings = gaz.lookup(text)
        if readings:
            names = sorted({(p.district if p.place_type == "border_crossing" and p.district else p.name) for p in readings})
            return normalize_name(names[0])
        return normalize_name(text)
    except Exception:
        return " ".join(text.lower().replace("-", " ").split())


def _same_place(pred: Predicted, gold: GoldRow) -> bool:
    """Type-appropriate place agreement (destination for troops_fled; province vs. non-province kept apart)."""
    if gold.event_type == "troops_fled" and gold.destination:
        return _canonical(pred.destination or pred.place) == _canonical(gold.destination)
    if gold.event_type == "troops_fled" and pred.destination:
        return False
    if gold.place_type and pred.place_type and (gold.place_type == "province") != (pred.place_type == "province"):
        return False
    return _canonical(pred.place) == _canonical(gold.place)


def _overlap(a_lo: date | None, a_hi: date | None, b_lo: date | None, b_hi: date | None) -> bool:
    """Do two ranges share a day (an empty end is unbounded)?"""
    lo = max([d for d in (a_lo, b_lo) if d is not None], default=None)
    hi = min([d for d in (a_hi, b_hi) if d is not None], default=None)
    return lo is None or hi is None or lo <= hi


def matches(pred: Predicted, gold: GoldRow) -> bool:
    """A prediction matches a gold row: same type, same place, overlapping dates."""
    return (pred.event_type == gold.event_type and _same_place(pred, gold)
            and _overlap(pred.date_low, pred.date_high, gold.date_low, gold.date_high))


def _predictions(events: Any) -> list[Predicted]:
    """Turn events (a list of Event or a DataFrame / list of dicts) into Predicted rows."""
    rows: list[dict[str, Any]]
    if hasattr(events, "to_dict") and hasattr(events, "columns"):
        rows = events.to_dict("records")
    else:
        rows = [e.__dict__ if isinstance(e, Event) else dict(e) for e in events]
    out = []
    for r in rows:
        label = f"{_str(r.get('event_type'))} {_str(r.get('place'))} {_str(r.get('date_low')) or '…'}..{_str(r.get('date_high'))}"
        out.append(Predicted(
            event_type=_str(r.get("event_type")),
            place=_str(r.get("place")),
            place_type=_str(r.get("place_type")),
            destination=_str(r.get("destination")),
            date_low=_date(r.get("date_low")),
            date_high=_date(r.get("date_high")),
            label=label,
            outcome=_str(r.get("outcome")),
            status=_str(r.get("status")),
            count_low=_int(r.get("count_low")),
            count_high=_int(r.get("count_high")),
        ))
    return out


def score(events: Any, gold: Sequence[GoldRow]) -> Score:
    """Score predicted events against gold rows (optional rows count neither way)."""
    preds = _predictions(events)
    result = Score()
    types = list(EVENT_TYPES) + sorted({g.event_type for g in gold} - set(EVENT_TYPES))
    for t in types:
        result.by_type[t] = TypeScore()
    for g in gold:
        if not g.required:
            continue
        ts = result.by_type.setdefault(g.event_type, TypeScore())
        found = [p for p in preds if matches(p, g)]
        if found:
            ts.tp += 1
            _compare_attributes(result, g, found)
        else:
            ts.fn += 1
            result.misses.append(g)
    claimed: set[int] = set()
    for p in preds:
        ts = result.by_type.setdefault(p.event_type, TypeScore())
        hits = [i for i, g in enumerate(gold) if matches(p, g)]
        if not hits:
            ts.fp += 1
            result.false_alarms.append(p)
            continue
        if any(gold[i].required for i in hits):
            ts.matched_pred += 1
        if all(i in claimed for i in hits):
            result.duplicates.append(p)
        claimed.update(hits)
    return result


def _count_agreement(pred: Predicted, gold: GoldRow) -> str:
    """'exact' when the counts are equal, 'within' when one range holds the other, else 'wrong'."""
    if (pred.count_low, pred.count_high) == (gold.count_low, gold.count_high):
        return "exact"
    def holds(lo: int | None, hi: int | None, a: int | None, b: int | None) -> bool:
        """True when the range a..b lies inside lo..hi (open ends unbounded)."""
        if a is None and b is None:
            return False
        return (lo is None or (a is not None and lo <= a) or (a is None and b is not None and lo <= b)) and \
            (hi is None or (b is not None and b <= hi) or (b is None and a is not None and a <= hi))
    if pred.count_low is None and pred.count_high is None:
        return "wrong"
    if holds(pred.count_low, pred.count_high, gold.count_low, gold.count_high) or \
            holds(gold.count_low, gold.count_high, pred.count_low, pred.count_high):
        return "within"
    return "wrong"


def _compare_attributes(result: Score, gold: GoldRow, found: Sequence[Predicted]) -> None:
    """Score outcome, status and count of the event matching a required gold row (the best of several)."""
    table = result.attributes.setdefault(gold.event_type, {a: FieldScore() for a in ATTRIBUTES})
    where = gold.destination if gold.event_type == "troops_fled" and gold.destination else gold.place
    checks: list[tuple[str, str, str, str]] = []  # attribute, verdict, wanted, got
    if gold.outcome and gold.event_type == "capital_entered":
        hit = next((p for p in found if p.outcome == gold.outcome), found[0])
        checks.append(("outcome", "exact" if hit.outcome == gold.outcome else "wrong", gold.outcome, hit.outcome))
    if gold.status:
        hit = next((p for p in found if p.status == gold.status), found[0])
        checks.append(("status", "exact" if hit.status == gold.status else "wrong", gold.status, hit.status))
    if gold.count_low is not None or gold.count_high is not None:
        verdicts = [(_count_agreement(p, gold), p) for p in found]
        verdict, hit = min(verdicts, key=lambda v: ("exact", "within", "wrong").index(v[0]))
        checks.append(("count", verdict, f"{gold.count_low}..{gold.count_high}", f"{hit.count_low}..{hit.count_high}"))
    for attribute, verdict, wanted, got in checks:
        fs = table[attribute]
        fs.n += 1
        if verdict == "exact":
            fs.correct += 1
        elif verdict == "within":
            fs.within += 1
        else:
            result.mismatches.append(f"row {gold.row}: {gold.event_type} {where}: {attribute} expected {wanted}, "
                                     f"got {got}")


def score_tallies(tallies: Sequence[Tally] | Any, gold: Sequence[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """Return the gold tallies not found (same article, claimant and count_low) and the extra ones."""
    if hasattr(tallies, "to_dict") and hasattr(tallies, "columns"):
        rows = tallies.to_dict("records")
    else:
        rows = [t.__dict__ if isinstance(t, Tally) else dict(t) for t in tallies]
    def key(r: dict[str, Any]) -> tuple[str, str, str]:
        low = _str(r.get("count_low"))
        low = low[:-2] if low.endswith(".0") else low
        return (_str(r.get("article_id")), _str(r.get("claimant")), low)
    have = {key(r) for r in rows}
    want = {key(r) for r in gold}
    missing = [g for g in gold if key(g) not in have]
    extra = sorted("/".join(k) for k in have - want)
    return missing, extra


def format_score(result: Score) -> str:
    """A readable table of per-type scores followed by misses and false alarms."""
    lines = [f"{'type':<17} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for t, s in list(result.by_type.items()) + [("all", result.overall)]:
        lines.append(f"{t:<17} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>9.2f} {s.recall:>7.2f} {s.f1:>6.2f}")
    if result.attributes:
        lines.append("")
        lines.append(f"{'attribute':<17} {'type':<17} {'n':>3} {'exact':>5} {'within':>6} {'accuracy':>8}")
        for t, table in sorted(result.attributes.items()):
            for attribute in ATTRIBUTES:
                fs = table[attribute]
                if fs.n:
                    lines.append(f"{attribute:<17} {t:<17} {fs.n:>3} {fs.correct:>5} {fs.within:>6} {fs.accuracy:>8.2f}")
        lines.append(f"mismatches (outcome, status, count of matched events): {len(result.mismatches)}")
        lines.extend(f"  {line}" for line in result.mismatches)
    lines.append("")
    lines.append(f"misses (required gold rows not found): {len(result.misses)}")
    for g in result.misses:
        where = g.destination if g.event_type == "troops_fled" and g.destination else g.place
        lines.append(f"  row {g.row}: {g.event_type} {where} {g.date_low or '…'}..{g.date_high or '…'}  {g.note}")
    lines.append(f"false alarms (events matching no gold row): {len(result.false_alarms)}")
    for p in result.false_alarms:
        lines.append(f"  {p.label}")
    if result.duplicates:
        lines.append(f"duplicates (events matching a gold row another event already matched): {len(result.duplicates)}")
        for p in result.duplicates:
            lines.append(f"  {p.label}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: score an events CSV against a gold CSV and print the table."""
    from analysis.paths import PROCESSED_DIR

    parser = argparse.ArgumentParser(prog="python -m analysis evaluate", description=__doc__)
    parser.add_argument("--gold", type=Path, required=True, help="gold CSV in the format of seed_gold.csv")
    parser.add_argument("--events", type=Path, default=PROCESSED_DIR / "events.csv", help="events CSV to score")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not args.gold.is_file():
        print(f"error: gold file {args.gold} not found")
        return 2
    if not args.events.is_file():
        print(f"error: events file {args.events} not found (run the pipeline first)")
        return 2
    with open(args.events, newline="", encoding="utf-8") as handle:
        events = list(csv.DictReader(handle))
    result = score(events, load_gold(args.gold))
    print(f"gold: {args.gold}\nevents: {args.events} ({len(events)} events)\n")
    print(format_score(result))
    return 0
