"""The gazetteer of Afghan provinces, capitals, districts, border crossings and neighbouring countries."""

from __future__ import annotations

import csv
from dataclasses import replace
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from analysis.paths import PACKAGE_DATA
from analysis.records import PLACE_TYPES, Place

GAZETTEER_CSV: Path = PACKAGE_DATA / "gazetteer.csv"
CENTRES_CSV: Path = PACKAGE_DATA / "district_centres.csv"
COUNTRIES_CSV: Path = PACKAGE_DATA / "countries.csv"
FOREIGN_PLACES_CSV: Path = PACKAGE_DATA / "foreign_places.csv"
GAZETTEER_COLUMNS: tuple[str, ...] = (
    "place_id",
    "name",
    "place_type",
    "province",
    "district",
    "country",
    "neighbour",
    "latitude",
    "longitude",
    "aliases",
    "source",
)

# Linking words inside compound names: the ezafe ("Qala-e-Naw", "Sar-i-Pul", "Qalah-ye Now")
# and "and" ("Kuran wa Munjan", "Khost-o-Firing"). They carry no identity, so keys drop them.
LINKERS: frozenset[str] = frozenset({"e", "i", "y", "ye", "yi", "wa", "va", "o", "u"})

_TOKEN_RE = re.compile(r"[^\W_]+")
_MIN_SKELETON = 5  # shortest consonant skeleton trusted for vowel-dropping fallback matches


def _rules(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compile (pattern, replacement) pairs."""
    return tuple((re.compile(p), r) for p, r in pairs)


_CONSONANT_RULES = _rules(
    (
        (r"([aeiou])\1+", r"\1"),  # doubled vowels: Nooristan, Injeel
        (r"dj", "j"),
        (r"kh", "k"),
        (r"v", "w"),  # (before the next rule: Khvahan / Khwahan)
        (r"(?<=k)w(?=a)", ""),  # Khwaja / Khaja
        (r"gh", "g"),
        (r"q", "k"),
        (r"c(?!h)", "k"),
        (r"ayi$", "ai"),
        (r"[ae][iy](?![aeiou])", "ai"),  # Fayzabad / Feyzabad / Faizabad, Maymana / Maimana
        (r"[ao][wu](?![aeiou])", "o"),  # Now / Naw / Nau, Kowt / Kot, Dawlat / Daulat / Dowlat
        (r"(?<=[^aeiou])y(?=.)", "i"),  # Paktya / Paktia
    )
)
_AFTER_VOWEL_RULES = _rules(
    (
        (r"iy(?=[aiu])", "i"),  # Paktiya / Paktia
        (r"(?<=[aiu])h(?=[^aiu]|$)", ""),  # Lashkar Gah / Lashkarga, Mehtarlam / Metarlam
        (r"(.)\1+", r"\1"),  # doubled letters: Nooristan, Hassas, Mohammad
    )
)
_VOWEL_RE = re.compile(r"[aeiou]")
_SKELETON_VOWEL_RE = re.compile(r"[aeiouy]")
_EIOU_RE = re.compile(r"[eiou]")


def _finish(t: str) -> str:
    """Apply the rules that follow vowel folding."""
    for pattern, repl in _AFTER_VOWEL_RULES:
        t = pattern.sub(repl, t)
    return t


def _inner(x: str) -> str:
    """Drop an attached ezafe from a word that is not the last of a name (Puli Khumri, Sari Pul)."""
    return x[:-1] if len(x) >= 4 and x.endswith("i") else x


# Letters and letter groups other languages write for English transliteration's sh, ch, j and y. English
# spellings of Afghan names never hold them, so folding them changes no English spelling's key.
_FOREIGN_LETTERS = str.maketrans({"š": "sh", "ş": "sh", "ș": "sh", "ț": "ts", "č": "ch", "ç": "ch", "ž": "zh", "ğ": "gh", "ı": "i",
                                  "ł": "l", "ß": "ss", "đ": "dj", "ã": "an", "õ": "on"})
_FOREIGN_GROUPS = _rules(
    (
        (r"tsch|tsj|cz|cs", "ch"),  # German, Dutch, Polish, Hungarian: Tschaghtscharan, Sangczarak
        (r"dsch|dzs|dzh|dzj|d[zż]", "j"),  # Dschalalabad, Dzsalalabad, Dzhalalabad, Dżalalabad
        (r"sch|sz|sj", "sh"),  # Schindand, Szortepa, Sjindand
        (r"(?<=[aeiou])j(?=[szmntkl])", "y"),  # j for y before a consonant: Kajsar, Fajzabad, Majmana
        (r"^i(?=[aeou])", "y"),  # Iawan
    )
)
_FOREIGN_CUE = re.compile(r"[šşșțčçžğıłßđãõ]|sch|sz|cz|cs|dz|dż|sj|[aeiou]j[szmntkl]|^i[aeou]")


def _english_letters(token: str) -> str:
    """A lower-cased word with other languages' letters for sh, ch, j and y written as English ones (Szortepa -> shortepa)."""
    t = token.lower()
    if not _FOREIGN_CUE.search(t):
        return t
    t = t.translate(_FOREIGN_LETTERS)
    for pattern, repl in _FOREIGN_GROUPS:
        t = pattern.sub(repl, t)
    return t


# How other languages write English transliteration's kh, y, ch, u and w, tried only for a word no spelling of the
# gazetteer matches as it stands: Spanish j and German or Dutch ch for kh (Jwaja, Farchar, Chas), German j for y (Jawan),
# French ch for sh (Chortepa), Italian c before e or i for ch (Cisht), French tch for ch (Tchimtal), Dutch oe for u
# (Oeroezgan), Romanian h and v for kh and w (Hvahan, Badahsan), u for w between vowels (Taiuara), a final e added
# (Faizabade)
_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"(?<![sct])ch", "kh"),
    (r"(?<![sct])ch", "sh"),
    (r"j", "kh"),
    (r"^j", "kh"),
    (r"j", "y"),
    (r"c(?=[ei])", "ch"),
    (r"tch", "ch"),
    (r"oe", "u"),
    (r"^h(?=[aeiouv])", "kh"),
    (r"(?<=[aeiou])h(?=[sš])", "kh"),
    (r"v", "w"),
    (r"(?<=[aeiou])u(?=[aeiou])", "w"),
    (r"(?<=[bdfghklmnprstz])e$", ""),
))
_MAX_VARIANTS = 16


@lru_cache(maxsize=50_000)
def spelling_variants(token: str) -> tuple[str, ...]:
    """Other spellings of a word as another language's transliteration would give it in English letters (Farchar ->
    farkhar, Jwaja -> khwakha), at most a few, none equal to the word itself."""
    t = _strip_accents(_english_letters(token))
    out = {t}
    for pattern, repl in _VARIANT_RULES:
        if pattern.search(t) is None:
            continue
        out |= {pattern.sub(repl, v) for v in out}
        if len(out) > _MAX_VARIANTS:
            break
    out.discard(t)
    return tuple(sorted(out))[:_MAX_VARIANTS]


def _strip_accents(s: str) -> str:
    """Return s lower-cased without combining marks (Bāmyān -> bamyan)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> tuple[str, str, bool, str, str]:
    """Return a word's folded forms (final, inner, is_linker, first_final, first_inner).

    Vowels e, i, o, u fold into one class (Enjel / Injil, Taloqan / Taliqan), except the first
    vowel of a name, which keeps e/i apart from o/u (Doshi is not Dishu). "inner" forms serve a
    word that is not the last of a name; "first" forms serve the first word of a name.
    """
    t = _strip_accents(_english_letters(token))
    if t in LINKERS:
        return "", "", True, "", ""
    if len(t) >= 5 and t.endswith("eh"):  # Persian final -eh: Meymaneh / Maimana, Qaleh / Qala
        t = t[:-2] + "a"
    for pattern, repl in _CONSONANT_RULES:
        t = pattern.sub(repl, t)
    merged = _finish(_EIOU_RE.sub("i", t))
    m = _VOWEL_RE.search(t)
    if m is not None and m.group() != "a":
        head = "i" if m.group() in "ei" else "u"
        first = _finish(t[: m.start()] + head + _EIOU_RE.sub("i", t[m.end() :]))
    else:
        first = merged
    return merged, _inner(merged), False, first, _inner(first)


def name_tokens(s: str) -> list[str]:
    """Split a name or text into word tokens (letters and digits; hyphens, spaces, apostrophes split)."""
    return _TOKEN_RE.findall(s)


def key_of_tokens(tokens: Iterable[str]) -> str:
    """Return the folding key of a sequence of word tokens (see `normalize_name`)."""
    return _key_of_words(tuple(tokens))


@lru_cache(maxsize=100_000)
def _key_of_words(tokens: tuple[str, ...]) -> str:
    """Return the folding key of a tuple of word tokens (see `key_of_tokens`)."""
    words = [f for f in (fold_token(t) for t in tokens) if not f[2]]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][3]
    return words[0][4] + "".join(w[1] for w in words[1:-1]) + words[-1][0]


def normalize_name(s: str) -> str:
    """Return the folding key of a place name, equal for transliteration variants of one name."""
    return key_of_tokens(name_tokens(s))


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """Return the vowel-free skeleton of a key (first letter, consonants, and a final vowel mark)."""
    if not key:
        return ""
    body = _SKELETON_VOWEL_RE.sub("", key[1:])
    tail = "_" if key[-1] in "aeiouy" and len(key) > 1 else ""
    return key[0] + body + tail


def consonant_count(skel: str) -> int:
    """Return how many letters a skeleton carries (its trailing vowel mark excluded)."""
    return len(skel.rstrip("_"))


def _float_or_none(s: str) -> float | None:
    """Parse a CSV coordinate, empty meaning unknown."""
    s = s.strip()
    return float(s) if s else None


TYPE_ORDER: dict[str, int] = {t: i for i, t in enumerate(PLACE_TYPES)}


class Gazetteer:
    """Places with their aliases, indexed by folding key for lookup and text matching."""

    def __init__(self, rows: Iterable[tuple[Place, tuple[str, ...], str]],
                 neighbours: Mapping[str, str] | None = None) -> None:
        """Index places given as (place, aliases, source) triples; aliases exclude the name; `neighbours` maps a
        border crossing's or border province's place_id to the country across the border."""
        self._neighbours: dict[str, str] = dict(neighbours or {})
        places: list[Place] = []
        self._aliases: dict[str, tuple[str, ...]] = {}
        self._sources: dict[str, str] = {}
        self._by_id: dict[str, Place] = {}
        by_key: dict[str, list[Place]] = {}
        self._alias_pairs: list[tuple[str, str]] = []
        for place, aliases, source in rows:
            if place.place_id in self._by_id:
                raise ValueError(f"duplicate place_id {place.place_id!r}")
            if place.place_type not in PLACE_TYPES:
                raise ValueError(f"unknown place_type {place.place_type!r} for {place.place_id}")
            places.append(place)
            self._by_id[place.place_id] = place
            names = (place.name,) + tuple(a for a in aliases if a and a != place.name)
            self._aliases[place.place_id] = names
            self._sources[place.place_id] = source
            for name in names:
                key = normalize_name(name)
                if not key:
                    continue
                self._alias_pairs.append((name, place.place_id))
                bucket = by_key.setdefault(key, [])
                if place not in bucket:
                    bucket.append(place)
        self.places: tuple[Place, ...] = tuple(places)
        self.by_key: dict[str, tuple[Place, ...]] = {k: tuple(v) for k, v in by_key.items()}
        self.prefixes: frozenset[str] = frozenset(k[:i] for k in self.by_key for i in range(1, len(k) + 1))
        self.max_tokens: int = max(
            (len(name_tokens(name)) for name, _ in self._alias_pairs), default=1
        )
        skel: dict[str, set[str]] = {}
        for key in self.by_key:
            s = skeleton(key)
            if consonant_count(s) >= _MIN_SKELETON:
                skel.setdefault(s, set()).add(key)
        # A skeleton is trusted only when all its keys name the same places (one reading group).
        self.by_skeleton: dict[str, str] = {}
        for s, ks in skel.items():
            groups = {frozenset(p.place_id for p in self.by_key[k]) for k in ks}
            if len(groups) == 1:
                self.by_skeleton[s] = min(ks)
        self._provinces: dict[str, Place] = {p.province: p for p in places if p.place_type == "province"}
        self._capitals: dict[str, Place] = {p.province: p for p in places if p.place_type == "capital"}

    def __len__(self) -> int:
        """Return the number of places."""
        return len(self.places)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Return every reading of a name or spelling variant, in gazetteer order (empty if unknown)."""
        key = normalize_name(name)
        hit = self.by_key.get(key)
        if hit is None:
            alt = self.by_skeleton.get(skeleton(key))
            hit = self.by_key.get(alt, ()) if alt is not None else ()
        return hit

    def by_id(self, place_id: str) -> Place:
        """Return the place with this id (KeyError if none)."""
        return self._by_id[place_id]

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id, or None."""
        return self._by_id.get(place_id)

    def aliases(self, place_id: str) -> tuple[str, ...]:
        """Return a place's canonical name followed by its aliases."""
        return self._aliases[place_id]

    def source(self, place_id: str) -> str:
        """Return where a place's name and coordinates come from."""
        return self._sources[place_id]

    def of_type(self, place_type: str) -> tuple[Place, ...]:
        """Return the places of one type, in gazetteer order."""
        return tuple(p for p in self.places if p.place_type == place_type)

    def province(self, name: str) -> Place | None:
        """Return the province a name denotes, or the one province all its readings lie in."""
        readings = self.lookup(name)
        for p in readings:
            if p.place_type == "province":
                return p
        provinces = {p.province for p in readings if p.province}
        if len(provinces) == 1:
            return self._provinces.get(provinces.pop())
        return None

    def province_named(self, province: str) -> Place | None:
        """Return the province whose canonical name is exactly `province`."""
        return self._provinces.get(province)

    def capital_of(self, province_name: str) -> Place | None:
        """Return the capital of the province a name denotes (also given a capital or district)."""
        prov = self.province(province_name)
        return self._capitals.get(prov.province) if prov is not None else None

    def neighbour(self, place: Place) -> str:
        """The country across the border from a crossing or border province ('' when none is recorded)."""
        found = self._neighbours.get(place.place_id, "")
        if not found and place.country and place.country != "Afghanistan":
            return place.country  # a place that is itself abroad
        return found

    def province_neighbour(self, province: str) -> str:
        """The one neighbouring country of a border province, by the province's name ('' when none)."""
        prov = self.province(province) if province else None
        return self._neighbours.get(prov.place_id, "") if prov is not None else ""

    def capital_of_province(self, province: str) -> Place | None:
        """Return the capital of the province whose canonical name is exactly `province`."""
        return self._capitals.get(province)

    def alias_count(self) -> int:
        """Return how many (name, place) pairs the gazetteer holds, canonical names included."""
        return len(self._alias_pairs)


def read_gazetteer_rows(path: Path) -> list[tuple[Place, tuple[str, ...], str]]:
    """Read gazetteer.csv rows into (place, aliases, source) triples."""
    rows: list[tuple[Place, tuple[str, ...], str]] = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = set(GAZETTEER_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        for row in reader:
            place = Place(
                place_id=row["place_id"].strip(),
                name=row["name"].strip(),
                place_type=row["place_type"].strip(),
                province=row["province"].strip(),
                district=row["district"].strip(),
                country=row["country"].strip() or "Afghanistan",
                latitude=_float_or_none(row["latitude"]),
                longitude=_float_or_none(row["longitude"]),
            )
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            rows.append((place, aliases, row["source"].strip()))
    return rows


def read_neighbours(path: Path) -> dict[str, str]:
    """Read the neighbour column of gazetteer.csv: place_id -> the country across the border."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["place_id"].strip(): (row.get("neighbour") or "").strip() for row in csv.DictReader(fh)
                if (row.get("neighbour") or "").strip()}


def _word_table(path: Path, key: str) -> dict[str, str]:
    """Read a two-column geography table (a word or name, then its country) into lowercase word -> country."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row[key].strip().lower(): row["country"].strip() for row in csv.DictReader(fh) if row[key].strip()}


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Names, demonyms and adjectives of the neighbouring countries ('tajik' -> 'Tajikistan'), from countries.csv."""
    return _word_table(COUNTRIES_CSV, "word")


@lru_cache(maxsize=1)
def foreign_places() -> dict[str, str]:
    """Towns across the border, used only as destinations ('termez' -> 'Uzbekistan'), from foreign_places.csv."""
    return _word_table(FOREIGN_PLACES_CSV, "name")


def read_district_centres(path: Path) -> dict[str, tuple[float, float, str]]:
    """Read district_centres.csv (GeoNames coordinates) into place_id -> (latitude, longitude, source)."""
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["place_id"]: (float(row["latitude"]), float(row["longitude"]),
                                  f"coordinates: {row['source']}, geonameid {row['geonameid']} ({row['licence']})")
                for row in csv.DictReader(fh)}


def with_centres(rows: list[tuple[Place, tuple[str, ...], str]],
                 centres: dict[str, tuple[float, float, str]]) -> list[tuple[Place, tuple[str, ...], str]]:
    """Return the rows with GeoNames district-centre coordinates where a district has a match."""
    out = []
    for place, aliases, source in rows:
        if place.place_id in centres:
            lat, lon, note = centres[place.place_id]
            place, source = replace(place, latitude=lat, longitude=lon), f"{source}; {note}"
        out.append((place, aliases, source))
    return out


@lru_cache(maxsize=8)
def _load(path: str) -> Gazetteer:
    """Build and cache the gazetteer of one CSV file, with the district centres file beside it."""
    rows = read_gazetteer_rows(Path(path))
    centres = read_district_centres(Path(path).with_name(CENTRES_CSV.name))
    return Gazetteer(with_centres(rows, centres), read_neighbours(Path(path)))


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Return the gazetteer shipped with the package (or read from `path`), built once and cached."""
    return _load(str(path) if path is not None else str(GAZETTEER_CSV))
