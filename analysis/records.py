"""Typed records that cross module boundaries: places, dates, counts, claims, articles, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

EVENT_TYPES: tuple[str, ...] = ("district_seized", "capital_entered", "troops_fled")
PLACE_TYPES: tuple[str, ...] = ("province", "capital", "district", "border_crossing", "country")
OUTCOMES: tuple[str, ...] = ("fell", "repelled", "contested", "unknown")
# how strongly each outcome is attested when reports of one capital entry disagree (a repulse is reported only
# when it happened; "unknown" and no outcome say nothing)
OUTCOME_RANK: dict[str, int] = {"repelled": 3, "fell": 2, "contested": 1, "unknown": 0, "": 0}
CLAIMANTS: tuple[str, ...] = (
    "taliban",
    "afghan_government",
    "foreign_government",
    "international_org",
    "residents",
    "media",
    "unknown",
)
STANCES: tuple[str, ...] = ("asserted", "denied")
MODALITIES: tuple[str, ...] = ("asserted", "speculative", "conditional", "future", "negated", "past")
HISTORY_GAP = timedelta(days=180)  # a mention dated wholly this long before publication is history (modality "past")


def is_history(modality: str, date_high: date | None, published: date | None) -> bool:
    """Whether an asserted or negated mention ends more than HISTORY_GAP before `published` ('took Kabul in 1996')."""
    return modality in ("asserted", "negated") and date_high is not None and published is not None and \
        date_high < published - HISTORY_GAP


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a province, capital, district, border crossing or country."""

    place_id: str
    name: str
    place_type: str
    province: str = ""
    district: str = ""
    country: str = "Afghanistan"
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, with the span it came from and the readings it could have."""

    place: Place
    text: str
    start: int
    end: int
    candidates: tuple[Place, ...] = ()
    resolved_by: str = "unique"  # unique | context | default


@dataclass(frozen=True)
class DateMention:
    """A temporal expression read as an inclusive day range, with the words it came from."""

    low: date | None
    high: date | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Count:
    """A number of people or districts read from words, with its bounds and qualifier."""

    low: int | None
    high: int | None
    text: str
    qualifier: str = "exact"  # exact | more_than | at_least | about | up_to | vague | all | most
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Claim:
    """Who asserts a statement and whether they assert or deny it."""

    claimant: str = "unknown"
    stance: str = "asserted"
    cue: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of its article's text."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Article:
    """One input article after reading and cleaning, ready for extraction."""

    article_id: str
    path: str
    text: str = ""
    published: date | None = None
    published_precision: str = ""  # day | month | ""
    published_source: str = "unknown"  # header | text | corpus | unknown
    outlet: str = ""
    dateline: str = ""
    status: str = "ok"
    warnings: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    n_boilerplate: int = 0
    encoding: str = ""
    fmt: str = ""
    content_hash: str = ""
    duplicate_of: str = ""
    url: str = ""
    n_sentences: int = -1  # kept when the sentences themselves are dropped to save memory
    offset_map: tuple[tuple[int, int], ...] = ()  # characters removed by normalisation: maps offsets back to the text as read


@dataclass(frozen=True)
class Mention:
    """One sentence's report of one event (see docs/EVENTS.md, mentions.csv)."""

    mention_id: str
    article_id: str
    event_type: str
    place: str
    place_type: str
    province: str = ""
    destination: str = ""
    date_low: date | None = None
    date_high: date | None = None
    date_text: str = ""
    count_low: int | None = None
    count_high: int | None = None
    count_text: str = ""
    outcome: str = ""
    claimant: str = "unknown"
    stance: str = "asserted"
    sentence: str = ""
    char_start: int = 0
    char_end: int = 0
    place_id: str = ""
    latitude: float | None = None
    longitude: float | None = None
    actor: str = "taliban"
    count_qualifier: str = ""
    claim_cue: str = ""
    repeat_of: str = ""
    event_id: str = ""  # the event this mention was merged into ("" when it joined none)
    modality: str = "asserted"  # asserted | speculative | conditional | future | negated | past


@dataclass(frozen=True)
class Tally:
    """A claimed total of districts held, with who claims it (tallies.csv)."""

    article_id: str
    date: date | None
    claimant: str
    scope: str
    unit: str
    count_low: int | None
    count_high: int | None
    count_text: str
    sentence: str
    char_start: int = 0
    char_end: int = 0
    qualifier: str = ""


@dataclass(frozen=True)
class Event:
    """A real-world event after merging mentions across sentences and articles (events.csv)."""

    event_id: str
    event_type: str
    place: str
    place_type: str
    province: str
    destination: str
    latitude: float | None
    longitude: float | None
    date: date | None
    date_low: date | None
    date_high: date | None
    count_low: int | None
    count_high: int | None
    count_text: str
    outcome: str
    status: str
    claimants: str
    n_mentions: int
    n_articles: int
    n_sources: int
    article_ids: str
    evidence: str
    evidence_article: str = ""
    denied_by: str = ""
    denial_evidence: str = ""
    mention_ids: str = ""
    place_id: str = ""


@dataclass
class ArticleResult:
    """What reading and extraction produce for one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    sketch: bytes | tuple[int, ...] = ()  # near-duplicate sketch, packed 8 bytes a value
    bands: bytes | tuple[int, ...] = ()  # LSH band keys, packed likewise
    month_days: tuple[tuple[int, int], ...] = ()
    line_keys: tuple[tuple[str, str], ...] = ()
    warnings: list[str] = field(default_factory=list)
    deferred: bool = False  # an undated article whose extraction waits for the corpus-dating pass


@dataclass(slots=True)
class CorpusRecord:
    """What the corpus passes keep of one article once its mentions and tallies are spooled to disk."""

    article_id: str
    path: str
    status: str
    content_hash: bytes | str = b""  # a SHA-1 hex digest as its 20 bytes
    published: date | None = None
    published_precision: str = ""
    month_days: tuple[tuple[int, int], ...] = ()
    line_digests: bytes = b""  # 8 bytes per standalone line's key (the lines stay on disk)
    fingerprint: int = -1  # its sketch and band keys in the corpus's FingerprintStore (-1: none kept)
    deferred: bool = False  # read but not yet extracted: the corpus-dating pass extracts it
