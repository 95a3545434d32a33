"""The extraction vocabulary read from analysis/extract/lexicon/ and the prefilter stems derived from its patterns."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.extract import triggers, vocabulary
from analysis.extract.stems import derive_stems
from analysis.extract.vocabulary import LexiconError
from analysis.paths import RAW_DIR

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfell\b", {"fell"}),
    (r"re-?took", {"retook", "re-took"}),
    (r"\b(?:provincial\s+)?capitals?\s+entered\b", {"capital"}),
    (r"(?:took|take|taken)\s+back", {"back"}),  # as short as the verb forms, and one stem instead of two
    (r"\b(?:fighting|clashes)\s+(?:\w+\s+){0,4}?in", {"fighting", "clashes"}),
    (r"mujah[ie]d(?:ee|i)n", {"mujahideen", "mujahedeen", "mujahidin", "mujahedin"}),
    (r"(?:fell|fall(?:en|s|ing)?)\s+to", {"fell", "fall"}),  # "fallen" holds "fall"
    (r"(?<=\bwas\s)taken(?=\s+on\b)", {"taken"}),  # lookarounds add nothing
    (r"x(?:abcd)+", {"abcd"}),
    (r"(?:ab){3}", {"ababab"}),
    (r"[rR]ebels", {"rebels"}),
    (r"flee|\bcross(?:ed)?\s+into", {"flee", "cross"}),
    (r"(?:\w+\s+)?(?:shelter|refuge|safe\s+passage)", {"shelter", "refuge", "passage"}),
])
def test_derived_stems_of_hand_made_patterns(pattern: str, expected: set[str]) -> None:
    assert derive_stems(re.compile(pattern, re.I)) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+\s+\w+",  # no literal at all
    r"(?:a|b)c",  # literals too short to be worth a scan
    r"fled|\w+ly",  # one branch guarantees nothing
    r"(?:abc)?x",  # an optional part guarantees nothing
    r"[^a]bc",
])
def test_no_stems_when_none_can_be_derived(pattern: str) -> None:
    assert derive_stems(pattern) is None


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from([r"re-?took", r"\b(?:fighting|clashes)\s+(?:\w+\s+){0,4}?in", r"(?:fell|fall(?:en|s|ing)?)\s+to",
                        r"flee|\bcross(?:ed)?\s+into", r"mujah[ie]d(?:ee|i)n\s+\w+"]).flatmap(
    lambda p: st.tuples(st.just(p), st.from_regex(re.compile(p, re.I)))))
def test_every_generated_match_holds_a_stem(case: tuple[str, str]) -> None:
    pattern, text = case
    stems = derive_stems(re.compile(pattern, re.I))
    assert stems is not None
    for m in re.finditer(pattern, text, re.I):
        assert any(s in m.group(0).lower() for s in stems), (pattern, m.group(0))


def _corpus_texts() -> list[str]:
    """Every labelled sentence and every article of the seeds and the holdout sets."""
    texts = [json.loads(line)["text"] for line in (DATA / "labelled_sentences.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    files = sorted(RAW_DIR.glob("*.txt")) + sorted(DATA.glob("*/articles/*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in files]
    assert len(files) >= 40
    return texts


def test_every_trigger_has_stems_that_every_match_in_the_corpora_holds() -> None:
    texts = _corpus_texts()
    n_matches = 0
    for (kind, rx, _), stems in zip(triggers._TRIGGERS, triggers.TRIGGER_STEMS):
        assert stems, f"no stems derived for a {kind} trigger: it would run on every sentence"
        assert all(len(s) >= 3 and s == s.lower() for s in stems)
        for text in texts:
            for m in rx.finditer(text):
                n_matches += 1
                assert any(s in m.group(0).lower() for s in stems), (kind, m.group(0), stems)
    assert n_matches > 500  # the check covers many real matches


def _guarded() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """Every pattern guarded by stems derived from it: (name, pattern, stems)."""
    from analysis.extract import claims, denials, flight, modality, outcomes
    guarded = [(f"outcome {name}", rx, outcomes._OUTCOME_KEYS[name]) for name, rx in outcomes._OUTCOME_CUES]
    guarded += [("aircraft", flight._AIRCRAFT_CARRYING, flight._AIRCRAFT_KEYS),
                ("government control", denials._GOV_FORCES_CONTROL, denials._GOV_FORCES_CONTROL_KEYS),
                ("not lost", denials._NOT_LOST, denials._NOT_LOST_KEYS),
                ("attack repelled", denials._ATTACK_REPELLED, denials._ATTACK_REPELLED_KEYS),
                ("fear", modality._FEAR, modality._FEAR_KEYS), ("success", modality._SUCCESS_TO, modality._SUCCESS_KEYS),
                ("negated say", claims._NEGATED_SAY, claims._NEGATION_KEYS),
                ("deny content", claims._DENY_CONTENT, claims._DENY_CONTENT_KEYS),
                ("aside", claims._ASIDE_BEFORE_VERB, claims._ASIDE_KEYS)]
    guarded += [(f"denial gate {n}", rx, denials._DENIAL_KEYS) for n, rx in enumerate(
        (denials._DENY_OBJECT, denials._GOV_CONTROL_STILL, denials._GOV_FORCES_CONTROL, denials._NOT_LOST,
         denials._ATTACK_REPELLED))]
    return guarded


def test_derived_pre_check_stems_hold_for_every_match_in_the_corpora() -> None:
    texts = _corpus_texts()
    for name, rx, stems in _guarded():
        assert stems and "" not in stems, f"no stems derived for {name}: the pre-check would let every text through"
        for text in texts:
            for m in rx.finditer(text):
                assert any(s in m.group(0).lower() for s in stems), (name, m.group(0), stems)


def test_trigger_table_is_read_in_order_with_kinds_and_voices() -> None:
    rules = vocabulary.TRIGGER_RULES
    assert [r.kind for r in rules][:3] == ["relative", "nth", "entry"]
    assert {r.kind for r in rules} == set(vocabulary.TRIGGER_KINDS)
    assert all(r.voice in vocabulary.VOICES for r in rules)
    assert "{" + "BY_TALIBAN}" not in "".join(r.pattern for r in rules)  # macros expanded
    assert vocabulary.MACROS["BY_TALIBAN"] in rules[4].pattern
    assert triggers._CAPITAL_OUTCOME["repel"] == ("repelled",) and triggers._CAPITAL_OUTCOME["entry"] == ()
    assert "fled" not in triggers._CAPITAL_OUTCOME and "relative" not in triggers._CAPITAL_OUTCOME


def test_verbs_are_one_list_with_roles() -> None:
    words = [v.word for v in vocabulary.VERBS]
    assert len(words) == len(set(words))
    roles = {v.word: v.role for v in vocabulary.VERBS}
    assert roles["denied"] == "deny" and roles["claimed"] == "claim" and roles["said"] == "say"


def _copy_lexicon(tmp_path: Path) -> Path:
    """A writable copy of the lexicon folder."""
    folder = tmp_path / "lexicon"
    shutil.copytree(vocabulary.LEXICON_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first line that starts with `old` by `new`; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def test_copy_of_the_lexicon_reads_the_same(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    assert vocabulary.read_triggers(folder) == vocabulary.TRIGGER_RULES
    assert vocabulary.read_capital_outcomes(folder) == vocabulary.CAPITAL_OUTCOMES


def test_unknown_kind_is_named_with_file_and_line(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    line = _edit(folder / "triggers.tsv", "capital-entered\t", "capital-entered\tentery\tpassive\t\\bcapitals?\\s+entered\\b")
    with pytest.raises(LexiconError, match=rf"triggers\.tsv, line {line}: unknown kind 'entery'"):
        vocabulary.read_triggers(folder)


def test_unknown_voice_and_macro_are_named(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    line = _edit(folder / "triggers.tsv", "capital-entered\t", "capital-entered\tentry\tpasive\t\\bcapitals?\\s+entered\\b")
    with pytest.raises(LexiconError, match=rf"triggers\.tsv, line {line}: unknown voice 'pasive'"):
        vocabulary.read_triggers(folder)
    _edit(folder / "triggers.tsv", "capital-entered\t", "capital-entered\tentry\tpassive\t{BY_TALIBANS}\\s+entered\\b")
    with pytest.raises(LexiconError, match=rf"line {line}: unknown macro \{{BY_TALIBANS\}}"):
        vocabulary.read_triggers(folder)


def test_broken_rows_are_named(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    line = _edit(folder / "triggers.tsv", "capital-entered\t", "capital-entered\tentry\tpassive")
    with pytest.raises(LexiconError, match=rf"triggers\.tsv, line {line}: 3 cells where the header has 4"):
        vocabulary.read_triggers(folder)
    _edit(folder / "triggers.tsv", "capital-entered\t", "relative\tentry\tpassive\tentered")
    with pytest.raises(LexiconError, match=rf"line {line}: rule relative is used again after other rules"):
        vocabulary.read_triggers(folder)
    _edit(folder / "triggers.tsv", "relative\tentry", "Capital Entered\tentry\tpassive\tentered")
    with pytest.raises(LexiconError, match="a rule name is lowercase letters"):
        vocabulary.read_triggers(folder)
    _edit(folder / "triggers.tsv", "Capital Entered", "capital-entered\tentry\tpassive\t(?:entered")
    with pytest.raises(LexiconError, match="rule capital-entered is not a valid regular expression"):
        vocabulary.read_triggers(folder)
    _edit(folder / "kinds.tsv", "kind\t", "kind\toutcome\tmeaning")
    with pytest.raises(LexiconError, match="kinds.tsv, line .*: columns should be kind capital_outcome meaning"):
        vocabulary.read_capital_outcomes(folder)


def test_pieces_of_one_rule_share_kind_and_voice(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    lines = (folder / "triggers.tsv").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("nth-capital\t")) + 1  # its second piece
    assert lines[number].startswith("nth-capital\tnth\tpassive\t")
    lines[number] = lines[number].replace("nth-capital\tnth\tpassive", "nth-capital\tnth\tactive")
    (folder / "triggers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"line {number + 1}: the pieces of rule nth-capital must share its kind and voice"):
        vocabulary.read_triggers(folder)


def test_unknown_verb_role_and_missing_kind(tmp_path: Path) -> None:
    folder = _copy_lexicon(tmp_path)
    line = _edit(folder / "verbs.tsv", "said\t", "said\tsays\tyes\tyes")
    with pytest.raises(LexiconError, match=rf"verbs\.tsv, line {line}: unknown role 'says'"):
        vocabulary.read_verbs(folder)
    _edit(folder / "kinds.tsv", "fled\t", "# fled removed")
    with pytest.raises(LexiconError, match="kinds.tsv: no row for the kind"):
        vocabulary.read_capital_outcomes(folder)


def test_actor_nouns_tell_troops_from_civilians_and_foreign_forces() -> None:
    from analysis.extract import flight, outcomes
    assert flight._TROOP_RE.search("Afghan soldiers fled") and not flight._TROOP_RE.search("families fled")
    assert flight._NOT_TROOP_RE.search("refugees crossed") and flight._FOREIGN_TROOP_RE.search("U.S. troops left")
    assert outcomes._GOV_AGENT.search("government forces retreated") and outcomes._TALIBAN_AGENT.search("the insurgents")


def test_lexicon_files_are_prerequisites_of_the_parse_step() -> None:
    from analysis.depends import step_sources
    from analysis.paths import REPO_ROOT
    sources = set(step_sources(REPO_ROOT / "notebooks" / "01_parse.ipynb"))
    files = sorted(vocabulary.LEXICON_DIR.glob("*.tsv"))
    assert len(files) >= 8
    assert {p.resolve() for p in files} <= sources


@pytest.mark.parametrize("index", range(len(_guarded())))
def test_derived_pre_check_stems_hold_for_generated_matches(index: int) -> None:
    name, rx, stems = _guarded()[index]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rx))
    def check(text: str) -> None:
        """A generated text the pattern matches holds a stem in its match."""
        found = rx.search(text)
        assert found is None or any(s in found.group(0).lower() for s in stems), (name, found.group(0))

    check()


def test_every_piece_of_a_trigger_rule_but_its_last_ends_on_an_alternative_bar() -> None:
    """The pieces of a trigger rule are joined as written: a piece without its closing bar would glue two alternatives
    into one sequence that matches nothing (as the second row of 'inside-since' once did)."""
    rows = vocabulary.read_rows("triggers.tsv", ("rule", "kind", "voice", "pattern"))
    unclosed = [f"line {a.line}: {a['rule']}" for a, b in zip(rows, rows[1:])
                if a["rule"] == b["rule"] and not a["pattern"].endswith("|")]
    assert unclosed == []
    assert sum(1 for a, b in zip(rows, rows[1:]) if a["rule"] == b["rule"]) > 20  # (the table has many such pieces)
