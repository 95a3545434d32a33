"""Tests for analysis.extract.numbers: counts written in digits or words, with bounds, qualifier and offsets."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.numbers import find_counts, find_quantifiers, parse_count, parse_quantifier
from analysis.records import Count

# (sentence, words expected, low, high, qualifier)
COUNT_CASES = [
    ("More than 1,000 soldiers crossed the Amu Darya into Uzbekistan.", "More than 1,000", 1000, None, "more_than"),
    ("The group says it now holds over 100 districts.", "over 100", 100, None, "more_than"),
    ("Well over 200 police have deserted their posts in Faryab.", "Well over 200", 200, None, "more_than"),
    ("Some 30 commandos were flown into Kunduz airport.", "Some 30", 27, 33, "about"),
    ("About 1,500 families have fled Sheberghan, the UN said.", "About 1,500", 1350, 1650, "about"),
    ("Roughly 600 militiamen joined the defence of Ghazni.", "Roughly 600", 540, 660, "about"),
    ("Around 5 border posts were abandoned overnight.", "Around 5", 4, 6, "about"),
    ("Nearly 300 troops surrendered in Zaranj.", "Nearly 300", 270, 299, "up_to"),
    ("Almost 2,000 prisoners walked free in Pul-e-Khumri.", "Almost 2,000", 1800, 1999, "up_to"),
    ("At least 40 members of the security forces were killed.", "At least 40", 40, None, "at_least"),
    ("At least a dozen officers fled to Turkmenistan.", "At least a dozen", 12, None, "at_least"),
    ("Up to 50 fighters may have been involved, police said.", "Up to 50", None, 50, "up_to"),
    ("As many as 90 soldiers were captured near Maimana.", "As many as 90", None, 90, "up_to"),
    ("Fewer than 20 policemen remained in the compound.", "Fewer than 20", None, 19, "up_to"),
    ("Less than 100 soldiers defended the garrison at Tarinkot.", "Less than 100", None, 99, "up_to"),
    ("Officials said 1,037 soldiers had returned from Tajikistan.", "1,037", 1037, 1037, "exact"),
    ("Twelve districts of Ghazni are contested.", "Twelve", 12, 12, "exact"),
    ("The militants seized ninety-nine vehicles, the army said.", "ninety-nine", 99, 99, "exact"),
    ("A hundred fighters gathered outside Aybak.", "A hundred", 100, 100, "exact"),
    ("One thousand families reached Mazar-i-Sharif on foot.", "One thousand", 1000, 1000, "exact"),
    ("The council counted two hundred and fifty displaced households.", "two hundred and fifty", 250, 250, "exact"),
    ("Aid agencies estimate 1.5 million people need food aid.", "1.5 million", 1_500_000, 1_500_000, "exact"),
    ("Dozens of soldiers laid down their arms in Nimroz.", "Dozens", 24, 99, "vague"),
    ("Hundreds of commandos were flown to Lashkargah.", "Hundreds", 200, 999, "vague"),
    ("Thousands of people sheltered in a Kabul park.", "Thousands", 2000, 9999, "vague"),
    ("Tens of thousands of residents left Kandahar.", "Tens of thousands", 20_000, 99_999, "vague"),
    ("Three dozen fighters attacked the checkpoint.", "Three dozen", 36, 36, "exact"),
    ("A dozen policemen escaped by road to Jalalabad.", "A dozen", 12, 12, "exact"),
    ("Half a dozen outposts fell in a single night.", "Half a dozen", 6, 6, "exact"),
    ("A few officials stayed behind in Farah city.", "A few", 2, 5, "vague"),
    ("Several districts near Gardez changed hands.", "Several", 3, 9, "vague"),
    ("Several hundred militiamen were armed by the governor.", "Several hundred", 300, 900, "vague"),
    ("A few dozen guards held the prison in Sar-e-Pul.", "A few dozen", 24, 60, "vague"),
    ("More than a dozen districts fell in June.", "More than a dozen", 12, None, "more_than"),
    ("Between 200 and 300 fighters massed near Spin Boldak.", "Between 200 and 300", 200, 300, "range"),
    ("Police put the attackers at 20 to 30.", "20 to 30", 20, 30, "range"),
    ("Two or three districts in Paktia are under threat.", "Two or three", 2, 3, "range"),
    ("A 300-strong militia has been raised in Bamiyan.", "300", 300, 300, "exact"),
    ("The Taliban said 200-plus soldiers had switched sides.", "200-plus", 200, None, "more_than"),
    ("Officials said 50 or more vehicles were seized.", "50 or more", 50, None, "at_least"),
    ("Residents said 2,000 troops were stationed in the city.", "2,000", 2000, 2000, "exact"),
    ("Residents said 2000 troops were stationed in the city.", "2000", 2000, 2000, "exact"),
]


@pytest.mark.parametrize("sentence,words,low,high,qualifier", COUNT_CASES)
def test_counts_read_bounds_and_qualifier(
    sentence: str, words: str, low: int | None, high: int | None, qualifier: str
) -> None:
    counts = find_counts(sentence)
    assert len(counts) == 1, counts
    c = counts[0]
    assert (c.text, c.low, c.high, c.qualifier) == (words, low, high, qualifier)
    assert sentence[c.start:c.end] == words


NOT_COUNTS = [
    "The Taliban ruled Afghanistan from 1996 until 2001 and swept back in 2021.",
    "Fighting resumed on July 7 and again on 9 August 2021.",
    "The report was dated 2021-07-07 and filed 07.07.2021.",
    "It was the second provincial capital to fall, and the 34th district this month.",
    "The pullout is 90 percent complete, up from 80% in June.",
    "Shelling began at 10 a.m. and stopped at 10:30, then resumed at 0800 GMT.",
    "The aid package is worth $10 million, or about 10 dollars per person.",
    "The siege lasted 24 hours after two decades of war and a three-day ceasefire.",
    "Mi-17 helicopters and COVID-19 vaccines were flown in after 9/11 anniversary events.",
    "Highway 1 was cut near No. 5 checkpoint, and no one was hurt.",
    "They fought one another for control of the road.",
    "The convoy drove 50 km from Kunduz.",
    "Nearly half the country and most of the north are contested.",
]


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_years_dates_ordinals_percentages_times_money_and_measures_are_not_counts(sentence: str) -> None:
    assert find_counts(sentence) == []


def test_ratios_stay_two_counts_and_are_not_dates() -> None:
    counts = find_counts("The militants hold 12 of 34 provincial capitals.")
    assert [(c.text, c.low, c.high) for c in counts] == [("12", 12, 12), ("34", 34, 34)]


def test_counts_next_to_dates_are_kept_apart() -> None:
    text = "On July 7, 2021, some 69 fighters were killed and 12 others captured near Ghazni."
    counts = find_counts(text)
    assert [(c.text, c.low, c.high, c.qualifier) for c in counts] == [
        ("some 69", 62, 76, "about"),
        ("12", 12, 12, "exact"),
    ]


def test_took_over_is_a_verb_not_a_qualifier() -> None:
    counts = find_counts("The insurgents took over 10 districts in a week.")
    assert [(c.text, c.low, c.high, c.qualifier) for c in counts] == [("10", 10, 10, "exact")]


def test_several_counts_are_sorted_with_offsets() -> None:
    text = "About 300 police and more than 1,000 soldiers fled, while dozens of officials stayed."
    counts = find_counts(text)
    assert [c.text for c in counts] == ["About 300", "more than 1,000", "dozens"]
    assert all(text[c.start:c.end] == c.text for c in counts)
    assert [c.start for c in counts] == sorted(c.start for c in counts)


def test_parse_count() -> None:
    assert parse_count("more than 1,000") == Count(1000, None, "more than 1,000", "more_than", 0, 15)
    assert parse_count("hundreds of troops") == Count(200, 999, "hundreds", "vague", 0, 8)
    assert parse_count("no number here") is None


def test_quantifiers_all_and_most() -> None:
    text = "All the districts have fallen and most of Jawzjan is lost, though the most important road is open."
    found = find_quantifiers(text)
    assert [(q.text, q.qualifier, q.low, q.high) for q in found] == [
        ("All", "all", None, None), ("most", "most", None, None),
    ]
    assert [text[q.start:q.end] for q in found] == ["All", "most"]
    assert parse_quantifier("most districts").qualifier == "most"  # type: ignore[union-attr]
    assert parse_quantifier("nearly all districts").qualifier == "most"  # type: ignore[union-attr]
    assert parse_quantifier("several districts") == Count(3, 9, "several", "vague", 0, 7)
    assert find_quantifiers("They did not fight at all.") == []




# ---------------------------------------------------------------- properties

COUNT_WORDS = [
    "more", "than", "over", "about", "some", "nearly", "at", "least", "up", "to", "fewer", "between", "and",
    "or", "a", "dozen", "dozens", "of", "hundreds", "thousands", "tens", "few", "several", "half", "one",
    "two", "twenty", "-", "five", "hundred", "thousand", "million", "1,037", "1,000", "300", "2021", "12",
    "34", "1.5", "90", "%", "percent", "$", "July", "7", "troops", "districts", "km", "hours", "plus", "so",
    "odd", "more", "+", "No", ".", "9/11", "Mi-17", "all", "most", "the", "0", "00", "999999999999999",
]


def check_counts(text: str, counts: list[Count]) -> None:
    """Assert the reader's invariants: offsets inside the text, words match, non-negative ordered bounds."""
    previous_end = 0
    for c in counts:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.start >= previous_end
        previous_end = c.end
        assert c.low is None or c.low >= 0
        assert c.high is None or c.high >= 0
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    check_counts(text, find_counts(text))
    for q in find_quantifiers(text):
        assert text[q.start:q.end] == q.text and q.qualifier in ("all", "most")
    parse_count(text)
    parse_quantifier(text)


@settings(max_examples=250, deadline=None)
@given(words=st.lists(st.sampled_from(COUNT_WORDS), max_size=14), joiner=st.sampled_from([" ", "", " , "]))
def test_count_like_word_salad_keeps_invariants(words: list[str], joiner: str) -> None:
    text = joiner.join(words)
    check_counts(text, find_counts(text))
