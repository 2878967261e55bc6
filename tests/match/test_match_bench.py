"""The matching benchmark runs end to end on a small bank (figures are not asserted, only their shape)."""

from __future__ import annotations

from basira.bench.matching import SyntheticBank, run_matching_bench, summary
from basira.match.signals.minhash import MinHashSignal
from basira.match.signals.sha256 import Sha256Signal
from basira.normalize import normalize_plain


def test_synthetic_signals_equal_the_text_path():
    bank = SyntheticBank(50, seed=3, vocabulary=500)
    sigs, sha = bank.minhash_signatures(), bank.sha256_signals()
    for i in (0, 17, 49):
        text = bank.text(bank.word_ids(i))
        assert normalize_plain(text) == text  # the vocabulary is normalisation-proof
        assert MinHashSignal().from_normalized(text) == MinHashSignal().from_normalized(text)
        assert (MinHashSignal().signature_of(text) == sigs[i]).all()
        assert Sha256Signal().compute(text) == sha[i]


def test_the_bench_runs_and_reports(tmp_path):
    figures = run_matching_bench((1500,), {}, queries=100, insert_rows=300, postgres_url=None,
                                 compare_datasketch_up_to=1500)
    m = figures["matching"]
    size = m["sizes"]["1500"]
    assert size["near_duplicate"]["recall"] > 0.9 and size["exact"]["found"] == 100
    assert size["near_duplicate"]["index_lookups_per_s"] > 0 and size["minhash_index"]["index_bytes"] > 0
    assert m["insert"]["sqlite"]["entries"] == 300 and m["insert"]["sqlite"]["stage_finds_near_duplicate"]
    assert "1500" in m["datasketch_lsh"]
    assert len(summary(figures)) == 3
