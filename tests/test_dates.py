"""Tests for analysis.extract.dates: temporal expressions read as inclusive day ranges anchored on publication."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.dates import (
    explicit_date_spans,
    find_dates,
    find_full_dates,
    find_month_days,
    month_range,
    parse_header_date,
)
from analysis.records import DateMention

SATURDAY = date(2021, 7, 10)
MONDAY = date(2021, 8, 9)
WEDNESDAY = date(2021, 7, 14)
SUNDAY = date(2021, 8, 15)
D = date


def only(text: str, published: date | None, precision: str = "day") -> DateMention:
    """Return the single date mention in `text`, failing when there is not exactly one."""
    mentions = find_dates(text, published, precision)
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_publication_weekdays_are_what_the_tests_assume() -> None:
    assert [d.strftime("%A") for d in (SATURDAY, MONDAY, WEDNESDAY, SUNDAY)] == [
        "Saturday", "Monday", "Wednesday", "Sunday",
    ]


# (sentence, publication day, words expected, low, high)
RELATIVE_CASES = [
    # A Saturday article.
    ("Insurgents overran the Imam Sahib district of Kunduz on Thursday, police said.", SATURDAY,
     "on Thursday", D(2021, 7, 8), D(2021, 7, 8)),
    ("Gunmen attacked a checkpoint near Zaranj on Saturday, the governor's office said.", SATURDAY,
     "on Saturday", D(2021, 7, 10), D(2021, 7, 10)),
    ("Fighters pushed into Maimana late on Thursday, a council member told AFP.", SATURDAY,
     "late on Thursday", D(2021, 7, 8), D(2021, 7, 8)),
    ("The district centre in Ghazni fell early Friday after a night of clashes.", SATURDAY,
     "early Friday", D(2021, 7, 9), D(2021, 7, 9)),
    ("Thursday's assault on Sar-e-Pul left the city without power, residents said.", SATURDAY,
     "Thursday", D(2021, 7, 8), D(2021, 7, 8)),
    ("Earlier this week, soldiers abandoned two outposts in Jawzjan province.", SATURDAY,
     "Earlier this week", D(2021, 7, 5), D(2021, 7, 10)),
    ("Fighting around Pul-e-Khumri intensified this week, officials said.", SATURDAY,
     "this week", D(2021, 7, 5), D(2021, 7, 11)),
    ("Clashes broke out in Faryab over the weekend, a spokesman said.", SATURDAY,
     "over the weekend", D(2021, 7, 10), D(2021, 7, 10)),
    ("A convoy was ambushed in Zabul last weekend, the ministry said.", SATURDAY,
     "last weekend", D(2021, 7, 3), D(2021, 7, 4)),
    ("Militants shelled Tarinkot last Saturday, according to local media.", SATURDAY,
     "last Saturday", D(2021, 7, 3), D(2021, 7, 3)),
    ("Talks are due to resume in Doha next Monday, diplomats said.", SATURDAY,
     "next Monday", D(2021, 7, 12), D(2021, 7, 12)),
    # A Monday article.
    ("The Taliban captured Sheberghan on Friday, a lawmaker from Jawzjan said.", MONDAY,
     "on Friday", D(2021, 8, 6), D(2021, 8, 6)),
    ("Kunduz city fell to the insurgents on Sunday night, residents said.", MONDAY,
     "on Sunday night", D(2021, 8, 8), D(2021, 8, 8)),
    ("Aybak was handed over without a fight on Monday, officials confirmed.", MONDAY,
     "on Monday", D(2021, 8, 9), D(2021, 8, 9)),
    ("Troops withdrew from Spin Boldak last week, Pakistani border officials said.", MONDAY,
     "last week", D(2021, 8, 2), D(2021, 8, 8)),
    ("Earlier this week dozens of police crossed into Uzbekistan.", MONDAY,
     "Earlier this week", D(2021, 8, 9), D(2021, 8, 9)),
    ("Three provincial capitals were lost over the weekend, the Defence Ministry said.", MONDAY,
     "over the weekend", D(2021, 8, 7), D(2021, 8, 8)),
    ("A second border post in Nimroz was abandoned last Friday.", MONDAY,
     "last Friday", D(2021, 8, 6), D(2021, 8, 6)),
    ("Sar-e-Pul's governor fled yesterday, his spokesman said.", MONDAY,
     "yesterday", D(2021, 8, 8), D(2021, 8, 8)),
    ("The insurgents entered Taloqan's outskirts in the past two days.", MONDAY,
     "in the past two days", D(2021, 8, 7), D(2021, 8, 9)),
    # A Wednesday article: "on Wednesday" is the publication day itself.
    ("Fighters stormed the police headquarters in Farah on Wednesday, officials said.", WEDNESDAY,
     "on Wednesday", D(2021, 7, 14), D(2021, 7, 14)),
    ("The border town was lost last Wednesday, Tolo News reported.", WEDNESDAY,
     "last Wednesday", D(2021, 7, 7), D(2021, 7, 7)),
    ("Air strikes hit Taliban positions near Lashkargah overnight, the army said.", WEDNESDAY,
     "overnight", D(2021, 7, 13), D(2021, 7, 14)),
    ("Heavy gunfire was heard in Ghazni city last night, residents said.", WEDNESDAY,
     "last night", D(2021, 7, 13), D(2021, 7, 14)),
    ("The governor of Paktia said this morning that reinforcements had arrived.", WEDNESDAY,
     "this morning", D(2021, 7, 14), D(2021, 7, 14)),
    ("Officials in Khost said the road reopened today.", WEDNESDAY,
     "today", D(2021, 7, 14), D(2021, 7, 14)),
    ("The militants overran Dand-e-Ghori two days ago, a police chief said.", WEDNESDAY,
     "two days ago", D(2021, 7, 12), D(2021, 7, 12)),
    ("The offensive in Badakhshan's north began three weeks ago.", WEDNESDAY,
     "three weeks ago", D(2021, 6, 20), D(2021, 6, 26)),
    ("Elders have mediated several surrenders in recent days.", WEDNESDAY,
     "in recent days", D(2021, 7, 7), D(2021, 7, 14)),
    ("At least 20 civilians were wounded in the past 24 hours, doctors said.", WEDNESDAY,
     "in the past 24 hours", D(2021, 7, 13), D(2021, 7, 14)),
    ("Some 40 districts changed hands last month, an analyst said.", WEDNESDAY,
     "last month", D(2021, 6, 1), D(2021, 6, 30)),
    ("Late last month, the militants seized a customs post on the Turkmen border.", WEDNESDAY,
     "Late last month", D(2021, 6, 21), D(2021, 6, 30)),
    ("Shops in Mazar-i-Sharif have been shut since Monday.", WEDNESDAY,
     "since Monday", D(2021, 7, 12), D(2021, 7, 14)),
    ("The bridge was blown up on Thursday of last week.", WEDNESDAY,
     "on Thursday of last week", D(2021, 7, 8), D(2021, 7, 8)),
    ("Earlier this month, the army regained Dehrawud district.", WEDNESDAY,
     "Earlier this month", D(2021, 7, 1), D(2021, 7, 14)),
    # A Sunday article.
    ("Fighters reached the gates of Kabul over the weekend, witnesses said.", SUNDAY,
     "over the weekend", D(2021, 8, 14), D(2021, 8, 15)),
    ("Jalalabad surrendered without a fight on Sunday, a local official said.", SUNDAY,
     "on Sunday", D(2021, 8, 15), D(2021, 8, 15)),
    ("Mazar-i-Sharif fell on Saturday evening after its defenders melted away.", SUNDAY,
     "on Saturday evening", D(2021, 8, 14), D(2021, 8, 14)),
]


@pytest.mark.parametrize("sentence,published,words,low,high", RELATIVE_CASES)
def test_relative_expressions_resolve_against_publication(
    sentence: str, published: date, words: str, low: date, high: date
) -> None:
    mention = only(sentence, published)
    assert (mention.text, mention.low, mention.high) == (words, low, high)
    assert sentence[mention.start:mention.end] == words


EXPLICIT_CASES = [
    ("Heavy fighting broke out in Kunduz on July 7, a resident said.", "on July 7", D(2021, 7, 7), D(2021, 7, 7)),
    ("The crossing at Torghundi was closed 7 July, traders said.", "7 July", D(2021, 7, 7), D(2021, 7, 7)),
    ("Aybak was taken on Aug. 6 after a two-day siege.", "on Aug. 6", D(2021, 8, 6), D(2021, 8, 6)),
    ("The envoy is expected in Islamabad on Sept. 2.", "on Sept. 2", D(2021, 9, 2), D(2021, 9, 2)),
    ("Fighters raised their flag over the square on August 6th.", "on August 6th", D(2021, 8, 6), D(2021, 8, 6)),
    ("A photo taken in Ghazni on July 6, 2021 shows the damage.", "on July 6, 2021", D(2021, 7, 6), D(2021, 7, 6)),
    ("Police said on the evening of July 30 that the attack had been repelled.",
     "on the evening of July 30", D(2021, 7, 30), D(2021, 7, 30)),
    ("Aid agencies expect more displacement by mid-June, the UN said.", "by mid-June", None, D(2021, 6, 20)),
    ("The convoy set out from Herat in early July.", "in early July", D(2021, 7, 1), D(2021, 7, 10)),
    ("Talks stalled in late July as the militants advanced.", "in late July", D(2021, 7, 21), D(2021, 7, 31)),
    ("US forces aim to leave before the end of August.", "before the end of August", None, D(2021, 8, 20)),
    ("Most of the fighting in Faryab took place in June.", "in June", D(2021, 6, 1), D(2021, 6, 30)),
    ("Clashes around Maimana from July 5-7 displaced thousands.", "from July 5-7", D(2021, 7, 5), D(2021, 7, 7)),
    ("Between July 30 and Aug. 2 the militants took four districts.", "Between July 30 and Aug. 2",
     D(2021, 7, 30), D(2021, 8, 2)),
    ("Roads to Kandahar have been cut since July 7.", "since July 7", D(2021, 7, 7), D(2021, 8, 9)),
    ("The garrison surrendered after July 7, a commander said.", "after July 7", D(2021, 7, 8), D(2021, 8, 9)),
    ("The militants had seized the dam by Aug. 3.", "by Aug. 3", None, D(2021, 8, 3)),
    ("US troops arrived in the country in 2001.", "in 2001", D(2001, 1, 1), D(2001, 12, 31)),
    ("The offensive gathered pace in July 2021.", "in July 2021", D(2021, 7, 1), D(2021, 7, 31)),
    ("The withdrawal began in early May, with most bases empty by June.", "in early May",
     D(2021, 5, 1), D(2021, 5, 10)),
]


@pytest.mark.parametrize("sentence,words,low,high", EXPLICIT_CASES)
def test_explicit_dates_resolve_with_the_publication_year(
    sentence: str, words: str, low: date | None, high: date
) -> None:
    mention = find_dates(sentence, MONDAY)[0]
    assert (mention.text, mention.low, mention.high) == (words, low, high)


def test_may_as_a_verb_and_march_as_a_noun_are_not_dates() -> None:
    assert find_dates("Officials fear the Taliban may attack Kunduz within days.", MONDAY) == []
    assert find_dates("Supporters staged a march on Kabul's main road.", MONDAY) == []
    assert find_dates("Analysts Say Taliban May Push Toward Kabul", MONDAY) == []
    mentions = find_dates("Diplomats said the Taliban may resume talks, as they did in May.", MONDAY)
    assert [(m.text, m.low, m.high) for m in mentions] == [("in May", D(2021, 5, 1), D(2021, 5, 31))]


def test_numbers_that_look_like_dates_stay_numbers() -> None:
    text = "The Taliban now control 12 of 34 provincial capitals and 1,037 soldiers surrendered in 2000 villages."
    assert find_dates(text, MONDAY) == []
    assert find_dates("Fighters were told to clear the road within 24 hours.", MONDAY) == []
    assert find_dates("A day earlier, the militants had taken the airport.", MONDAY) == []
    assert find_dates("For weeks, the militants have closed in on the city.", MONDAY) == []
    assert find_dates("The 9/11 commission said in its report that 24/7 watch was needed.", MONDAY) == []


def test_names_that_contain_day_words_are_not_dates() -> None:
    assert find_dates("USA Today and The Sunday Times both carried the story.", MONDAY) == []
    assert find_dates("Markets were closed for Good Friday.", MONDAY) == []


def test_september_11_attacks_are_2001() -> None:
    mention = only("The intervention began after the September 11 attacks on the United States.", MONDAY)
    assert (mention.text, mention.low, mention.high) == ("September 11", D(2001, 9, 11), D(2001, 9, 11))


def test_weekday_with_month_day_is_one_mention() -> None:
    mention = only("Kunduz fell on Sunday, Aug. 8, after weeks of siege.", MONDAY)
    assert (mention.text, mention.low, mention.high) == ("on Sunday, Aug. 8", D(2021, 8, 8), D(2021, 8, 8))


def test_weekday_beside_a_date_is_folded_into_it() -> None:
    mention = only("State media said on Thursday (August 5) that 300 soldiers had crossed.", MONDAY)
    assert (mention.text, mention.low, mention.high) == ("on Thursday (August 5)", D(2021, 8, 5), D(2021, 8, 5))
    mention = only("The president left the country on 15 August 2021, Sunday.", D(2021, 8, 20))
    assert (mention.text, mention.low, mention.high) == (
        "on 15 August 2021, Sunday", D(2021, 8, 15), D(2021, 8, 15),
    )


def test_night_spanning_two_days_and_date_ranges() -> None:
    text = "Soldiers crossed at the Arundu sector on the night of 25-26 July, the army said."
    mention = only(text, MONDAY)
    assert (mention.text, mention.low, mention.high) == ("on the night of 25-26 July", D(2021, 7, 25), D(2021, 7, 26))
    mention = only("The servicemen crossed on the night of July 4 to 5.", MONDAY)
    assert (mention.low, mention.high) == (D(2021, 7, 4), D(2021, 7, 5))


def test_several_mentions_are_sorted_and_disjoint() -> None:
    text = ("The militants took Zaranj on Friday and Sheberghan on Saturday, and by Monday night "
            "they were shelling Kunduz, which they had surrounded since July 28.")
    mentions = find_dates(text, MONDAY)
    assert [m.text for m in mentions] == ["on Friday", "on Saturday", "by Monday night", "since July 28"]
    assert [(m.low, m.high) for m in mentions] == [
        (D(2021, 8, 6), D(2021, 8, 6)), (D(2021, 8, 7), D(2021, 8, 7)),
        (None, D(2021, 8, 9)), (D(2021, 7, 28), D(2021, 8, 9)),
    ]


MONTH_PRECISION_CASES = [
    ("Fighters entered Ghazni on July 29.", "on July 29", D(2021, 7, 29), D(2021, 7, 29)),
    ("Fighters entered Ghazni on Thursday.", "on Thursday", D(2021, 7, 29), D(2021, 8, 26)),
    ("The governor surrendered yesterday.", "yesterday", D(2021, 7, 31), D(2021, 8, 30)),
    ("The base was abandoned last week.", "last week", D(2021, 7, 19), D(2021, 8, 29)),
    ("Dozens fled earlier this week.", "earlier this week", D(2021, 7, 26), D(2021, 8, 31)),
    ("The siege began last month.", "last month", D(2021, 7, 1), D(2021, 7, 31)),
    ("Talks collapsed in mid-August.", "in mid-August", D(2021, 8, 11), D(2021, 8, 20)),
]


@pytest.mark.parametrize("sentence,words,low,high", MONTH_PRECISION_CASES)
def test_month_precision_publication_widens_relative_expressions(
    sentence: str, words: str, low: date, high: date
) -> None:
    published, precision = parse_header_date("2021-08")  # type: ignore[misc]
    mention = only(sentence, published, precision)
    assert (mention.text, mention.low, mention.high) == (words, low, high)


def test_without_publication_only_full_dates_resolve() -> None:
    text = ("Police said on Thursday that the city, stormed on July 7, had been retaken; "
            "a photograph dated July 8, 2021 showed the square, and the base dates from 2001 "
            "when it was built in 2001.")
    mentions = find_dates(text, None)
    assert [(m.text, m.low, m.high) for m in mentions] == [
        ("July 8, 2021", D(2021, 7, 8), D(2021, 7, 8)),
        ("in 2001", D(2001, 1, 1), D(2001, 12, 31)),
    ]
    assert find_dates("Shops have been shut since Monday and yesterday.", None) == []


def test_year_less_month_day_in_january_article_takes_previous_year() -> None:
    mention = only("The city was taken on December 30, residents said.", D(2022, 1, 4))
    assert (mention.low, mention.high) == (D(2021, 12, 30), D(2021, 12, 30))


def test_find_full_dates_reads_every_written_form() -> None:
    text = "Taken July 7, 2021. Filed 7 July 2021; updated Jul. 7, 2021 and 2021-07-07; not July 9."
    found = find_full_dates(text)
    assert [d for d, _, _ in found] == [D(2021, 7, 7)] * 4
    assert [text[s:e] for _, s, e in found] == ["July 7, 2021", "7 July 2021", "Jul. 7, 2021", "2021-07-07"]


def test_a_month_between_a_day_and_a_year_is_read_in_any_case() -> None:
    text = "18 jul 2021 - 00:05 CEST; aug. 3, 2021; but we may 2021 differ and march on"
    assert [(d, text[s:e]) for d, s, e in find_full_dates(text)] == [
        (D(2021, 7, 18), "18 jul 2021"), (D(2021, 8, 3), "aug. 3, 2021")]
    assert [d.text for d in find_dates("They may march on 3 May.", D(2021, 7, 20), "day")] == ["on 3 May"]  # words stay words


def test_a_day_with_a_stop_before_a_month_and_year_is_read() -> None:
    text = "Dienstag, 17. August 2021 - 09:40; they said 17. the count was high; on 3. August"
    assert [(d, text[s:e]) for d, s, e in find_full_dates(text)] == [(D(2021, 8, 17), "17. August 2021")]
    assert [d.text for d in find_dates("Qarabagh fell on 3. August.", D(2021, 8, 20), "day")] == []  # no year: not read
    german = "Dienstag, 6. Juli 2021 - 09:40; Mittwoch, 23. Juni 2021; Juli 2021 alone is no date"
    assert [(d, german[s:e]) for d, s, e in find_full_dates(german)] == [
        (D(2021, 7, 6), "6. Juli 2021"), (D(2021, 6, 23), "23. Juni 2021")]  # June and July keep their German names


@pytest.mark.parametrize(("text", "day"), [
    ("25. 6. 2021  11:20", D(2021, 6, 25)),  # a day and a month each with a stop and a space
    ("12-Jul-2021 08:45 BST", D(2021, 7, 12)),  # joined by hyphens
    ("12-July-2021", D(2021, 7, 12)),
    ("2021. június 28., hétfő", D(2021, 6, 28)),  # year first, with stops
    ("10 Julai 2021", D(2021, 7, 10)),
    ("Hulyo 12, 2021", D(2021, 7, 12)),
    ("Jumma'a, 16 ga Yuli, 2021", D(2021, 7, 16)),
    ("maandag 19 juli 2021, 07:32", D(2021, 7, 19)),
    ("7. kolovoza 2021. u 15:48", D(2021, 8, 7)),
    ("15. avgust 2021.", D(2021, 8, 15)),
    ("13 de agosto de 2021", D(2021, 8, 13)),
    ("12 lipca 2021", D(2021, 7, 12)),
    ("3 июля 2021 года", D(2021, 7, 3)),
    ("sestdiena, 2021. gada 17. jūlijs, 10:45", D(2021, 7, 17)),  # year, day, month
    ("2021 m. liepos 12 d.", D(2021, 7, 12)),  # year, month, day
    ("pühapäev, 18. juuli 2021", D(2021, 7, 18)),
    ("14 Ιουλίου 2021", D(2021, 7, 14)),
    ("14 юли 2021 г.", D(2021, 7, 14)),
])
def test_dates_in_other_languages_and_forms_are_read(text: str, day: date) -> None:
    assert [d for d, _, _ in find_full_dates(text)] == [day]


def test_other_languages_months_need_a_day_and_a_year() -> None:
    assert find_full_dates("Juli 2021 and Mai 2021 alone, and kolovoza 7") == []
    assert [d.text for d in find_dates("Chora fell on 7 kolovoza.", D(2021, 8, 20), "day")] == []
    # (a Croatian October and a Polish November share a name: it is read as neither)
    assert find_full_dates("3 listopada 2021") == []


def test_solar_hijri_dates_are_read_as_gregorian_days() -> None:
    text = "Kandahar, 23 Saratan 1400: Ghorak fell. Kabul fell on 24 Asad 1400; 31 Sunbula 1400; 32 Saratan 1400."
    assert [(d, text[s:e]) for d, s, e in find_full_dates(text)] == [
        (D(2021, 7, 14), "23 Saratan 1400"), (D(2021, 8, 15), "24 Asad 1400"), (D(2021, 9, 22), "31 Sunbula 1400")]
    # (no 32nd day of a month: not a date)


def test_ordinal_day_fortnight_and_previous_weekend() -> None:
    pub = D(2021, 7, 20)  # a Tuesday
    ranges = {d.text: (d.low, d.high) for d in find_dates(
        "It fell on the 3rd; another went on the 25th; a third a fortnight ago; a fourth the previous weekend; "
        "and one on the 4th of July.", pub, "day")}
    assert ranges["on the 3rd"] == (D(2021, 7, 3), D(2021, 7, 3))
    assert ranges["on the 25th"] == (D(2021, 6, 25), D(2021, 6, 25))  # after the publication day: the month before
    assert ranges["a fortnight ago"] == (D(2021, 7, 3), D(2021, 7, 9))
    assert ranges["previous weekend"] == (D(2021, 7, 17), D(2021, 7, 18))
    assert ranges["4th of July"] == (D(2021, 7, 4), D(2021, 7, 4))  # a month named: the month-day form reads it


def test_numeric_dates_are_read_only_when_unambiguous_or_dotted() -> None:
    text = "Posted 14.07.2021; Date 10.08.2021; sent 10/08/2021; filed 07/13/2021."
    found = find_full_dates(text)
    # dotted dates are day first wherever they are written; a slashed 10/08 could be either, so it is left out
    assert [(d, text[s:e]) for d, s, e in found] == [
        (D(2021, 7, 14), "14.07.2021"), (D(2021, 8, 10), "10.08.2021"), (D(2021, 7, 13), "07/13/2021")]


def test_find_month_days_reads_year_less_dates_only() -> None:
    text = "Clashes on July 7 and Aug. 6, then 9 August; a caption reads July 8, 2021."
    found = find_month_days(text)
    assert [(m, d) for m, d, _, _ in found] == [(7, 7), (8, 6), (8, 9)]
    assert [text[s:e] for _, _, s, e in found] == ["July 7", "Aug. 6", "9 August"]


def test_explicit_date_spans_cover_written_dates() -> None:
    text = "On July 7, 2021, 40 soldiers fled; by July 9 another 12 had gone."
    assert [text[s:e] for s, e in explicit_date_spans(text)] == ["July 7, 2021", "July 9"]


def test_parse_header_date_reads_day_and_month_precision() -> None:
    assert parse_header_date("2021-07-10") == (D(2021, 7, 10), "day")
    assert parse_header_date(" date 2021-08") == (D(2021, 8, 1), "month")
    assert parse_header_date("July 7, 2021") == (D(2021, 7, 7), "day")
    assert parse_header_date("2021-02-30") is None
    assert parse_header_date("yesterday") is None


def test_month_range() -> None:
    assert month_range(D(2021, 2, 10)) == (D(2021, 2, 1), D(2021, 2, 28))
    assert month_range(D(2024, 2, 29)) == (D(2024, 2, 1), D(2024, 2, 29))




# ---------------------------------------------------------------- properties

DATE_WORDS = [
    "on", "in", "since", "by", "before", "after", "late", "early", "mid-", "the", "end", "of", "last", "this",
    "next", "past", "week", "weekend", "month", "year", "Thursday", "Sunday", "night", "July", "Aug.", "May",
    "March", "7", "30", "2021", "2001", "12", "34", "1,037", "-", "and", "to", "between", "two", "days", "ago",
    "yesterday", "today", "overnight", "recent", "hours", "24", "September", "11", "attacks", ",", ".",
    "2021-07-07", "07/07/2021", "13.07.2021", "earlier", "Today", "USA",
]
PUBLISHED = st.one_of(st.none(), st.dates())
PRECISION = st.sampled_from(["day", "month", "year", ""])


def check_mentions(text: str, mentions: list[DateMention]) -> None:
    """Assert the reader's invariants: offsets inside the text, words match, ordered ranges, disjoint spans."""
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
        assert m.low is not None or m.high is not None
        if m.low is not None and m.high is not None:
            assert m.low <= m.high


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), published=PUBLISHED, precision=PRECISION)
def test_arbitrary_text_never_raises(text: str, published: date | None, precision: str) -> None:
    check_mentions(text, find_dates(text, published, precision))
    for d, s, e in find_full_dates(text):
        assert 0 <= s < e <= len(text) and isinstance(d, date)
    for month, day, s, e in find_month_days(text):
        assert 1 <= month <= 12 and 1 <= day <= 31 and 0 <= s < e <= len(text)
    parse_header_date(text)


@settings(max_examples=250, deadline=None)
@given(
    words=st.lists(st.sampled_from(DATE_WORDS), max_size=14),
    published=PUBLISHED,
    precision=PRECISION,
)
def test_date_like_word_salad_keeps_invariants(words: list[str], published: date | None, precision: str) -> None:
    text = " ".join(words)
    check_mentions(text, find_dates(text, published, precision))


def test_two_whole_months_named_together_are_one_range_and_other_pairs_stay_apart() -> None:
    from analysis.extract.dates import find_dates

    got = [(d.text, d.low, d.high) for d in find_dates("They fell in June and July 2021.", date(2021, 8, 20))]
    assert got == [("in June and July 2021", date(2021, 6, 1), date(2021, 7, 31))]
    got = [(d.low, d.high) for d in find_dates("It fell on 3 July and 9 July.", date(2021, 8, 20))]
    assert got == [(date(2021, 7, 3), date(2021, 7, 3)), (date(2021, 7, 9), date(2021, 7, 9))]  # days are not months


@pytest.mark.parametrize(("text", "published", "low", "high"), [
    ("Gizab fell on the eve of Eid.", date(2021, 7, 28), date(2021, 7, 19), date(2021, 7, 19)),
    ("Gizab fell during the Eid holidays.", date(2021, 7, 28), date(2021, 7, 20), date(2021, 7, 22)),
    ("Nerkh fell on the second day of Eid al-Fitr.", date(2021, 5, 20), date(2021, 5, 14), date(2021, 5, 14)),
    ("Nerkh fell on the first day of Eid ul-Adha.", date(2021, 8, 20), date(2021, 7, 20), date(2021, 7, 20)),
    ("Gizab fell on the eve of Eid.", date(2021, 7, 10), date(2021, 5, 12), date(2021, 5, 12)),  # the Eid before
])
def test_feast_days_are_read_from_the_feast_table(text: str, published: date, low: date, high: date) -> None:
    mention = only(text, published)
    assert (mention.low, mention.high) == (low, high)


def test_an_eid_long_before_publication_or_a_word_containing_eid_is_no_date() -> None:
    assert find_dates("Gizab fell on the eve of Eid.", date(2021, 12, 1)) == []
    assert find_dates("Officials in Reidun said the road was open on the eve.", date(2021, 7, 28)) == []


@pytest.mark.parametrize(("text", "day"), [
    ("Published on Friday, 9 of July of 2021 in the evening.", date(2021, 7, 9)),
    ("The page dated 2021 year 29 June, Tuesday, said so.", date(2021, 6, 29)),
    ("A note of 2021 year July 19 says so.", date(2021, 7, 19)),
    ("2021 year 8 month 14 day (Sat) 7:05 distribution", date(2021, 8, 14)),
])
def test_a_translators_full_dates_are_read(text: str, day: date) -> None:
    assert [d for d, _, _ in find_full_dates(text)] == [day]


def test_a_year_followed_by_the_word_year_and_a_count_is_no_full_date() -> None:
    assert find_full_dates("In 2021 year 5 districts fell and 2021 year 13 month 40 day is no day.") == []


def test_each_other_language_calendar_word_has_one_number() -> None:
    import csv
    from analysis.extract.dateforms import CALENDAR_WORDS_CSV
    with CALENDAR_WORDS_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    numbers: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        numbers.setdefault((row["kind"], row["name"].lower()), set()).add(row["number"])
    assert len(rows) > 500
    assert {key: n for key, n in numbers.items() if len(n) > 1} == {}
    assert all(1 <= int(r["number"]) <= (12 if r["kind"] == "month" else 7) for r in rows)
