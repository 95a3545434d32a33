"""Tests for analysis.extract.gazetteer: the shipped data file, the folding key and lookups."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.gazetteer import (
    GAZETTEER_COLUMNS,
    GAZETTEER_CSV,
    Gazetteer,
    load_gazetteer,
    name_tokens,
    normalize_name,
    read_gazetteer_rows,
)
from analysis.records import PLACE_TYPES, Place


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The shipped gazetteer."""
    return load_gazetteer()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    """The raw rows of the shipped CSV."""
    with open(GAZETTEER_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- the data file


def test_csv_has_the_documented_columns(rows: list[dict[str, str]]) -> None:
    assert tuple(rows[0].keys()) == GAZETTEER_COLUMNS


def test_ids_are_unique_and_follow_the_slug_patterns(rows: list[dict[str, str]]) -> None:
    ids = [r["place_id"] for r in rows]
    assert len(ids) == len(set(ids))
    prefix = {
        "province": "prov-",
        "capital": "cap-",
        "district": "dist-",
        "border_crossing": "bc-",
        "country": "ctry-",
    }
    for r in rows:
        assert r["place_type"] in PLACE_TYPES
        assert r["place_id"].startswith(prefix[r["place_type"]]), r["place_id"]
        assert re.fullmatch(r"[a-z]+-[a-z0-9-]+", r["place_id"]), r["place_id"]
        assert r["source"].strip(), r["place_id"]
        assert all(a.strip() == a and a for a in r["aliases"].split("|") if r["aliases"]), r["place_id"]


def test_counts_by_type(gz: Gazetteer) -> None:
    counts = Counter(p.place_type for p in gz.places)
    assert counts["province"] == 34
    assert counts["capital"] == 34
    assert counts["district"] >= 350
    assert counts["border_crossing"] >= 9
    assert counts["country"] == 6


def test_every_province_has_one_capital_with_coordinates(gz: Gazetteer) -> None:
    provinces = {p.province for p in gz.of_type("province")}
    capitals = Counter(p.province for p in gz.of_type("capital"))
    assert provinces == set(capitals) and set(capitals.values()) == {1}
    for cap in gz.of_type("capital"):
        assert cap.latitude is not None and cap.longitude is not None


def test_every_place_lies_in_a_known_province(gz: Gazetteer) -> None:
    provinces = {p.province for p in gz.of_type("province")}
    for p in gz.places:
        if p.place_type == "country":
            assert p.province == "" and p.country == p.name
        else:
            assert p.province in provinces, p.place_id
            assert p.country == "Afghanistan"


def test_afghan_coordinates_fall_inside_afghanistan(gz: Gazetteer) -> None:
    for p in gz.places:
        assert (p.latitude is None) == (p.longitude is None), p.place_id
        if p.latitude is None or p.place_type == "country":
            continue
        assert 29.3 <= p.latitude <= 38.6, p.place_id
        assert 60.4 <= p.longitude <= 75.0, p.place_id


def test_neighbouring_countries_present(gz: Gazetteer) -> None:
    names = {p.name for p in gz.of_type("country")}
    assert names == {"Iran", "Pakistan", "Tajikistan", "Uzbekistan", "Turkmenistan", "China"}
    assert all(p.latitude is not None for p in gz.of_type("country"))


@pytest.mark.parametrize(
    "crossing, district, province",
    [
        ("Islam Qala", "Kohsan", "Herat"),
        ("Spin Boldak", "Spin Boldak", "Kandahar"),
        ("Torkham", "Mohmand Dara", "Nangarhar"),
        ("Shir Khan Bandar", "Imam Sahib", "Kunduz"),
        ("Hairatan", "Kaldar", "Balkh"),
        ("Aqina", "Khan-e-Char Bagh", "Faryab"),
        ("Torghundi", "Kushk", "Herat"),
        ("Milak", "", "Nimroz"),
        ("Ishkashim", "Ishkashim", "Badakhshan"),
    ],
)
def test_border_crossings_resolve_to_district_and_province(
    gz: Gazetteer, crossing: str, district: str, province: str
) -> None:
    bc = [p for p in gz.lookup(crossing) if p.place_type == "border_crossing"]
    assert len(bc) == 1
    assert (bc[0].district, bc[0].province) == (district, province)


def test_crossing_districts_exist_as_district_rows(gz: Gazetteer) -> None:
    districts = {(p.name, p.province) for p in gz.of_type("district")}
    for bc in gz.of_type("border_crossing"):
        if bc.district:
            assert (bc.district, bc.province) in districts, bc.place_id


@pytest.mark.parametrize(
    "name, place_id",
    [
        ("Qala-e-Naw", "cap-badghis"),
        ("Lashkar Gah", "cap-helmand"),
        ("Kohsan", "dist-herat-kohsan"),
        ("Taloqan", "cap-takhar"),
        ("Sar-e-Pul", "cap-sar-e-pul"),
        ("Sheberghan", "cap-jowzjan"),
        ("Faizabad", "cap-badakhshan"),
        ("Enjel", "dist-herat-enjel"),
        ("Gozara", "dist-herat-gozara"),
    ],
)
def test_canonical_names_use_the_spec_spellings(gz: Gazetteer, name: str, place_id: str) -> None:
    assert gz.by_id(place_id).name == name


# ---------------------------------------------------------------- normalize_name

SPEC_PAIRS = [
    ("Qala-e-Naw", "Qala-e Naw"),
    ("Qala-e-Naw", "Qala-i-Naw"),
    ("Qala-e Naw", "Qala-e- Naw"),
    ("Taloqan", "Taliqan"),
    ("Lashkar Gah", "Lashkargah"),
    ("Enjel", "Injil"),
    ("Gozara", "Guzara"),
    ("Sar-e-Pul", "Sar-i-Pul"),
    ("Sheberghan", "Shiberghan"),
    ("Faizabad", "Fayzabad"),
]

UNSEEN_PAIRS = [
    ("Qala-e-Naw", "Qalay-i-Now"),  # ezafe and diphthong
    ("Pul-e-Khumri", "Puli Khumri"),  # attached ezafe
    ("Mazar-e-Sharif", "Mazār-i-Sharīf"),  # diacritics
    ("Kunduz", "Qonduz"),  # q/k and o/u
    ("Ghazni", "Gazni"),  # gh/g
    ("Nuristan", "Nooristan"),  # doubled vowel
    ("Maimana", "Meymaneh"),  # ey/ai and final -eh
    ("Tarinkot", "Tarin Kowt"),  # ow/o and joined words
    ("Paktia", "Paktiya"),
    ("Parwan", "Parvan"),
    ("Islam Qala", "Eslam Qaleh"),
    ("Kuran wa Munjan", "Kuran-o-Munjan"),  # "and" linker
    ("Nahr-e-Saraj", "Nahri Sarraj"),
]


@pytest.mark.parametrize("a, b", SPEC_PAIRS + UNSEEN_PAIRS)
def test_normalize_name_joins_variants(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)
    assert normalize_name(a) != ""


FOREIGN_PAIRS = [
    ("Shortepa", "Szortepa"),  # Polish sz
    ("Sangcharak", "Sangczarak"),  # Polish cz
    ("Shindand", "Schindand"),  # German sch
    ("Chaghcharan", "Tschaghtscharan"),  # German tsch
    ("Jalalabad", "Dschalalabad"),  # German dsch
    ("Jalalabad", "Dzsalalabad"),  # Hungarian dzs
    ("Chaghcharan", "Csaghcsaran"),  # Hungarian cs
    ("Shindand", "Sjindand"),  # Dutch sj
    ("Shindand", "Šindand"),  # a letter with a caron
    ("Lashkar Gah", "Laškar Gáh"),
    ("Jalalabad", "Džalalabad"),
    ("Taloqan", "Talocã"),  # a nasal vowel for -an
    ("Qaisar", "Kajsar"),  # j for y before a consonant
    ("Faizabad", "Fajzabad"),
    ("Yawan", "Iawan"),  # i for y before a vowel
]


@pytest.mark.parametrize("a, b", FOREIGN_PAIRS)
def test_other_languages_letters_fold_to_english_ones(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_no_english_spelling_holds_a_foreign_letter_group(gz: Gazetteer) -> None:
    """The foreign-letter fold never changes the key of a spelling the gazetteer lists."""
    from analysis.extract.gazetteer import _FOREIGN_CUE
    spellings = {a for place in gz.places for a in gz.aliases(place.place_id)}
    assert len(spellings) > 1000
    assert sorted(a for a in spellings if any(_FOREIGN_CUE.search(w.lower()) for w in name_tokens(a))) == []


@pytest.mark.parametrize(
    "a, b",
    [
        ("Doshi", "Dishu"),
        ("Herat", "Hairatan"),
        ("Kunar", "Kunduz"),
        ("Khost", "Khash"),
        ("Kang", "Kunj"),
        ("Balkh", "Balkhab"),
        ("Nawa", "Nawur"),
        ("Ghor", "Ghoryan"),
        ("Paktia", "Paktika"),
        ("Kohistan", "Kohistanat"),
    ],
)
def test_normalize_name_keeps_distinct_names_apart(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_no_two_places_collapse_unless_they_share_a_spelling(gz: Gazetteer) -> None:
    """Distinct places meet on one key only when some spelling of the name is literally shared."""

    def plain(s: str) -> str:
        return re.sub(r"[^a-z]", "", s.lower())

    bad = []
    for key, places in gz.by_key.items():
        if len(places) < 2:
            continue
        spellings = [{plain(a) for a in gz.aliases(p.place_id) if normalize_name(a) == key} for p in places]
        if not set.intersection(*spellings):
            bad.append((key, [p.place_id for p in places]))
    assert bad == []


def test_same_named_places_share_a_key(gz: Gazetteer) -> None:
    assert {p.place_id for p in gz.lookup("Herat")} == {"prov-herat", "cap-herat"}
    assert {p.place_id for p in gz.lookup("Kohistan")} == {"dist-badakhshan-kohistan", "dist-faryab-kohistan"}
    assert {p.place_id for p in gz.lookup("Spin Boldak")} == {"dist-kandahar-spin-boldak", "bc-spin-boldak"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_normalize_name_never_raises_and_ignores_separators(s: str) -> None:
    key = normalize_name(s)
    assert isinstance(key, str)
    assert normalize_name(s.replace("-", " ")) == normalize_name(s.replace(" ", "-"))


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"[A-Za-z' -]{0,30}", fullmatch=True))
def test_normalize_name_ignores_ascii_case(s: str) -> None:
    assert normalize_name(s.upper()) == normalize_name(s.lower())


# ---------------------------------------------------------------- lookups


def test_lookup_readings_and_variants(gz: Gazetteer) -> None:
    assert [p.place_id for p in gz.lookup("Qalai Naw")] == ["cap-badghis"]
    assert [p.place_id for p in gz.lookup("Taliqan")] == ["cap-takhar"]
    assert [p.place_id for p in gz.lookup("Kandehar")] == ["prov-kandahar", "cap-kandahar"]
    assert [p.place_id for p in gz.lookup("Badakshan")] == ["prov-badakhshan"]
    assert gz.lookup("Springfield") == ()
    assert gz.lookup("") == ()


def test_province_and_capital_helpers(gz: Gazetteer) -> None:
    assert gz.capital_of("Helmand").name == "Lashkar Gah"
    assert gz.capital_of("Herat").place_id == "cap-herat"
    assert gz.capital_of("Nimruz").name == "Zaranj"
    assert gz.capital_of("Kohsan").place_id == "cap-herat"  # via the district's province
    assert gz.province("Lashkargah").place_id == "prov-helmand"
    assert gz.province("Maidan Wardak").place_id == "prov-wardak"
    assert gz.province("Kohistan") is None  # two provinces have one
    assert gz.province("Tajikistan") is None
    assert gz.capital_of("Atlantis") is None
    assert gz.by_id("bc-torkham").province == "Nangarhar"
    with pytest.raises(KeyError):
        gz.by_id("prov-atlantis")


def test_aliases_and_source(gz: Gazetteer) -> None:
    aliases = gz.aliases("prov-uruzgan")
    assert aliases[0] == "Uruzgan" and "Oruzgan" in aliases
    assert "Nimruz" in gz.aliases("prov-nimroz")
    assert "Jawzjan" in gz.aliases("prov-jowzjan")
    assert "Daykundi" in gz.aliases("prov-daikundi")
    assert "border point" in gz.source("ctry-iran")
    assert gz.alias_count() > 2 * len(gz)


def test_load_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_custom_csv_and_duplicate_ids(tmp_path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        ",".join(GAZETTEER_COLUMNS) + "\n"
        "prov-x,Xland,province,Xland,,Afghanistan,Iran,33.0,66.0,Iksland|Ex Land,test\n"
        "cap-x,Xtown,capital,Xland,,Afghanistan,,,,,test\n",
        encoding="utf-8",
    )
    g = load_gazetteer(path)
    assert [p.place_id for p in g.lookup("Eks Land")] == ["prov-x"]
    assert g.lookup("Oks Land") == ()
    expected = Place("prov-x", "Xland", "province", "Xland", "", "Afghanistan", 33.0, 66.0)
    assert g.lookup("Ex-Land")[0] == expected
    assert g.capital_of("Iksland").name == "Xtown"
    assert g.by_id("cap-x").latitude is None
    assert (g.province_neighbour("Iksland"), g.neighbour(g.by_id("cap-x"))) == ("Iran", "")
    rows = read_gazetteer_rows(path)
    with pytest.raises(ValueError):
        Gazetteer(rows + rows[:1])


@pytest.mark.parametrize("a, b", [("Khwaja Ghar", "Khaja Ghar"), ("Khwaja Sabz Posh", "Khaja Sabz Posh"),
                                  ("Shirin Tagab", "Shereen Tagab"), ("Qala-e-Naw", "Qala-ye-Now")])
def test_connector_and_semi_vowel_variants_join(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize("word", ["Kwanza", "Quake", "Awkward", "Cashew", "Swan", "Khan"])
def test_semi_vowel_folding_keeps_english_words_and_titles_apart(gz: Gazetteer, word: str) -> None:
    assert gz.lookup(word) == () or word == "Khan" and all(p.place_type != "capital" for p in gz.lookup(word))


def test_the_gazetteer_owns_border_geography() -> None:
    g = load_gazetteer()
    crossing = g.lookup("Islam Qala")[0]
    assert (crossing.place_type, g.neighbour(crossing)) == ("border_crossing", "Iran")
    assert g.neighbour(g.lookup("Hairatan")[0]) == "Uzbekistan"
    assert (g.province_neighbour("Jowzjan"), g.province_neighbour("Kunduz"), g.province_neighbour("Ghazni")) == (
        "Turkmenistan", "Tajikistan", "")
    assert all(g.neighbour(p) for p in g.of_type("border_crossing"))  # every crossing faces a country


def test_countries_and_foreign_destinations_are_data() -> None:
    from analysis.extract.gazetteer import country_words, foreign_places
    from analysis.ingest.outlets import outlet_country

    assert (country_words()["tajik"], country_words()["pakistani"]) == ("Tajikistan", "Pakistan")
    assert (foreign_places()["termez"], foreign_places()["mashhad"]) == ("Uzbekistan", "Iran")
    assert (outlet_country("Asia-Plus"), outlet_country("IRNA"), outlet_country("Reuters")) == ("Tajikistan", "Iran", "")
