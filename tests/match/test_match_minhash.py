"""The minhash signal: equal to datasketch's MinHash, bulk equal to single, and an LSH index that finds
near-duplicates among many unrelated entries."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash
from match_texts import AMENDED, SAME_TOPIC, STATEMENT, UNRELATED

from basira.match.shingles import jaccard, shingle_hashes, shingle_set, words
from basira.match.signals.minhash import (
    NUM_PERM,
    MinHashIndex,
    MinHashSignal,
    decode,
    encode,
    lsh_params,
    signature,
    signatures_bulk,
)
from basira.normalize import normalize_plain


def _hashes(text: str) -> np.ndarray:
    return shingle_hashes(normalize_plain(text))


@pytest.mark.parametrize("text", [STATEMENT, UNRELATED, "كلمة", "كلمتان فقط"])
def test_signature_equals_datasketch_minhash(text):
    hashes = _hashes(text)
    reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=lambda value: value)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(signature(hashes), reference.hashvalues)


def test_bulk_signatures_equal_single_ones_and_mark_empty_documents():
    docs = [_hashes(t) for t in (STATEMENT, "", AMENDED, "كلمة", UNRELATED)]
    sigs, valid = signatures_bulk(docs)
    assert valid.tolist() == [True, False, True, True, True]
    for i, hashes in enumerate(docs):
        if hashes.size:
            assert np.array_equal(sigs[i], signature(hashes))


def test_shingles_are_word_trigrams_in_order():
    assert words("a b c d") == ["a", "b", "c", "d"]
    assert len(shingle_hashes("a b c d")) == 2
    assert shingle_set("a b c") != shingle_set("c b a")
    assert len(shingle_hashes("a b")) == 1  # short texts are one shingle
    assert jaccard(set(), set()) == 1.0


def test_encode_decode_round_trip_and_size():
    sig = signature(_hashes(STATEMENT))
    assert sig is not None
    text = encode(sig)
    assert len(text) == 684
    assert np.array_equal(decode(text), sig)
    with pytest.raises(ValueError, match="E303"):
        decode(text[:-8])


def test_estimated_similarity_is_close_to_exact_jaccard():
    mh = MinHashSignal()
    exact = jaccard(shingle_set(normalize_plain(STATEMENT)), shingle_set(normalize_plain(AMENDED)))
    estimated = mh.compare(mh.compute(STATEMENT) or "", mh.compute(AMENDED) or "").value
    assert abs(estimated - exact) < 0.15


def test_lsh_parameters_come_from_datasketch():
    assert lsh_params(0.5) == (25, 5)
    assert lsh_params(0.9) == (5, 25)


def _random_texts(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    letters = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    vocabulary = ["".join(rng.choice(letters, size=rng.integers(3, 8))) for _ in range(3000)]
    return [" ".join(rng.choice(vocabulary, size=40)) for _ in range(n)]


def test_index_finds_the_near_duplicate_among_thousands():
    texts = _random_texts(3000, seed=7)
    texts[1234] = STATEMENT
    mh = MinHashSignal(threshold=0.5)
    index = mh.build_index([mh.compute(t) or "" for t in texts])
    hits = index.query(mh.compute(AMENDED) or "")
    assert [h.position for h in hits] == [1234]
    assert hits[0].similarity.value >= 0.5
    assert index.query(mh.compute(SAME_TOPIC) or "") == []


def test_every_near_duplicate_is_recalled_and_ranked():
    texts = _random_texts(500, seed=11)
    rng = np.random.default_rng(3)
    mh = MinHashSignal(threshold=0.5)
    index = mh.build_index([mh.compute(t) or "" for t in texts])
    found = 0
    for i in range(0, 500, 5):
        tokens = texts[i].split()
        tokens[int(rng.integers(0, len(tokens)))] = "تعديل"  # one word of 40 changed
        hits = index.query(mh.compute(" ".join(tokens)) or "")
        found += bool(hits) and hits[0].position == i
    assert found == 100


def test_an_empty_index_answers_nothing():
    index = MinHashIndex(np.empty((0, NUM_PERM), dtype=np.uint32))
    assert len(index) == 0
    assert index.query_signature(signature(_hashes(STATEMENT))) == []  # type: ignore[arg-type]


def test_threshold_is_validated():
    with pytest.raises(ValueError, match="E304"):
        MinHashSignal(threshold=0)


def test_flat_shingling_equals_per_document_shingling():
    from basira.match.shingles import shingle_hashes_flat, shingle_hashes_from_words

    rng = np.random.default_rng(1)
    for _ in range(300):
        lengths = rng.integers(0, 7, size=int(rng.integers(0, 6)))
        hashed = rng.integers(0, 2**63, size=int(lengths.sum()), dtype=np.uint64)
        flat, counts = shingle_hashes_flat(hashed, lengths)
        at = word = 0
        for length, count in zip(lengths, counts, strict=True):
            expected = shingle_hashes_from_words(hashed[word : word + length])
            assert count == len(expected) and np.array_equal(flat[at : at + count], expected)
            at, word = at + count, word + length


def test_a_document_longer_than_a_chunk_gets_the_same_signature_in_bulk():
    rng = np.random.default_rng(5)
    long_doc = rng.integers(0, 2**32, size=20_000, dtype=np.uint32)
    docs = [_hashes(STATEMENT), long_doc, _hashes(UNRELATED)]
    sigs, valid = signatures_bulk(docs)
    assert valid.all()
    for i, hashes in enumerate(docs):
        assert np.array_equal(sigs[i], signature(hashes))
