"""Tests for sentence splitting of news copy."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.sentences import split_sentences

CASES: list[tuple[str, list[str]]] = [
    (
        "Taliban fighters overran Khan Abad district on Friday. Police withdrew to Kunduz city.",
        ["Taliban fighters overran Khan Abad district on Friday.", "Police withdrew to Kunduz city."],
    ),
    (
        "The plan drew criticism in the U.S. The Taliban dismissed it within hours.",
        ["The plan drew criticism in the U.S.", "The Taliban dismissed it within hours."],
    ),
    ("A U.S. Central Command statement listed four air strikes near Lashkar Gah.", None),
    ("- 8 Aug. (Sun.) - Kunduz, Sar-e-Pul and Taloqan.", None),  # a weekday in brackets goes on the date
    ("Sat. 14 Aug.: Maimana surrendered.", None),
    (  # a day's whole date closes the sentence before a capitalised word (a security list's line)
        "Ghoryan: DC overrun Wed 7 Jul. District governor reported safe in Herat.",
        ["Ghoryan: DC overrun Wed 7 Jul.", "District governor reported safe in Herat."],
    ),
    ("- 14 Aug. Soldiers from Mazar crossed the bridge into Uzbekistan.", None),  # (a date opening an entry)
    (
        "The last convoy left on Sat. The next day the city fell.",
        ["The last convoy left on Sat.", "The next day the city fell."],
    ),
    ("The U.N. refugee agency said on Aug. 16 that 18,000 people had crossed at Torkham.", None),
    ("Lt. Gen. Haibatullah Alizai flew to Mazar-i-Sharif on Sunday.", None),
    (
        "Dr. Nasrin Oryakhil said 40 wounded people reached the hospital. Mr. Popal disputed the figure.",
        ["Dr. Nasrin Oryakhil said 40 wounded people reached the hospital.", "Mr. Popal disputed the figure."],
    ),
    ("Special envoy Zalmay M. Khalilzad travelled to Doha again.", None),
    (
        "President J. Biden set the exit for Aug. 31. Kabul officials asked for more time.",
        ["President J. Biden set the exit for Aug. 31.", "Kabul officials asked for more time."],
    ),
    (
        '"We will take back every district," the governor of Faryab said. "The enemy is exhausted."',
        ['"We will take back every district," the governor of Faryab said.', '"The enemy is exhausted."'],
    ),
    (
        'The police chief said: "Pul-e-Khumri is calm." Shopkeepers told a different story.',
        ['The police chief said: "Pul-e-Khumri is calm."', "Shopkeepers told a different story."],
    ),
    (
        "“Sheberghan has not fallen.” Residents reported gunfire near the airport.",
        ["“Sheberghan has not fallen.”", "Residents reported gunfire near the airport."],
    ),
    (
        "Will the road to Spin Boldak reopen? Nobody can say! Trucks wait at the border.",
        ["Will the road to Spin Boldak reopen?", "Nobody can say!", "Trucks wait at the border."],
    ),
    ('"Where are the soldiers?" asked a trader in Farah.', None),
    ("The talks in Doha were ... inconclusive, one diplomat said.", None),
    ("The convoy stopped… then it turned back toward Ghazni.", None),
    (
        "The negotiations dragged on... The delegation left Tehran at night.",
        ["The negotiations dragged on...", "The delegation left Tehran at night."],
    ),
    ("Fuel prices in Herat rose 3.5 percent in a week.", None),
    ("The drawdown should end by Sept. 11, Pentagon officials say.", None),
    ("Fighters blocked Highway No. 1 between Kabul and Kandahar.", None),
    ("Mortar shells hit the market at 9 a.m. local time.", None),
    (
        "Mortar shells hit the market at 9 a.m. The bazaar emptied.",
        ["Mortar shells hit the market at 9 a.m.", "The bazaar emptied."],
    ),
    ("Gov. Abdul Sattar Mirzakwal visited Pul-e-Alam.", None),
    (
        "Banks, schools, offices etc. The city shut down by noon.",
        ["Banks, schools, offices etc.", "The city shut down by noon."],
    ),
    ("1. Taliban enter the outskirts of Ghazni.", None),
    (
        "A headline without a stop\nThe body starts on the next line.",
        ["A headline without a stop", "The body starts on the next line."],
    ),
    ("The embassy moved its staff to the U.S.", None),
    ("Smoke over Kunduz on Aug. 8, 2021. (AFP)", None),
    (
        "Smoke over Kunduz on Aug. 8, 2021. (AFP) Fighting resumed at dusk.",
        ["Smoke over Kunduz on Aug. 8, 2021. (AFP)", "Fighting resumed at dusk."],
    ),
    (
        "The city fell. (The Taliban said it took the airport.) Flights stopped.",
        ["The city fell.", "(The Taliban said it took the airport.)", "Flights stopped."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_cases(text: str, expected: list[str] | None) -> None:
    got = [s.text for s in split_sentences(text)]
    assert got == (expected if expected is not None else [text])


def test_offsets_index_full_text_with_bounds() -> None:
    text = "HEADER LINE\nKunduz fell on Sunday. Taloqan followed.\nTRAILER"
    start = text.index("Kunduz")
    end = text.index("\nTRAILER")
    sentences = split_sentences(text, start, end)
    assert [(s.index, s.text) for s in sentences] == [(0, "Kunduz fell on Sunday."), (1, "Taloqan followed.")]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert sentences[0].start == start


def test_bounds_out_of_range_are_clamped() -> None:
    assert split_sentences("Short text.", -5, 999)[0].text == "Short text."
    assert split_sentences("Short text.", 50) == []
    assert split_sentences("") == []


def test_whitespace_and_bare_numbers() -> None:
    text = "   \n\n 2. \n  Zaranj was taken.  "
    got = [s.text for s in split_sentences(text)]
    assert got == ["2.", "Zaranj was taken."]
    assert all(s.text == s.text.strip() for s in split_sentences(text))


def test_long_repetitive_text_splits_at_each_abbreviated_date() -> None:
    paragraph = "Officials in Jawzjan said the U.S. air strikes hit Taliban positions near Sheberghan on Aug. 5. " * 60
    sentences = split_sentences(paragraph)
    assert len(sentences) == 60


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab AB.?!…\"'“”()\n\t0123456789,:-UMrDS")), max_size=200),
    st.integers(-10, 250),
    st.one_of(st.none(), st.integers(-10, 250)),
)
def test_split_properties(text: str, start: int, end: int | None) -> None:
    sentences = split_sentences(text, start, end)
    lo = max(0, min(start, len(text)))
    hi = len(text) if end is None else max(lo, min(end, len(text)))
    previous_end = lo
    for i, s in enumerate(sentences):
        assert s.index == i
        assert lo <= s.start < s.end <= hi
        assert s.start >= previous_end
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert "\n" not in s.text
        previous_end = s.end


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_split_never_raises_on_any_text(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
