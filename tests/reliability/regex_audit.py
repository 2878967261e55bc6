"""Catastrophic-backtracking audit of every regular expression basira compiles.

Two steps, each meant to run in its own process (``test_pathological.py`` does this with time budgets):

``python regex_audit.py collect OUT.json``
    Imports basira with ``re._compile`` and ``regex._compile`` wrapped, builds every registered recogniser,
    the normaliser, the default policy and the ingest formats, and runs one varied document through the
    whole analyser, so that patterns compiled lazily (cached properties, YAML data such as the English
    patterns of ``violence.yaml``) are compiled too. Every pattern compiled from a ``basira`` module is
    written out with its flags, its engine (``re`` or ``regex``) and the module that compiled it.

``python regex_audit.py run PATTERNS.json CONTEXTS.json INDEX...``
    Compiles the given patterns and runs ``finditer`` and ``search`` over adversarial strings:
    long runs of each character the pattern mentions, alternations of two of them, and "pumped" near
    matches (a repeat's body repeated many times, then a character that makes the match fail). Prints one
    JSON line per pattern (``{"index", "seconds"}``) *before* and after each pattern, so a parent that
    kills a hung run knows which pattern hung.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

RUN_CHARS = 20_000  # long enough for quadratic matching to show (~10^8 steps), short enough to be quick
MAX_SINGLE = 48
MAX_PAIRS = 48
EXTRA = [" ", "\n", "\t", "a", "z", "Z", "0", "9", "١", "ب", "ال", "ـ", "\u064e", ".", ",", "-", "/", "(", ")",
         "«", "»", "\"", "'", "_", "@", "#", ":", "،", "؟", "\u200f", "&", ";", "x"]


# ------------------------------------------------------------------------------------------------ collect
def collect(out: Path) -> None:
    import re

    import regex

    seen: dict[tuple[str, str, int], str] = {}

    def caller_module() -> str | None:
        """The module that asked for the pattern: the first frame outside ``re``, ``regex`` and this file."""
        frame: Any = sys._getframe(1)
        while frame is not None:
            name = str(frame.f_globals.get("__name__", ""))
            if name in ("__main__", "re", "regex") or name.startswith(("re.", "regex.")):
                frame = frame.f_back
                continue
            return name if name == "basira" or name.startswith("basira.") else None
        return None

    original_re = re._compile  # type: ignore[attr-defined]
    original_regex = regex._main._compile  # type: ignore[attr-defined]

    def record(engine: str, pattern: Any, flags: Any) -> None:
        if isinstance(pattern, str | bytes) and isinstance(flags, int):
            module = caller_module()
            if module is not None:
                text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
                key = (engine + (":bytes" if isinstance(pattern, bytes) else ""), text, flags)
                seen.setdefault(key, module)

    def wrapped_re(pattern: Any, flags: Any = 0, *args: Any, **kwargs: Any) -> Any:
        record("re", pattern, flags)
        return original_re(pattern, flags, *args, **kwargs)

    def wrapped_regex(pattern: Any, flags: Any, *args: Any) -> Any:
        record("regex", pattern, flags if isinstance(flags, int) else 0)
        return original_regex(pattern, flags, *args)

    re._compile = wrapped_re  # type: ignore[attr-defined]
    regex._main._compile = wrapped_regex  # type: ignore[attr-defined]
    re.purge()
    regex.purge()

    from basira.ingest import registered as registered_formats
    from basira.pipeline import Analyzer
    from basira.recognizers.registry import build_recognizers
    from basira.stages import default_stages
    from basira.types import Document

    registered_formats()
    analyzer = Analyzer(build_recognizers(), stages=default_stages())
    sample = (
        "قالت وكالة الأنباء إن «الطقس جميل» اليوم 1 رمضان 1445 هـ الموافق 11 مارس 2024م. "
        "See https://example.test/a?b=1 and www.example.test, 2024-03-11, March 11, 2024, 11/03/2024. "
        "بسم الله الرحمن الرحيم ﴿الحمد لله﴾ (البقرة: 2) \"quoted\" “quoted” „x“ #وسم @user "
        "1- أولا\n2) ثانيا\n• ثالثا\nDE89 3704 0044 0532 0130 00 0x" + "a" * 40 + " ب ـ ـ ـ ن &amp; &#1575;"
    )
    for text in (sample, sample.upper(), sample * 3):
        analyzer.analyze(Document(id="x", source="sample", text=text, format="text"))

    rows = [
        {"engine": engine, "pattern": pattern, "flags": flags, "module": module}
        for (engine, pattern, flags), module in sorted(seen.items(), key=lambda item: (item[1], item[0]))
    ]
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")  # ASCII: patterns may hold surrogates


# ---------------------------------------------------------------------------------------------------- run
def _parse(pattern: str, flags: int) -> Any | None:
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        return sre_parse.parse(pattern, flags)
    except Exception:  # a `regex`-only construct (variable look-behind, \p{..}): fall back to the source
        return None


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "1٣", "CATEGORY_NOT_DIGIT": "aب", "CATEGORY_SPACE": " \n",
    "CATEGORY_NOT_SPACE": "aب", "CATEGORY_WORD": "aب_1", "CATEGORY_NOT_WORD": " .-",
}


def _chars_of(tree: Any, out: list[str]) -> None:
    """Characters a parsed pattern mentions (literals, class members and range ends, category examples)."""
    for op, arg in tree:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            out.append(chr(arg))
        elif name == "IN":
            for item_op, item_arg in arg:
                item = str(item_op)
                if item == "LITERAL":
                    out.append(chr(item_arg))
                elif item == "RANGE":
                    low, high = item_arg
                    out.extend({chr(low), chr(high), chr((low + high) // 2)})
                elif item == "CATEGORY":
                    out.extend(_CATEGORY_CHARS.get(str(item_arg), ""))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars_of(arg[2], out)
        elif name == "SUBPATTERN":
            _chars_of(arg[-1], out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _chars_of(arg[1], out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _chars_of(branch, out)
        elif name == "ATOMIC_GROUP":
            _chars_of(arg, out)
        elif name == "GROUPREF_EXISTS":
            _chars_of(arg[1], out)
            if arg[2] is not None:
                _chars_of(arg[2], out)
        elif name == "ANY":
            out.extend("x\n")


def _example(tree: Any, rng: Any, depth: int = 0) -> str:
    """A string that (nearly) matches the parsed pattern: minimum repeats plus one, first-ish branches."""
    parts: list[str] = []
    for op, arg in tree:
        name = str(op)
        if name == "LITERAL":
            parts.append(chr(arg))
        elif name == "NOT_LITERAL":
            parts.append("x" if arg != ord("x") else "y")
        elif name == "IN":
            chars: list[str] = []
            _chars_of([(op, arg)], chars)
            negated = any(str(item_op) == "NEGATE" for item_op, _ in arg)
            parts.append("x" if negated or not chars else rng.choice(chars))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = arg
            count = min(low + 1, high) if depth < 6 else low
            parts.extend(_example(body, rng, depth + 1) for _ in range(count))
        elif name == "SUBPATTERN":
            parts.append(_example(arg[-1], rng, depth + 1))
        elif name == "BRANCH":
            parts.append(_example(rng.choice(arg[1]), rng, depth + 1))
        elif name == "ATOMIC_GROUP":
            parts.append(_example(arg, rng, depth + 1))
        elif name == "ANY":
            parts.append("x")
        elif name == "CATEGORY":
            parts.append(_CATEGORY_CHARS.get(str(arg), "a")[0])
    return "".join(parts)


def _pumps(tree: Any, rng: Any, depth: int = 0) -> Iterator[str]:
    """The body of every repeat in the pattern (what an attacker repeats), as an example string."""
    for op, arg in tree:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            body = arg[2]
            yield _example(body, rng, depth + 1)
            yield from _pumps(body, rng, depth + 1)
        elif name == "SUBPATTERN":
            yield from _pumps(arg[-1], rng, depth + 1)
        elif name == "BRANCH":
            for branch in arg[1]:
                yield from _pumps(branch, rng, depth + 1)
        elif name in ("ASSERT", "ASSERT_NOT"):
            yield from _pumps(arg[1], rng, depth + 1)


def adversarial_strings(pattern: str, flags: int) -> list[str]:
    import random

    rng = random.Random(len(pattern))
    tree = _parse(pattern, flags)
    chars: list[str] = []
    pumps: list[str] = []
    examples: list[str] = []
    if tree is not None:
        _chars_of(tree, chars)
        pumps = [p for p in dict.fromkeys(_pumps(tree, rng)) if p][:24]
        examples = [e for e in dict.fromkeys(_example(tree, rng) for _ in range(4)) if e]
    else:
        chars = [c for c in pattern if c not in "\\()[]{}?*+|^$"]
    alphabet = list(dict.fromkeys(chars))
    if len(alphabet) > MAX_SINGLE:
        alphabet = rng.sample(alphabet, MAX_SINGLE)
    alphabet = list(dict.fromkeys(alphabet + EXTRA))
    out: list[str] = []
    for c in alphabet:
        out.append(c * (RUN_CHARS // len(c)))
    pairs = list(itertools.permutations(alphabet[:24], 2))
    for a, b in rng.sample(pairs, min(MAX_PAIRS, len(pairs))):
        out.append((a + b) * (RUN_CHARS // len(a + b)))
        out.append((a + " " + b + " ") * (RUN_CHARS // (len(a + b) + 2)))
    for unit in pumps + examples:
        reps = max(1, RUN_CHARS // max(1, len(unit)))
        out.append(unit * reps)
        out.append(unit * reps + "\x00")  # a pumped match that fails at the very end
        out.append(unit[:-1] * reps if len(unit) > 1 else unit * reps + "!")
        out.append((unit + " ") * (reps // 2))
        for prefix in examples[:2]:
            out.append(prefix + unit * reps + "\x00")
    return out


def _context(pattern: str, contexts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """How the product applies this pattern, when not to whole raw documents (see ``CONTEXTS`` in the test)."""
    for prefix, context in contexts.items():
        if pattern.startswith(prefix):
            return context
    return {}


def _match_as_a_scanner_does(compiled: Any, subject: Any, starts: int = 8) -> None:
    """A tokenizer's use of a pattern: ``.match`` at a position, on to the match's end, and no retry after
    a failure (markup.py ends its scan there: the input ended inside a tag). From a few first positions."""
    for start in range(min(starts, len(subject))):
        pos = start
        while (found := compiled.match(subject, pos)) is not None and found.end() > pos:
            pos = found.end()


def run(patterns_file: Path, contexts_file: Path, indices: list[int]) -> None:
    import re

    import regex

    rows = json.loads(patterns_file.read_text(encoding="utf-8"))
    contexts = json.loads(contexts_file.read_text(encoding="utf-8"))
    for index in indices:
        row = rows[index]
        print(json.dumps({"index": index, "start": True}), flush=True)
        engine, pattern, flags = row["engine"], row["pattern"], row["flags"]
        compiled: Any
        if engine == "re":
            compiled = re.compile(pattern, flags)
        elif engine == "regex":
            compiled = regex.compile(pattern, flags)
        else:  # a bytes pattern (the HTML <meta charset> sniffer): run on the UTF-8 of the strings
            compiled = (re if engine.startswith("re:") else regex).compile(pattern.encode("latin-1"), flags)
        strings = adversarial_strings(pattern, flags)
        context = _context(pattern, contexts)
        if context.get("normalized"):
            from basira.normalize import normalize_plain  # only here: the audit runs without basira otherwise

            strings = [normalize_plain(text) for text in strings]
        if context.get("window"):
            strings = [text[: context["window"]] for text in strings]
        started = time.perf_counter()
        for text in strings:
            subject: Any = text.encode("utf-8") if isinstance(compiled.pattern, bytes) else text
            if context.get("anchored"):
                _match_as_a_scanner_does(compiled, subject)
                continue
            for _ in compiled.finditer(subject):
                pass
            compiled.search(subject)
        elapsed = time.perf_counter() - started
        print(json.dumps({"index": index, "seconds": round(elapsed, 3), "strings": len(strings)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "collect":
        collect(Path(sys.argv[2]))
    elif sys.argv[1] == "run":
        run(Path(sys.argv[2]), Path(sys.argv[3]), [int(i) for i in sys.argv[4:]])
    else:  # pragma: no cover
        raise SystemExit(f"usage: {sys.argv[0]} collect OUT.json | run PATTERNS.json CONTEXTS.json INDEX...")
