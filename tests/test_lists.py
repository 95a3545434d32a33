"""Tests for analysis.extract.lists (gazetteer-anchored lists) and analysis.extract.clauses (date clause scopes)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analysis.extract import clauses, lists
from analysis.extract.events import extract_text


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """The spans of the given names in text, in order."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append((start, start + len(name)))
        pos = start + len(name)
    return out


def test_sub_lists_take_their_own_province_and_unknown_items_are_skipped() -> None:
    text = "A1 Town, Xyzabad and B2 Town districts in Pone and C3 Town in Ptwo as well as the D4 Town crossing fell"
    names = ["A1 Town", "B2 Town", "Pone", "C3 Town", "Ptwo", "D4 Town"]
    provinces = [False, False, True, False, True, False]
    reading = lists.read_list(text, _spans(text, names), provinces, 0, len(text))
    assert [(names[i.index], names[i.locus] if i.locus >= 0 else "") for i in reading.items] == [
        ("A1 Town", "Pone"), ("B2 Town", "Pone"), ("C3 Town", "Ptwo"), ("D4 Town", "")]
    assert reading.unknown == ("Xyzabad",)
    assert not reading.capitals


def test_a_list_ends_at_a_clause_and_common_words_are_no_unknown_items() -> None:
    text = "A1 Town and B2 Town fell, and the Taliban said C3 Town was next"
    reading = lists.read_list(text, _spans(text, ["A1 Town", "B2 Town", "C3 Town"]), [False] * 3, 0, len(text))
    assert [i.index for i in reading.items] == [0, 1]
    assert reading.unknown == ()


def test_capitals_head_plural_anaphora_and_timelines() -> None:
    assert lists.capitals_head("seized the provincial capitals of ", len("seized the provincial capitals of "))
    assert not lists.capitals_head("seized the capital of ", len("seized the capital of "))
    assert lists.plural_anaphor("These districts fell on Friday", 0, 20) == "district"
    assert lists.plural_anaphor("Both cities fell", 0, 12) == "capital"
    assert lists.plural_anaphor("the districts of Herat fell", 0, 22) == ""
    assert lists.timeline_heading("Provincial capitals that fell to the Taliban") == "capital"
    assert lists.timeline_heading("Districts captured this week:") == "district"
    assert lists.timeline_heading("Cities that could fall next") == ""
    assert lists.timeline_entry("Aug 13 — Herat, Kandahar") == len("Aug 13 — ")
    assert lists.timeline_entry("13 August: Herat") == len("13 August: ")
    assert lists.timeline_entry("Herat fell on Aug 13.") == -1


def test_unknown_list_item_is_reported_in_the_article_warnings() -> None:
    result = extract_text("The Taliban captured Ghormach, Qarabelgin and Qaisar districts in Faryab on Tuesday.",
                          date(2021, 7, 7))
    assert sorted(m.place for m in result.mentions) == ["Ghormach", "Qaisar"]
    assert result.warnings == ["list item not recognised: 'Qarabelgin' in sentence 1"]


def test_a_timeline_needs_its_heading() -> None:
    text = "Aug 6 — Zaranj\nAug 8 — Kunduz, Takhar\n"
    assert extract_text(text, date(2021, 8, 14)).mentions == []
    dated = extract_text("Capitals lost to the insurgents\n" + text, date(2021, 8, 14)).mentions
    assert sorted((m.place, m.date_low.isoformat()) for m in dated) == [
        ("Kunduz", "2021-08-08"), ("Taloqan", "2021-08-08"), ("Zaranj", "2021-08-06")]


@pytest.mark.parametrize(("text", "word"), [
    ("Since the offensive began on 1 June, the Taliban took Herat.", "since"),
    ("After the talks stalled in April, the insurgents took Farah.", "after"),
    ("Before the talks resumed on Thursday, the Taliban overran Jawand.", "before"),
])
def test_background_clauses_about_another_event(text: str, word: str) -> None:
    m = re.search(r"\b(?:1 June|April|Thursday)\b", text)
    assert m is not None
    found = clauses.background_clauses(text, [(m.start(), m.end())])
    assert [(b.word, b.start) for b in found] == [(word, 0)]


def test_a_bare_date_after_since_is_no_background_clause() -> None:
    text = "Herat has been under Taliban control since Monday."
    m = text.index("Monday")
    assert clauses.background_clauses(text, [(m, m + 6)]) == []


def _read_article(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The sentences kept by cleaning and, sorted, each mention's type, place, province, dates and outcome."""
    from analysis.extract.events import extract_article
    from analysis.ingest.cleaning import clean_document
    from analysis.ingest.files import RawDocument

    article = clean_document(RawDocument(article_id="t", path="t.txt", text=text, fmt="text", encoding="utf-8",
                                         warnings=()))
    kept = [article.text[s.start:s.end] for s in article.sentences]
    return kept, sorted((m.event_type, m.place, m.province, str(m.date_low), str(m.date_high), m.outcome)
                        for m in extract_article(article).mentions)


def test_a_timeline_of_short_dated_lines_survives_cleaning_and_each_item_is_dated() -> None:
    kept, got = _read_article(
        "WEEKLY NOTES\n date 2021-08-20\n\nA quiet week for once, after a month that changed the map.\n\n"
        "CITIES THAT FELL\n\nAug 9 — Aybak\nAug 10 — Farah, Pul-i-Khumri (Baghlan)\n\n"
        "SOLDIERS WHO LEFT\n\nAug 14 — Dozens of soldiers crossed into Uzbekistan.\n")
    assert "CITIES THAT FELL" in kept and "Aug 9 — Aybak" in kept  # neither a heading nor boilerplate
    assert "WEEKLY NOTES" not in kept  # a heading with no timeline below stays out
    assert got == [("capital_entered", "Aybak", "Samangan", "2021-08-09", "2021-08-09", "fell"),
                   ("capital_entered", "Farah", "Farah", "2021-08-10", "2021-08-10", "fell"),
                   ("capital_entered", "Pul-e-Khumri", "Baghlan", "2021-08-10", "2021-08-10", "fell"),
                   ("troops_fled", "Uzbekistan", "", "2021-08-14", "2021-08-14", "")]


def test_a_timeline_heading_followed_by_a_remark_line_survives_cleaning() -> None:
    kept, got = _read_article(
        "The month in which the north changed hands\nUpdated 20 August 2021\n\n"
        "Here is how the cities passed to the insurgents, day by day.\n\n"
        "Capitals taken by the Taliban\n\nWe name a city only when two sources agree.\n\n"
        "Aug 9 - Aybak (Samangan)\nAug 10 - Farah and Pol-e Khomri (Baghlan)\n\nWhat comes next\n\n"
        "Nobody knows how long Kabul can hold out.\n")
    assert "Capitals taken by the Taliban" in kept  # the heading of the lines below, one remark line away
    assert "What comes next" not in kept  # a sub-heading with no timeline below stays out
    assert got == [("capital_entered", "Aybak", "Samangan", "2021-08-09", "2021-08-09", "fell"),
                   ("capital_entered", "Farah", "Farah", "2021-08-10", "2021-08-10", "fell"),
                   ("capital_entered", "Pul-e-Khumri", "Baghlan", "2021-08-10", "2021-08-10", "fell")]


def test_a_weekly_report_s_liberated_districts_and_a_remark_with_a_trigger_under_a_heading_line() -> None:
    from analysis.extract.events import extract_article
    from analysis.ingest.cleaning import clean_document
    from analysis.ingest.files import RawDocument

    text = ("Islamic Emirate of Afghanistan\nWeekly report on the conquests of the Mujahideen\n date 2021-07-25\n\n"
            "During the past week the Mujahideen freed the following districts.\n\nDistricts liberated this week:\n"
            "- Saturday 17 July - Zurmat district, Paktia\n- Wednesday 21 July - Kharwar district, Logar\n\n"
            "CAPITALS THAT FELL\nDates are those on which the fall was first reported.\n\nJuly 22 - Qalat\n")
    article = clean_document(RawDocument(article_id="r", path="r.txt", text=text, fmt="text", encoding="utf-8", warnings=()))
    got = sorted((m.event_type, m.place, str(m.date_low), m.claimant) for m in extract_article(article).mentions)
    assert got == [("capital_entered", "Qalat", "2021-07-22", "taliban"),  # the remark names no place: the heading holds
                   ("district_seized", "Kharwar", "2021-07-21", "taliban"),
                   ("district_seized", "Zurmat", "2021-07-17", "taliban")]  # the issuer's own report, its claim


def test_bulleted_items_under_a_list_heading_take_its_province_and_time() -> None:
    kept, got = _read_article(
        " date 2021-07-12\nWe sum up the week for readers in the north.\n\n"
        "Districts lost in Takhar over the weekend:\n• Dasht-e Qala\n• Khwaja Bahauddin\n\n"
        "What we know so far\n- Talks in Doha stalled again.\n")
    assert "What we know so far" not in kept  # a heading that names no places stays a heading
    assert got == [("district_seized", "Dasht-e-Qala", "Takhar", "2021-07-10", "2021-07-11", ""),
                   ("district_seized", "Khwaja Bahauddin", "Takhar", "2021-07-10", "2021-07-11", "")]


def test_table_rows_and_entries_that_name_no_capital_keep_their_heading() -> None:
    kept, got = _read_article(
        " date 2021-07-04\nOur weekly round-up of the fighting in the north.\n\n"
        "DISTRICT CHANGES THIS WEEK (province | district | date)\n"
        "- Jowzjan | Khamyab | 29 Jun\n- Baghlan | Doshi | 1 Jul\n\n"
        "Capitals that fell\n* Jun 30 — The government says talks are going on\n* Jul 2 — Kunduz\n")
    assert got == [("capital_entered", "Kunduz", "Kunduz", "2021-07-02", "2021-07-02", "fell"),
                   ("district_seized", "Doshi", "Baghlan", "2021-07-01", "2021-07-01", ""),
                   ("district_seized", "Khamyab", "Jowzjan", "2021-06-29", "2021-06-29", "")]


def test_a_date_on_its_own_line_dates_the_bullets_below_it_and_a_second_sentence_keeps_the_heading() -> None:
    kept, got = _read_article(
        " date 2021-08-16\nA reference list for our readers.\n\n"
        "These are the provincial capitals the insurgents have taken, day by day:\n\n"
        "Aug. 11\n* KHOST, capital of Khost province, near the Pakistani border. Officials said little.\n\n"
        "Aug. 12\n* GARDIZ, capital of Paktia; ASADABAD, capital of Kunar, which had held out for weeks and more "
        "weeks under pressure from several sides.\n* MEHTARLAM, capital of Laghman.\n")
    assert "Aug. 12" in kept  # a date line above a bullet is part of the timeline, even when the bullet is long
    assert got == [("capital_entered", "Asadabad", "Kunar", "2021-08-12", "2021-08-12", "fell"),
                   ("capital_entered", "Gardez", "Paktia", "2021-08-12", "2021-08-12", "fell"),
                   ("capital_entered", "Khost", "Khost", "2021-08-11", "2021-08-11", "fell"),
                   ("capital_entered", "Mihtarlam", "Laghman", "2021-08-12", "2021-08-12", "fell")]


def test_a_markdown_table_with_a_capital_column_is_read_row_by_row() -> None:
    kept, got = _read_article(
        " date 2021-08-16\n# Capitals in the last week\n\nA reference table compiled from several reports.\n\n"
        "| Date | Capital | Province | Notes |\n|---|---|---|---|\n"
        "| Aug 11 | Faizabad | Badakhshan | |\n"
        "| Aug 12 | Herat, Qala-e-Naw | Herat, Badghis | Border police in Herat crossed into Iran |\n")
    assert "|---|---|---|---|" in kept  # the rule row belongs to the table
    assert got == [("capital_entered", "Faizabad", "Badakhshan", "2021-08-11", "2021-08-11", "fell"),
                   ("capital_entered", "Herat", "Herat", "2021-08-12", "2021-08-12", "fell"),
                   ("capital_entered", "Qala-e-Naw", "Badghis", "2021-08-12", "2021-08-12", "fell"),
                   ("troops_fled", "Iran", "Herat", "2021-08-12", "2021-08-12", "")]  # the notes cell is read too


def test_a_section_heading_line_ends_the_list_of_falls_above_it() -> None:
    kept, got = _read_article(
        "RADIO NOTES | Thursday, 12 August 2021\n\nTwo provincial capitals have fallen since the morning. In short:\n\n"
        "- GHAZNI: Handed over on Thursday at dawn.\n- QALAT: Fell on Thursday at noon, officials said.\n\nHISTORY\n\n"
        "- Herat is where Ismail Khan held out against the movement in 1995.\n"
        "- Maimana had been fought over for weeks.\n")
    assert "HISTORY" not in kept  # a section heading of its own, left out of the sentences
    assert got == [("capital_entered", "Ghazni", "Ghazni", "2021-08-12", "2021-08-12", "fell"),
                   ("capital_entered", "Qalat", "Zabul", "2021-08-12", "2021-08-12", "fell")]  # nothing below HISTORY
