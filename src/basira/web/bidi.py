"""Bidirectional control characters in user-supplied text, shown as visible markers.

Hostile text can carry U+202E (right-to-left override) and its kin to make a title, a reason or a source
display in a misleading order. Every ``{{ value }}`` the templates print goes through ``bidi_markers``
(the Jinja environment's ``finalize``): each control becomes the inert text ``⟦U+202E⟧`` before escaping.
Markup built by the application (``Markup`` values: highlighted text, isolated references) passes as it is;
the document text itself is marked by ``highlight.visible``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

# The embeddings, overrides and isolates, and the implicit marks (ALM, LRM, RLM).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f")
_MARKERS = {ord(ch): f"⟦U+{ord(ch):04X}⟧" for ch in BIDI_CONTROLS}


def marked(text: str) -> str:
    """``text`` with every bidirectional control replaced by its visible marker."""
    return text.translate(_MARKERS) if BIDI_CONTROLS.intersection(text) else text


def bidi_markers(value: Any) -> Any:
    """Jinja ``finalize``: plain strings get markers; ``Markup`` and non-strings are left alone."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return marked(value)
    return value
