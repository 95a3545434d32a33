"""Labelled evaluation sentences: expected mentions and tallies checked against analysis.extract.events."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from analysis.paths import PACKAGE_DIR
from analysis.records import CLAIMANTS, EVENT_TYPES, MODALITIES, OUTCOMES, PLACE_TYPES, STANCES, ArticleResult

DATA_FILE: Path = Path(__file__).resolve().parent / "data" / "labelled_sentences.jsonl"

MENTION_FIELDS: tuple[str, ...] = (
    "event_type",
    "place",
    "place_type",
    "province",
    "destination",
    "date_low",
    "date_high",
    "count_low",
    "count_high",
    "claimant",
    "stance",
    "outcome",
    "modality",
)
TALLY_FIELDS: tuple[str, ...] = ("claimant", "scope", "count_low", "count_high")
CASE_KEYS: frozenset[str] = frozenset({"id", "published", "text", "expect", "tallies", "note"})

MIN_CASES = 150
MIN_PER_EVENT_TYPE = 30
MIN_NEGATIVES = 40
MIN_TALLY_CASES = 8

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


# --------------------------------------------------------------------------- loading


def load_cases(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    """Read the labelled cases, one JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES: list[dict[str, Any]] = load_cases()


def published_arg(value: str | None) -> tuple[date | None, str]:
    """Turn a case's `published` value into the (date, precision) pair extract_text takes."""
    if value is None:
        return None, "day"
    if ISO_MONTH.match(value):
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1), "month"
    return date.fromisoformat(value), "day"


def case_kinds(case: dict[str, Any]) -> list[str]:
    """Name the categories a case tests: its event types, 'tally', or 'negative' (no fact: nothing expected, or
    only speculative, conditional or future mentions, which never become events)."""
    kinds = sorted({exp["event_type"] for exp in case["expect"] if is_fact(exp)})
    if case["tallies"]:
        kinds.append("tally")
    return kinds or ["negative"]


def is_fact(exp: dict[str, Any]) -> bool:
    """Whether an expected mention is asserted or negated (a possible event or denial), not a mere possibility."""
    return exp.get("modality", "asserted") in ("asserted", "negated")


def case_modalities(case: dict[str, Any]) -> list[str]:
    """The non-asserted modalities a case expects (for the per-modality report)."""
    return sorted({exp.get("modality", "asserted") for exp in case["expect"]} - {"asserted"})


# --------------------------------------------------------------------------- place names


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    """Return the project gazetteer."""
    from analysis.extract.gazetteer import load_gazetteer

    return load_gazetteer()


def _readings(name: str, place_type: str) -> list[Any]:
    """Gazetteer readings of a name with the wanted type (a crossing counts for its district)."""
    gaz = _gazetteer()
    if not name:
        return []
    readings = list(gaz.lookup(name))
    pool = [p for p in readings if p.place_type == place_type]
    if not pool and place_type == "district":
        for crossing in (p for p in readings if p.place_type == "border_crossing" and p.district):
            pool.extend(p for p in gaz.lookup(crossing.district) if p.place_type == "district")
    return pool


@lru_cache(maxsize=None)
def canonical(name: str, place_type: str, province: str = "") -> str:
    """Canonical gazetteer name for a labelled name of a given type, else the name unchanged."""
    pool = _readings(name, place_type)
    if province and len({p.province for p in pool}) > 1:
        wanted = canonical(province, "province")
        pool = [p for p in pool if p.province == wanted] or pool
    names = sorted({p.name for p in pool})
    return names[0] if len(names) == 1 else name


def expected_row(exp: dict[str, Any]) -> dict[str, Any]:
    """An expected mention with place, province and destination in canonical spelling."""
    row = {name: exp.get(name, "asserted") if name == "modality" else exp[name] for name in MENTION_FIELDS}
    row["province"] = canonical(exp["province"], "province") if exp["province"] else ""
    row["destination"] = canonical(exp["destination"], "country") if exp["destination"] else ""
    row["place"] = canonical(exp["place"], exp["place_type"], exp["province"])
    if "count_about" in exp:
        row["count_about"] = exp["count_about"]
    return row


def expected_tally(exp: dict[str, Any]) -> dict[str, Any]:
    """An expected tally with its province scope in canonical spelling."""
    row = {name: exp[name] for name in TALLY_FIELDS}
    if row["scope"] != "national":
        row["scope"] = canonical(row["scope"], "province")
    if "count_about" in exp:
        row["count_about"] = exp["count_about"]
    return row


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def predicted_row(mention: Any) -> dict[str, Any]:
    """The checked fields of a predicted Mention, dates as ISO strings ('' when open)."""
    row = {name: getattr(mention, name) for name in MENTION_FIELDS}
    row["date_low"] = _iso(mention.date_low)
    row["date_high"] = _iso(mention.date_high)
    return row


def predicted_tally(tally: Any) -> dict[str, Any]:
    """The checked fields of a predicted Tally."""
    return {name: getattr(tally, name) for name in TALLY_FIELDS}


# --------------------------------------------------------------------------- comparison


def counts_match(exp: dict[str, Any], got: dict[str, Any]) -> bool:
    """Whether a predicted count agrees with the expectation (bands, open ends, exact)."""
    low, high = got["count_low"], got["count_high"]
    if "count_about" in exp:
        about = exp["count_about"]
        return low is not None and high is not None and low <= about <= high
    if exp["count_high"] is None and exp["count_low"] is not None:
        # "more than N": EVENTS.md allows low N or N + 1, high open.
        return high is None and low in (exp["count_low"], exp["count_low"] + 1)
    return (low, high) == (exp["count_low"], exp["count_high"])


def field_diff(exp: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Lines naming each checked field where a prediction differs from the expectation."""
    lines = []
    for name in MENTION_FIELDS:
        if name in ("count_low", "count_high"):
            continue
        if exp[name] != got[name]:
            lines.append(f"    {name}: expected {exp[name]!r}, got {got[name]!r}")
    if not counts_match(exp, got):
        want = f"about {exp['count_about']}" if "count_about" in exp else f"{exp['count_low']}..{exp['count_high']}"
        lines.append(f"    count: expected {want}, got {got['count_low']}..{got['count_high']}")
    return lines


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["event_type"], row["place"], row["stance"]


def _show(row: dict[str, Any]) -> str:
    return ", ".join(f"{k}={row[k]!r}" for k in MENTION_FIELDS)


def compare_case(case: dict[str, Any], result: ArticleResult) -> list[str]:
    """Every disagreement between a case's expectations and an extraction result."""
    problems: list[str] = []
    predicted = [predicted_row(m) for m in result.mentions]
    expected = [expected_row(e) for e in case["expect"]]
    expected_keys = {_key(e) for e in expected}
    shared = {k for k in expected_keys if sum(_key(e) == k for e in expected) > 1}
    for exp in expected:
        same = [p for p in predicted if _key(p) == _key(exp)]
        if _key(exp) in shared:  # two groups fleeing to one country: each expectation matches one of them exactly
            wanted = sum(_key(e) == _key(exp) for e in expected)
            if len(same) != wanted or not any(not field_diff(exp, p) for p in same):
                problems.append(f"expected {wanted} mentions {_key(exp)}, one of them: {_show(exp)}")
                problems.extend(f"    got: {_show(row)}" for row in same)
            continue
        if len(same) != 1:
            problems.append(f"expected exactly one mention {_key(exp)}, got {len(same)}")
            for row in same:
                problems.append(f"    got: {_show(row)}")
            continue
        diff = field_diff(exp, same[0])
        if diff:
            problems.append(f"mention {_key(exp)} differs:")
            problems.extend(diff)
    for row in predicted:
        if _key(row) not in expected_keys:
            problems.append(f"unexpected mention: {_show(row)}")
    problems.extend(compare_tallies(case["tallies"], result.tallies))
    return problems


def compare_tallies(expected: Iterable[dict[str, Any]], tallies: Iterable[Any]) -> list[str]:
    """Disagreements between expected and predicted tallies (claimant, scope, counts)."""
    problems: list[str] = []
    remaining = [predicted_tally(t) for t in tallies]
    for exp in (expected_tally(e) for e in expected):
        found = next(
            (
                got
                for got in remaining
                if (got["claimant"], got["scope"]) == (exp["claimant"], exp["scope"]) and counts_match(exp, got)
            ),
            None,
        )
        if found is None:
            problems.append(f"missing tally {exp}; predicted tallies: {remaining}")
        else:
            remaining.remove(found)
    for got in remaining:
        problems.append(f"unexpected tally: {got}")
    return problems


def _extract_text() -> Callable[..., ArticleResult]:
    """The extractor under test."""
    from analysis.extract.events import extract_text

    return extract_text


def run_case(case: dict[str, Any], extract_text: Callable[..., ArticleResult]) -> list[str]:
    """Extract one case's text and return its problems (empty when it passes)."""
    published, precision = published_arg(case["published"])
    result = extract_text(case["text"], published, article_id=case["id"], precision=precision)
    return compare_case(case, result)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labelled_case(case: dict[str, Any]) -> None:
    """The extractor finds exactly the labelled mentions and tallies, with the labelled fields."""
    extract_text = _extract_text()
    problems = run_case(case, extract_text)
    assert not problems, f"{case['id']}: {case['text']}\n  note: {case['note']}\n" + "\n".join(problems)


def _check_mention(cid: str, exp: dict[str, Any]) -> list[str]:
    """Vocabulary and internal-consistency problems of one expected mention."""
    bad: list[str] = []
    keys = (set(MENTION_FIELDS) - {"modality"}) | ({"count_about"} if "count_about" in exp else set()) | \
        ({"modality"} if "modality" in exp else set())
    if set(exp) != keys:
        bad.append(f"{cid}: mention keys {sorted(set(exp) ^ keys)} wrong")
        return bad
    kind = exp["event_type"]
    checks = [
        (kind in EVENT_TYPES, f"event_type {kind!r}"),
        (exp["place_type"] in PLACE_TYPES, f"place_type {exp['place_type']!r}"),
        (exp["claimant"] in CLAIMANTS, f"claimant {exp['claimant']!r}"),
        (exp.get("modality", "asserted") in MODALITIES, f"modality {exp.get('modality')!r}"),
        ("modality" not in exp or exp["modality"] != "asserted", "modality 'asserted' is the default: leave it out"),
        (exp.get("modality", "asserted") != "negated" or exp["stance"] == "denied", "a negated mention is denied"),
        (exp["stance"] in STANCES, f"stance {exp['stance']!r}"),
        (bool(exp["place"]), "empty place"),
        (
            (exp["outcome"] in OUTCOMES) if kind == "capital_entered" else exp["outcome"] == "",
            f"outcome {exp['outcome']!r} for {kind}",
        ),
        (kind != "capital_entered" or exp["place_type"] == "capital", "capital_entered needs a capital"),
        (kind != "district_seized" or exp["place_type"] in ("district", "province"), "district_seized place_type"),
        (exp["place_type"] != "province" or exp["place"] == exp["province"], "province mention: place != province"),
        (kind == "troops_fled" or exp["destination"] == "", "destination outside troops_fled"),
        (not exp["destination"] or (exp["place"], exp["place_type"]) == (exp["destination"], "country"),
         "with a destination, place must be that country"),
        (exp["place_type"] != "country" or bool(exp["destination"]), "country place without destination"),
        (all(exp[d] == "" or ISO_DAY.match(exp[d]) for d in ("date_low", "date_high")), "date format"),
        (not (exp["date_low"] and exp["date_high"]) or exp["date_low"] <= exp["date_high"], "date_low > date_high"),
        (exp["count_low"] is None or exp["count_high"] is None or exp["count_low"] <= exp["count_high"], "counts"),
        (
            "count_about" not in exp or (exp["count_low"], exp["count_high"]) == (None, None),
            "count_about with low/high",
        ),
    ]
    bad.extend(f"{cid}: {msg}" for ok, msg in checks if not ok)
    return bad


def test_file_summary() -> None:
    """The file is large enough, covers every category, and uses only the allowed vocabularies."""
    bad: list[str] = []
    ids = [c.get("id") for c in CASES]
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} cases"
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    kinds = Counter(kind for c in CASES for kind in case_kinds(c))
    for kind in EVENT_TYPES:
        assert kinds[kind] >= MIN_PER_EVENT_TYPE, f"{kind}: only {kinds[kind]} cases"
    assert kinds["negative"] >= MIN_NEGATIVES, f"only {kinds['negative']} negatives"
    assert kinds["tally"] >= MIN_TALLY_CASES, f"only {kinds['tally']} tally cases"
    for case in CASES:
        cid = case.get("id", "?")
        if set(case) != CASE_KEYS:
            bad.append(f"{cid}: keys {sorted(set(case) ^ CASE_KEYS)} wrong")
            continue
        pub = case["published"]
        if not (pub is None or ISO_DAY.match(pub) or ISO_MONTH.match(pub)):
            bad.append(f"{cid}: published {pub!r}")
        if not case["text"].strip() or not case["note"].strip():
            bad.append(f"{cid}: empty text or note")
        for exp in case["expect"]:
            bad.extend(_check_mention(cid, exp))
        keys = [(e["event_type"], e["place"], e["stance"], e["count_low"], e["date_low"], e["claimant"]) for e in case["expect"]]
        if len(keys) != len(set(keys)):  # (two claimants may tell one day: "Zaranj fell on Friday, Afghan officials said ...
            # the same day the city fell, an Iranian border official said")
            bad.append(f"{cid}: two expectations share (event_type, place, stance, count_low, date_low, claimant)")
        for tally in case["tallies"]:
            keys_ok = set(tally) in (set(TALLY_FIELDS), set(TALLY_FIELDS) | {"count_about"})
            if not keys_ok or tally["claimant"] not in CLAIMANTS or not tally["scope"]:
                bad.append(f"{cid}: tally {tally}")
    assert not bad, "\n".join(bad)


def _publication_bounds(pub: str | None) -> tuple[date | None, date | None]:
    """First and last day a case's publication date may be."""
    if pub is None:
        return None, None
    first, precision = published_arg(pub)
    assert first is not None
    if precision == "month":
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    return first, first


def test_expected_dates_follow_the_spec() -> None:
    """Expected ranges end no later than publication, open ranges end on it, weekdays are right."""
    bad: list[str] = []
    for case in CASES:
        first, last = _publication_bounds(case["published"])
        named = [d for d in WEEKDAYS if d in case["text"]]
        for exp in case["expect"]:
            low, high = exp["date_low"], exp["date_high"]
            if last is not None and high and date.fromisoformat(high) > last:
                bad.append(f"{case['id']}: date_high after publication")
            bounded = re.search(r"\b(?i:by|until|till|before|as\s+of|posted\s+on|(?:said|wrote|posted|tweeted)\s+(?:(?:to|in)\s+(?:[A-Z]\w*\s+){1,3})?on)\s+(?:the\s+)?(?:\w+day|\d|[A-Z][a-z]+\s+\d)", case["text"]) \
                or re.search(r"\b(?i:before|until)\s+(?:the\s+)?\w+\s+(?:\w+\s+){0,4}?(?i:on|in)\s+(?:\w+day|\d)", case["text"])
            # ("... left A for B before the insurgents entered the city on 10 August": a before-clause's day bounds it)
            bounded = bounded or re.search(r"\bafter\s+(?:the\s+)?(?:taliban|insurgents|militants|rebels)\b", case["text"], re.I) \
                or re.search(r"\b(?i:a|one|two|three|four|five|six)\s+(?:days?|weeks?)\s+before\s+[A-Z]", case["text"]) \
                or re.search(r"\bafter\s+the\s+\w+\s+who\s+had\b", case["text"]) \
                or re.search(r"\b(?i:confirmed|announced|acknowledged|admitted|reported)\s+(?:the\s+)?(?i:fall|capture|loss|"
                             r"takeover|seizure|handover)\s+of\b[^.]{0,60}\bon\s+(?:\w+day|\d)", case["text"])
            bounded = bounded or re.search(r",\s*(?:and\s+)?then\s+[^,;.]{1,60}\bon\s+(?:\w+day|\d)", case["text"]) \
                or re.search(r"\b(?:who|that)\s+had\s+\w+[^.]{0,80}\bon\s+\w+day", case["text"])
            # ("took A and B, then C on Friday": A and B by then; "soldiers who had retreated ... laid down their arms
            # on Friday": by that day)
            # ("after the soldiers who had retreated"; "confirmed the fall of A and B on Monday": the day it was told)
            # ("A week before Kunduz fell, ...": that fall's day told before bounds it)
            # ("... crossed late on Monday after the Taliban overran Spera": the main verb's day bounds it)
            if not low and high != _iso(last) and not bounded:  # "by Monday both had fallen", "said on Thursday"
                bad.append(f"{case['id']}: open range must end on the publication date")
            counted_on = re.search(r"\b(?:later|earlier|next\s+day|following\s+day|days?\s+after|weeks?\s+after|"
                                   r"of\s+that\s+week|same\s+night|(?:third|fourth|fifth)\s+(?:straight\s+)?day)\b",
                                   case["text"])  # "then B two days later", "a day after B"
            beside = re.search(r"\b[A-Z][a-z]+day,?\s+\(?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})", case["text"])
            # ("on Wednesday, 16 Saratan": a weekday beside a written day is that day)
            if low and low == high and len(named) == 1 and case["published"] and first == last and not counted_on \
                    and not beside:
                day = date.fromisoformat(low)
                gap = (last - day).days
                if WEEKDAYS[day.weekday()] != named[0] or not 0 <= gap < 7:
                    bad.append(f"{case['id']}: {low} is not the latest {named[0]} on or before {last}")
    assert not bad, "\n".join(bad)


def _as_result(case: dict[str, Any]) -> ArticleResult:
    """A perfect extraction result built from a case's own expectations (harness self-test)."""
    from analysis.records import Article, Mention, Tally

    mentions = []
    for i, exp in enumerate(case["expect"]):
        about = exp.get("count_about")
        mentions.append(
            Mention(
                mention_id=f"m{i}",
                article_id=case["id"],
                event_type=exp["event_type"],
                place=expected_row(exp)["place"],
                place_type=exp["place_type"],
                province=expected_row(exp)["province"],
                destination=expected_row(exp)["destination"],
                date_low=date.fromisoformat(exp["date_low"]) if exp["date_low"] else None,
                date_high=date.fromisoformat(exp["date_high"]) if exp["date_high"] else None,
                count_low=about - 5 if about else exp["count_low"],
                count_high=about + 5 if about else exp["count_high"],
                outcome=exp["outcome"],
                claimant=exp["claimant"],
                stance=exp["stance"],
                modality=exp.get("modality", "asserted"),
            )
        )
    tallies = [
        Tally(
            article_id=case["id"],
            date=None,
            claimant=t["claimant"],
            scope=expected_tally(t)["scope"],
            unit="districts",
            count_low=t["count_about"] - 5 if "count_about" in t else t["count_low"],
            count_high=t["count_about"] + 5 if "count_about" in t else t["count_high"],
            count_text="",
            sentence=case["text"],
        )
        for t in case["tallies"]
    ]
    return ArticleResult(article=Article(article_id=case["id"], path=""), mentions=mentions, tallies=tallies)


def test_harness_accepts_exact_results_and_rejects_changed_ones() -> None:
    """The comparison passes a perfect result and catches a wrong field, a missing and an extra mention."""
    from dataclasses import replace

    for case in CASES:
        assert compare_case(case, _as_result(case)) == [], case["id"]
    case = next(c for c in CASES if len(c["expect"]) >= 2)
    perfect = _as_result(case)
    other = "media" if perfect.mentions[0].claimant != "media" else "unknown"
    wrong_claimant = replace(perfect.mentions[0], claimant=other)
    assert compare_case(case, ArticleResult(perfect.article, [wrong_claimant, *perfect.mentions[1:]], perfect.tallies))
    assert compare_case(case, ArticleResult(perfect.article, perfect.mentions[1:], perfect.tallies))
    assert compare_case(case, ArticleResult(perfect.article, [*perfect.mentions, perfect.mentions[0]], perfect.tallies))
    negative = next(c for c in CASES if case_kinds(c) == ["negative"])
    assert compare_case(negative, ArticleResult(perfect.article, perfect.mentions[:1], []))
    tally_case = next(c for c in CASES if c["tallies"])
    assert compare_case(tally_case, ArticleResult(perfect.article, _as_result(tally_case).mentions, []))


def test_places_resolve_in_gazetteer() -> None:
    """Every labelled place, province, destination and tally scope is a gazetteer name of its type."""
    missing: set[str] = set()
    for case in CASES:
        for exp in case["expect"]:
            if not _readings(exp["place"], exp["place_type"]):
                missing.add(f"{exp['place']} ({exp['place_type']})")
            if exp["province"] and not _readings(exp["province"], "province"):
                missing.add(f"{exp['province']} (province)")
            if exp["destination"] and not _readings(exp["destination"], "country"):
                missing.add(f"{exp['destination']} (country)")
        for tally in case["tallies"]:
            if tally["scope"] != "national" and not _readings(tally["scope"], "province"):
                missing.add(f"{tally['scope']} (province)")
    assert not missing, "not in the gazetteer: " + "; ".join(sorted(missing))


# --------------------------------------------------------------------------- report


def main() -> int:
    """Print how many labelled cases pass per category; return 0."""
    from analysis.extract.events import extract_text

    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failing: dict[str, list[str]] = {}
    for case in CASES:
        try:
            ok = not run_case(case, extract_text)
        except Exception as exc:  # report, keep counting
            ok = False
            print(f"{case['id']}: raised {exc!r}")
        for kind in case_kinds(case):
            total[kind] += 1
            passed[kind] += ok
            if not ok:
                failing.setdefault(kind, []).append(case["id"])
    for kind in (*EVENT_TYPES, "tally", "negative"):
        print(f"{kind:16} {passed[kind]:3d} / {total[kind]:3d} pass")
    print(f"{'all cases':16} {sum(1 for c in CASES if not failing_ids(c, failing)):3d} / {len(CASES):3d} pass")
    for kind, ids in failing.items():
        print(f"failing {kind}: {' '.join(ids)}")
    return 0


def failing_ids(case: dict[str, Any], failing: dict[str, list[str]]) -> bool:
    """Whether a case appears among the failing ids of any category."""
    return any(case["id"] in ids for ids in failing.values())


if __name__ == "__main__":
    sys.exit(main())
