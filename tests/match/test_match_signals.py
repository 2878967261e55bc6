"""Signal types: tests generated from each type's example cases (ThreatExchange pattern), plus the
registry's golden list and the properties every type must have."""

from __future__ import annotations

import pytest

from basira.match.signals import SignalType, Similarity, get_signal_type, register, signal_types

CASES = [
    pytest.param(name, case, id=f"{name}-{i}-{'match' if case.match else 'differ'}")
    for name, cls in signal_types().items()
    for i, case in enumerate(cls.example_cases)
]


def test_the_registry_lists_every_signal_type():
    # Golden list: a lost registration (or a renamed storage key) fails here. tlsh is not offered:
    # py-tlsh ships no wheel, only a source build.
    assert list(signal_types()) == ["minhash", "sha256"]


@pytest.mark.parametrize("name", list(signal_types()))
def test_every_signal_type_has_examples_of_both_kinds(name):
    cases = signal_types()[name].example_cases
    assert any(c.match for c in cases) and any(not c.match for c in cases)


@pytest.mark.parametrize(("name", "case"), CASES)
def test_example_case_compares_as_declared(name, case):
    signal_type = get_signal_type(name)
    a, b = signal_type.compute(case.a), signal_type.compute(case.b)
    assert a is not None and b is not None
    similarity = signal_type.compare(a, b)
    assert signal_type.is_match(a, b) is case.match, f"{case.why}: {similarity}"
    assert signal_type.compare(a, a) == Similarity(1.0)


@pytest.mark.parametrize(("name", "case"), CASES)
def test_example_case_is_found_through_the_index_as_declared(name, case):
    signal_type = get_signal_type(name)
    a, b = signal_type.compute(case.a), signal_type.compute(case.b)
    assert a is not None and b is not None
    index = signal_type.build_index([b])
    assert len(index) == 1
    hits = index.query(a)
    assert bool(hits) is case.match, case.why
    if hits:
        assert hits[0].position == 0
        assert hits[0].similarity == signal_type.compare(a, b)


@pytest.mark.parametrize("name", list(signal_types()))
def test_signals_are_text_free_and_validate(name):
    signal_type = get_signal_type(name)
    case = signal_type.example_cases[0]
    signal = signal_type.compute(case.a)
    assert signal is not None
    assert signal_type.validate(signal) == signal
    assert not set(signal) & set("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ")
    with pytest.raises(ValueError):
        signal_type.validate("not a signal")


@pytest.mark.parametrize("name", list(signal_types()))
def test_no_words_means_no_signal(name):
    assert get_signal_type(name).compute(" \n\t \u200f ") is None


def test_similarity_prints_itself():
    assert str(Similarity(0.97)) == "97%"
    assert str(Similarity(1.0)) == "100%"
    assert str(Similarity(0.0)) == "0%"
    assert str(Similarity(0.996)) == "99.6%"  # a near-duplicate never prints as an exact 100%
    assert float(Similarity(0.5)) == 0.5


def test_unknown_signal_type_is_named_in_the_error():
    with pytest.raises(KeyError, match=r"E302.*minhash"):
        get_signal_type("pdq")


def test_a_signal_type_needs_an_explicit_name():
    class Nameless(SignalType):
        pass

    with pytest.raises(ValueError, match="E300"):
        register(Nameless)


def test_a_name_cannot_be_registered_twice():
    class Impostor(SignalType):
        name = "sha256"

    with pytest.raises(ValueError, match="registered twice"):
        register(Impostor)


def test_the_exact_index_returns_every_position_holding_a_signal():
    sha = get_signal_type("sha256")
    index = sha.build_index(["a" * 64, "b" * 64, "a" * 64])
    assert [h.position for h in index.query("a" * 64)] == [0, 2]
    assert index.query("c" * 64) == []
