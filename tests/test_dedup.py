"""Tests for exact and near-duplicate detection."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.cleaning import clean_document
from analysis.ingest.duplicates import (
    EMPTY_HASH,
    band_keys,
    fingerprint,
    minhash_bins,
    shingle_hashes,
    content_hash,
    duplicate_map,
    find_duplicates,
    resemblance,
    sketch,
    sketch_text,
)
from analysis.ingest.files import RawDocument, discover_files, read_source
from analysis.records import Article

WIRE = """KUNDUZ, Aug 8 (Reuters) - Taliban fighters seized the main government buildings in the northern city of Kunduz on Sunday after days of street battles, two provincial officials and a resident said.
The capture of Kunduz, a trading hub close to the Tajik border, would be the most significant gain for the insurgents since they launched a sweeping offensive in May.
"All of the city is in the hands of the Taliban except the airport and the army base, where our forces have retreated," a provincial council member told Reuters by telephone.
A spokesman for the defence ministry said commandos were clearing the city and that dozens of insurgents had been killed in air strikes overnight.
Residents described looting in the main bazaar and said hundreds of families had fled toward the airport on foot, carrying what they could.
The insurgents also claimed to have taken Sar-e-Pul and Taloqan, two other provincial capitals in the north, in the space of three days.
Government officials did not respond to requests for comment on those claims.
"""

# The same wire copy republished: new headline on top, one paragraph cut, a paragraph of the outlet's own added.
REPUBLISHED = """Taliban Fighters Take Government Buildings In Key Northern City As Offensive Widens
KUNDUZ, Aug 8 (Reuters) - Taliban fighters seized the main government buildings in the northern city of Kunduz on Sunday after days of street battles, two provincial officials and a resident said.
The capture of Kunduz, a trading hub close to the Tajik border, would be the most significant gain for the insurgents since they launched a sweeping offensive in May.
"All of the city is in the hands of the Taliban except the airport and the army base, where our forces have retreated," a provincial council member told Reuters by telephone.
A spokesman for the defence ministry said commandos were clearing the city and that dozens of insurgents had been killed in air strikes overnight.
Residents described looting in the main bazaar and said hundreds of families had fled toward the airport on foot, carrying what they could.
The insurgents also claimed to have taken Sar-e-Pul and Taloqan, two other provincial capitals in the north, in the space of three days.
Our correspondent in Mazar-i-Sharif adds that long queues formed at petrol stations as drivers feared the highway to the south would be cut.
Analysts in the capital say the fall of the northern cities leaves the government with few reserves to defend Mazar itself.
Source: Example Daily and agencies
"""

# Another outlet's own report on the same event: same facts and names, different words.
OTHER_REPORT = """Kunduz, Aug 8 (AFP) – The Taliban on Sunday overran most of Kunduz city, officials said, a blow to Afghan forces who had held the northern hub for weeks.
Government troops pulled back to the airport and a nearby army base, according to a member of the provincial council reached by phone.
Witnesses said fighters drove through the central bazaar in captured police vehicles while families streamed toward the airport.
The defence ministry insisted that special forces were fighting to retake the city with support from the air force.
The militants have now claimed three provincial capitals in the north in as many days, including Sar-e-Pul and Taloqan.
"""


def article(article_id: str, text: str) -> Article:
    raw = RawDocument(article_id=article_id, path=f"{article_id}.txt", text=text, fmt="text", encoding="utf-8", warnings=())
    return clean_document(raw)


def items(*articles: Article) -> list[tuple[str, str, tuple[int, ...]]]:
    return [(a.article_id, a.content_hash, sketch(a)) for a in articles]


def test_content_hash_is_sha1_of_normalised_text() -> None:
    assert content_hash("  Kunduz   FELL\n") == hashlib.sha1(b"kunduz fell").hexdigest()
    assert content_hash("“quoted”") == content_hash('"quoted"')
    assert EMPTY_HASH == hashlib.sha1(b"").hexdigest()


def test_sketch_is_stable_bottom_k() -> None:
    words = " ".join(f"w{i}" for i in range(300))
    sk = sketch_text(words, k=16)
    assert len(sk) == 16 and list(sk) == sorted(sk) and len(set(sk)) == 16
    assert sketch_text(words, k=64)[:16] == sk  # bottom-k: the smallest hashes, whatever k
    assert sketch_text("A b, c. D e!") == sketch_text("a b c d e")  # words only, case folded
    assert len(sketch_text("A b, c. D e!")) == 1 and len(sketch_text("two words")) == 1
    assert sketch_text("") == ()
    # a shingle's hash depends on its words in order, not on where it stands
    assert set(sketch_text("x y z a b c d e")) >= set(sketch_text("a b c d e"))
    assert sketch_text("e d c b a") != sketch_text("a b c d e")
    # the same on every run: a fixed value for a fixed text
    assert sketch_text("a b c d e") == (1985841417975746169,)


def test_exact_copy_under_two_names() -> None:
    a, b = article("zz-copy", WIRE), article("aa-original", WIRE)
    assert find_duplicates(items(a, b)) == {"zz-copy": "aa-original"}


def test_republished_wire_copy_grouped() -> None:
    a, b = article("a-wire", WIRE), article("b-republished", REPUBLISHED)
    assert a.content_hash != b.content_hash
    assert resemblance(sketch(a), sketch(b)) >= 0.5
    assert find_duplicates(items(a, b)) == {"b-republished": "a-wire"}


def test_trimmed_copy_grouped_by_containment() -> None:
    short = "\n".join(WIRE.splitlines()[:2])
    a, b = article("a-wire", WIRE), article("c-short", short)
    assert resemblance(sketch(a), sketch(b)) < 0.5
    assert find_duplicates(items(a, b)) == {"c-short": "a-wire"}


def test_different_report_of_same_event_not_grouped() -> None:
    a, b = article("a-wire", WIRE), article("d-other", OTHER_REPORT)
    assert resemblance(sketch(a), sketch(b)) < 0.1
    assert find_duplicates(items(a, b)) == {}


def test_groups_map_to_earliest_id_and_are_deterministic() -> None:
    arts = [article("m3", REPUBLISHED), article("m1", WIRE), article("m2", WIRE), article("m4", OTHER_REPORT)]
    expected = {"m2": "m1", "m3": "m1"}
    assert find_duplicates(items(*arts)) == expected
    assert find_duplicates(reversed(items(*arts))) == expected
    assert duplicate_map(arts) == expected


def test_same_file_under_two_names_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "kunduz.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "kunduz-copy.html").write_text("<p>" + WIRE.replace("\n", "</p><p>") + "</p>", encoding="utf-8")
    (tmp_path / "other.txt").write_text(OTHER_REPORT, encoding="utf-8")
    arts = [clean_document(d) for src in discover_files(tmp_path) for d in read_source(src)]
    assert [a.article_id for a in arts] == ["kunduz-copy", "other", "kunduz"]
    assert arts[0].content_hash == arts[2].content_hash
    assert duplicate_map(arts) == {"kunduz-copy": "kunduz"}


def test_empty_and_skipped_articles_are_never_duplicates() -> None:
    rows = [("e1", EMPTY_HASH, ()), ("e2", EMPTY_HASH, ()), ("e3", "", ())]
    assert find_duplicates(rows) == {}
    skipped = Article(article_id="s", path="s.png", status="skipped: binary file (png)")
    assert duplicate_map([skipped, article("a", WIRE)]) == {}


def test_many_unrelated_articles_do_not_group() -> None:
    provinces = ["Badakhshan", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab", "Ghazni", "Ghor", "Helmand"]
    verbs = ["attacked", "surrounded", "shelled", "entered", "blockaded", "raided"]
    arts = []
    for i, province in enumerate(provinces):
        lines = [
            f"Officials in {province} said fighters {verbs[(i + j) % 6]} outpost number {i * 10 + j} near road {j}."
            for j in range(8)
        ]
        arts.append(article(f"u{i:02d}", "\n".join(lines)))
    assert find_duplicates(items(*arts)) == {}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.text(max_size=120)), max_size=8))
def test_find_duplicates_properties(rows: list[tuple[str, str]]) -> None:
    data = [(f"{key}{i}", content_hash(text), sketch_text(text)) for i, (key, text) in enumerate(rows)]
    result = find_duplicates(data)
    ids = {d[0] for d in data}
    for dup, original in result.items():
        assert dup in ids and original in ids
        assert original < dup
        assert original not in result
    for sk in (d[2] for d in data):
        assert list(sk) == sorted(set(sk)) and len(sk) <= 64


def _pairwise(rows: list[tuple[str, str, tuple[int, ...]]]) -> dict[str, str]:
    """Today's groups by brute force: every article compared with every earlier one."""
    from analysis.ingest.duplicates import is_near_duplicate

    root: dict[str, str] = {}
    out: dict[str, str] = {}
    seen: list[tuple[str, str, tuple[int, ...]]] = []
    for aid, digest, sk in sorted(rows):
        match = ""
        for oid, odigest, osk in seen:
            if (digest and digest == odigest) or (sk and osk and is_near_duplicate(sk, osk)):
                cand = root[oid]
                match = cand if not match or cand < match else match
        root[aid] = match or aid
        if match:
            out[aid] = match
        seen.append((aid, digest, sk))
    return out


def _wire_cases() -> list[Article]:
    """Wire copy retitled, trimmed and extended, several unrelated reports, and texts sharing boilerplate."""
    lines = WIRE.splitlines()
    arts = [article("w00", WIRE), article("w01", REPUBLISHED), article("w02", "\n".join(lines[:3])),
            article("w03", "\n".join(lines[1:6]) + "\nAn added line of the outlet's own about the weather in Kabul."),
            article("w04", OTHER_REPORT), article("w05", OTHER_REPORT.upper()),
            article("w06", "Breaking: " + "\n".join(reversed(lines)))]
    boiler = "Share this article. Subscribe to our newsletter for the latest news from the region every morning."
    for i in range(40):
        body = " ".join(f"Officials in district {i} said fighters {v} outpost {i * 7 + j} near road {j}."
                        for j, v in enumerate(["attacked", "shelled", "surrounded", "raided"]))
        arts.append(article(f"x{i:02d}", body + "\n" + boiler))
    return arts


def test_lsh_groups_equal_pairwise_groups_on_wire_copies() -> None:
    arts = _wire_cases()
    with_bands = []
    for a in arts:
        fp = fingerprint(a)
        assert fp.sketch == sketch(a) and len(fp.bands) == 32
        with_bands.append((a.article_id, a.content_hash, fp.sketch, fp.bands))
    expected = _pairwise([(a.article_id, a.content_hash, sketch(a)) for a in arts])
    assert {k: v for k, v in expected.items() if k.startswith("w")} == {
        "w01": "w00", "w02": "w00", "w03": "w00", "w05": "w04", "w06": "w00"}
    assert find_duplicates(with_bands) == expected
    assert find_duplicates(list(reversed(with_bands))) == expected
    assert duplicate_map(arts) == expected


def test_hot_buckets_are_dropped_and_candidates_bounded() -> None:
    from analysis.ingest import duplicates

    boiler = tuple(range(1000, 1032))  # the same band keys in every article: boilerplate
    rows = [(f"h{i:03d}", f"digest{i}", (i * 10 + 1, i * 10 + 2), boiler) for i in range(200)]
    calls: list[int] = []
    original = duplicates._screened
    try:
        duplicates._screened = lambda sk, values, candidates, *rest: calls.extend(candidates) or iter(())  # type: ignore
        assert find_duplicates(rows) == {}
    finally:
        duplicates._screened = original
    assert calls  # the first articles sharing the bucket were compared
    # only the first BUCKET_GROUPS articles ever share a bucket; then it is ignored
    assert len(calls) <= duplicates.BUCKET_GROUPS * duplicates.MAX_CANDIDATES


def test_minhash_bins_agree_with_resemblance() -> None:
    base = [f"w{i}" for i in range(400)]
    a = shingle_hashes(" ".join(base))
    b = shingle_hashes(" ".join(base[:200] + [f"v{i}" for i in range(200)]))
    sa, sb = minhash_bins(a), minhash_bins(b)
    agree = sum(x == y for x, y in zip(sa, sb)) / len(sa)
    true = len(a & b) / len(a | b)
    assert abs(agree - true) < 0.15
    assert band_keys(sa) == band_keys(minhash_bins(set(a)))  # deterministic
    assert minhash_bins(set()) == ()


def test_packed_fingerprints_give_the_same_groups() -> None:
    from analysis.ingest.duplicates import pack, unpack

    arts = _wire_cases()
    plain = [(a.article_id, a.content_hash, fingerprint(a).sketch, fingerprint(a).bands) for a in arts]
    packed = [(i, h, pack(s), pack(b)) for i, h, s, b in plain]
    assert all(unpack(p[2]) == q[2] and len(p[2]) == 8 * len(q[2]) for p, q in zip(packed, plain))
    assert find_duplicates(packed) == find_duplicates(plain) != {}


def test_screen_keeps_exactly_the_candidates_the_full_test_could_accept() -> None:
    from array import array

    from analysis.ingest.duplicates import CONTAINMENT_MIN_JACCARD, FingerprintStore, _screened, is_near_duplicate

    base = list(range(100, 164))
    sketches = [tuple(base), tuple(base[:40] + list(range(900, 924))), tuple(base[:15] + list(range(700, 749))),
                tuple(base[:16]), tuple(range(5000, 5064)), (base[0], base[0], base[1], base[2]),  # repeated values
                tuple(base[:17] + [base[16]] * 3)]
    store = FingerprintStore()
    fps = array("q", [store.add(sk) for sk in sketches])
    for a in sketches:
        values = frozenset(a)
        kept = dict(_screened(a, values, list(range(len(sketches))), fps, store))
        for idx, b in enumerate(sketches):
            shared = len(set(a) & set(b))
            passes = shared >= CONTAINMENT_MIN_JACCARD * min(max(len(a), len(b)), len(set(a) | set(b)))
            assert (idx in kept) == passes or (idx in kept and (len(set(a)) < len(a) or len(set(b)) < len(b)))
            if is_near_duplicate(a, b):
                assert kept[idx] == b
    assert {idx for idx in dict(_screened(sketches[0], frozenset(sketches[0]), list(range(7)), fps, store))} == {0, 1, 3, 5, 6}
