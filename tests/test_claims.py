"""Tests for analysis.extract.claims: claimant classes, stances, neighbouring and nested attribution."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.claims import classify_speaker, find_attributions, find_claim, speaker_names
from analysis.records import CLAIMANTS, STANCES

CASES = [
    ("Kunduz city fell to the insurgents on Sunday, Taliban spokesman Zabihullah Mujahid said.", "taliban", "asserted"),
    ("The insurgents said they had overrun the Aqina port.", "taliban", "asserted"),
    ("The militants claimed on their website to have seized Dand Patan.", "taliban", "asserted"),
    ("Sar-e-Pul fell overnight, the provincial governor's spokesman told AFP.", "afghan_government", "asserted"),
    ("Baghlan police chief Abdul Wali said his men had retreated from Dahana-e-Ghori.", "afghan_government", "asserted"),
    ("A member of the Kunduz provincial council said fighting had reached the city centre.", "afghan_government", "asserted"),
    ("The defence ministry said commandos had cleared Pul-e-Khumri of insurgents.", "afghan_government", "asserted"),
    ("Zaranj was captured without resistance, a senior government official said on condition of anonymity.", "afghan_government", "asserted"),
    ("Security officials in Mazar-i-Sharif said Hairatan was still open.", "afghan_government", "asserted"),
    ("The Pentagon said the Taliban now controlled a majority of district centres.", "foreign_government", "asserted"),
    ("US officials estimated that the militants held about 220 districts.", "foreign_government", "asserted"),
    ("Tajik border guards said 300 Afghan servicemen had crossed the Panj river.", "foreign_government", "asserted"),
    ("Uzbek officials said 84 Afghan soldiers had crossed the bridge at Termez.", "foreign_government", "asserted"),
    ("Iran's foreign ministry said the Milak crossing had been closed.", "foreign_government", "asserted"),
    ("According to UNHCR, thousands of families had reached Kabul.", "international_org", "asserted"),
    ("The UN mission in Afghanistan said civilian casualties had risen sharply.", "international_org", "asserted"),
    ("Residents said Taliban fighters were patrolling the bazaar in Aybak.", "residents", "asserted"),
    ("Two witnesses told Reuters that the governor's compound in Farah was on fire.", "residents", "asserted"),
    ("According to tribal elders, the handover of Khost was negotiated overnight.", "residents", "asserted"),
    ("TOLOnews reported that the Taliban had entered Ghazni.", "media", "asserted"),
    ("Local media reported that Kalafgan district had fallen.", "media", "asserted"),
    ("Pajhwok Afghan News reported that Shindand had been overrun.", "media", "asserted"),
    ("Pajhwok reported that Kandahar police officials said Arghandab had fallen.", "afghan_government", "asserted"),
    ("Reuters quoted a Takhar provincial official as saying Taloqan had been lost.", "afghan_government", "asserted"),
    ("Interior ministry spokesman Tariq Arian denied that Spin Boldak had fallen.", "afghan_government", "denied"),
    ("The governor's office rejected the claim, saying Nili was calm.", "afghan_government", "denied"),
    ("Provincial officials dismissed the reports as Taliban propaganda.", "afghan_government", "denied"),
    ("Police said the Torghundi crossing remained in government hands.", "afghan_government", "denied"),
    ("A Taliban spokesman denied that its fighters had executed prisoners in Malistan.", "taliban", "denied"),
    ("The Taliban overran Ghormach district on Monday.", "unknown", "asserted"),
    # negated attribution verbs credit nobody; a report is not its reader's claim
    ("Officials have not confirmed reports that Maimana had fallen.", "unknown", "asserted"),
    ("The governor did not deny that Kishim had fallen.", "unknown", "asserted"),
    ("Officials would neither confirm nor deny reports that Gardez had fallen.", "unknown", "asserted"),
    ("There were unconfirmed reports that the Taliban had entered Gardez.", "unknown", "asserted"),
    ("Police declined to confirm that Shortepa had been overrun.", "unknown", "asserted"),
    ("Security officials could not confirm the Taliban's claim that Sayad had fallen.", "taliban", "asserted"),
    ("Local media reports said Khash Rod had fallen.", "media", "asserted"),
    ("Officials confirmed reports that Khash Rod had fallen.", "afghan_government", "asserted"),
    ("A ministry spokesman dismissed Taliban claims that Sayad had fallen.", "afghan_government", "denied"),
    ("The Taliban seized Almar (officials said) on Friday.", "afghan_government", "asserted"),
]


@pytest.mark.parametrize(("sentence", "claimant", "stance"), CASES)
def test_claimant_and_stance(sentence: str, claimant: str, stance: str) -> None:
    claim = find_claim(sentence)
    assert (claim.claimant, claim.stance) == (claimant, stance)


def test_cue_keeps_the_attribution_words() -> None:
    claim = find_claim("Ghazni fell on Thursday, a police spokesman said.")
    assert claim.cue == "a police spokesman said"


def test_attribution_in_the_next_sentence_closes_a_quotation() -> None:
    sentence = "“The enemy is inside Farah city."
    after = "Fighting is going on near the governor's office,” provincial council member Jamila Amini told AFP."
    assert find_claim(sentence, after=after).claimant == "afghan_government"


def test_bare_attribution_sentence_after() -> None:
    claim = find_claim("Nine districts of Ghazni have been lost.", after="The ministry said.")
    assert claim.claimant == "afghan_government"


def test_pronoun_takes_the_previous_speaker() -> None:
    before = "Samangan governor Abdul Latif Ibrahimi spoke by telephone from Aybak."
    claim = find_claim("He said the Taliban had reached the city centre.", before=before)
    assert claim.claimant == "afghan_government"


def test_named_speaker_known_from_earlier_sentence() -> None:
    names = speaker_names("Kunduz police spokesman Inamuddin Rahmani said the city was calm.")
    assert names.get("Rahmani") == "afghan_government"
    assert find_claim("Rahmani said Imam Sahib had fallen.", speakers=names).claimant == "afghan_government"


def test_anchor_picks_the_clause_of_the_statement() -> None:
    s = "Western officials say the Taliban hold 150 districts, while the Taliban says it controls 250 districts."
    assert find_claim(s, anchor=s.index("150")).claimant == "foreign_government"
    assert find_claim(s, anchor=s.index("250")).claimant == "taliban"


def test_told_outlet_is_not_the_speaker() -> None:
    attributions = find_attributions("A Badakhshan official told Sputnik that Ishkashim had fallen.")
    assert [a.claimant for a in attributions] == ["afghan_government"]


def test_classify_speaker_prefers_the_head_of_the_phrase() -> None:
    assert classify_speaker("Al Jazeera, the Qatari broadcaster") == "media"
    assert classify_speaker("Ahmad Zia, spokesman for the Ministry of Defence") == "afghan_government"
    assert classify_speaker("the Pakistani military's media wing") == "foreign_government"
    assert classify_speaker("") == "unknown"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60), st.text(max_size=60))
def test_arbitrary_text_never_raises(sentence: str, before: str, after: str) -> None:
    claim = find_claim(sentence, before, after)
    assert claim.claimant in CLAIMANTS
    assert claim.stance in STANCES
    for a in find_attributions(sentence):
        assert 0 <= a.start <= a.end <= len(sentence) + 1


def test_claims_as_nouns_credit_their_owner() -> None:
    attributions = find_attributions("A ministry spokesman dismissed Taliban claims that Sayad had fallen.")
    assert [(a.claimant, a.stance, a.form) for a in attributions] == [
        ("afghan_government", "denied", "forward"), ("taliban", "asserted", "according")]
    assert find_attributions("Officials have not confirmed reports that Maimana had fallen.") == []


def test_known_speakers_are_consulted_only_when_needed() -> None:
    class Watch(dict):
        touched = False

        def __len__(self) -> int:
            Watch.touched = True
            return super().__len__()

    known = Watch(Yourish="afghan_government")
    assert find_claim("The defence ministry said Almar had fallen.", speakers=known).claimant == "afghan_government"
    assert not Watch.touched
    assert find_claim("Yourish said Almar had fallen.", speakers=known).claimant == "afghan_government"
    assert Watch.touched
