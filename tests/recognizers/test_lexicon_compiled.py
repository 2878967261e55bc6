"""The lexicon scan in C against its references: the clitic check (``_compiled.collect_hits`` against
``lexicon.reference_collect``) and the fused scan's automaton (``_compiled.KeyAutomaton`` against
pyahocorasick): the same accepted hits, in the same order, for the analyser's fused automaton of every shipped
lexicon and for one matcher alone."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import random_texts

from basira.normalize import normalize_plain
from basira.pipeline import Analyzer
from basira.recognizers import lexicon
from basira.recognizers.lexicon import FusedScan, LexiconEntry, LexiconHit, LexiconMatcher

# Terms with and without the clitics the profiles allow and forbid, word characters of other scripts and
# digits glued to them, and what separates words.
PIECES = ["داعش", "الدوله", "قتال", "كتائب", "جهاد", "شهيد", "isis", "jihad", "و", "بال", "لل", "ف", "ها", "هم",
          "ون", "ات", "ية", "x", "7", "٣", " ", " ", "، ", ".", "\n", "ـ", "تنظيم", "مجاهدين", "قاتلوا"]


def _both(found: Any, text: str, matchers: int, fused: bool) -> tuple[list[list[LexiconHit]], list[list[LexiconHit]]]:
    compiled: list[list[LexiconHit]] = [[] for _ in range(matchers)]
    reference: list[list[LexiconHit]] = [[] for _ in range(matchers)]
    assert lexicon._compiled is not None
    lexicon._compiled.collect_hits(found(text), text, compiled, fused, LexiconHit)
    lexicon.reference_collect(found(text), text, reference, fused)
    return compiled, reference


def _scans() -> tuple[FusedScan, FusedScan]:
    """The analyser's fused scan of every shipped lexicon, and the same scan built without the compiled
    module (pyahocorasick's automaton)."""
    fused = Analyzer(stages=())._fused
    assert fused is not None and fused._compiled is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexicon, "_compiled", None)
        reference = FusedScan(fused.matchers)
    assert reference._automaton is not None and reference._compiled is None
    return fused, reference


def test_the_fused_scan_of_every_shipped_lexicon_accepts_the_same_hits() -> None:
    _, reference_scan = _scans()
    automaton = reference_scan._automaton
    raw = accepted = 0
    for text in random_texts(PIECES, 3000, 14, seed=3):
        text = normalize_plain(text)
        compiled, reference = _both(automaton.iter, text, len(reference_scan.matchers), fused=True)
        assert compiled == reference, text
        assert all(type(hit) is LexiconHit for hits in compiled for hit in hits)  # (equal as tuples either way)
        raw += sum(len(value) for _, value in automaton.iter(text))
        accepted += sum(map(len, reference))
    assert 0 < accepted < raw  # both outcomes of the check are exercised


def test_the_compiled_automaton_gives_the_fused_scans_hits() -> None:
    """``KeyAutomaton.scan_collect`` against pyahocorasick's ``iter`` and the clitic check: the same hits of
    every matcher in the same order."""
    fused, reference = _scans()
    hits = 0
    for text in random_texts(PIECES, 3000, 14, seed=6):
        text = normalize_plain(text)
        got = fused.hits(text)
        assert got == reference.hits(text), text
        hits += sum(map(len, got))
    assert hits > 1000


def test_the_compiled_automaton_finds_every_key_as_pyahocorasick_does() -> None:
    """Keys inside, before and after each other, in two scripts and outside the Basic Multilingual Plane;
    texts of them, their pieces and characters of no key: the same ``(last index, key)`` in the same order
    (at one end, the longest key first)."""
    import ahocorasick

    keys = ["قتل", "قتال", "اقتتال", "تل", "ل", "لل", "الله", "isis", "is", "sis", "s i", "\U0001d400x", "x",
            "\U0001d400", "ab\U0001f600", "b\U0001f600"]
    automaton = lexicon._compiled.KeyAutomaton(keys)
    reference: Any = ahocorasick.Automaton()
    for index, key in enumerate(keys):
        reference.add_word(key, index)
    reference.make_automaton()
    pieces = [*keys, "ق", "ت", "ا", "i", "s", " ", "a", "b", "\U0001f600", "\U0001d400", "٣", "z"]
    found = 0
    for text in random_texts(pieces, 3000, 12, seed=7):
        got = automaton.iter(text)
        assert got == list(reference.iter(text)), text
        found += len(got)
    assert found > 10_000
    assert automaton.n_keys == len(keys) and lexicon._compiled.KeyAutomaton(["ab", "ab"]).iter("ab") == [(1, 0)]
    with pytest.raises(ValueError, match="empty"):
        lexicon._compiled.KeyAutomaton(["a", ""])
    with pytest.raises(ValueError, match="more than 255 distinct characters"):  # a class is one byte
        lexicon._compiled.KeyAutomaton([chr(0x4E00 + i) for i in range(256)])
    assert lexicon._compiled.KeyAutomaton([chr(0x4E00 + i) for i in range(255)]).n_classes == 256


@pytest.mark.parametrize("profile", ["noun", "verb", "name", "exact"])
def test_one_matcher_accepts_the_same_hits(profile: str) -> None:
    matcher = LexiconMatcher([LexiconEntry(id=f"t{i}", term=t, label="T", profile=profile)
                              for i, t in enumerate(["الدوله", "قتال", "داعش", "jihad", "قاتل"])])
    for text in random_texts(PIECES, 1000, 10, seed=4):
        compiled, reference = _both(matcher._automaton.iter, text, 1, fused=False)
        assert compiled == reference, text


def test_the_phrase_books_compiled_loops_build_the_reference_hits() -> None:
    """``PhraseBook.hits`` (C loops) against ``reference_hits`` for the violence and context books, with and
    without the classes a recogniser keeps: the same classes, hits, clitics and order, on texts of their
    triggers with clitics, separators in them, spaced-out letters and vetoing neighbours."""
    from basira.recognizers.context import NEGATION_CLASSES, ContextRecognizer
    from basira.recognizers.violence import Hit, ViolenceRecognizer

    assert lexicon._compiled is not None
    violence, context = ViolenceRecognizer(), ContextRecognizer()
    pieces = [*PIECES, "ندعو", "الى", "تصعيد", "العمليات", "المباركة", "قال", "وقال", "بيان", "لا", "العنف", "ق ت ا ل",
              "و ق ت ا ل", "ف ا ل ق ت ا ل", "ق ت ا ل ه م", "ج ه ا د",
              "ق.ت.ل", "و-", "ـ", "الجراحية", "نجاح", "ندين", "الهجوم", "الارهابي", "اللي", "التي", "said", "violence"]
    built = spread = 0
    for text in random_texts(pieces, 3000, 16, seed=5):
        text = normalize_plain(text)
        for book, keep in ((violence.book, violence.CLASSES_READ), (context.book, NEGATION_CLASSES),
                           (violence.book, None)):
            got, want = book.hits(text, keep=keep), book.reference_hits(text, keep=keep)
            assert list(got.items()) == list(want.items()), text
            assert all(type(hit) is Hit for hits in got.values() for hit in hits)
            for hits in want.values():
                built += len(hits)
                spread += sum(not text[h.start : h.end].isalnum() for h in hits)  # separators, spaced letters
    assert built > 800 and spread > 20, (built, spread)


def test_the_phrase_hit_kernel_leaves_clitics_with_separators_to_python() -> None:
    """Clitics with separators in them (which the matcher does not give today) and words that are not their
    term go to ``PhraseBook._hit``: hits made by hand over purpose-made texts, each as ``_hit`` makes it."""
    from basira.recognizers.violence import Hit, ViolenceRecognizer

    assert lexicon._compiled is not None
    book = ViolenceRecognizer().book
    entry = next(e for e in book.matcher.entries if e.term == "قتال")
    cls = book._entry_info[id(entry)][0]
    cases = [("و-قتالهم", 0, 8, 2, 6), ("وقتال", 0, 5, 1, 5), ("قتال", 0, 4, 0, 4), ("ق ت ا ل", 0, 7, 0, 7),
             ("قتال-ـه", 0, 7, 0, 4), ("ق.ت.ا.ل", 0, 7, 0, 7), ("فالقتال", 0, 7, 3, 7)]
    for text, start, end, term_start, term_end in cases:
        lh = LexiconHit(entry, start, end, term_start, term_end)
        got = lexicon._compiled.phrase_hits(text, [lh], {id(entry): (cls, None, None, 1)}, None, book._vetoed, Hit,
                                            book._hit)
        assert got == {cls: [book._hit(text, lh, cls)]}, text
