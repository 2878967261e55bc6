r"""Which regular expressions can match a text, found without running them.

``required_factors(pattern)`` reads a pattern's syntax tree and returns strings one of which every match
contains (a literal run, or one per alternative of a branch that every match passes through), or None when
it finds none. ``FactorGate`` puts the factors of many patterns into one Aho-Corasick automaton: one pass over
a text tells which patterns may match it; the others cannot, and are not run (a post in English ran 31 of the
violence recogniser's patterns, a quarter of its analysis, where one or two have their words in it).

The tree is Python's own ``re`` parser's, for patterns written for the ``regex`` module: syntax only that
module has makes ``re``'s parser fail (``\p{..}``, ``(?V1)``, ``(?|..)``), except fuzzy matching
(``(?:word){e<=1}``), which ``re`` would read as literal text; a brace that is not a repeat count is therefore
refused too. A pattern it cannot read, or one with case-insensitive parts, gets no factors and runs on every
text: a gate may let too much through, never too little.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

import ahocorasick

from basira.recognizers.kernels import compiled as _compiled

# re's own parser and its node types (modules of the standard library since Python 3.11, without type stubs)
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# An unescaped "{" that does not open a repeat count ({2}, {2,}, {,3}, {2,3}): fuzzy matching in ``regex``.
_NOT_A_COUNT = re.compile(r"(?<!\\)(?:\\\\)*\{(?!\d+(?:,\d*)?\}|,\d+\})")


def required_factors(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains; None when none can be named."""
    tree = _parse(pattern)
    return None if tree is None else _sequence(tree.data)


def _parse(pattern: str) -> Any:
    """``re``'s syntax tree of ``pattern``; None when it cannot be read as ``regex`` would (see above) or is
    case-insensitive as a whole."""
    if _NOT_A_COUNT.search(pattern):
        return None
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None
    return None if tree.state.flags & re.IGNORECASE else tree


# A literal of two or more characters that a match holds, and how far after the match's start it may begin.
Anchor = tuple[str, int, int]


def match_anchors(pattern: str) -> tuple[Anchor, ...] | None:
    """Literals one of which every match of ``pattern`` holds near its start: a match holding ``(literal,
    nearest, farthest)`` starts ``nearest`` to ``farthest`` characters before the literal. None when some
    match need not hold one so placed (an unbounded repeat before every literal of an alternative, an
    alternative without one, case-insensitive parts). For ``(?<!\\w)(?:ال)?صادر\\s+عن``: ``("صادر", 0, 2)``."""
    tree = _parse(pattern)
    found = None if tree is None else _anchors(tree.data, tree.state)
    return tuple(found) if found else None


def _anchors(items: Sequence[tuple[Any, Any]], state: Any) -> list[Anchor] | None:
    """The first literal run (two or more characters) or element with anchors of a sequence, shifted by
    the width of what comes before it in the sequence."""
    low = high = 0
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # (a sentinel ends the last run)
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if len(run) >= 2:
            return [("".join(run), low, high)]
        low, high, run = low + len(run), high + len(run), []
        if op is None:
            return None
        inner = _element_anchors(op, av, state)
        if inner:
            return [(literal, low + nearest, high + farthest) for literal, nearest, farthest in inner]
        item_low, item_high = sre_parse.SubPattern(state, [(op, av)]).getwidth()
        if item_high >= sre.MAXREPEAT:
            return None  # what follows may begin anywhere after the start
        low, high = low + item_low, high + item_high
    return None


def _element_anchors(op: Any, av: Any, state: Any) -> list[Anchor] | None:
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & re.IGNORECASE else _anchors(body.data, state)
    if op is sre.ATOMIC_GROUP:
        return _anchors(av.data, state)
    if op is sre.BRANCH:
        union: list[Anchor] = []
        for alternative in av[1]:
            found = _anchors(alternative.data, state)
            if not found:
                return None  # this alternative holds none: the branch counts by its width
            union += found
        return union
    if op in _REPEATS:
        low, _high, body = av
        return _anchors(body.data, state) if low >= 1 else None  # (the first repetition starts the element)
    return None


def _sequence(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The most selective factor set of any element every match of the sequence passes through."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        found = _element(op, av)
        if found:
            options.append(found)
    if run:
        options.append(frozenset(["".join(run)]))
    return max(options, key=lambda factors: min(map(len, factors)), default=None)


def _element(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & re.IGNORECASE else _sequence(body.data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            factors = _sequence(alternative.data)
            if not factors:
                return None  # an alternative that needs nothing: the branch needs nothing
            union |= factors
        return frozenset(union)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(body.data) if low >= 1 else None
    return None  # classes, any character, anchors, look-arounds, back-references: no literal to name


class FactorGate:
    """Which of ``patterns`` (strings) may match a text: ``candidates(text)`` gives their indices, in order."""

    def __init__(self, patterns: Sequence[str]):
        self.factors = [required_factors(p) for p in patterns]
        self._always = tuple(i for i, f in enumerate(self.factors) if not f)
        owners: dict[str, list[int]] = {}
        for index, factors in enumerate(self.factors):
            for factor in factors or ():
                owners.setdefault(factor, []).append(index)
        # One automaton pass over a text finds the factors: the compiled one where built (see lexicon.FusedScan).
        self._owners = [tuple(indices) for indices in owners.values()]
        self._compiled: Any = _compiled.KeyAutomaton(list(owners)) if owners and _compiled is not None else None
        self._automaton: Any = None
        if owners and self._compiled is None:
            self._automaton = ahocorasick.Automaton()
            for factor, indices in zip(owners, self._owners, strict=True):
                self._automaton.add_word(factor, indices)
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        chosen = set(self._always)
        if self._compiled is not None:
            owners = self._owners
            for _end, key in self._compiled.iter(text):
                chosen.update(owners[key])
        elif self._automaton is not None:
            for _end, indices in self._automaton.iter(text):
                chosen.update(indices)
        return sorted(chosen)
