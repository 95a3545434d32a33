"""Tests for analysis.extract.events: event mentions and tallies from sentences and articles (EVENTS.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.extract.events import extract_article, extract_text
from analysis.records import EVENT_TYPES, Article

PUB = date(2021, 8, 7)  # a Saturday
FIELDS = ("event_type", "place", "place_type", "province", "destination", "date_low", "date_high",
          "count_low", "count_high", "outcome", "claimant", "stance")


def row(event_type: str, place: str, place_type: str, province: str, destination: str = "",
        low: str = "", high: str = "", count_low: int | None = None, count_high: int | None = None,
        outcome: str = "", claimant: str = "unknown", stance: str = "asserted") -> tuple[Any, ...]:
    """An expected mention as a tuple in FIELDS order."""
    return (event_type, place, place_type, province, destination, low, high, count_low, count_high, outcome,
            claimant, stance)


def got(text: str, published: date | None = PUB) -> list[tuple[Any, ...]]:
    """The extracted mentions of a text that may become events (asserted or negated) as sorted tuples in FIELDS
    order; speculative, conditional and future mentions are checked by test_modality."""
    out = []
    for m in extract_text(text, published).mentions:
        if m.modality not in ("asserted", "negated"):
            continue
        out.append((m.event_type, m.place, m.place_type, m.province, m.destination,
                    m.date_low.isoformat() if m.date_low else "", m.date_high.isoformat() if m.date_high else "",
                    m.count_low, m.count_high, m.outcome, m.claimant, m.stance))
    return sorted(out)


CASES: list[tuple[str, list[tuple[Any, ...]]]] = [
    # capital_entered, active and passive, appositions and spellings
    ("Taliban fighters overran Sheberghan, the capital of Jowzjan province, on Friday, a provincial council member said.",
     [row("capital_entered", "Sheberghan", "capital", "Jowzjan", "", "2021-08-06", "2021-08-06", outcome="fell", claimant="afghan_government")]),
    ("Zaranj, the capital of Nimroz province, fell to the Taliban on Friday without a fight, the deputy governor told Reuters.",
     [row("capital_entered", "Zaranj", "capital", "Nimroz", "", "2021-08-06", "2021-08-06", outcome="fell", claimant="afghan_government")]),
    ("The Taliban took control of Kunduz city on Sunday after days of street fighting, residents said.",
     [row("capital_entered", "Kunduz", "capital", "Kunduz", "", "2021-08-01", "2021-08-01", outcome="fell", claimant="residents")]),
    ("Insurgents stormed into Sar-e-Pul on Thursday and seized the governor's compound, officials said.",
     [row("capital_entered", "Sar-e-Pul", "capital", "Sar-e-Pul", "", "2021-08-05", "2021-08-05", outcome="unknown", claimant="afghan_government")]),
    ("Taliban fighters entered Ghazni city on Wednesday, but commandos pushed them back after a night of fighting, the army said.",
     [row("capital_entered", "Ghazni", "capital", "Ghazni", "", "2021-08-04", "2021-08-04", outcome="repelled", claimant="afghan_government")]),
    ("Aybak became the sixth provincial capital to fall to the Taliban in a week.",
     [row("capital_entered", "Aybak", "capital", "Samangan", "", "", "2021-08-07", outcome="fell")]),
    ("Pul-e-Khumri, the capital of Baghlan province, was captured by the Taliban on Tuesday, officials said.",
     [row("capital_entered", "Pul-e-Khumri", "capital", "Baghlan", "", "2021-08-03", "2021-08-03", outcome="fell", claimant="afghan_government")]),
    ("Government forces retook Lashkar Gah on Thursday, the defence ministry said.",
     [row("capital_entered", "Lashkar Gah", "capital", "Helmand", "", "", "2021-08-05", outcome="repelled", claimant="afghan_government")]),
    ("Fighting raged inside Kandahar city on Friday, officials said.",
     [row("capital_entered", "Kandahar", "capital", "Kandahar", "", "2021-08-06", "2021-08-06", outcome="contested", claimant="afghan_government")]),
    ("Taliban fighters breached the defences of Farah city on Monday and raised their flag over the governor's office, residents said.",
     [row("capital_entered", "Farah", "capital", "Farah", "", "2021-08-02", "2021-08-02", outcome="unknown", claimant="residents")]),
    ("Shibirghan was in Taliban hands on Saturday, residents said.",
     [row("capital_entered", "Sheberghan", "capital", "Jowzjan", "", "2021-08-07", "2021-08-07", outcome="fell", claimant="residents")]),
    ("Government forces said they had cleared Faizabad of Taliban fighters on Wednesday.",
     [row("capital_entered", "Faizabad", "capital", "Badakhshan", "", "", "2021-08-04", outcome="repelled", claimant="afghan_government")]),
    ("The Taliban captured Jowzjan's capital, Sheberghan, on Friday.",
     [row("capital_entered", "Sheberghan", "capital", "Jowzjan", "", "2021-08-06", "2021-08-06", outcome="fell")]),
    ("Badakhshan's provincial capital, Faizabad, fell to the Taliban on Wednesday, officials said.",
     [row("capital_entered", "Faizabad", "capital", "Badakhshan", "", "2021-08-04", "2021-08-04", outcome="fell", claimant="afghan_government")]),
    # claims and denials inside one sentence
    ("The Taliban claimed to have captured Ghazni, but officials denied it.",
     [row("capital_entered", "Ghazni", "capital", "Ghazni", "", "", "2021-08-07", outcome="fell", claimant="afghan_government", stance="denied"),
      row("capital_entered", "Ghazni", "capital", "Ghazni", "", "", "2021-08-07", outcome="fell", claimant="taliban")]),
    ("The Taliban said their fighters had entered Herat, while officials said the city remained under government control.",
     [row("capital_entered", "Herat", "capital", "Herat", "", "", "2021-08-07", outcome="unknown", claimant="afghan_government", stance="denied"),
      row("capital_entered", "Herat", "capital", "Herat", "", "", "2021-08-07", outcome="unknown", claimant="taliban")]),
    # district_seized: named, crossings, lists, counted
    ("The militants captured Spin Boldak district on Wednesday, a Taliban spokesman said.",
     [row("district_seized", "Spin Boldak", "district", "Kandahar", "", "2021-08-04", "2021-08-04", claimant="taliban")]),
    ("Taliban fighters seized the Shir Khan Bandar crossing with Tajikistan on Tuesday, local officials said.",
     [row("district_seized", "Imam Sahib", "district", "Kunduz", "", "2021-08-03", "2021-08-03", claimant="afghan_government")]),
    ("The Taliban captured Torghundi on Friday, a customs official in Herat said.",
     [row("district_seized", "Kushk", "district", "Herat", "", "2021-08-06", "2021-08-06", claimant="afghan_government")]),
    ("Taliban fighters overran the Aqina port on the border with Turkmenistan on Saturday.",
     [row("district_seized", "Khan-e-Char Bagh", "district", "Faryab", "", "2021-08-07", "2021-08-07")]),
    ("Militants captured the districts of Ishkashim, Zebak and Wakhan in Badakhshan last week, officials said.",
     [row("district_seized", p, "district", "Badakhshan", "", "2021-07-26", "2021-08-01", claimant="afghan_government")
      for p in ("Ishkashim", "Wakhan", "Zebak")]),
    ("Insurgents seized Kalafgan and Farkhar districts of Takhar on Monday, officials said.",
     [row("district_seized", p, "district", "Takhar", "", "2021-08-02", "2021-08-02", claimant="afghan_government")
      for p in ("Farkhar", "Kalafgan")]),
    ("The Taliban seized six districts in Faryab province earlier this week, the provincial governor said.",
     [row("district_seized", "Faryab", "province", "Faryab", "", "2021-08-02", "2021-08-07", 6, 6, claimant="afghan_government")]),
    ("The Taliban have taken three more districts in Ghazni, the provincial police chief said.",
     [row("district_seized", "Ghazni", "province", "Ghazni", "", "", "2021-08-07", 3, 3, claimant="afghan_government")]),
    ("All the districts of Nimroz have fallen to the Taliban, a provincial council member said.",
     [row("district_seized", "Nimroz", "province", "Nimroz", "", "", "2021-08-07", claimant="afghan_government")]),
    ("The insurgents have captured most of Takhar province, officials in Taloqan said.",
     [row("district_seized", "Takhar", "province", "Takhar", "", "", "2021-08-07", claimant="afghan_government")]),
    # troops_fled
    ("More than 300 Afghan soldiers fled into Tajikistan on Thursday after the Taliban attacked their posts in Kunduz, Tajik border guards said.",
     [row("troops_fled", "Tajikistan", "country", "Kunduz", "Tajikistan", "2021-08-05", "2021-08-05", 300, None, claimant="foreign_government")]),
    ("Hundreds of Afghan troops crossed the border into Uzbekistan near Hairatan on Friday, Uzbekistan's foreign ministry said.",
     [row("troops_fled", "Uzbekistan", "country", "Balkh", "Uzbekistan", "2021-08-06", "2021-08-06", 200, 999, claimant="foreign_government")]),
    ("Forty Afghan soldiers escaped across the frontier into Turkmenistan after the fall of Torghundi, Turkmen officials said.",
     [row("district_seized", "Kushk", "district", "Herat", "", "", "2021-08-07", claimant="foreign_government"),
      row("troops_fled", "Turkmenistan", "country", "Herat", "Turkmenistan", "", "2021-08-07", 40, 40, claimant="foreign_government")]),
    ("Police in Khanabad district abandoned their posts on Monday, residents said.",
     [row("troops_fled", "Khanabad", "district", "Kunduz", "", "2021-08-02", "2021-08-02", claimant="residents")]),
    ("Afghan soldiers were given shelter by Pakistan after they fled their posts in Kunar, the Pakistani army said.",
     [row("troops_fled", "Pakistan", "country", "Kunar", "Pakistan", "", "2021-08-07", claimant="foreign_government")]),
    ("A group of 46 Afghan soldiers was evacuated by air to Uzbekistan on Sunday, Uzbek officials said.",
     [row("troops_fled", "Uzbekistan", "country", "", "Uzbekistan", "2021-08-01", "2021-08-01", 46, 46, claimant="foreign_government")]),
    # crossings written as ports and sides, district seats, lists
    ("Insurgents overran the dry port of Torghundi on the Turkmen frontier on Tuesday, a customs official said.",
     [row("district_seized", "Kushk", "district", "Herat", "", "2021-08-03", "2021-08-03", claimant="afghan_government")]),
    ("Uzbek officials said militants had seized the Afghan side of the Hairatan crossing on Saturday.",
     [row("district_seized", "Kaldar", "district", "Balkh", "", "2021-08-07", "2021-08-07", claimant="foreign_government")]),
    ("Taliban fighters captured the district compound in Nahrin, Baghlan province, on Thursday, residents said.",
     [row("district_seized", "Nahrin", "district", "Baghlan", "", "2021-08-05", "2021-08-05", claimant="residents")]),
    ("The militants overran the Kohistanat district governor's compound on Friday.",
     [row("district_seized", "Kohistanat", "district", "Sar-e-Pul", "", "2021-08-06", "2021-08-06")]),
    ("The Taliban took five districts of Ghor province on Monday, among them Shahrak and Tulak, a council member said.",
     [row("district_seized", "Ghor", "province", "Ghor", "", "2021-08-02", "2021-08-02", 5, 5, claimant="afghan_government")]
     + [row("district_seized", p, "district", "Ghor", "", "2021-08-02", "2021-08-02", claimant="afghan_government")
        for p in ("Shahrak", "Tulak")]),
    ("Fighters seized Darayim, Kishim and two other districts in Badakhshan on Friday.",
     [row("district_seized", "Badakhshan", "province", "Badakhshan", "", "2021-08-06", "2021-08-06", 2, 2)]
     + [row("district_seized", p, "district", "Badakhshan", "", "2021-08-06", "2021-08-06") for p in ("Darayim", "Kishim")]),
    ("The insurgents captured Maimana and Sheberghan on Saturday, officials said.",
     [row("capital_entered", p, "capital", q, "", "2021-08-07", "2021-08-07", outcome="fell", claimant="afghan_government")
      for p, q in (("Maimana", "Faryab"), ("Sheberghan", "Jowzjan"))]),
    ("By Friday the insurgents had seized two more provincial capitals: Maimana and Gardez, officials said.",
     [row("capital_entered", p, "capital", q, "", "", "2021-08-06", outcome="fell", claimant="afghan_government")
      for p, q in (("Maimana", "Faryab"), ("Gardez", "Paktia"))]),
    ("Aybak and Pul-e-Alam fell to the Taliban on Monday.",
     [row("capital_entered", p, "capital", q, "", "2021-08-02", "2021-08-02", outcome="fell")
      for p, q in (("Aybak", "Samangan"), ("Pul-e-Alam", "Logar"))]),
    ("The Taliban captured the district centres of Shahrak and Tulak on Monday, a Ghor council member said.",
     [row("district_seized", p, "district", "Ghor", "", "2021-08-02", "2021-08-02", claimant="afghan_government")
      for p in ("Shahrak", "Tulak")]),
    ("Police abandoned the Dand district headquarters in Kandahar on Monday.",
     [row("troops_fled", "Dand", "district", "Kandahar", "", "2021-08-02", "2021-08-02")]),
    ("Sar-e-Pul city was handed over to the Taliban on Sunday after elders negotiated a truce.",
     [row("capital_entered", "Sar-e-Pul", "capital", "Sar-e-Pul", "", "2021-08-01", "2021-08-01", outcome="fell")]),
    # a pronoun for the place, in the sentence or the one before
    ("The Ghazni governor fled the city for Kabul on Thursday as the militants stormed it, officials said.",
     [row("troops_fled", "Ghazni", "capital", "Ghazni", "", "2021-08-05", "2021-08-05", claimant="afghan_government"),
      row("capital_entered", "Ghazni", "capital", "Ghazni", "", "2021-08-05", "2021-08-05", outcome="unknown",
          claimant="afghan_government")]),
    ("Heavy fighting was reported around Aybak for a week. It fell to the Taliban on Monday.",
     [row("capital_entered", "Aybak", "capital", "Samangan", "", "2021-08-02", "2021-08-02", outcome="fell")]),
    # reports that are denied or not confirmed
    ("The interior ministry denied reports that Dand Patan had fallen.",
     [row("district_seized", "Dand Patan", "district", "Paktia", "", "", "2021-08-07"),
      row("district_seized", "Dand Patan", "district", "Paktia", "", "", "2021-08-07", claimant="afghan_government",
          stance="denied")]),
    ("A police spokesman rejected Taliban claims that Chahar Bolak had been overrun.",
     [row("district_seized", "Chahar Bolak", "district", "Balkh", "", "", "2021-08-07", claimant="taliban"),
      row("district_seized", "Chahar Bolak", "district", "Balkh", "", "", "2021-08-07", claimant="afghan_government",
          stance="denied")]),
    ("Officials have not confirmed reports that Mihtarlam had fallen.",
     [row("capital_entered", "Mihtarlam", "capital", "Laghman", "", "", "2021-08-07", outcome="fell")]),
    ("The provincial governor would neither confirm nor deny reports that Nahrin had fallen.",
     [row("district_seized", "Nahrin", "district", "Baghlan", "", "", "2021-08-07")]),
    ("Security officials could not confirm the Taliban's claim that its fighters had captured Sayad district.",
     [row("district_seized", "Sayad", "district", "Sar-e-Pul", "", "", "2021-08-07", claimant="taliban")]),
]

NEGATIVES = [
    "Taliban fighters have surrounded Mazar-i-Sharif and are fighting on the outskirts of the city, officials said.",
    "The Taliban could take Kabul within 90 days, a U.S. intelligence assessment warned.",
    "Taliban fighters were attempting to take over Jalalabad, officials said.",
    "Taliban fighters reached the gates of Kabul on Sunday.",
    "The Taliban vowed to retake Charikar within days.",
    "Thousands of civilians fled Kunduz city as fighting intensified.",
    "About 400 prisoners escaped from the jail in Sheberghan on Friday.",
    "US troops left Kandahar airfield last month.",
    "Dozens of soldiers surrendered to the Taliban in Farah on Tuesday, a local official said.",
    "More than 50 policemen in Maimana joined the Taliban, a provincial official said.",
    "The Taliban have overrun dozens of districts in the past two months.",
    "Kohsan district remains under the control of government forces, the interior ministry said.",
    "Families from Kunar fled to Jalalabad to escape the fighting.",
    "Taliban fighters seized a truckload of fuel on the Kabul-Kandahar highway, officials said.",
    "Police captured three Taliban commanders in a raid in Mazar-i-Sharif.",
    "The militants laid siege to Ghazni city on Monday.",
    "Taliban fighters attacked a checkpoint near Mihtarlam and overran it, police said.",
    "The Taliban attacked Gardez on Saturday and seized the airport, then overran it.",
    "Taliban fighters captured the district headquarters on Monday.",
    "The Taliban have captured 10 districts in the past week, and fighting continues in Zabul province.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_fields(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert got(text) == sorted(expected)


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:40] for t in NEGATIVES])
def test_negatives_yield_no_event(text: str) -> None:
    assert got(text) == []
    assert all(m.modality in ("speculative", "conditional", "future") for m in extract_text(text, PUB).mentions)


def test_national_tallies_with_claimants() -> None:
    text = ("Western diplomats say the Taliban hold more than 150 districts, "
            "while the Taliban says it controls more than 230 districts.")
    result = extract_text(text, PUB)
    assert result.mentions == []
    tallies = sorted((t.claimant, t.scope, t.unit, t.count_low, t.count_high) for t in result.tallies)
    assert tallies == [("foreign_government", "national", "districts", 150, None),
                       ("taliban", "national", "districts", 230, None)]
    assert all(t.date == PUB for t in result.tallies)


def test_vague_summary_without_claimant_is_no_tally() -> None:
    assert extract_text("The insurgents have captured dozens of districts since May.", PUB).tallies == []


def test_provincial_capital_anaphora_and_neighbouring_denial() -> None:
    text = ("Fighting was reported on the outskirts of Maimana, the capital of Faryab province, on Friday. "
            "The Taliban claimed its fighters entered the provincial capital. "
            "But officials in Kabul rejected that claim, saying the attack was repelled.")
    assert got(text) == [
        row("capital_entered", "Maimana", "capital", "Faryab", "", "", "2021-08-07", outcome="repelled",
            claimant="afghan_government", stance="denied"),
        row("capital_entered", "Maimana", "capital", "Faryab", "", "", "2021-08-07", outcome="repelled",
            claimant="taliban"),
    ]


def test_unnamed_district_with_crossing_and_control_denial() -> None:
    text = ("Taliban fighters on Friday seized a key district in western Afghanistan that includes a border "
            "crossing with Turkmenistan, Afghan officials said. "
            "Two officials said the Torghundi crossing had fallen and that Afghan soldiers had fled across the border. "
            "The interior ministry denied the reports, saying the crossing was still under the control of government forces.")
    rows = got(text)
    assert row("district_seized", "Kushk", "district", "Herat", "", "2021-08-06", "2021-08-06",
               claimant="afghan_government") in rows
    assert row("troops_fled", "Turkmenistan", "country", "Herat", "Turkmenistan", "", "2021-08-07",
               claimant="afghan_government") in rows
    denied = sorted((r[0], r[1]) for r in rows if r[-1] == "denied")
    assert denied == [("district_seized", "Kushk"), ("troops_fled", "Turkmenistan")]


def test_all_districts_take_the_province_from_context() -> None:
    text = ("The attack on Maimana, in northern Faryab Province, was the first on a city in weeks. "
            "\"The enemy has entered the city, all the districts have fallen,\" the governor told reporters.")
    rows = got(text)
    assert row("district_seized", "Faryab", "province", "Faryab", "", "", "2021-08-07",
               claimant="afghan_government") in rows
    assert ("capital_entered", "Maimana") in {(r[0], r[1]) for r in rows}


def test_past_perfect_event_dated_by_this_article() -> None:
    text = ("The defence ministry said troops had retaken Taloqan, the capital of Takhar, "
            "which had been stormed by the Taliban on Wednesday.")
    assert got(text, date(2021, 7, 10)) == [
        row("capital_entered", "Taloqan", "capital", "Takhar", "", "2021-07-07", "2021-07-07", outcome="repelled",
            claimant="afghan_government")]


def test_returning_troops_still_report_the_flight() -> None:
    text = "About 1,000 Afghan soldiers who fled into Uzbekistan earlier this week were returning home, officials said."
    rows = got(text, date(2021, 7, 9))
    assert [(r[0], r[4], r[5], r[6]) for r in rows] == [("troops_fled", "Uzbekistan", "2021-07-05", "2021-07-09")]


def test_undated_sentence_is_open_below_and_month_precision() -> None:
    rows = got("Taliban fighters captured Charikar, the capital of Parwan province.", None)
    assert [(r[1], r[5], r[6]) for r in rows] == [("Charikar", "", "")]
    month = extract_text("Taliban fighters captured Charikar.", date(2021, 8, 1), precision="month").mentions
    assert [(m.date_low, m.date_high) for m in month] == [(None, date(2021, 8, 31))]


def test_mention_ids_and_offsets() -> None:
    text = "Officials met on Monday.\nZaranj fell to the Taliban on Friday, officials said."
    article = Article(article_id="abc", path="abc.txt", text=text, published=PUB, published_precision="day")
    result = extract_article(article)
    assert [m.mention_id for m in result.mentions] == ["abc-c000032"]  # article id and the offset read
    m = result.mentions[0]
    assert text[m.char_start:m.char_end] == m.sentence == "Zaranj fell to the Taliban on Friday, officials said."


def test_repeated_paragraphs_give_one_mention_per_sentence() -> None:
    paragraph = ("Taliban fighters attacked checkpoints near Maimana on Monday, officials said, as residents fled. "
                 "The militants seized Qaisar district and Afghan soldiers crossed into Turkmenistan. ")
    result = extract_text(paragraph * 30, PUB)
    seized = [m for m in result.mentions if m.event_type == "district_seized"]
    fled = [m for m in result.mentions if m.event_type == "troops_fled"]
    assert len(seized) == 30 and {m.place for m in seized} == {"Qaisar"}
    assert len(fled) == 30 and {m.destination for m in fled} == {"Turkmenistan"}


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = extract_text(text, PUB)
    for m in result.mentions:
        assert m.event_type in EVENT_TYPES
        assert 0 <= m.char_start <= m.char_end <= len(text)
        assert m.date_low is None or m.date_high is None or m.date_low <= m.date_high
        assert m.count_low is None or m.count_high is None or 0 <= m.count_low <= m.count_high


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([
    "Taliban fighters captured ", "Kunduz", " fell to the Taliban", ", officials said", " on Friday", ". ",
    "more than 300 soldiers fled into Tajikistan", "the provincial capital", " denied the reports",
    "all the districts have fallen", "Spin Boldak", " were evacuated to Iran", "\"", "five districts in Herat",
]), max_size=12))
def test_word_salad_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    for m in extract_text(text, PUB).mentions:
        assert 0 <= m.char_start <= m.char_end <= len(text)


def test_tally_given_as_a_figure() -> None:
    text = "A Western official put the number of districts under Taliban control at 223."
    result = extract_text(text, PUB)
    assert [(t.claimant, t.scope, t.count_low, t.count_high) for t in result.tallies] == [
        ("foreign_government", "national", 223, 223)]
    held = "The defence ministry, which says it still holds most district centres, puts the number lost at 96."
    assert [(t.claimant, t.count_low) for t in extract_text(held, PUB).tallies] == [("afghan_government", 96)]
    soldiers = "Officials put the number of soldiers held by the Taliban in Kunduz district at 40."
    assert extract_text(soldiers, PUB).tallies == []


def test_districts_just_taken_are_an_event_not_a_tally() -> None:
    text = ("After the fall of two more districts on Thursday, the Taliban now control 9 of Ghor's 11 districts, "
            "the provincial governor said.")
    result = extract_text(text, PUB)
    assert [(m.event_type, m.place, m.count_low, m.date_low) for m in result.mentions] == [
        ("district_seized", "Ghor", 2, date(2021, 8, 5))]
    assert [(t.claimant, t.scope, t.count_low) for t in result.tallies] == [("afghan_government", "Ghor", 9)]


def _keyed_patterns() -> list[tuple[Any, tuple[str, ...]]]:
    """Each pattern guarded by a cheap pre-check, with the stems the pre-check looks for."""
    from analysis.extract import denials, events, flight, modality, outcomes, refs, triggers

    keyed = [(rx, keys or ()) for (_, rx, _), keys in zip(triggers._TRIGGERS, triggers.TRIGGER_STEMS)]
    keyed += [(rx, outcomes._OUTCOME_KEYS[name]) for name, rx in outcomes._OUTCOME_CUES]
    keyed += [(refs._PERIPHERAL_BEFORE, refs._PERIPHERAL_KEYS), (refs._CAPITAL_OF, refs._CAPITAL_KEYS),
              (refs._ANAPHORA, refs._ANAPHORA_KEYS), (flight._AIRCRAFT_CARRYING, flight._AIRCRAFT_KEYS),
              (denials._GOV_FORCES_CONTROL, denials._GOV_FORCES_CONTROL_KEYS), (denials._NOT_LOST, denials._NOT_LOST_KEYS),
              (denials._ATTACK_REPELLED, denials._ATTACK_REPELLED_KEYS), (events._FOLLOWED_BY, ("followed",)),
              (modality._FEAR, modality._FEAR_KEYS)]
    return keyed


@pytest.mark.parametrize("index", range(len(_keyed_patterns())))
def test_pre_checks_never_skip_a_match(index: int) -> None:
    """Every match of a guarded pattern contains one of the stems its cheap pre-check looks for."""
    rx, keys = _keyed_patterns()[index]
    for text, _expected in CASES:
        for found in rx.finditer(text):
            assert any(k in found.group(0).lower() for k in keys), (rx.pattern[:60], found.group(0))

    # (texts drawn from the expression without its start guard, a lookahead the generator cannot satisfy)
    plain = re.compile(rx.pattern.split("])", 1)[1], rx.flags) if rx.pattern.startswith("(?=[") else rx

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(plain))
    def check(text: str) -> None:
        found = rx.search(text)
        assert found is None or any(k in found.group(0).lower() for k in keys), (rx.pattern[:60], text)

    check()


def test_landmark_pre_check() -> None:
    from analysis.extract import refs as extract

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(extract._LANDMARK_BEFORE))
    def check(text: str) -> None:
        assert extract._landmark(text) == bool(extract._LANDMARK_BEFORE.search(text))

    check()


def test_speaker_named_earlier_in_the_article() -> None:
    text = ("Faryab police spokesman Karim Yourish said the road to Maimana was closed. "
            "Officials met elders on Friday. Yourish said Almar district had fallen on Friday.")
    assert got(text) == [row("district_seized", "Almar", "district", "Faryab", "", "2021-08-06", "2021-08-06",
                             claimant="afghan_government")]


def test_safe_passage_takes_the_destination_of_the_flight_just_reported() -> None:
    text = ("Pakistani officials said 40 Afghan soldiers crossed into Pakistan near Torkham on Tuesday. "
            "Another 22 soldiers were given safe passage in the same area on Thursday.")
    assert got(text) == sorted([
        row("troops_fled", "Pakistan", "country", "Nangarhar", "Pakistan", "2021-08-03", "2021-08-03", 40, 40,
            claimant="foreign_government"),
        row("troops_fled", "Pakistan", "country", "", "Pakistan", "2021-08-05", "2021-08-05", 22, 22)])


def test_requested_refuge_inherits_only_from_a_recent_flight() -> None:
    lead = "Pakistani officials said 40 Afghan soldiers crossed into Pakistan near Torkham on Tuesday. "
    filler = "Trade at the border has slowed. " * 7
    later = "Another 22 soldiers requested refuge in the same area on Thursday."
    near = got(lead + later)
    assert sorted((r[1], r[5], r[7]) for r in near) == [("Pakistan", "2021-08-03", 40), ("Pakistan", "2021-08-05", 22)]
    far = got(lead + filler + later)
    assert [(r[1], r[5], r[7]) for r in far] == [("Pakistan", "2021-08-03", 40)]


def test_abandoned_posts_do_not_inherit_a_country() -> None:
    text = ("Uzbek officials said 30 Afghan soldiers crossed into Uzbekistan on Tuesday. "
            "Elsewhere, police abandoned their posts on Thursday.")
    assert [r[1] for r in got(text)] == ["Uzbekistan"]


def test_aircraft_carrying_troops_landed_abroad() -> None:
    assert got("Two Afghan military planes carrying 75 soldiers landed in Termez on Friday, Uzbek officials said.") == [
        row("troops_fled", "Uzbekistan", "country", "", "Uzbekistan", "2021-08-06", "2021-08-06", 75, 75,
            claimant="foreign_government")]
    # the country named before the verb when the airport town is not known
    assert [r[1] for r in got("In Turkmenistan, officials said an Afghan aircraft carrying 12 pilots had landed at a "
                              "military airfield on Friday.")] == ["Turkmenistan"]
    assert got("A plane carrying 90 Afghan refugees landed in Termez on Friday.") == []
    assert got("Helicopters carrying Afghan commandos landed in Kunduz on Friday.") == []


def test_trailing_attribution_date_is_an_upper_bound() -> None:
    assert got("Twelve Afghan soldiers crossed into Tajikistan, Tajik border guards said on Friday.") == [
        row("troops_fled", "Tajikistan", "country", "", "Tajikistan", "", "2021-08-06", 12, 12,
            claimant="foreign_government")]
    # an event day in the sentence wins over the day of saying
    assert got("On Wednesday, twelve Afghan soldiers crossed into Tajikistan, Tajik border guards said on Friday.")[0][5:7] \
        == ("2021-08-04", "2021-08-04")


def test_part_of_a_group_is_not_the_count() -> None:
    result = got("Seventy Afghan soldiers, including six officers, crossed into Iran on Thursday.")
    assert [(r[1], r[7]) for r in result] == [("Iran", 70)]


def test_government_retreat_is_no_repulse() -> None:
    from analysis.extract import outcomes as extract

    assert "repelled" not in extract._outcome_cues_of("Government troops retreated to the airport near the city.")
    assert "repelled" in extract._outcome_cues_of("The Taliban retreated from the city after air strikes.")
    assert got("Taliban fighters entered Maimana on Friday but retreated after air strikes, officials said.")[0][9] \
        == "repelled"


def test_operations_to_retake_are_an_intent() -> None:
    assert got("The army said commandos were conducting clearance operations to retake Farah city.") == []


def test_not_lost_and_control_of_our_forces_deny_through_anaphora() -> None:
    text = ("Taliban fighters overran Jaghatu district on Monday, a Taliban spokesman said. "
            "The interior ministry insisted that the district had not been lost. "
            "\"The area is under the control of our forces,\" a ministry spokesman added.")
    seized = row("district_seized", "Jaghatu", "district", "Ghazni", "", "2021-08-02", "2021-08-02", claimant="taliban")
    denied = row("district_seized", "Jaghatu", "district", "Ghazni", "", "2021-08-02", "2021-08-02",
                 claimant="afghan_government", stance="denied")
    assert got(text) == sorted([seized, denied, denied])


def test_control_statement_without_a_place_relates_to_the_mention_before() -> None:
    lead = ("The Taliban said on Wednesday that they had seized the Torkham crossing. "
            "Traders said the gate was shut. ")
    asserted = row("district_seized", "Mohmand Dara", "district", "Nangarhar", "", "", "2021-08-04", claimant="taliban")
    denied = row("district_seized", "Mohmand Dara", "district", "Nangarhar", "", "", "2021-08-04",
                 claimant="afghan_government", stance="denied")
    assert got(lead + "But the interior ministry said the area was under the control of Afghan forces.") == \
        sorted([asserted, denied])
    assert got(lead + "Officials said the attack had been repelled.") == sorted([asserted, denied])
    # no official, no place noun, or a report of a retake: no denial
    assert got(lead + "A trader said the area was under the control of Afghan forces.") == [asserted]
    assert got(lead + "The ministry said the situation is under the control of our forces.") == [asserted]
    assert got(lead + "The army said the area is now under the control of Afghan forces after a clearance "
                      "operation.") == [asserted]


def test_control_statement_does_not_deny_a_flight() -> None:
    text = ("Uzbek officials said 31 Afghan soldiers crossed into Uzbekistan on Thursday. "
            "The governor said the district was under the control of government forces.")
    assert got(text) == [row("troops_fled", "Uzbekistan", "country", "", "Uzbekistan", "2021-08-05", "2021-08-05",
                             31, 31, claimant="foreign_government")]


def test_speaker_place_is_not_the_denied_place() -> None:
    lead = "Pakistani officials said 40 Afghan soldiers crossed into Pakistan on Tuesday. Trade was halted. "
    fled = row("troops_fled", "Pakistan", "country", "", "Pakistan", "2021-08-03", "2021-08-03", 40, 40,
               claimant="foreign_government")
    denial = "A spokesman for the defence ministry in Kabul dismissed the claim, saying no soldier had left his post in the area."
    assert got(lead + denial) == sorted([fled, fled[:-2] + ("afghan_government", "denied")])
    # the denial falls back to the nearest earlier mention within six sentences
    far = lead + "Shops were shut. Prices rose. Roads were closed. " + denial
    assert got(far) == sorted([fled, fled[:-2] + ("afghan_government", "denied")])
    # a rejection with a content clause of its own is about another matter
    other = "Officials in Kabul rejected allegations that Pakistan had sheltered fighters."
    assert got(lead + other) == [fled]


def test_appositive_lists_followed_by_and_relative_clauses() -> None:
    assert got("The insurgents seized Sharana, the capital of Paktika province, and Gardez, the centre of "
               "Paktia province, on Friday.") == sorted([
        row("capital_entered", "Sharana", "capital", "Paktika", "", "2021-08-06", "2021-08-06", outcome="fell"),
        row("capital_entered", "Gardez", "capital", "Paktia", "", "2021-08-06", "2021-08-06", outcome="fell")])
    assert got("Asadabad, the capital of Kunar province and the last city held in the east, fell on August 3, "
               "followed by Mihtarlam, the capital of Laghman province, on August 5.") == sorted([
        row("capital_entered", "Asadabad", "capital", "Kunar", "", "2021-08-03", "2021-08-03", outcome="fell"),
        row("capital_entered", "Mihtarlam", "capital", "Laghman", "", "2021-08-05", "2021-08-05", outcome="fell")])
    assert got("Aid reached families who fled Darzab, which the Taliban overran on Tuesday, officials said.") == [
        row("district_seized", "Darzab", "district", "Jowzjan", "", "2021-08-03", "2021-08-03",
            claimant="afghan_government")]


def test_the_receiving_states_view_from_its_outlet_or_agency() -> None:
    """Soldiers who 'crossed the border' reported from a neighbour's side: its outlet or agency names the state."""
    text = "Forty Afghan servicemen who crossed the border on Friday were disarmed and given shelter."
    tajik = Article(article_id="a", path="", text=text, published=PUB, published_precision="day", outlet="Asia-Plus")
    afghan = Article(article_id="b", path="", text=text, published=PUB, published_precision="day", outlet="TOLOnews")
    from analysis.ingest.sentences import split_sentences

    tajik.sentences = afghan.sentences = tuple(split_sentences(text))
    assert [(m.destination, m.count_low) for m in extract_article(tajik).mentions] == [("Tajikistan", 40)]
    assert [m.destination for m in extract_article(afghan).mentions] != ["Tajikistan"]
    assert got("Uzbekistan's border service said it had detained 84 Afghan soldiers who crossed the border.")[0][4] \
        == "Uzbekistan"
    assert got("About 60 Afghan soldiers crossed the Turkmen border overnight.")[0][4] == "Turkmenistan"


def test_a_route_or_distance_phrase_or_a_government_is_no_antecedent() -> None:
    assert got("Fighting raged 40 km from Kandahar on Monday. The Taliban entered the city on Tuesday.") == []
    assert got("Kabul offered talks to the insurgents on Monday. The Taliban captured the city on Friday.") == []
    assert [r[1] for r in got("Fighting raged on the outskirts of Kandahar on Monday. The Taliban entered the city "
                              "on Tuesday.")] == ["Kandahar"]


def test_a_statement_heading_makes_its_issuer_the_claimant_of_unattributed_mentions() -> None:
    ministry = ("Statement of the Ministry of Defence\n\nSecurity forces made a tactical withdrawal from Kohistan "
                "district on Thursday. Taliban claims about the fall of Charikar are baseless.")
    rows = {(m.event_type, m.place, m.claimant, m.stance) for m in extract_text(ministry, PUB).mentions}
    assert ("district_seized", "Kohistan", "afghan_government", "asserted") in rows
    assert ("capital_entered", "Charikar", "taliban", "asserted") in rows  # the claim keeps its own owner
    assert ("capital_entered", "Charikar", "afghan_government", "denied") in rows
    emirate = "Islamic Emirate statement\nThe mujahideen conquered Gelan district on Thursday."
    assert [(m.place, m.claimant) for m in extract_text(emirate, PUB).mentions] == [("Gelan", "taliban")]
    news = "Fighting in the north\nThe Taliban captured Gelan district on Thursday."
    assert [(m.place, m.claimant) for m in extract_text(news, PUB).mentions] == [("Gelan", "unknown")]
