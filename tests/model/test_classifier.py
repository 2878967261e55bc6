"""The classifier: features, exact explanations, the safe model file, training, the stage and the policy.

Training data here is made of invented words, so that nothing in the tests reads like real content: items
with "zorblat" are labelled violating, items with "quendel" not, in Latin and in Arabic letters.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import numpy as np
import pytest

from basira.model import FeatureSpec, ModelError, load_classifier, script_of
from basira.model.features import Featurizer
from basira.model.folds import group_key
from basira.model.stage import DEFAULT_MODEL, LABEL, ModelStage
from basira.model.train import TrainingError, TrainSettings, read_labelled, threshold_for_precision, train_classifier
from basira.pipeline import Analyzer
from basira.types import Document, EvidenceKind

FILLER = ["alpha", "bravo", "delta", "echo", "golf", "hotel", "india", "kilo", "lima", "mike", "oscar", "papa"]
FILLER_AR = ["قلم", "باب", "نهر", "شجر", "جبل", "كتاب", "بيت", "سوق", "طريق", "بحر", "ورق", "نجم"]


def _items(tmp_path: Path) -> Path:
    rows = []
    for i in range(14):
        a, b = FILLER[i % 12], FILLER[(i * 5 + 3) % 12]
        rows.append({"id": f"p{i}", "text": f"{a} zorblat {b} {i}", "label": "violating"})
        rows.append({"id": f"n{i}", "text": f"{b} quendel {a} {i}", "label": "benign"})
        c, d = FILLER_AR[i % 12], FILLER_AR[(i * 7 + 1) % 12]
        rows.append({"id": f"ap{i}", "text": f"{c} زوربلات {d} {i}", "label": "violating"})
        rows.append({"id": f"an{i}", "text": f"{d} كويندل {c} {i}", "label": "not_violating"})
    rows.append({"id": "skip", "text": "unreviewed", "label": "review"})
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory):
    path = _items(tmp_path_factory.mktemp("train"))
    items, digest = read_labelled([path])
    spec = FeatureSpec(bits=16)
    return train_classifier(items, TrainSettings(spec=spec, folds=3), data_sha256=digest, data_files=[str(path)])


def test_reading_skips_unlabelled_items_and_names_bad_lines(tmp_path: Path) -> None:
    items, digest = read_labelled([_items(tmp_path)])
    assert len(items) == 56 and sum(i.label for i in items) == 28 and len(digest) == 64
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": "benign"}\n{oops\n', encoding="utf-8")
    with pytest.raises(TrainingError, match=r"bad\.jsonl:2"):
        read_labelled([bad])


def test_script_routing_ignores_links_and_handles() -> None:
    assert script_of("قلم باب https://example.com/abcdefghijklmnop @someone_long_name") == "arabic"
    assert script_of("pen door نهر") == "latin"


def test_features_are_deterministic_and_carry_token_spans() -> None:
    text = "alpha  zorblat-bravo"
    one, two = Featurizer(FeatureSpec(bits=16)).features(text), Featurizer(FeatureSpec(bits=16)).features(text)
    assert np.array_equal(one.char_index, two.char_index) and np.array_equal(one.word_index, two.word_index)
    assert one.space_spans == ((0, 5), (7, 20))
    assert [text[a:b] for a, b in one.word_spans] == ["alpha", "zorblat", "bravo"]
    assert int(one.char_token.max()) == 1 and one.word_index.size == 3 + 2  # word 1- and 2-grams


FEATURE_EDGE_TEXTS = ["", "   ", "a", "ab cd", "قلم\u00a0باب  نهر\n", "x\u2003😀😀 ab_cd", "Ünï CODE İx",
                      "\x00\x01ab\x7f cd", "𝐀𝐁 ab😀cd 𐌰𐌱", "\ud800x yz", "word " * 300]


@pytest.mark.parametrize("text", FEATURE_EDGE_TEXTS)
def test_indices_are_the_feature_occurrences_without_their_tokens(text: str) -> None:
    """A score reads ``indices`` (compiled where built), an explanation ``features``: the occurrences must be
    the same, and the compiled code must give the numpy reference's arrays."""
    featurizer = Featurizer(FeatureSpec(bits=16))
    full = featurizer.features(text)
    for got in (featurizer.indices(text), featurizer.reference_indices(text)):
        assert np.array_equal(full.char_index, got.char_index) and got.char_index.dtype == full.char_index.dtype
        assert np.array_equal(full.word_index, got.word_index) and got.word_index.dtype == full.word_index.dtype
    assert full.char_index.size == full.char_token.size


def test_the_compiled_feature_hashing_is_built_in_this_install() -> None:
    """make install compiles basira/model/_compiled.pyx (a C compiler and the Python headers are needed; the
    numpy code is the fallback): a silent fallback would cost the model stage 3-9x its time."""
    from basira.model import features

    assert features._compiled is not None, "basira.model._compiled is not built: run 'make install' with gcc"


@pytest.mark.parametrize("text", FEATURE_EDGE_TEXTS)
def test_the_compiled_logit_equals_the_numpy_reference(text: str) -> None:
    """The score reads the compiled ``space_logit`` (no sort); the numpy code is the reference. They differ
    only in the order of floating-point additions; the counters are zero again after each call."""
    model = load_classifier(DEFAULT_MODEL)
    head = model.heads[model.head_for(text)]
    doc = model.indices(text + " " + text)  # repeated features: counts above one
    for space, index in ((head.char, doc.char_index), (head.word, doc.word_index)):
        assert space.logit_part(index) == pytest.approx(space.reference_logit_part(index), rel=1e-12, abs=1e-12)
        assert not space.scratch.any()


def test_the_compiled_logit_refuses_a_feature_outside_the_model_and_stays_clean() -> None:
    from basira.model import features

    space = load_classifier(DEFAULT_MODEL).heads["arabic"].char
    kept = np.flatnonzero(space.slots)[:3].astype(np.int32)
    dropped = np.flatnonzero(space.slots == 0)[:2].astype(np.int32)  # counted in row 0, which must be reset too
    bad = np.concatenate((kept, dropped, [np.int32(len(space.slots))]))
    with pytest.raises(IndexError, match="outside the model"):
        features._compiled.space_logit(bad, space.slots, space.rows, space.scratch)
    assert not space.scratch.any()
    assert space.logit_part(kept) == pytest.approx(space.reference_logit_part(kept), rel=1e-12)


@pytest.mark.parametrize("text", [*FEATURE_EDGE_TEXTS, "ؠيٱۓۺۿ؀ًٰ", "AZaz@[`{ÀĀɏɐ", "عربي mixed نص"])
def test_the_compiled_script_counts_equal_the_numpy_reference(text: str) -> None:
    from basira.model import features
    from basira.model.classifier import reference_script_counts

    assert features._compiled.script_counts(text) == reference_script_counts(text)


def test_one_head_per_script_with_cross_validated_figures(trained) -> None:
    assert set(trained.heads) == {"arabic", "latin"}
    for name in ("arabic", "latin"):
        info = trained.meta["heads"][name]
        assert info["items"] == 28 and info["violating"] == 14
        assert info["cross_validated"]["at_review"]["recall"] == 1.0
        assert 0 < info["thresholds"]["review"] <= info["thresholds"]["high"] <= 1
    assert trained.meta["training"]["data_sha256"] and trained.meta["training"]["settings"]["seed"] == 0
    assert trained.score("kilo zorblat papa").probability > 0.5 > trained.score("kilo quendel papa").probability
    assert trained.score("نهر زوربلات بحر").head == "arabic"
    assert trained.score("نهر زوربلات بحر").probability > 0.5 > trained.score("نهر كويندل بحر").probability


def test_explanation_splits_the_logit_exactly_and_credits_the_separating_word(trained) -> None:
    for text in ("kilo zorblat papa zorblat", "نهر زوربلات بحر", "alpha quendel", "unseen words only"):
        head = trained.heads[trained.head_for(text)]
        doc = trained.features(text)
        shares = trained.explain(text, doc)
        assert math.isclose(sum(t.weight for t in shares) + head.intercept, head.logit(doc), abs_tol=1e-6)
    shares = trained.explain("kilo zorblat papa")
    assert max(shares, key=lambda t: t.weight).start == 5


def test_the_same_data_and_seed_give_the_same_model(tmp_path: Path, trained) -> None:
    items, digest = read_labelled([_items(tmp_path)])
    again = train_classifier(items, TrainSettings(spec=FeatureSpec(bits=16), folds=3), data_sha256=digest,
                             data_files=[str(tmp_path / "train.jsonl")])
    assert again.digest() == trained.digest()


def test_the_model_file_round_trips_and_never_unpickles(tmp_path: Path, trained) -> None:
    path = tmp_path / "m.npz"
    trained.save(path)
    loaded = load_classifier(path)
    assert loaded.digest() == trained.digest()
    assert loaded.score("lima zorblat").probability == pytest.approx(trained.score("lima zorblat").probability)
    # an object array inside the archive would need pickle: refused, not executed
    evil = tmp_path / "evil.npz"
    np.savez(evil, meta=np.array([{"format": "x"}], dtype=object))
    with pytest.raises(ModelError, match="E401"):
        load_classifier(evil)
    other = tmp_path / "other.npz"
    np.savez(other, meta=np.frombuffer(json.dumps({"format": "something/9"}).encode(), dtype=np.uint8))
    with pytest.raises(ModelError, match="E402"):
        load_classifier(other)
    broken = tmp_path / "broken.npz"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if not name.startswith("latin.word.coef"):
                target.writestr(name, source.read(name))
    with pytest.raises(ModelError, match="E403"):
        load_classifier(broken)
    with pytest.raises(ModelError, match="E401"):
        load_classifier(tmp_path / "missing.npz")


def test_stage_evidence_maps_back_through_normalisation(trained) -> None:
    text = "kilo ZORBLAT papa\n\nنهر زوربلات بحر"
    analysis = Analyzer(recognizers=[], stages=[ModelStage(trained, evidence_floor=0.0)]).analyze(
        Document(id="d", source="t", text=text, format="text"))
    found = [e for e in analysis.evidence if e.label == LABEL]
    assert found and all(e.kind is EvidenceKind.MODEL for e in found)
    assert all(e.text == text[e.start:e.end] for e in found)
    top = max(found, key=lambda e: e.attrs["weight"])
    assert top.text == "ZORBLAT" and top.attrs["head"] == "latin" and 0 < top.attrs["share"] <= 1
    assert analysis.versions["model"] == trained.key


def test_nothing_below_the_evidence_floor(trained) -> None:
    stage = ModelStage(trained, evidence_floor=0.9)
    analysis = Analyzer(recognizers=[], stages=[stage]).analyze(
        Document(id="d", source="t", text="kilo quendel papa", format="text"))
    assert analysis.evidence == ()


def test_group_key_joins_retweets_and_link_variants() -> None:
    assert group_key("rt @someone: kilo zorblat papa http://t.co/x") == group_key("kilo zorblat papa https://t.co/y")
    assert group_key("kilo zorblat papa") != group_key("kilo quendel papa")


def test_threshold_for_precision_takes_the_largest_recall() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    labels = np.array([1, 1, 0, 1, 0])
    assert threshold_for_precision(scores, labels, 0.75) == 0.6
    assert threshold_for_precision(scores, labels, 1.0) == 0.8
    assert threshold_for_precision(scores, np.zeros(5, dtype=np.int64), 0.5) == 1.0


def test_the_shipped_default_model_records_its_training() -> None:
    model = load_classifier(DEFAULT_MODEL)
    assert set(model.heads) == {"arabic", "latin"}
    training = model.meta["training"]
    assert len(training["data_sha256"]) == 64 and training["files"] == ["real-ar.jsonl", "real-en.jsonl"]
    assert model.meta["normalizer"] and model.meta["features"] == model.spec.to_dict()
    for info in model.meta["heads"].values():
        assert {"review", "high"} <= set(info["thresholds"]) and info["cross_validated"]["at_review"]["precision"] > 0


def test_a_version_1_file_without_presence_weights_still_loads(tmp_path: Path, trained) -> None:
    path, old = tmp_path / "m.npz", tmp_path / "m1.npz"
    trained.save(path)
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files if not name.endswith(".presence")}
    meta = json.loads(arrays.pop("meta").tobytes())
    meta["format"] = "basira.model/1"
    np.savez(old, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays)
    loaded = load_classifier(old)
    doc = loaded.features("lima zorblat")
    head = loaded.heads[loaded.head_for("lima zorblat")]
    assert not head.char.presence.any() and not head.word.presence.any()
    trained_head = trained.heads[trained.head_for("lima zorblat")]
    assert trained_head.char.presence.any()  # the NB-LR half of the head
    spaces = ((trained_head.char, doc.char_index), (trained_head.word, doc.word_index))
    tfidf_only = trained_head.logit(doc) - sum(float(s.presence[np.unique(i)].sum()) for s, i in spaces)
    assert head.logit(doc) == pytest.approx(tfidf_only)
