"""Read counts of people or districts in news text (digits and words) with their bounds and qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from analysis.extract.dateforms import _YEAR_FOLLOWERS as _NOUN_AFTER_YEAR_STOP  # one word list for both readers
from analysis.extract.dates import explicit_date_spans
from analysis.records import Count

# How counts are read (the contract the tests pin down):
# - "1,037", "twelve", "ninety-nine", "two hundred and fifty", "a thousand", "1.5 million" -> exact.
# - "more than N", "over N", "above N", "upwards of N", "N-plus" -> qualifier more_than, low N, high None.
# - "at least N", "no fewer than N", "N or more" -> at_least, low N, high None.
# - "about/around/some/roughly/approximately/an estimated N", "N or so" -> about, a band of +-10%
#   rounded (at least +-1): "some 30" -> 27..33, "about 1,500" -> 1350..1650.
# - "nearly/almost/close to/just under N" -> up_to, low ceil(0.9 N) (capped at N-1), high N-1.
# - "up to/as many as/no more than/at most N" -> up_to, low None, high N.
# - "fewer than/less than/under/below N" -> up_to, low None, high N-1.
# - "between N and M", "N to M", "N-M", "two or three" -> qualifier range, low N, high M.
# - Vague words (qualifier vague): "dozens" 24..99, "scores of" 40..99, "hundreds" 200..999,
#   "thousands" 2000..9999, "tens of thousands" 20000..99999, "hundreds of thousands"
#   200000..999999, "millions" 2e6..9999999, "a few" 2..5, "a handful" 2..5, "a couple" 2..3,
#   "several" 3..9; with a scale they multiply: "several hundred" 300..900, "a few dozen" 24..60.
#   "a dozen" is exactly 12, "three dozen" 36, "half a dozen" 6.
# - A qualifier on a vague or ranged count keeps its bounds on the side it names:
#   "more than a dozen" -> more_than 12..None, "up to several hundred" -> up_to None..900.
# - Not counts: years ("in 2021"; a four-digit 1900-2099 number is a count only before a plural noun,
#   "2000 troops"), written dates ("July 7", "7 July 2021", "2021-07-07"), ordinals ("34th",
#   "second"), percentages ("90 percent", "90%"), times ("10 a.m.", "10:30", "0800 GMT"), money
#   ("$10", "10 dollars"), durations and measures ("24 hours", "two decades", "50 km",
#   "a three-day"), identifiers ("Mi-17", "COVID-19", "No. 5", "Highway 1", "9/11", "16x9"),
#   plain decimals ("2.5"), "no one", "one another". "half" and "most" are not counts.
# - "all" and "most" are quantifiers, read by find_quantifiers/parse_quantifier with qualifier
#   all/most and no bounds.

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_BIG_SCALES: dict[str, int] = {"thousand": 1000, "million": 10**6, "billion": 10**9}

_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("more", "than"): "more_than", ("over",): "more_than", ("above",): "more_than",
    ("in", "excess", "of"): "more_than", ("upwards", "of"): "more_than", ("upward", "of"): "more_than",
    ("well", "over"): "more_than", ("well", "above"): "more_than", ("just", "over"): "more_than",
    ("greater", "than"): "more_than", ("well", "more", "than"): "more_than",
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "fewer", "than"): "at_least", ("not", "less", "than"): "at_least", ("a", "minimum", "of"): "at_least",
    ("about",): "about", ("around",): "about", ("some",): "about", ("roughly",): "about",
    ("approximately",): "about", ("approx",): "about", ("an", "estimated"): "about", ("estimated",): "about",
    ("circa",): "about", ("nearly",): "nearly", ("almost",): "nearly", ("close", "to"): "nearly",
    ("just", "under"): "nearly", ("just", "below"): "nearly", ("just", "shy", "of"): "nearly",
    ("up", "to"): "up_to", ("as", "many", "as"): "up_to", ("no", "more", "than"): "up_to",
    ("not", "more", "than"): "up_to", ("at", "most"): "up_to", ("a", "maximum", "of"): "up_to",
    ("fewer", "than"): "below", ("less", "than"): "below", ("under",): "below", ("below",): "below",
}
_QUALIFIER_FIRST = frozenset(words[0] for words in _QUALIFIERS)
_MAX_QUALIFIER = max(len(words) for words in _QUALIFIERS)
_PHRASAL_OVER = frozenset(
    "take took taken takes taking hand handed hands handing turn turned turns turning win won wins winning "
    "fight fought argue argued pass passed passing control".split()
)
_UNIT_WORDS = frozenset(
    "second seconds minute minutes hour hours hr hrs day days week weeks month months year years decade "
    "decades century centuries night nights km kms kilometre kilometres kilometer kilometers mile miles "
    "metre metres meter meters m cm mm kg kilogram kilograms kilo kilos tonne tonnes ton tons feet foot ft "
    "acre acres hectare hectares degree degrees mph kph percent pc percentage per dollars dollar euros euro "
    "pounds rupees rupee afghanis afghani afs afn usd eur rials rial somoni yuan roubles rubles ruble "
    "cents am pm gmt utc".split()
)
_IDENT_BEFORE = frozenset(
    "no nos number article resolution page chapter section route highway flight room paragraph clause "
    "phase version volume vol channel code platform terminal item annex pillar level grade gate".split()
)
_ONE_BEFORE = frozenset("no the this that which any every each".split())
_ONE_AFTER = frozenset("another anyone".split())
_MONEY_BEFORE = frozenset("$ £ € ¥ # №".split())
_MONEY_WORDS_BEFORE = frozenset("us$ usd rs afs afn eur".split())

_START_WORDS = frozenset(
    set(_QUALIFIER_FIRST) | set(_UNITS) | set(_TENS)
    | {"a", "an", "half", "between", "several", "dozens", "scores", "tens", "hundreds", "thousands", "millions"}
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_PRECHECK = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
    r"|hundreds?|thousands?|millions?|billion|dozens?|scores|several|few|handful|couple)\b",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"\s*(?:[ap]\.\s?m\b\.?|[ap]m\b|gmt\b|utc\b|hrs\b|h\b|o['’]clock\b|local\s+time\b)", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_QUANTIFIER = re.compile(
    r"\b(?:(?P<pre>almost|nearly|virtually|practically)\s+)?(?P<q>all|most)\b(?!-)", re.IGNORECASE
)
_QUANT_NEXT = re.compile(r"\s+([A-Za-z][A-Za-z'’]*)")
_QUANT_PREV = re.compile(r"([A-Za-z]+)\s+\Z")


_PAD = 6  # empty sentinel tokens after the end: words[i + k] and words[-1] never fail


@dataclass(frozen=True)
class _Base:
    """A count before its qualifier: bounds, kind, token indices, and whether digits were used."""

    low: int
    high: int
    kind: str  # exact | range | vague
    first: int
    last: int
    digits: bool = False

    @property
    def exact(self) -> bool:
        """Tell whether the count is a single exact number."""
        return self.kind == "exact"


class _Tokens:
    """Tokens of a text (lowercase words, raw words, spans) padded with empty sentinels at the end."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        spans = [m.span() for m in _TOKEN.finditer(text)]
        self.n = len(spans)
        self.starts = [a for a, _ in spans] + [-1] * _PAD
        self.ends = [e for _, e in spans] + [-2] * _PAD
        self.words = [low[a:e] for a, e in spans] + [""] * _PAD
        self.raw = [text[a:e] for a, e in spans] + [""] * _PAD

    def low(self, i: int) -> str:
        """Return the lowercase token at i, or '' past the ends."""
        return self.words[i] if -_PAD <= i < self.n + _PAD else ""

    def attached(self, i: int, j: int) -> bool:
        """Tell whether tokens i and j touch with no space between them."""
        return 0 <= i < self.n and 0 <= j < self.n and self.ends[i] == self.starts[j]

    def is_word(self, i: int) -> bool:
        """Tell whether token i is a word of letters."""
        return 0 <= i < self.n and self.words[i][0].isalpha()

    def is_digits(self, i: int) -> bool:
        """Tell whether token i is a run of digits (possibly grouped or decimal)."""
        return 0 <= i < self.n and self.words[i][0].isdigit()


def _digit_value(tokens: _Tokens, i: int) -> Optional[tuple[int, int]]:
    """Read a digit token (with an optional scale word after it) as (value, index after)."""
    raw = tokens.raw[i]
    if "," in raw and "." not in raw:
        if not _GROUPED.fullmatch(raw):
            return None
        raw = raw.replace(",", "")
    elif "," in raw:
        return None
    digits = raw.replace(".", "")
    if len(digits) > 12:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    j = i + 1
    scale = _SCALES.get(tokens.low(j))
    if scale is not None and not tokens.attached(i, j):
        value *= scale
        j += 1
    if value != value.to_integral_value():
        return None
    return int(value), j


def _small(tokens: _Tokens, i: int) -> Optional[tuple[int, int]]:
    """Read a number word below 100 ('seven', 'forty', 'ninety-nine', 'twenty five')."""
    w = tokens.low(i)
    if w in _UNITS:
        return _UNITS[w], i + 1
    if w in _TENS:
        value = _TENS[w]
        j = i + 1
        if tokens.low(j) == "-" and tokens.attached(i, j) and tokens.attached(j, j + 1):
            unit = _UNITS.get(tokens.low(j + 1))
            if unit is not None and 1 <= unit <= 9:
                return value + unit, j + 2
        unit = _UNITS.get(tokens.low(j))
        if unit is not None and 1 <= unit <= 9:
            return value + unit, j + 1
        return value, j
    return None


def _hundreds(tokens: _Tokens, i: int, allow_article: bool) -> Optional[tuple[int, int]]:
    """Read a number word below 1000 ('three hundred and twelve', 'a hundred')."""
    if allow_article and tokens.low(i) in ("a", "an") and tokens.low(i + 1) in _SCALES:
        value, j = 1, i + 1
    else:
        small = _small(tokens, i)
        if small is None:
            return None
        value, j = small
    if tokens.low(j) == "hundred":
        value *= 100
        j += 1
        k = j + 1 if tokens.low(j) == "and" else j
        rest = _small(tokens, k)
        if rest is not None:
            value += rest[0]
            j = rest[1]
    return value, j


def _word_value(tokens: _Tokens, i: int) -> Optional[tuple[int, int]]:
    """Read a number written in words ('two thousand five hundred', 'a million') as (value, index after)."""
    head = _hundreds(tokens, i, allow_article=True)
    if head is None:
        return None
    value, j = head
    total = 0
    last_scale = 10**12
    while tokens.low(j) in _BIG_SCALES and _BIG_SCALES[tokens.low(j)] < last_scale:
        scale = _BIG_SCALES[tokens.low(j)]
        total += value * scale
        last_scale = scale
        value = 0
        j += 1
        k = j + 1 if tokens.low(j) == "and" else j
        nxt = _hundreds(tokens, k, allow_article=False)
        if nxt is None:
            break
        value, j = nxt
    return total + value, j


def _exact_at(tokens: _Tokens, i: int) -> Optional[tuple[int, int, bool]]:
    """Read an exact number at i (digits or words, with 'dozen') as (value, index after, from digits)."""
    w = tokens.low(i)
    if w == "half" and tokens.low(i + 1) == "a" and tokens.low(i + 2) == "dozen":
        return 6, i + 3, False
    if w in ("a", "an") and tokens.low(i + 1) == "dozen":
        return 12, i + 2, False
    if tokens.is_digits(i):
        got = _digit_value(tokens, i)
        digits = True
    else:
        got = _word_value(tokens, i)
        digits = False
    if got is None:
        return None
    value, j = got
    if tokens.low(j) == "dozen":
        value *= 12
        j += 1
    return value, j, digits


_VAGUE_FEW: dict[tuple[str, ...], tuple[int, int]] = {
    ("a", "few"): (2, 5), ("a", "handful"): (2, 5), ("a", "couple"): (2, 3), ("several",): (3, 9),
}
_VAGUE_SCALES: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}


def _vague_at(tokens: _Tokens, i: int) -> Optional[tuple[int, int, int]]:
    """Read a vague count at i ('dozens', 'hundreds of thousands', 'several hundred', 'a few') as (low, high, after)."""
    w = tokens.low(i)
    if w == "dozens":
        return 24, 99, i + 1
    if w == "scores" and tokens.low(i + 1) == "of":
        return 40, 99, i + 1
    if w == "tens" and tokens.low(i + 1) == "of" and tokens.low(i + 2) == "thousands":
        return 20_000, 99_999, i + 3
    if w == "hundreds":
        if tokens.low(i + 1) == "of" and tokens.low(i + 2) == "thousands":
            return 200_000, 999_999, i + 3
        return 200, 999, i + 1
    if w == "thousands":
        return 2000, 9999, i + 1
    if w == "millions":
        return 2_000_000, 9_999_999, i + 1
    for words, (lo, hi) in _VAGUE_FEW.items():
        if all(tokens.low(i + k) == word for k, word in enumerate(words)):
            j = i + len(words)
            scale = _VAGUE_SCALES.get(tokens.low(j))
            if scale is not None:
                return lo * scale, hi * scale, j + 1
            return lo, hi, j
    return None


def _base_at(tokens: _Tokens, i: int) -> Optional[_Base]:
    """Read the count itself at i (exact, ranged or vague), without its qualifier."""
    if tokens.low(i) == "between":
        first = _exact_at(tokens, i + 1)
        if first is not None and tokens.low(first[1]) == "and":
            second = _exact_at(tokens, first[1] + 1)
            if second is not None and second[0] > first[0]:
                return _Base(first[0], second[0], "range", i, second[1], first[2] or second[2])
        return None
    exact = _exact_at(tokens, i)
    if exact is not None:
        value, j, digits = exact
        sep = tokens.low(j)
        if sep in ("-", "–", "to", "or") and not (sep == "-" and not tokens.attached(j, j + 1)):
            second = _exact_at(tokens, j + 1)
            if second is not None and second[0] > value and (sep != "or" or second[2] == digits):
                return _Base(value, second[0], "range", i, second[1], digits or second[2])
        return _Base(value, value, "exact", i, j, digits)
    vague = _vague_at(tokens, i)
    if vague is not None:
        return _Base(vague[0], vague[1], "vague", i, vague[2])
    return None


def _band(value: int) -> int:
    """Return the half-width of an 'about N' band: 10% rounded, at least 1."""
    return max(1, int(Decimal(value) / 10 + Decimal("0.5")))


def _qualify(qualifier: str, base: _Base) -> tuple[Optional[int], Optional[int], str]:
    """Combine a qualifier with a count's bounds into (low, high, qualifier)."""
    lo, hi = base.low, base.high
    plain = base.kind
    if qualifier == "":
        return lo, hi, plain
    if qualifier in ("more_than", "at_least"):
        return lo, None, qualifier
    if qualifier == "about":
        if base.exact:
            d = _band(lo)
            return max(0, lo - d), hi + d, "about"
        return lo, hi, "about"
    if qualifier == "up_to":
        return None, hi, "up_to"
    if qualifier == "below":
        return None, max(0, hi - 1), "up_to"
    if qualifier == "nearly":
        if base.exact:
            top = max(0, hi - 1)
            low = min(-(-(lo * 9) // 10), top)
            return low, top, "up_to"
        return None, hi, "up_to"
    return lo, hi, plain


def _qualifier_at(tokens: _Tokens, i: int) -> Optional[tuple[str, int]]:
    """Return the qualifier starting at i and the index after it, longest first."""
    if tokens.low(i) not in _QUALIFIER_FIRST:
        return None
    for size in range(_MAX_QUALIFIER, 0, -1):
        words = tuple(tokens.low(i + k) for k in range(size))
        code = _QUALIFIERS.get(words)
        if code is not None:
            if words == ("over",) and tokens.low(i - 1) in _PHRASAL_OVER:
                return None
            return code, i + size
    return None


def _next_word(tokens: _Tokens, j: int) -> str:
    """Return the lowercase word at j, looking past a following 'of' ('dozens of miles')."""
    w = tokens.low(j)
    if w == "of":
        return tokens.low(j + 1)
    return w


def _excluded(tokens: _Tokens, base: _Base, spans: list[tuple[int, int]]) -> bool:
    """Tell whether a count is really a year, date, ordinal, percentage, time, sum of money, measure or code."""
    text = tokens.text
    first, after = base.first, base.last
    last = after - 1
    start, end = tokens.starts[first], tokens.ends[last]
    for s, e in spans:
        if s < end and start < e:
            return True
    prev = first - 1
    if tokens.low(prev) in _MONEY_BEFORE and tokens.attached(prev, first):
        return True
    if tokens.low(prev) in _MONEY_WORDS_BEFORE:
        return True
    if tokens.low(after) == "%" or _next_word(tokens, after) in _UNIT_WORDS:
        return True
    if tokens.low(after) == "-" and tokens.attached(last, after) and tokens.is_word(after + 1):
        if tokens.low(after + 1) not in ("strong", "plus", "odd") and tokens.attached(after, after + 1):
            return True
    if tokens.low(after) == "per" and tokens.low(after + 1) == "cent":
        return True
    if _TIME_AFTER.match(text, end):
        return True
    if tokens.is_digits(first) or tokens.is_digits(last):
        if tokens.is_word(prev) and tokens.attached(prev, first):
            return True
        if tokens.is_word(after) and tokens.attached(last, after):
            return True
        if tokens.low(prev) in ("-", "/", ":", ".") and tokens.attached(prev, first) and (
            tokens.is_word(prev - 1) or tokens.is_digits(prev - 1)
        ) and tokens.attached(prev - 1, prev):
            return True
        if tokens.low(after) in ("/", ":") and tokens.attached(last, after) and tokens.is_digits(after + 1):
            return True
        if tokens.low(prev) in _IDENT_BEFORE and tokens.raw[prev][:1].isupper():
            return True
        if tokens.low(prev) == "." and tokens.low(prev - 1) in ("no", "nos"):
            return True
    if base.digits and base.kind != "vague" and not _noun_follows(tokens, after):
        numbers = [t for t in tokens.raw[first:after] if t[:1].isdigit()]
        if numbers and all(len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2099 for n in numbers):
            return True  # a year or a span of years
    if tokens.low(first) == "one" and base.exact and after == first + 1:
        if tokens.low(prev) in _ONE_BEFORE or tokens.low(after) in _ONE_AFTER:
            return True
        if tokens.low(after) == "by" and tokens.low(after + 1) == "one":
            return True
    return False


def _noun_follows(tokens: _Tokens, j: int) -> bool:
    """Tell whether a plural noun follows (then a year-like number is a count: '2000 troops')."""
    if not tokens.is_word(j):
        return False
    word = tokens.raw[j]
    if not word[0].islower() or tokens.low(j) in _NOUN_AFTER_YEAR_STOP:
        return False
    low = tokens.low(j)
    return low.endswith("s") or low in ("people", "police", "personnel", "militia", "men", "women", "children")


def _suffix(tokens: _Tokens, base: _Base) -> tuple[str, int]:
    """Read a trailing qualifier ('or more', 'or so', '-plus', '-odd') after an exact count."""
    j = base.last
    if not base.exact:
        return "", j
    if tokens.low(j) == "or" and tokens.low(j + 1) == "more":
        return "at_least", j + 2
    if tokens.low(j) == "or" and tokens.low(j + 1) == "so":
        return "about", j + 2
    if tokens.low(j) == "-" and tokens.attached(j - 1, j) and tokens.attached(j, j + 1):
        if tokens.low(j + 1) == "plus":
            return "more_than", j + 2
        if tokens.low(j + 1) == "odd":
            return "about", j + 2
    if tokens.low(j) == "+" and tokens.attached(j - 1, j):
        return "more_than", j + 1
    return "", j


def _count_at(tokens: _Tokens, i: int, spans: list[tuple[int, int]]) -> Optional[tuple[Count, int]]:
    """Read a whole count expression starting at token i, with the index after it."""
    qualifier, j = "", i
    found = _qualifier_at(tokens, i)
    if found is not None:
        qualifier, j = found
    base = _base_at(tokens, j)
    if base is None:
        return None
    if _excluded(tokens, base, spans):
        return None
    suffix, end_index = _suffix(tokens, base)
    if suffix and not qualifier:
        qualifier = suffix
    elif suffix:
        end_index = base.last
    low, high, code = _qualify(qualifier, base)
    if low is not None and high is not None and low > high:
        low, high = high, low
    start = tokens.starts[i]
    end = tokens.ends[end_index - 1]
    return Count(low=low, high=high, text=tokens.text[start:end], qualifier=code, start=start, end=end), end_index


def find_counts(text: str) -> list[Count]:
    """Return the counts written in `text` (digits or words), sorted and non-overlapping, with offsets."""
    if not isinstance(text, str) or not text or not _PRECHECK.search(text):
        return []
    tokens = _Tokens(text)
    spans = explicit_date_spans(text) if _DIGIT.search(text) else []
    counts: list[Count] = []
    i = 0
    words = tokens.words
    while i < tokens.n:
        w = words[i]
        if w[0].isdigit() or w in _START_WORDS:
            got = _count_at(tokens, i, spans)
            if got is not None:
                counts.append(got[0])
                i = max(got[1], i + 1)
                continue
        i += 1
    return counts


def parse_count(words: str) -> Optional[Count]:
    """Return the first count in a phrase ('more than 1,000 troops' -> more_than 1000), or None."""
    counts = find_counts(words)
    return counts[0] if counts else None


def find_quantifiers(text: str) -> list[Count]:
    """Return 'all' / 'most' quantifiers ('all the districts', 'most of Badakhshan') as bound-less Counts."""
    if not isinstance(text, str) or not text:
        return []
    out: list[Count] = []
    for m in _QUANTIFIER.finditer(text):
        q = m["q"].lower()
        nxt = _QUANT_NEXT.match(text, m.end())
        next_word = nxt.group(1).lower() if nxt else ""
        prev = _QUANT_PREV.search(text, max(0, m.start() - 20), m.start())
        prev_word = prev.group(1).lower() if prev else ""
        if q == "all":
            if prev_word in ("at", "after", "above", "for", "once") or next_word in ("but", "right", "too", "along"):
                continue
            code = "all"
        else:
            if prev_word in ("the", "at", "a"):
                continue
            if next_word != "of" and not (
                next_word.endswith("s") and not next_word.endswith(("ous", "ss", "is", "us"))
            ):
                continue
            code = "most"
        if m["pre"]:
            code = "most"
        out.append(Count(low=None, high=None, text=m.group(0), qualifier=code, start=m.start(), end=m.end()))
    return out


def parse_quantifier(words: str) -> Optional[Count]:
    """Return an all/most quantifier in a phrase, else its first count ('several' -> 3..9), or None."""
    quantifiers = find_quantifiers(words)
    counts = find_counts(words)
    if quantifiers and (not counts or quantifiers[0].start <= counts[0].start):
        return quantifiers[0]
    return counts[0] if counts else None
