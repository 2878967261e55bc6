"""Evidence highlighting, built on the server from the offsets, with every piece of text escaped.

Spans may overlap or nest (a call to violence inside a quotation). The text is cut at every span boundary
into segments; each segment is covered by zero or more spans and becomes one ``<mark>`` listing them all
(``data-ev``), coloured by the most important kind, with a tooltip naming each span's rule, score and
recogniser. Joining the segments of one evidence id gives back exactly ``text[start:end]``.

Bidirectional control characters (which could make hostile text display in a misleading order) are shown
as visible ``⟦U+202E⟧`` markers instead of being applied.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from basira.web.i18n import Translator

KIND_PRIORITY = ("signal", "model", "entity", "quotation", "context", "date", "structure", "url")
SHORT_REF = 24  # characters: a reference this short is never cut across two lines
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    evidence: tuple[Mapping[str, Any], ...]


def _valid(e: Mapping[str, Any], length: int) -> bool:
    start, end = e.get("start"), e.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def segments(text: str, evidence: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the spans covering it (outermost first)."""
    spans = sorted((e for e in evidence if _valid(e, len(text))), key=lambda e: (e["start"], -e["end"]))
    bounds = sorted({0, len(text), *(e["start"] for e in spans), *(e["end"] for e in spans)})
    out: list[Segment] = []
    active: list[Mapping[str, Any]] = []
    pending = 0  # spans are sorted by start; index of the next one to open
    for a, b in itertools.pairwise(bounds):
        while pending < len(spans) and spans[pending]["start"] <= a:
            active.append(spans[pending])
            pending += 1
        active = [e for e in active if e["end"] > a]
        covering = tuple(e for e in active if e["start"] <= a and b <= e["end"])
        out.append(Segment(a, b, text[a:b], covering))
    return out


def visible(text: str) -> Markup:
    """Escape ``text``; show bidirectional controls as inert, visible markers."""
    if not BIDI_CONTROLS.intersection(text):
        return escape(text)
    parts: list[str] = []
    for ch in text:
        if ch in BIDI_CONTROLS:
            code = f"U+{ord(ch):04X}"
            parts.append(f'<span class="ctl" title="{code}">⟦{code}⟧</span>')
        else:
            parts.append(str(escape(ch)))
    return Markup("".join(parts))  # nosec B704 - every piece above was escaped


def _kind(e: Mapping[str, Any]) -> str:
    kind = str(e.get("kind") or "")
    return kind if kind in KIND_PRIORITY else "structure"


def _ltr(value: object) -> str:
    """``value`` between a left-to-right isolate and its pop, for plain text (a tooltip) in a right-to-left UI."""
    return f"\u2066{value}\u2069"


def tooltip(e: Mapping[str, Any], t: Translator | None = None) -> str:
    score = e.get("score")
    score_text = f"{float(score):.2f}" if isinstance(score, int | float) else "?"
    if t is None:
        return f"{e.get('id')} · {_kind(e)} · {e.get('label')} · rule {e.get('rule')} · score {score_text} · " \
               f"{e.get('recognizer')}"
    return " · ".join([
        _ltr(e.get("id")), t.kind(_kind(e)), f"{t.label(e.get('label'))} ({_ltr(e.get('label'))})",
        f"{t('item.ev.rule')} {_ltr(e.get('rule'))}", f"{t('item.ev.score')} {score_text}",
        _ltr(e.get("recognizer")),
    ])


def isolate(text: str, refs: Iterable[str]) -> Markup:
    """``text`` escaped (bidi controls as markers), each occurrence of a reference in ``refs`` (legal references,
    rule ids: left-to-right strings) wrapped in ``<bdi dir="ltr">`` so that right-to-left text around it cannot
    reorder its parts. Longer references win over shorter ones that they contain."""
    wanted = sorted({r for r in refs if r}, key=len, reverse=True)
    if not wanted or not text:
        return visible(text or "")
    pattern = re.compile("|".join(re.escape(r) for r in wanted))
    pieces: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        pieces.append(str(visible(text[last:found.start()])))
        short = " ref-short" if len(found.group()) <= SHORT_REF else ""
        pieces.append(f'<bdi dir="ltr" class="ref{short}">{visible(found.group())}</bdi>')
        last = found.end()
    pieces.append(str(visible(text[last:])))
    return Markup("".join(pieces))  # nosec B704 - every piece above was escaped


LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .,/()\-]*[A-Za-z0-9)]|[A-Za-z]")


def isolate_latin(text: str) -> Markup:
    """``text`` escaped, each run of Latin words, numbers and brackets (a citation such as ``TCO Art. 2(7)`` inside
    an Arabic translation) wrapped in ``<bdi dir="ltr">``. For short strings of the application's own data."""
    return isolate(text, (_balanced(found.group()) for found in LATIN_RUN.finditer(text or "")))


def _balanced(run: str) -> str:
    """``run`` without closing brackets that close what the Arabic around it opened."""
    while run.endswith(")") and run.count(")") > run.count("("):
        run = run[:-1].rstrip()
    return run


def highlight(text: str, evidence: Sequence[Mapping[str, Any]], t: Translator | None = None) -> Markup:
    """The document text as safe HTML with the evidence spans marked; tooltips in ``t``'s language if given."""
    pieces: list[str] = []
    for seg in segments(text, evidence):
        body = visible(seg.text)
        if not seg.evidence:
            pieces.append(str(body))
            continue
        kinds = sorted({_kind(e) for e in seg.evidence}, key=KIND_PRIORITY.index)
        classes = ["hl", f"hl-{kinds[0]}", *(f"has-{k}" for k in kinds[1:])]
        if len(seg.evidence) > 1:
            classes.append("hl-multi")
        ids = " ".join(str(e.get("id")) for e in seg.evidence)
        title = "\n".join(tooltip(e, t) for e in seg.evidence)
        pieces.append(
            f'<mark class="{escape(" ".join(classes))}" data-ev="{escape(ids)}" data-kind="{escape(kinds[0])}" '
            f'title="{escape(title)}">{body}</mark>'
        )
    return Markup("".join(pieces))  # nosec B704 - every piece above was escaped
