"""Tests for analysis.tabulate.merge: grouping, date intersection, disputes, duplicates, order independence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.tabulate import merge
from analysis.tabulate.merge import merge_counts, merge_mentions, merge_outcome, month_precision_articles
from analysis.records import Mention

D = date


def mention(mid: str, article: str = "a1", event_type: str = "capital_entered", place: str = "Kunduz",
            place_type: str = "capital", low: date | None = None, high: date | None = None, **kw: object) -> Mention:
    """A mention with defaults for the fields a test does not care about."""
    base = dict(mention_id=mid, article_id=article, event_type=event_type, place=place, place_type=place_type,
                province=kw.pop("province", "Kunduz"), date_low=low, date_high=high, sentence=f"sentence {mid}",
                place_id=f"{place_type}:{place}")
    base.update(kw)
    return Mention(**base)  # type: ignore[arg-type]


def test_ranges_intersect_and_single_day_becomes_date() -> None:
    events = merge_mentions([
        mention("a1-m001", "a1", low=D(2021, 8, 2), high=D(2021, 8, 8)),
        mention("a2-m001", "a2", low=D(2021, 8, 8), high=D(2021, 8, 8)),
        mention("a3-m001", "a3", low=None, high=D(2021, 8, 10)),
    ])
    assert len(events) == 1
    e = events[0]
    assert (e.date_low, e.date_high, e.date) == (D(2021, 8, 8), D(2021, 8, 8), D(2021, 8, 8))
    assert (e.n_mentions, e.n_articles, e.n_sources, e.article_ids) == (3, 3, 3, "a1;a2;a3")


def test_same_city_weeks_apart_stays_two_events() -> None:
    events = merge_mentions([
        mention("a1-m001", "a1", low=D(2021, 6, 21), high=D(2021, 6, 21), outcome="repelled"),
        mention("a2-m001", "a2", low=D(2021, 8, 8), high=D(2021, 8, 8), outcome="fell"),
        mention("a3-m001", "a3", low=None, high=D(2021, 8, 9), outcome="fell"),
    ])
    assert [(e.date_low, e.date_high, e.outcome, e.n_mentions) for e in events] == [
        (D(2021, 6, 21), D(2021, 6, 21), "repelled", 1),
        (D(2021, 8, 8), D(2021, 8, 8), "fell", 2),
    ]


def test_denial_makes_event_disputed_and_denial_alone_is_dropped() -> None:
    events = merge_mentions([
        mention("a1-m001", claimant="taliban", high=D(2021, 7, 30)),
        mention("a1-m002", claimant="afghan_government", stance="denied", high=D(2021, 7, 30), outcome="repelled"),
        mention("a2-m001", "a2", place="Ghazni", claimant="afghan_government", stance="denied", high=D(2021, 7, 30)),
    ])
    assert len(events) == 1
    e = events[0]
    assert (e.status, e.claimants, e.denied_by, e.outcome) == ("disputed", "taliban", "afghan_government", "repelled")
    assert e.denial_evidence == "sentence a1-m002"


def test_denial_dated_a_day_after_the_claim_disputes_it_without_moving_its_day() -> None:
    events = merge_mentions([
        mention("a1-m001", event_type="district_seized", place="Warduj", place_type="district", claimant="taliban",
                low=D(2021, 7, 4), high=D(2021, 7, 4)),
        mention("a1-m002", event_type="district_seized", place="Warduj", place_type="district",
                claimant="afghan_government", stance="denied", low=D(2021, 7, 5), high=D(2021, 7, 5)),
        # a denial dated before a claim says nothing of it: that claim stays reported
        mention("a2-m001", "a2", event_type="district_seized", place="Kamdesh", place_type="district",
                claimant="afghan_government", stance="denied", low=D(2021, 7, 1), high=D(2021, 7, 1)),
        mention("a2-m002", "a2", event_type="district_seized", place="Kamdesh", place_type="district",
                claimant="taliban", low=D(2021, 7, 6), high=D(2021, 7, 6)),
    ])
    assert [(e.place, e.date_low, e.date_high, e.status, e.denied_by) for e in events] == [
        ("Warduj", D(2021, 7, 4), D(2021, 7, 4), "disputed", "afghan_government"),
        ("Kamdesh", D(2021, 7, 6), D(2021, 7, 6), "reported", ""),
    ]


def test_republished_copy_adds_no_source() -> None:
    ms = [mention("a1-m001", "a1", high=D(2021, 8, 8)), mention("copy-m001", "copy", high=D(2021, 8, 8))]
    e = merge_mentions(ms, sources={"copy": "a1"})[0]
    assert (e.n_articles, e.n_sources) == (2, 1)


def test_counted_and_named_districts_are_different_events() -> None:
    events = merge_mentions([
        mention("a1-m001", event_type="district_seized", place="Herat", place_type="province", province="Herat",
                high=D(2021, 7, 10), count_low=5, count_high=5, count_text="five districts"),
        mention("a1-m002", event_type="district_seized", place="Kohsan", place_type="district", province="Herat",
                low=D(2021, 7, 8), high=D(2021, 7, 8)),
        mention("a2-m001", "a2", event_type="district_seized", place="Herat", place_type="province", province="Herat",
                high=D(2021, 7, 12), count_text="most districts"),
    ])
    assert sorted((e.place, e.place_type, e.count_text) for e in events) == [
        ("Herat", "province", "five districts"), ("Herat", "province", "most districts"), ("Kohsan", "district", "")]


def test_troops_fled_groups_by_destination_and_counts_keep_honest_range() -> None:
    events = merge_mentions([
        mention("a1-m001", "a1", event_type="troops_fled", place="Tajikistan", place_type="country",
                destination="Tajikistan", low=D(2021, 7, 5), high=D(2021, 7, 10), count_low=1000, count_text="more than 1,000"),
        mention("a2-m001", "a2", event_type="troops_fled", place="Tajikistan", place_type="country",
                destination="Tajikistan", low=D(2021, 7, 5), high=D(2021, 7, 7), count_low=1037, count_high=1037,
                count_text="1,037", province="Badakhshan"),
    ])
    assert len(events) == 1
    e = events[0]
    assert (e.destination, e.date_low, e.date_high, e.count_low, e.count_high) == (
        "Tajikistan", D(2021, 7, 5), D(2021, 7, 7), 1037, 1037)
    assert e.outcome == ""


def test_denial_of_a_differently_counted_group_disputes_nothing() -> None:
    def flight(mid: str, article: str, low: date | None, high: date, lo: int, hi: int, **kw: object) -> Mention:
        return mention(mid, article, event_type="troops_fled", place="Pakistan", place_type="country",
                       destination="Pakistan", low=low, high=high, count_low=lo, count_high=hi, **kw)

    reported = merge_mentions([
        flight("a1-m001", "a1", D(2021, 7, 25), D(2021, 7, 25), 46, 46, claimant="afghan_government"),
        flight("a1-m002", "a1", None, D(2021, 7, 26), 200, 999, claimant="afghan_government", stance="denied"),
    ])
    assert [(e.status, e.count_low, e.count_high, e.n_mentions) for e in reported] == [("reported", 46, 46, 1)]
    disputed = merge_mentions([
        flight("a1-m001", "a1", D(2021, 7, 25), D(2021, 7, 25), 46, 46, claimant="afghan_government"),
        flight("a2-m001", "a2", None, D(2021, 7, 26), 40, 50, claimant="foreign_government", stance="denied"),
    ])
    assert [(e.status, e.denied_by, e.count_low, e.count_high) for e in disputed] == [
        ("disputed", "foreign_government", 46, 46)]


def test_open_flight_from_another_province_keeps_apart() -> None:
    def flight(mid: str, article: str, low: date | None, high: date, province: str) -> Mention:
        return mention(mid, article, event_type="troops_fled", place="Turkmenistan", place_type="country",
                       destination="Turkmenistan", low=low, high=high, province=province)

    events = merge_mentions([
        flight("a1-m001", "a1", D(2021, 7, 7), D(2021, 7, 7), "Faryab"),
        flight("a2-m001", "a2", None, D(2021, 7, 9), "Herat"),
        flight("a3-m001", "a3", None, D(2021, 7, 9), ""),
    ])
    assert sorted((e.province, e.date_low, e.date_high, e.n_mentions) for e in events) == [
        ("Faryab", D(2021, 7, 7), D(2021, 7, 7), 2), ("Herat", None, D(2021, 7, 9), 1)]


def test_merge_counts_conflict_gives_union() -> None:
    ms = [mention("x1", count_low=300, count_high=300), mention("x2", count_low=1000, count_high=None)]
    assert merge_counts(ms)[:2] == (300, None)
    ms = [mention("x1", count_low=200, count_high=999), mention("x2", count_low=300, count_high=300)]
    assert merge_counts(ms)[:2] == (300, 300)


def test_outcome_latest_statement_then_precedence() -> None:
    events = merge_mentions([
        mention("a1-m001", low=D(2021, 7, 7), high=D(2021, 7, 7), outcome="contested"),
        mention("a2-m001", "a2", low=D(2021, 7, 7), high=D(2021, 7, 7), outcome="repelled"),
        mention("a3-m001", "a3", low=D(2021, 7, 7), high=D(2021, 7, 7), outcome="fell"),
    ])
    assert events[0].outcome == "repelled"


def test_outcome_dated_evidence_beats_undated_intent() -> None:
    # "fell on Sunday" (dated) and, in a later article, "operations to retake the city" (undated)
    ms = [
        mention("b1-m001", "b1", low=D(2021, 8, 8), high=D(2021, 8, 8), outcome="fell"),
        mention("b2-m004", "b2", low=None, high=D(2021, 8, 9), outcome="repelled"),
    ]
    assert merge_outcome(ms) == "fell"
    assert merge_mentions(ms)[0].outcome == "fell"
    # with no dated outcome at all, the latest undated statement still decides
    undated = [mention("c1-m001", "c1", high=D(2021, 8, 9), outcome="fell"),
               mention("c2-m001", "c2", high=D(2021, 8, 11), outcome="repelled")]
    assert merge_outcome(undated) == "repelled"
    # a later dated repulse still wins over an earlier dated fall
    later = [mention("d1-m001", "d1", low=D(2021, 7, 7), high=D(2021, 7, 7), outcome="fell"),
             mention("d2-m001", "d2", low=D(2021, 7, 8), high=D(2021, 7, 8), outcome="repelled")]
    assert merge_outcome(later) == "repelled"


def test_outcome_same_day_told_by_more_articles_wins() -> None:
    ms = [
        mention("e1-m001", "e1", low=D(2021, 8, 7), high=D(2021, 8, 7), outcome="fell"),
        mention("e1-m002", "e1", low=D(2021, 8, 7), high=D(2021, 8, 7), outcome="repelled"),
        mention("e2-m003", "e2", low=D(2021, 8, 7), high=D(2021, 8, 7), outcome="fell"),
    ]
    assert merge_outcome(ms) == "fell"


def test_month_precision_article_joins_the_dated_event() -> None:
    # an article dated only "2021-08": its undated mentions end on Aug 31, 19 days after the entry
    ms = [
        mention("f1-m001", "f1", place="Maimana", low=D(2021, 8, 12), high=D(2021, 8, 12), outcome="fell"),
        mention("mo-m001", "mo", place="Maimana", low=None, high=D(2021, 8, 31), outcome="fell"),
        mention("mo-m002", "mo", place="Maimana", low=D(2021, 8, 12), high=D(2021, 8, 12)),
    ]
    assert month_precision_articles(ms) == frozenset({"mo"})
    for precisions in (None, {"mo": "month", "f1": "day"}):
        events = merge_mentions(ms, precisions=precisions)
        assert [(e.date_low, e.date_high, e.n_mentions) for e in events] == [(D(2021, 8, 12), D(2021, 8, 12), 3)]
    # read as a day-precise article of Aug 31, the undated mention is too late to join
    events = merge_mentions(ms, precisions={"mo": "day", "f1": "day"})
    assert sorted((e.date_low, e.date_high, e.n_mentions) for e in events if e.date_low) == [
        (D(2021, 8, 12), D(2021, 8, 12), 2)]
    assert len(events) == 2


def test_running_total_does_not_widen_a_point_count() -> None:
    fled = dict(event_type="troops_fled", place="Tajikistan", place_type="country", destination="Tajikistan")
    point = mention("g1-m001", "g1", low=D(2021, 6, 22), high=D(2021, 6, 22), count_low=134, count_high=134,
                    count_text="134", **fled)
    total = mention("g1-m002", "g1", low=D(2021, 6, 14), high=D(2021, 7, 5), count_low=1600, count_high=1600,
                    count_text="a total of 1,600", **fled)
    assert merge_counts([point, total])[:2] == (134, 134)
    tagged = mention("g2-m001", "g2", low=D(2021, 6, 22), high=D(2021, 6, 23), count_low=900, count_high=900,
                     count_qualifier="total", **fled)
    assert merge_counts([point, tagged])[:2] == (134, 134)
    assert merge_counts([total])[:2] == (1600, 1600)  # alone, a total is still the only count there is


def test_most_joins_its_own_articles_numbered_sweep() -> None:
    prov = dict(event_type="district_seized", place="Faryab", place_type="province", province="Faryab")
    ms = [
        mention("h1-m001", "h1", low=D(2021, 7, 2), high=D(2021, 7, 5), count_low=6, count_high=6,
                count_text="six districts", **prov),
        mention("h1-m002", "h1", low=D(2021, 7, 5), high=D(2021, 7, 5), count_text="most of the districts", **prov),
        mention("h2-m001", "h2", low=None, high=D(2021, 7, 20), count_text="most of the districts", **prov),
    ]
    events = merge_mentions(ms)
    assert sorted((e.count_text, e.count_low, e.n_mentions) for e in events) == [
        ("most of the districts", None, 1), ("six districts", 6, 2)]


_MENTIONS = st.lists(st.builds(
    lambda i, place, lo, span, stance: mention(
        f"a{i}-m001", f"a{i}", place=place, low=None if lo is None else D(2021, 7, 1 + lo),
        high=D(2021, 7, 1 + (lo or 0) + span), stance=stance),
    st.integers(0, 30), st.sampled_from(["Kunduz", "Ghazni"]), st.one_of(st.none(), st.integers(0, 20)),
    st.integers(0, 5), st.sampled_from(["asserted", "denied"])), max_size=8, unique_by=lambda m: m.mention_id)


@settings(max_examples=60, deadline=None)
@given(_MENTIONS, st.randoms(use_true_random=False))
def test_order_independent_and_ranges_ordered(ms: list[Mention], rnd: object) -> None:
    shuffled = list(ms)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = merge_mentions(ms), merge_mentions(shuffled)
    assert a == b
    for e in a:
        assert e.date_low is None or e.date_high is None or e.date_low <= e.date_high
        assert e.n_sources <= e.n_articles <= e.n_mentions
    assert len({e.event_id for e in a}) == len(a)


def test_denial_through_anaphora_makes_the_extracted_event_disputed() -> None:
    from analysis.extract.events import extract_text

    text = ("Taliban fighters overran Qush Tepa district on Sunday, a Taliban spokesman said. "
            "But the interior ministry said the Taliban attack on the district had been repelled and that the area "
            "was under the control of Afghan forces.")
    events = merge_mentions(extract_text(text, D(2021, 7, 20), article_id="q1").mentions)
    assert [(e.event_type, e.place, e.place_type, e.date_low, e.date_high, e.count_low, e.status, e.claimants,
             e.denied_by) for e in events] == [
        ("district_seized", "Qush Tepa", "district", D(2021, 7, 18), D(2021, 7, 18), None, "disputed", "taliban",
         "afghan_government")]


def test_speaker_place_denial_disputes_the_flight_reported_before() -> None:
    from analysis.extract.events import extract_text

    text = ("Forty-two Afghan soldiers were given shelter by Pakistani forces on Saturday night, the Pakistani "
            "military said. The soldiers were given food. A spokesman for the Afghan defence ministry in Kabul "
            "rejected the claim, saying no soldier had abandoned his post in the area.")
    events = merge_mentions(extract_text(text, D(2021, 7, 20), article_id="p1").mentions)
    assert [(e.event_type, e.destination, e.date_low, e.date_high, e.count_low, e.count_high, e.status,
             e.denied_by) for e in events] == [
        ("troops_fled", "Pakistan", D(2021, 7, 17), D(2021, 7, 17), 42, 42, "disputed", "afghan_government")]


# --- guards and undated rules (issue 9), stable ids (issue 12) -------------------------------------


def test_publication_dated_fall_does_not_join_a_week_older_repulse() -> None:
    ms = [
        mention("r1-c000010", "r1", low=D(2021, 8, 1), high=D(2021, 8, 1), outcome="repelled"),
        mention("r2-c000010", "r2", low=None, high=D(2021, 8, 8), outcome="fell"),
    ]
    events = merge_mentions(ms)
    assert [(e.date_low, e.date_high, e.outcome) for e in events] == [
        (D(2021, 8, 1), D(2021, 8, 1), "repelled"), (None, D(2021, 8, 8), "fell")]
    # the same open report two days later, or agreeing with the outcome, still joins
    near = [ms[0], mention("r3-c000010", "r3", low=None, high=D(2021, 8, 3), outcome="fell")]
    assert len(merge_mentions(near)) == 1
    agree = [ms[0], mention("r4-c000010", "r4", low=None, high=D(2021, 8, 8), outcome="repelled")]
    assert len(merge_mentions(agree)) == 1


def test_open_chain_does_not_drag_a_later_event_back() -> None:
    ms = [mention(f"o{i}-c000001", f"o{i}", low=None, high=day) for i, day in
          enumerate([D(2021, 8, 1), D(2021, 8, 12), D(2021, 8, 24)])]
    events = merge_mentions(ms)
    # Aug 24 is within 14 days of Aug 12 but not of the chain's first report: it stays its own event
    assert [(e.date_low, e.date_high, e.n_mentions) for e in events] == [
        (None, D(2021, 8, 1), 2), (None, D(2021, 8, 24), 1)]


def test_two_counted_groups_in_one_sentence_stay_two_events() -> None:
    fled = dict(event_type="troops_fled", place="Uzbekistan", place_type="country", destination="Uzbekistan",
                low=D(2021, 8, 15), high=D(2021, 8, 15), char_start=40)
    ms = [mention("s1-c000050", "s1", count_low=300, count_high=300, count_text="300", **fled),
          mention("s1-c000090", "s1", count_low=70, count_high=70, count_text="70", **fled),
          mention("s2-c000010", "s2", count_low=70, count_high=70, count_text="70", **dict(fled, char_start=0))]
    events = merge_mentions(ms)
    assert sorted((e.count_low, e.n_mentions, e.article_ids) for e in events) == [(70, 2, "s1;s2"), (300, 1, "s1")]


def test_all_districts_and_all_six_districts_merge() -> None:
    prov = dict(event_type="district_seized", place="Faryab", place_type="province", province="Faryab")
    ms = [mention("t1-c000001", "t1", low=D(2021, 7, 20), high=D(2021, 7, 20), count_low=6, count_high=6,
                  count_text="six districts", sentence="The Taliban took all six districts of Faryab on Tuesday.",
                  count_qualifier="exact", **prov),
          mention("t2-c000001", "t2", low=None, high=D(2021, 7, 21), count_text="all districts",
                  count_qualifier="all", sentence="All districts of Faryab have fallen.", **prov)]
    events = merge_mentions(ms)
    assert [(e.count_low, e.count_high, e.n_articles) for e in events] == [(6, 6, 2)]


def test_undated_mention_joins_latest_dated_event_or_stays_out() -> None:
    ms = [mention("u1-c000001", "u1", low=D(2021, 7, 1), high=D(2021, 7, 1)),
          mention("u2-c000001", "u2", low=D(2021, 8, 8), high=D(2021, 8, 8)),
          mention("u3-c000001", "u3", low=None, high=None)]
    events = merge_mentions(ms)
    assert [(e.date_high, e.n_mentions) for e in events] == [(D(2021, 7, 1), 1), (D(2021, 8, 8), 2)]
    alone = merge_mentions([mention("u4-c000001", "u4", place="Ghazni", low=None, high=None)])
    assert alone == []  # no upper bound anywhere: mentions.csv only
    assigned = merge.assign_events(ms + [mention("u4-c000001", "u4", place="Ghazni")], events)
    assert [m.event_id for m in assigned] == [events[0].event_id, events[1].event_id, events[1].event_id, ""]


def test_only_asserted_mentions_form_events() -> None:
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class WithModality(Mention):
        modality: str = ""

    base = dataclasses.asdict(mention("v1-c000001", "v1", low=D(2021, 8, 1), high=D(2021, 8, 1)))
    speculative = WithModality(**dict(base, mention_id="v1-c000001", modality="speculative"))
    asserted = WithModality(**dict(base, mention_id="v2-c000001", article_id="v2", modality="asserted"))
    assert merge_mentions([speculative]) == []
    events = merge_mentions([speculative, asserted])
    assert [(e.n_mentions, e.mention_ids) for e in events] == [(1, "v2-c000001")]
    history = WithModality(**dict(base, mention_id="v3-c000001", article_id="v3", modality="past",
                                  date_low=D(1998, 1, 1), date_high=D(1998, 12, 31)))
    assert merge_mentions([history]) == []  # "first captured in 1998": history, no event
    assert [e.mention_ids for e in merge_mentions([history, asserted])] == ["v2-c000001"]


def test_event_ids_survive_added_articles_about_other_events() -> None:
    base = [mention("w1-c000001", "w1", low=D(2021, 8, 8), high=D(2021, 8, 8)),
            mention("w2-c000001", "w2", low=None, high=D(2021, 8, 9)),
            mention("w3-c000001", "w3", place="Ghazni", low=D(2021, 8, 12), high=D(2021, 8, 12))]
    before = {(e.place, e.date_high): e.event_id for e in merge_mentions(base)}
    more = base + [mention("a0-c000001", "a0", place="Herat", low=D(2021, 8, 12), high=D(2021, 8, 12)),
                   mention("a0-c000099", "a0", low=D(2021, 6, 1), high=D(2021, 6, 1))]
    after = {(e.place, e.date_high): e.event_id for e in merge_mentions(more)}
    assert all(after[k] == v for k, v in before.items())
    assert len(set(after.values())) == len(after) == 4
    # a further report of the same event narrows its dates but keeps its id
    narrowed = merge_mentions(base + [mention("z9-c000001", "z9", low=D(2021, 8, 8), high=D(2021, 8, 8))])
    assert {e.event_id for e in narrowed} == set(before.values())


def test_one_event_mentioned_many_times_merges_into_one() -> None:
    ms = [mention(f"x{i:06d}-c000001", f"x{i:06d}", low=None if i % 3 else D(2021, 8, 8) - timedelta(days=i % 2),
                  high=D(2021, 8, 8) + timedelta(days=i % 5 if i % 3 else 0)) for i in range(20000)]
    events = merge_mentions(ms)
    assert [(e.n_mentions, e.date_high) for e in events] == [(20000, D(2021, 8, 8))]


def test_weekday_only_fall_a_week_later_joins_the_dated_fall() -> None:
    # "Zaranj fell on Friday", written on 16 August, read as 13 August: the dated fall on Friday 6 August is its day
    dated = mention("a1-m001", "a1", place="Zaranj", low=D(2021, 8, 6), high=D(2021, 8, 6), outcome="fell",
                    date_text="on Friday 6 August")
    loose = mention("a2-m001", "a2", place="Zaranj", low=D(2021, 8, 13), high=D(2021, 8, 13), outcome="fell",
                    date_text="on Friday")
    events = merge_mentions([dated, loose])
    assert [(e.date_low, e.date_high, e.n_articles) for e in events] == [(D(2021, 8, 6), D(2021, 8, 6), 2)]
    # not when another article tells of that very day, nor for an entry driven out (they recur a week apart)
    other = mention("a3-m001", "a3", place="Zaranj", low=D(2021, 8, 13), high=D(2021, 8, 13), outcome="fell",
                    date_text="on 13 August")
    assert len(merge_mentions([dated, loose, other])) == 2
    repelled = [replace(m, outcome="repelled") for m in (dated, loose)]
    assert sorted(e.date_low for e in merge_mentions(repelled)) == [D(2021, 8, 6), D(2021, 8, 13)]
    # nor for flights: groups cross into one country a week apart
    flights = [replace(m, event_type="troops_fled", destination="Iran", outcome="") for m in (dated, loose)]
    assert sorted(e.date_low for e in merge_mentions(flights)) == [D(2021, 8, 6), D(2021, 8, 13)]
    # nor three weeks back
    far = replace(loose, date_low=D(2021, 8, 27), date_high=D(2021, 8, 27))
    assert len(merge_mentions([dated, far])) == 2


def test_weekday_only_reads_a_weekday_alone() -> None:
    assert merge.weekday_only("on Friday") and merge.weekday_only("late on Sunday night")
    assert not merge.weekday_only("on Friday 6 August") and not merge.weekday_only("") and \
        not merge.weekday_only("last Friday")
