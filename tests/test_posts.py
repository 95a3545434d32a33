"""Stamped posts: a channel export's messages and a thread's posts are dated by their own stamps."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.extract.posts import post_days, signed_days, stamp_day
from analysis.ingest.cleaning import clean_document
from analysis.extract.events import extract_article
from analysis.ingest.files import RawDocument


@pytest.mark.parametrize(("line", "day"), [
    ("Frontline Channel (English), [24.06.2021 07:48]", date(2021, 6, 24)),
    ("[02.07.2021 15:37]", date(2021, 7, 2)),
    ("*9:10 PM · Jul 12, 2021*", date(2021, 7, 12)),
    ("2021-07-12 21:10 UTC", date(2021, 7, 12)),
    ("12 July 2021, 21:10", date(2021, 7, 12)),
    ("July 12, 2021 at 9:10 PM", date(2021, 7, 12)),
    ("Posted 12 July 2021", None),  # no time of day: a date line, not a post's stamp
    ("Officials said on 12 July 2021 at 9:10 that Qaisar fell.", None),  # a sentence naming a time
    ("Messages 24.06.2021 - 03.07.2021, exported for the desk", None),
    ("[31.02.2021 10:00]", None),  # no such day
    ("[04.07.2021 08:05 AFT] BADAKHSHAN | SECURITY/CONTROL", date(2021, 7, 4)),  # an incident log's entry and category
    ("[04.07.2021 08:05] the governor fled to Kabul", None),  # a message's text after its stamp is no category
])
def test_stamp_day_reads_only_lines_that_are_stamps(line: str, day: date | None) -> None:
    assert stamp_day(line) == day


def test_a_stamp_heads_the_message_below_it() -> None:
    sentences = ["Export of the channel.", "Almar fell today.", "Its bazaar is open.", "Qaisar fell last night."]
    stamps = [(1, date(2021, 6, 24)), (3, date(2021, 6, 27))]
    assert post_days(stamps, sentences, date(2021, 7, 3)) == {
        1: date(2021, 6, 24), 2: date(2021, 6, 24), 3: date(2021, 6, 27)}


def test_in_a_numbered_thread_a_stamp_closes_the_post_above_it() -> None:
    sentences = ["1/ Almar fell this morning.", "2/ Qaisar is next.", "More soon."]
    stamps = [(1, date(2021, 6, 24)), (3, date(2021, 6, 25))]
    assert post_days(stamps, sentences, date(2021, 6, 25)) == {
        0: date(2021, 6, 24), 1: date(2021, 6, 25), 2: date(2021, 6, 25)}


def test_one_stamp_or_stamps_after_the_page_or_long_before_it_date_nothing() -> None:
    sentences = ["a", "b", "c"]
    assert post_days([(0, date(2021, 6, 24))], sentences, date(2021, 7, 3)) == {}
    assert post_days([(0, date(2021, 7, 4)), (1, date(2021, 7, 5))], sentences, date(2021, 7, 3)) == {}
    assert post_days([(0, date(2020, 6, 4)), (1, date(2020, 6, 5))], sentences, date(2021, 7, 3)) == {}
    assert post_days([(0, date(2021, 6, 4)), (1, date(2021, 6, 5))], sentences, None) == {}


_EXPORT = """ date 2021-07-03
Channel export, messages of one week

Frontline Channel (English), [24.06.2021 07:48]
#Faryab
Almar district centre was conquered by the mujahideen this afternoon after a night of fighting.

Frontline Channel (English), [27.06.2021 19:02]
#Faryab
Last night Qaisar district came under the full control of the mujahideen.
"""


def test_each_message_of_an_export_is_dated_by_its_own_stamp() -> None:
    raw = RawDocument(article_id="export", path="export.txt", text=_EXPORT, fmt="text", encoding="utf-8", warnings=())
    article = clean_document(raw)
    assert article.published == date(2021, 7, 3)
    assert "[24.06.2021 07:48]" in article.text  # the stamps are kept for the extractor
    found = {(m.place, m.date_low, m.date_high) for m in extract_article(article).mentions
             if m.event_type == "district_seized"}
    assert found == {("Almar", date(2021, 6, 24), date(2021, 6, 24)),
                     ("Qaisar", date(2021, 6, 26), date(2021, 6, 27))}


_TALK = """ date 2021-08-20
Talk: Fall of Maimana (2021)

Date of the fall
The infobox has 14 August. Maimana fell on Saturday, as far as I can tell. — Faryab_mapper (talk) 09:10, 9 August 2021 (UTC)
: The governor and the police chief were flown to Mazar the same evening. — Steppe_reader (talk) 11:02, 9 August 2021 (UTC)
: Almar went on Tuesday, I think, not earlier. — Faryab_mapper (talk) 16:40, 12 August 2021 (UTC)
"""


def test_posts_signed_at_their_end_are_dated_by_their_signatures() -> None:
    raw = RawDocument(article_id="talk", path="talk.txt", text=_TALK, fmt="text", encoding="utf-8", warnings=())
    found = {(m.event_type, m.place, m.date_low, m.date_high) for m in extract_article(clean_document(raw)).mentions}
    assert found == {("capital_entered", "Maimana", date(2021, 8, 7), date(2021, 8, 7)),  # the Saturday before 9 August
                     ("troops_fled", "Maimana", date(2021, 8, 7), date(2021, 8, 7)),
                     ("district_seized", "Almar", date(2021, 8, 10), date(2021, 8, 10))}  # the Tuesday before 12 August


def test_one_signature_dates_nothing() -> None:
    assert signed_days("A post. — Name (talk) 09:10, 9 August 2021 (UTC)\nMore text.", [(0, 7)], date(2021, 8, 20)) == {}
    two = "A post. — Name (talk) 09:10, 9 August 2021 (UTC)\nAnother. — Other 10:00, 12 August 2021 (UTC)"
    second = two.index("Another.")
    assert signed_days(two, [(0, 7), (second, second + 8)], date(2021, 8, 20)) == {0: date(2021, 8, 9),
                                                                                  1: date(2021, 8, 12)}
