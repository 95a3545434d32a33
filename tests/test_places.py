"""Tests for analysis.extract.places: finding gazetteer places in sentences and resolving them by context."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.gazetteer import Gazetteer, load_gazetteer
from analysis.extract.places import capital_of_province, find_places, resolve_provincial_capital
from analysis.records import PlaceMention


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The shipped gazetteer."""
    return load_gazetteer()


def ids(text: str) -> list[str]:
    """Place ids found in text, in order."""
    return [m.place.place_id for m in find_places(text)]


def only(text: str) -> PlaceMention:
    """The single mention found in text."""
    found = find_places(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- spelling variants

VARIANTS = [
    ("Government troops pushed back into Qala-e-Naw on Thursday.", "cap-badghis"),
    ("Government troops pushed back into Qala-e Naw on Thursday.", "cap-badghis"),
    ("Government troops pushed back into Qala-i-Naw on Thursday.", "cap-badghis"),
    ("Smoke rose over Qala-e- Naw, witnesses said.", "cap-badghis"),
    ("Officials said Taliqan had been cleared of insurgents.", "cap-takhar"),
    ("Officials said Taloqan had been cleared of insurgents.", "cap-takhar"),
    ("Families streamed out of Lashkargah overnight.", "cap-helmand"),
    ("Families streamed out of Lashkar Gah overnight.", "cap-helmand"),
    ("The governor's office in Sheberghan was shelled.", "cap-jowzjan"),
    ("The governor's office in Shiberghan was shelled.", "cap-jowzjan"),
    ("Residents of Fayzabad reported gunfire near the airport road.", "cap-badakhshan"),
    ("Elders in Injil said the road to the border was open.", "dist-herat-enjel"),
    ("Elders in Guzara said the road to the border was open.", "dist-herat-gozara"),
    ("Traders in Pol-e Khomri closed their shops.", "cap-baghlan"),
    ("Militants attacked checkpoints around Tarin Kowt.", "cap-uruzgan"),
    ("Militants attacked checkpoints around Meymaneh.", "cap-faryab"),
    ("Gunmen were seen near Mazār-i-Sharīf airport.", "cap-balkh"),
]


@pytest.mark.parametrize("sentence, place_id", VARIANTS)
def test_spelling_variants_resolve_to_one_place(sentence: str, place_id: str) -> None:
    m = only(sentence)
    assert m.place.place_id == place_id
    assert sentence[m.start : m.end] == m.text


def test_sar_e_pul_variants_and_mention_text() -> None:
    found = find_places("Clashes in Sar-i-Pul city spread to the outskirts of Sar-e-Pul province.")
    assert [m.text for m in found] == ["Sar-i-Pul", "Sar-e-Pul"]
    assert [m.place.place_id for m in found] == ["cap-sar-e-pul", "prov-sar-e-pul"]


def test_unseen_vowel_variants_match_through_the_skeleton() -> None:
    found = ids("Heavy fighting was reported around Kandehar and Shibarghan.")
    assert found == ["cap-kandahar", "cap-jowzjan"]  # listed with a capital, so the city
    assert ids("The Taliban advanced across Badukhshon.") == ["prov-badakhshan"]


# ---------------------------------------------------------------- ambiguous names by context


@pytest.mark.parametrize(
    "sentence, place_id",
    [
        ("Insurgents reached the outskirts of Kunduz city on Sunday.", "cap-kunduz"),
        ("Insurgents pushed into the city of Ghazni before dawn.", "cap-ghazni"),
        ("Farah, the capital of the province of the same name, came under attack.", "cap-farah"),
        ("Street fighting erupted in Kandahar City, a resident said.", "cap-kandahar"),
        ("The provincial capital Kunduz was hit by rockets.", "cap-kunduz"),
        ("Three districts fell in Ghazni province last week.", "prov-ghazni"),
        ("The Taliban control most of Kandahar Province, officials concede.", "prov-kandahar"),
        ("A spokesman for the governor of Farah said the road was cut.", "prov-farah"),
        ("Security in the province of Kunduz has deteriorated sharply.", "prov-kunduz"),
    ],
)
def test_province_or_capital_by_context(sentence: str, place_id: str) -> None:
    found = [m for m in find_places(sentence) if m.place.place_id == place_id]
    assert found, find_places(sentence)
    assert found[0].resolved_by == "context"
    assert {c.place_type for c in found[0].candidates} == {"province", "capital"}


def test_unresolved_ambiguity_defaults_to_province_with_all_readings() -> None:
    m = only("Heavy clashes continued in Ghazni on Tuesday.")
    assert m.place.place_id == "prov-ghazni"
    assert m.resolved_by == "default"
    assert {c.place_id for c in m.candidates} == {"prov-ghazni", "cap-ghazni"}


def test_unique_names_are_marked_unique() -> None:
    m = only("The Taliban have encircled Zaranj.")
    assert (m.place.place_id, m.resolved_by, m.candidates) == ("cap-nimroz", "unique", (m.place,))
    assert (m.place.province, m.place.latitude is not None) == ("Nimroz", True)


def test_a_list_shares_its_cue() -> None:
    text = "Officials reported attacks in the provinces of Herat, Kandahar, Helmand and Takhar."
    found = find_places(text)
    assert [m.place.place_id for m in found] == ["prov-herat", "prov-kandahar", "prov-helmand", "prov-takhar"]
    assert [m.resolved_by for m in found] == ["context", "context", "unique", "unique"]
    found = find_places("Herat, Kandahar and Kunduz cities all came under pressure.")
    assert [m.place.place_type for m in found] == ["capital", "capital", "capital"]
    found = find_places("By nightfall fighting had reached Kunduz and Taloqan.")
    pairs = [(m.place.place_id, m.resolved_by) for m in found]
    assert pairs == [("cap-kunduz", "context"), ("cap-takhar", "unique")]
    found = find_places("The Taliban now hold districts in Ghazni, Zabul and Uruzgan.")
    assert [m.place.place_type for m in found] == ["province", "province", "province"]
    m = find_places("Sar-e-Pul became the third provincial capital to fall within days.")[0]
    assert (m.place.place_id, m.resolved_by) == ("cap-sar-e-pul", "context")


def test_same_named_districts_resolve_by_the_province_named() -> None:
    found = find_places("The Taliban overran Kohistan district in Faryab on Sunday.")
    assert [m.place.place_id for m in found] == ["dist-faryab-kohistan", "prov-faryab"]
    assert found[0].resolved_by == "context"
    found = find_places("Fighters seized Baharak district of Takhar after a two-day siege.")
    assert found[0].place.place_id == "dist-takhar-baharak"
    m = find_places("The Taliban took Arghandab district overnight.")[0]
    assert m.resolved_by == "default" and len(m.candidates) == 2


def test_capital_versus_district_of_the_same_name() -> None:
    assert ids("Officials in Jowzjan said Faizabad district fell on Monday.") == [
        "prov-jowzjan",
        "dist-jowzjan-fayzabad",
    ]
    found = ids("The Taliban stormed Faizabad, the capital of Badakhshan.")
    assert found == ["cap-badakhshan", "prov-badakhshan"]


# ---------------------------------------------------------------- border crossings and countries


@pytest.mark.parametrize(
    "sentence, place_id, district, province",
    [
        ("Guards abandoned the Islam Qala crossing late on Thursday.", "bc-islam-qala", "Kohsan", "Herat"),
        ("Trucks queued at Torkham as the border reopened.", "bc-torkham", "Mohmand Dara", "Nangarhar"),
        ("Insurgents took Sher Khan Bandar port overnight.", "bc-shir-khan-bandar", "Imam Sahib", "Kunduz"),
        ("Fuel convoys stopped at Hairatan, traders said.", "bc-hairatan", "Kaldar", "Balkh"),
        ("Customs officers fled Towraghondi on Friday.", "bc-torghundi", "Kushk", "Herat"),
        ("The Taliban raised their flag over Aqina.", "bc-aqina", "Khan-e-Char Bagh", "Faryab"),
    ],
)
def test_crossings_resolve_to_district_and_province(
    sentence: str, place_id: str, district: str, province: str
) -> None:
    m = only(sentence)
    assert m.place.place_id == place_id
    assert (m.place.place_type, m.place.district, m.place.province) == ("border_crossing", district, province)


def test_spin_boldak_is_both_district_and_crossing() -> None:
    m = only("The Taliban said they had captured Spin Boldak.")
    assert (m.place.place_id, m.resolved_by) == ("dist-kandahar-spin-boldak", "default")
    assert {c.place_type for c in m.candidates} == {"district", "border_crossing"}
    m = only("The Spin Boldak border crossing was shut to trade.")
    assert (m.place.place_id, m.resolved_by) == ("bc-spin-boldak", "context")


def test_neighbouring_countries() -> None:
    text = "More than 1,000 soldiers fled to Tajikistan, and others crossed into Iranian territory."
    found = find_places(text)
    assert [(m.place.place_id, m.place.place_type) for m in found] == [
        ("ctry-tajikistan", "country"),
        ("ctry-iran", "country"),
    ]
    assert ids("Pakistan, Uzbekistan, Turkmenistan and China closed their borders.") == [
        "ctry-pakistan",
        "ctry-uzbekistan",
        "ctry-turkmenistan",
        "ctry-china",
    ]


def test_afghanistan_and_afghan_are_not_places() -> None:
    text = "Afghan forces across Afghanistan braced for an offensive, an Afghan official said."
    assert find_places(text) == []


# ---------------------------------------------------------------- collisions with English words and names


@pytest.mark.parametrize(
    "sentence",
    [
        "Reg Smith reported from the capital's main bazaar.",
        "Cost overruns and a cash shortage hit the mission, Farsi speakers said.",
        "Farah Pandith addressed the conference in Washington.",
        "Nari, a nurse, said the clinic had run out of burka-clad volunteers.",
        "Dara and Kama, two aid workers, drove to the Nile delta.",
        "Gen. Kang told reporters the drill was routine.",
        "Mr. Herat was not available for comment.",
        "Ghulam Khan, a shopkeeper, said prices had doubled.",
        "herat and kabul written in lower case are not proper nouns here.",
        "Kyoto and the Calendar of events were discussed by Mr Daman.",
    ],
)
def test_common_words_and_person_names_do_not_match(sentence: str) -> None:
    assert find_places(sentence) == []


def test_context_only_names_match_beside_district() -> None:
    assert ids("The Taliban captured Kang district of Nimroz.") == ["dist-nimroz-kang", "prov-nimroz"]
    assert ids("Kama, Kot and Achin districts fell within hours.") == [
        "dist-nangarhar-kama",
        "dist-nangarhar-kot",
        "dist-nangarhar-achin",
    ]
    assert ids("Militants overran the districts of Farsi and Obe.") == ["dist-herat-farsi", "dist-herat-obe"]
    assert ids("Residents fled the Ghulam Khan border crossing.") == ["bc-ghulam-khan"]


def test_context_only_names_in_a_district_list_or_beside_their_province() -> None:
    text = "The insurgents took four districts in Baghlan overnight, among them Burka and Dahana-i-Ghori."
    assert ids(text) == ["prov-baghlan", "dist-baghlan-burka", "dist-baghlan-dahana-e-ghori"]
    assert ids("Police abandoned their posts in Qaisar in Faryab on Monday.") == [
        "dist-faryab-qaisar",
        "prov-faryab",
    ]
    assert ids("Police abandoned their posts in Qaisar in Logar on Monday.") == ["prov-logar"]
    text = "Clashes went on around Gelan, a district on the main highway in Ghazni."
    assert ids(text)[0] == "dist-ghazni-gelan"


def test_dateline_names_the_city() -> None:
    m = find_places("GHAZNI, Afghanistan (AP) -- Insurgents entered the city before dawn.")[0]
    assert (m.text, m.place.place_id, m.resolved_by) == ("GHAZNI", "cap-ghazni", "context")
    m = find_places("Officials said\nKUNDUZ (Reuters) - Shops stayed shut.")[0]
    assert m.place.place_id == "cap-kunduz"


# ---------------------------------------------------------------- "the provincial capital"


def test_provincial_capital_refers_to_the_province_named_before() -> None:
    text = (
        "The Taliban have taken every district of Badghis. On Wednesday they stormed the provincial capital."
    )
    found = resolve_provincial_capital(text)
    assert len(found) == 1
    m = found[0]
    assert (m.place.place_id, m.resolved_by, m.text) == ("cap-badghis", "context", "the provincial capital")
    assert text[m.start : m.end] == m.text


def test_provincial_capital_after_a_district_uses_its_province() -> None:
    text = "After Kohsan fell, fighters moved east towards the provincial capital."
    assert [m.place.place_id for m in resolve_provincial_capital(text)] == ["cap-herat"]


def test_the_city_after_an_ambiguous_name() -> None:
    text = "Rockets struck Kunduz on Friday and fighting reached the centre of the city."
    assert [m.place.place_id for m in resolve_provincial_capital(text)] == ["cap-kunduz"]


def test_provincial_capital_not_resolved_without_a_province_or_when_named() -> None:
    assert resolve_provincial_capital("Fighters entered the provincial capital at dawn.") == []
    assert resolve_provincial_capital("Fighting in Logar reached the provincial capital of Paktia.") == []


def test_capital_of_province(gz: Gazetteer) -> None:
    assert capital_of_province(gz.by_id("prov-helmand")).name == "Lashkar Gah"
    assert capital_of_province(gz.by_id("bc-islam-qala")).place_id == "cap-herat"
    assert capital_of_province(gz.by_id("ctry-iran")) is None


# ---------------------------------------------------------------- robustness and speed

NAMES = ["Herat", "Qala-e-Naw", "Kunduz", "Spin Boldak", "Kang", "Iran", "Sar-i-Pul", "Mazar-e-Sharif"]
NAMES += ["Kohistan", "Faizabad", "Kama", "Ghazni"]
FILLER = ["city", "province", "district", "the", "of", ",", "and", "Taliban", "-", "'s", "capital"]
FILLER += ["\n", "e", "Reg", "in", "the provincial capital", "districts", "crossing", "GHAZNI,"]


def _check(text: str, found: list[PlaceMention]) -> None:
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        assert m.place in m.candidates
        assert m.resolved_by in ("unique", "context", "default")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text, find_places(text))
    for m in resolve_provincial_capital(text):
        assert text[m.start : m.end] == m.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NAMES + FILLER), max_size=25), st.sampled_from([" ", "", "-", ", "]))
def test_place_soup_spans_are_consistent(words: list[str], sep: str) -> None:
    text = sep.join(words)
    _check(text, find_places(text))
    for m in resolve_provincial_capital(text):
        assert m.place.place_type == "capital"
        assert text[m.start : m.end] == m.text




def test_line_break_after_a_person_like_name_is_no_surname() -> None:
    """'Zaranj' ending a timeline line is a place: the capitalised word on the next line is no surname."""
    assert ids("Aug 6 — Zaranj\nAug 7 — Sheberghan") == ["cap-nimroz", "cap-jowzjan"]
    assert find_places("Zaranj Ahmadi spoke to reporters.") == []


def test_a_guarded_name_shown_to_be_a_place_is_that_place_where_it_recurs() -> None:
    alone = "At Doshi, police withdrew towards the main road."
    assert [m.text for m in find_places(alone)] == []  # a person's name as well: not on its own
    text = "Baghlan | Doshi | 25 Jun\n" + alone
    found = [(m.text, m.place.place_type, m.start) for m in find_places(text)]
    assert ("Doshi", "district", text.rindex("Doshi")) in found


def test_a_guarded_name_is_confirmed_by_its_provinces_capital_in_the_sentence() -> None:
    found = [(m.text, m.place.province) for m in find_places("At Doshi, police withdrew to Pul-e-Khumri.")]
    assert found == [("Doshi", "Baghlan"), ("Pul-e-Khumri", "Baghlan")]
    assert [m.text for m in find_places("At Doshi, police withdrew to Herat.")] == ["Herat"]  # another province's
