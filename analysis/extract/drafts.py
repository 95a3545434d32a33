"""The draft of a mention while a sentence is read: what a trigger found before claims, dates and ids are added."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from analysis.records import Count, Place

# a picked date: low and high bounds (either may be open) and the words that gave it
DateRange = tuple[date | None, date | None, str]


@dataclass
class MentionDraft:
    """One reading of a trigger: event type, place and what the sentence says about it, before it is a Mention."""

    event_type: str
    key: str  # what makes two readings of one sentence the same event (place id, or province and count kind)
    place: Place
    pos: int  # where in the sentence the reading starts (its claim and date are looked for around it)
    outcomes: set[str] = field(default_factory=set)
    negated: bool = False
    priority: int = 2  # of two readings of one place in a sentence, the higher one wins
    related: set[str] = field(default_factory=set)  # place ids a denial of any of them contradicts
    count: Count | None = None
    count_text: str = ""
    destination: str = ""
    province: str = ""
    open_low: bool = False  # the date gives only an upper bound (a retake says nothing of when the loss was)
    actor: str = "taliban"
    modality: str | None = None  # None until the trigger's modality is read
    date: DateRange | None = None  # (low, high, text) once picked
    date_from: int | None = None  # the clause holding this reading's own date starts here...
    date_until: int | None = None  # ...and ends here
    aside: tuple[int, int] | None = None  # the ", which ...," clause the reading comes from, if any
