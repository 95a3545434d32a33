"""Tests for analysis.extract.modality, and that statements that are not (yet) facts never become events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.events import extract_text
from analysis.extract.modality import read_modality


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("The Taliban captured Herat on Friday.", "captured", "asserted"),
    ("The Taliban could capture Herat within weeks.", "capture", "speculative"),
    ("The Taliban will capture Herat, a commander boasted.", "capture", "future"),
    ("The Taliban vowed to capture Herat.", "capture", "future"),
    ("If the Taliban capture Herat, the west is lost.", "capture", "conditional"),
    ("Officials fear the Taliban have captured Herat.", "captured", "speculative"),
    ("Rumours that the Taliban had captured Herat spread quickly.", "captured", "speculative"),
    ("Have the Taliban captured Herat?", "captured", "speculative"),
    ("The Taliban have not captured Herat.", "captured", "negated"),
    ("The Taliban managed to capture Herat on Friday.", "capture", "asserted"),
    ("Residents who feared reprisals said the Taliban captured Herat.", "captured", "asserted"),
])
def test_read_modality(text: str, trigger: str, modality: str) -> None:
    start = text.index(trigger)
    assert read_modality(text, start, start + len(trigger)) == modality


@pytest.mark.parametrize("text", [
    "Residents feared the insurgents would enter Kandahar within days.",
    "Officials warned that Ghazni could fall within days.",
    "If Pul-e-Khumri falls, the road north from Kabul will be cut.",
    "Maimana is expected to fall to the Taliban this week, a security source said.",
    "Rumours spread through the bazaar that Taloqan had fallen.",
    "The insurgents are poised to take Kunduz city, a local official said.",
    "Unless reinforcements arrive, Qaisar district may fall to the Taliban, its governor said.",
    "Government forces could withdraw into Tajikistan if the Taliban advance further, a commander said.",
])
def test_non_asserted_statements_are_kept_as_mentions_with_their_modality(text: str) -> None:
    mentions = extract_text(text, date(2021, 8, 10)).mentions
    assert mentions
    assert all(m.modality in ("speculative", "conditional", "future") for m in mentions)
    assert all(m.outcome in ("", "unknown") for m in mentions)


def test_through_the_pipeline_non_asserted_mentions_never_become_events(tmp_path: Path) -> None:
    from analysis import pipeline

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a1.txt").write_text(
        " date 2021-08-10\n"
        "Residents feared the insurgents would enter Kandahar within days. Officials warned that Ghazni could "
        "fall within days. If Pul-e-Khumri falls, the road north from Kabul will be cut. The Taliban captured "
        "Ghormach, Qarabelgin and Qaisar districts in Faryab on Monday, a local official said.\n", encoding="utf-8")
    out = tmp_path / "processed"
    pipeline.parse_corpus(raw, out, workers=1, progress=False)
    pipeline.tabulate_events(out)
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert "modality" in mentions.columns
    got = sorted(zip(mentions["place"], mentions["modality"]))
    assert got == [("Ghazni", "speculative"), ("Ghormach", "asserted"), ("Kandahar", "speculative"),
                   ("Pul-e-Khumri", "conditional"), ("Qaisar", "asserted")]
    assert sorted(events["place"]) == ["Ghormach", "Qaisar"]
    assert "list item not recognised: 'Qarabelgin'" in articles.loc[0, "warnings"]
