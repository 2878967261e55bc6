"""A regular expression runs only on texts holding one of the strings every match of it contains: the gate may
let too much through, never too little."""

from __future__ import annotations

import random

import pytest
import regex

from basira.recognizers.regex_factors import FactorGate, match_anchors, required_factors
from basira.recognizers.violence import ViolenceRecognizer


@pytest.mark.parametrize(("pattern", "factors"), [
    (r"\bkill\s+them\b", {"kill"}),  # the most selective literal run (the first of equals)
    (r"(?:alpha|beta)\s+x", {"alpha", "beta"}),
    (r"(?:alpha|beta)?\s+gamma", {"gamma"}),  # an optional group names nothing
    (r"(?:ab|)cd", {"cd"}),
    (r"(?:word\s+){1,3}end", {"word"}),
    (r"(?:word\s+){0,3}end", {"end"}),
    (r"(?<=go\s)(?P<s>run)", {"run"}),  # a look-behind's text is not part of the match
    (r"(?i:kill)\s+them", {"them"}),  # a case-insensitive part names nothing
])
def test_factors_of_purpose_made_patterns(pattern: str, factors: set[str]) -> None:
    assert required_factors(pattern) == factors


@pytest.mark.parametrize("pattern", [
    r"(?i)kill", r"[a-z]+", r"\w+\s+\w+", r"(?:kill){e<=1}", r"\p{L}+", r"(?|a(b)|c(d))", r"(?:a|\d)", "",
])
def test_patterns_that_name_no_factor_run_everywhere(pattern: str) -> None:
    assert required_factors(pattern) is None
    assert FactorGate([r"\bzeta\b", pattern]).candidates("nothing in common") == [1]


def test_a_matching_pattern_is_always_a_candidate() -> None:
    patterns = [r"\b(?:alpha|beta)\s+(?:gamma|de+lta)\b", r"(?<=\s)omega(?:\s+psi){1,2}", r"ab(?:c|d)?e",
                r"(?:x|y)z{2,}", r"\bq(?:u+|v)ick\b"]
    compiled = [regex.compile(p) for p in patterns]
    gate = FactorGate(patterns)
    words = ["alpha", "beta", "gamma", "delta", "deelta", "omega", "psi", "abe", "abce", "xzz", "yzzz", "quick",
             "qvick", "zeta", "eta", "ab", "de", "x", "z", "q"]
    rng = random.Random(0)
    matched = skipped = 0
    for _ in range(5_000):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", ", ", ""]) for _ in range(rng.randint(1, 8)))
        candidates = gate.candidates(text)
        for index, pattern in enumerate(compiled):
            if pattern.search(text):
                assert index in candidates, (patterns[index], text)
                matched += 1
            elif index not in candidates:
                skipped += 1
    assert matched > 1_000 and skipped > 1_000  # both sides exercised


def test_every_shipped_english_and_arabizi_pattern_is_gated() -> None:
    """Each of the violence recogniser's regular expressions names words it needs, so a text without them
    does not run it (one that named none would run on every text with three ASCII letters, silently)."""
    recognizer = ViolenceRecognizer()
    gate = recognizer._pattern_gate
    assert len(gate.factors) == len(recognizer.patterns) and all(gate.factors)
    assert gate.candidates("the weather today is calm") == []


@pytest.mark.parametrize(("pattern", "anchors"), [
    (r"(?<!\w)(?:ال)?صادر\s+عن", (("صادر", 0, 2),)),  # an optional group before: 0 to 2 characters
    (r"x?(?:ab|cd)", (("ab", 0, 1), ("cd", 0, 1))),
    (r"(?:x|yy)abc", (("abc", 1, 2),)),
    (r"(?:ab){2,}c", (("ab", 0, 0),)),  # the first repetition starts the match
    (r"(?:ab|c)d", None),  # an alternative without a literal run: the branch counts by its width; d is one
    (r"(?:ab|c)de", (("de", 1, 2),)),
    (r"\s+ab", None),  # an unbounded repeat before the only literal
    (r"a", None), (r"(?i)ab", None), (r"[a-z]+", None),
])
def test_anchors_of_purpose_made_patterns(pattern: str, anchors: tuple[tuple[str, int, int], ...] | None) -> None:
    assert match_anchors(pattern) == anchors


def test_every_match_starts_where_its_anchors_say() -> None:
    from basira.recognizers.candidates import anchored_positions, matches_at

    patterns = [r"(?<!\w)(?:ال)?صادر(?:ه)?\s+(?:عن|من)", r"x?(?:ab|cd)e*", r"(?:x|yy)abc", r"(?:ab|c)de",
                r"(?<![\w])(?:q|rr)?(?:ab|cd){1,2}"]
    rng = random.Random(9)
    pieces = ["ال", "صادر", "ه", " ", "  ", "عن", "من", "م", "x", "y", "ab", "c", "cd", "d", "e", "q", "r", "z"]
    matched = 0
    for pattern in patterns:
        compiled, anchors = regex.compile(pattern), match_anchors(pattern)
        assert anchors is not None, pattern
        for _ in range(1500):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
            want = [m.span() for m in compiled.finditer(text)]
            assert [m.span() for m in matches_at(compiled, text, anchored_positions(text, anchors))] == want, text
            matched += len(want)
    assert matched > 1000


def test_the_compiled_gate_names_what_the_pyahocorasick_gate_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from basira.recognizers import regex_factors

    patterns = [pattern.pattern for _, pattern in ViolenceRecognizer().patterns]
    gate = FactorGate(patterns)
    monkeypatch.setattr(regex_factors, "_compiled", None)
    reference = FactorGate(patterns)
    assert gate._compiled is not None and reference._automaton is not None
    words = sorted({factor for factors in gate.factors if factors for factor in factors})
    rng = random.Random(4)
    named = 0
    for _ in range(3_000):
        text = "".join(rng.choice([*words, " ", "x", "قتل"]) for _ in range(rng.randint(0, 6)))
        assert gate.candidates(text) == reference.candidates(text), text
        named += len(gate.candidates(text))
    assert named > 3_000
