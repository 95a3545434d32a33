"""The extraction vocabulary, read once from the tab-separated files of analysis/extract/lexicon/: trigger
phrases and their kinds, outcome cues, verbs of saying, the nouns of who fled and the words allowed
between a verb and its place. Each file starts with `#` lines saying what its columns mean, then a row
of column names; `#` lines may stand between rows too. A file that does not follow its columns or names
an unknown kind, voice, role or macro stops the import with an error naming the file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

LEXICON_DIR = Path(__file__).with_name("lexicon")

TriggerKind = Literal["relative", "nth", "entry", "repel", "state", "capture", "contested", "fled", "echo"]
Voice = Literal["active", "passive", "relative"]
Outcome = Literal["fell", "repelled", "contested"]
VerbRole = Literal["say", "deny", "claim"]
ActorRole = Literal["troop", "civilian", "foreign_side", "foreign_troop", "government", "taliban"]

TRIGGER_KINDS: tuple[str, ...] = get_args(TriggerKind)
VOICES: tuple[str, ...] = get_args(Voice)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
VERB_ROLES: tuple[str, ...] = get_args(VerbRole)
ACTOR_ROLES: tuple[str, ...] = get_args(ActorRole)

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_RULE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class LexiconError(ValueError):
    """A lexicon file that cannot be read as its header says."""


@dataclass(frozen=True)
class Row:
    """One data row of a lexicon file: its cells by column name, and where it stands."""

    cells: dict[str, str]
    file: str
    line: int

    def __getitem__(self, column: str) -> str:
        """The cell of a column."""
        return self.cells[column]

    def fail(self, message: str) -> LexiconError:
        """An error about this row, naming its file and line."""
        return LexiconError(f"{self.file}, line {self.line}: {message}")

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        """The cell of a column, checked to be one of the allowed values."""
        value = self.cells[column]
        if value not in allowed:
            raise self.fail(f"unknown {column} {value!r} (known: {', '.join(allowed)})")
        return value


@dataclass(frozen=True)
class TriggerRule:
    """A trigger phrase: what it reports (kind), where its place stands (voice) and its pattern text."""

    kind: TriggerKind
    voice: Voice
    pattern: str
    line: int


@dataclass(frozen=True)
class OutcomeRule:
    """An outcome cue of an entered capital and its pattern text."""

    outcome: Outcome
    pattern: str
    line: int


@dataclass(frozen=True)
class Verb:
    """A verb of saying: its form, its role, whether it gives a feared event a speaker of its own, and whether a
    date after it (or after its object) is the day of saying."""

    word: str
    role: VerbRole
    reports: bool
    dated: Literal["yes", "object", "no"]


def read_rows(name: str, columns: tuple[str, ...], folder: Path = LEXICON_DIR) -> list[Row]:
    """The data rows of a lexicon file with the given columns, in file order."""
    path = folder / name
    rows: list[Row] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise LexiconError(f"{name}, line {number}: columns should be {' '.join(columns)}, not {' '.join(cells)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise LexiconError(f"{name}, line {number}: {len(cells)} cells where the header has {len(columns)} columns")
        rows.append(Row(dict(zip(columns, cells)), name, number))
    if not header_seen:
        raise LexiconError(f"{name}: no row of column names ({' '.join(columns)})")
    return rows


def read_macros(folder: Path = LEXICON_DIR) -> dict[str, str]:
    """The named pattern fragments of macros.tsv."""
    macros: dict[str, str] = {}
    for row in read_rows("macros.tsv", ("name", "pattern"), folder):
        if not _MACRO.fullmatch("{" + row["name"] + "}") or row["name"] in macros:
            raise row.fail(f"a macro name must be unique, in capitals: {row['name']!r}")
        macros[row["name"]] = row["pattern"]
    return macros


def expand(text: str, row: Row, macros: dict[str, str]) -> str:
    """A pattern piece with its {NAME} macros replaced by their fragments."""
    def fragment(m: re.Match[str]) -> str:
        """The fragment a macro names."""
        if m.group(1) not in macros:
            raise row.fail(f"unknown macro {{{m.group(1)}}} (macros.tsv defines: {', '.join(macros)})")
        return macros[m.group(1)]
    return _MACRO.sub(fragment, text)


def _ruled(rows: list[Row], fields: tuple[str, ...], macros: dict[str, str]) -> list[tuple[Row, str]]:
    """Rows grouped by rule name (consecutive rows of one name) with each rule's pieces joined: (first row, pattern)."""
    out: list[tuple[Row, str]] = []
    seen: set[str] = set()
    for row in rows:
        name = row["rule"]
        if not _RULE_NAME.fullmatch(name):
            raise row.fail(f"a rule name is lowercase letters, digits and hyphens, not {name!r}")
        if out and out[-1][0]["rule"] == name:
            first, text = out[-1]
            if any(first[f] != row[f] for f in fields):
                raise row.fail(f"the pieces of rule {name} must share its {' and '.join(fields)}")
            out[-1] = (first, text + expand(row["pattern"], row, macros))
            continue
        if name in seen:
            raise row.fail(f"rule {name} is used again after other rules: its pieces must stand together, "
                           f"and each rule needs its own name")
        seen.add(name)
        out.append((row, expand(row["pattern"], row, macros)))
    for first, text in out:
        try:
            re.compile(text, re.I)
        except re.error as e:
            raise first.fail(f"rule {first['rule']} is not a valid regular expression: {e}") from None
    return out


def read_triggers(folder: Path = LEXICON_DIR) -> tuple[TriggerRule, ...]:
    """The trigger rules of triggers.tsv, in order."""
    macros = read_macros(folder)
    rules = []
    for row, pattern in _ruled(read_rows("triggers.tsv", ("rule", "kind", "voice", "pattern"), folder),
                               ("kind", "voice"), macros):
        kind = row.choice("kind", TRIGGER_KINDS)
        voice = row.choice("voice", VOICES)
        rules.append(TriggerRule(kind, voice, pattern, row.line))  # type: ignore[arg-type]
    return tuple(rules)


def read_capital_outcomes(folder: Path = LEXICON_DIR) -> dict[str, tuple[str, ...]]:
    """The outcome each trigger kind read for capitals gives them (kinds.tsv; kinds not read for capitals left out)."""
    found: dict[str, tuple[str, ...]] = {}
    described: set[str] = set()
    for row in read_rows("kinds.tsv", ("kind", "capital_outcome", "meaning"), folder):
        kind = row.choice("kind", TRIGGER_KINDS)
        if kind in described:
            raise row.fail(f"kind {kind!r} is described twice")
        described.add(kind)
        outcome = row.choice("capital_outcome", OUTCOMES + ("open", "-"))
        if outcome != "-":
            found[kind] = () if outcome == "open" else (outcome,)
    missing = [k for k in TRIGGER_KINDS if k not in described]
    if missing:
        raise LexiconError(f"kinds.tsv: no row for the kind(s) {', '.join(missing)}")
    return found


def read_outcome_cues(folder: Path = LEXICON_DIR) -> tuple[OutcomeRule, ...]:
    """The outcome cues of outcomes.tsv, in order."""
    macros = read_macros(folder)
    return tuple(OutcomeRule(row.choice("outcome", OUTCOMES), pattern, row.line)  # type: ignore[arg-type]
                 for row, pattern in _ruled(read_rows("outcomes.tsv", ("rule", "outcome", "pattern"), folder),
                                            ("outcome",), macros))


def _yes(row: Row, column: str) -> bool:
    """A yes/no cell as a boolean."""
    return row.choice(column, ("yes", "no")) == "yes"


def read_verbs(folder: Path = LEXICON_DIR) -> tuple[Verb, ...]:
    """The verbs of saying of verbs.tsv, in order."""
    verbs: list[Verb] = []
    for row in read_rows("verbs.tsv", ("word", "role", "reports", "dated"), folder):
        if not re.fullmatch(r"[a-z]+", row["word"]) or any(v.word == row["word"] for v in verbs):
            raise row.fail(f"a verb must be one lowercase word, listed once: {row['word']!r}")
        verbs.append(Verb(row["word"], row.choice("role", VERB_ROLES), _yes(row, "reports"),  # type: ignore[arg-type]
                          row.choice("dated", ("yes", "object", "no"))))  # type: ignore[arg-type]
    return tuple(verbs)


def read_actors(folder: Path = LEXICON_DIR) -> dict[str, str]:
    """The alternation of noun patterns of each actor role of actors.tsv (rows joined with | in file order)."""
    found: dict[str, list[str]] = {role: [] for role in ACTOR_ROLES}
    for row in read_rows("actors.tsv", ("role", "pattern"), folder):
        found[row.choice("role", ACTOR_ROLES)].append(row["pattern"])
    empty = [role for role, alts in found.items() if not alts]
    if empty:
        raise LexiconError(f"actors.tsv: no row for the role(s) {', '.join(empty)}")
    return {role: "|".join(alts) for role, alts in found.items()}


def read_words(name: str, column: str, folder: Path = LEXICON_DIR) -> tuple[str, ...]:
    """The lowercase entries of a one-column word list, in file order."""
    words: list[str] = []
    for row in read_rows(name, (column,), folder):
        word = row[column]
        if not word or word != word.strip().lower() or word in words:
            raise row.fail(f"an entry must be lowercase, without spaces around it, listed once: {word!r}")
        words.append(word)
    return tuple(words)


MACROS: dict[str, str] = read_macros()
TRIGGER_RULES: tuple[TriggerRule, ...] = read_triggers()
CAPITAL_OUTCOMES: dict[str, tuple[str, ...]] = read_capital_outcomes()
OUTCOME_RULES: tuple[OutcomeRule, ...] = read_outcome_cues()
VERBS: tuple[Verb, ...] = read_verbs()
ACTORS: dict[str, str] = read_actors()
GAP_WORDS: frozenset[str] = frozenset(read_words("gap_words.tsv", "word"))
NOUN_TRIGGERS: tuple[str, ...] = read_words("noun_triggers.tsv", "phrase")
