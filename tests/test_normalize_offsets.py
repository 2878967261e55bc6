"""Offset-map invariants, proven on random Arabic/Latin/mixed text (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from basira.normalize import normalize, normalize_plain
from basira.recognizers.base import original_span

ARABIC = [chr(c) for c in range(0x0621, 0x064B)]
NOISE = (
    ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640"]  # harakat, tatweel
    + ["\u200b", "\u200c", "\u200d", "\u200f", "\u202b", "\u202e", "\u2066", "\u061c", "\ufeff"]
    + ["\u06d6", "\u06da", "\u06e9", "\u0615"]  # Quranic marks
    + ["أ", "إ", "آ", "ٱ", "ى", "ة", "ی", "ک", "ہ", "٣", "۴", "ﻻ", "ﷲ", "ﺑ", "\u00a0", "\t", "\n"]
    + ["&quot;", "&amp;", "&#1575;", "&#x627;", "&lt;"]
)
token = st.one_of(
    st.sampled_from(ARABIC),
    st.sampled_from(NOISE),
    st.sampled_from(list("abcXYZ 019.,-\"'")),
    st.text(min_size=1, max_size=3),
    st.sampled_from(["اااا", "ـــ", "   ", "ll"]),
)
texts = st.lists(token, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_every_normalised_span_maps_back_to_an_original_span_that_renormalises_to_it(text, data):
    nt = normalize(text)
    n = len(nt.text)
    if n == 0:
        assert 0 <= nt.to_original(0, 0)[0] <= len(text)
        return
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(a + 1, n))
    start, end = nt.to_original(a, b)
    assert 0 <= start <= end <= len(text)
    # Spans are widened to whole edits (a ligature maps back whole): map forward again to see the widening.
    wide_a, wide_b = nt.to_normalized(start, end)
    assert wide_a <= a and wide_b >= b
    assert normalize_plain(text[start:end]) == nt.text[wide_a:wide_b]


@settings(max_examples=200, deadline=None)
@given(texts, st.data())
def test_original_span_answers_each_span_once_per_text_and_as_the_map(text, data):
    """``original_span`` keeps its answers on the text (``nt.original_spans``): asked again, the same answer,
    which is the offset map's span widened over the last letter's marks."""
    nt = normalize(text)
    n = len(nt.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    first = original_span(nt, a, b)
    start, end = nt.to_original(a, b)
    assert first[0] == start and end <= first[1] <= len(text)
    assert all(unicodedata.combining(c) or c == "\u0640" for c in text[end : first[1]])
    assert nt.original_spans[a, b] == first and original_span(nt, a, b) is first


@settings(max_examples=200, deadline=None)
@given(texts)
def test_plain_and_mapped_normalisation_agree(text):
    assert normalize(text).text == normalize_plain(text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_whole_text_maps_to_whole_original_modulo_deleted_edges(text):
    nt = normalize(text)
    start, end = nt.to_original(0, len(nt.text))
    assert normalize_plain(text[:start]) == ""
    assert normalize_plain(text[end:]) == ""


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fused_character_steps_equal_the_steps_applied_one_by_one(text):
    from basira.normalize.steps import default_steps

    expected = text
    for step in default_steps():
        expected = step.apply(expected)[0]
    assert normalize(text).text == expected


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_compiled_span_mapping_equals_the_step_by_step_reference(text, data):
    """``OffsetMap.to_original``/``to_normalized`` (``_compiled.map_through``) against mapping step by step,
    for every kind of span: empty, one character, inside and across edits, the whole text, past its end."""
    from basira.normalize.kernels import compiled

    assert compiled is not None, "basira.normalize._compiled is not built: run 'make install' with gcc"
    nt = normalize(text)
    offsets = nt.offset_map
    for length, to, reference in ((len(nt.text), offsets.to_original, offsets.reference_to_original),
                                  (len(text), offsets.to_normalized, offsets.reference_to_normalized)):
        for _ in range(8):
            start = data.draw(st.integers(0, length))
            end = data.draw(st.integers(start, length + 2))
            assert to(start, end) == reference(start, end)
    if offsets.steps:  # a span that ends before it starts is refused either way
        for to in (offsets.to_original, offsets.reference_to_original):
            try:
                to(2, 1)
            except ValueError:
                continue
            raise AssertionError("a reversed span was mapped")
