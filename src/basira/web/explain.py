"""The policy engine's explanation lines (``CategoryDecision.explanation``) in the UI's language.

The engine writes three kinds of line (``policy/engine.py``, ``score_category``): the feature that scored,
each qualifier applied, and the score against the thresholds. Each is matched here and rewritten with the
``explain.*`` strings, labels and qualifier ids in words, and ids and numbers in left-to-right isolates so
that right-to-left text cannot reorder them. A line of any other form is shown as it is, isolated.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from basira.web.highlight import visible
from basira.web.i18n import Translator

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
BASE = re.compile(rf"^(?P<label>[A-Za-z_]+) \((?P<source>[^()]*)\): base (?P<base>{_NUMBER})$")
QUALIFIER = re.compile(rf"^(?P<qualifier>[a-z_]+) \((?P<source>[^()]*)\): (?P<effect>{_NUMBER})$")
SCORE = re.compile(rf"^score (?P<score>{_NUMBER}); review ≥ (?P<review>{_NUMBER}), "
                   rf"violating ≥ (?P<violating>{_NUMBER})$")


def ltr(value: str) -> Markup:
    """``value`` escaped, in a left-to-right isolate."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(visible(value))


def explain_line(line: object, t: Translator) -> Markup:
    text = str(line)
    if found := BASE.match(text):
        return escape(t("explain.base")).format(label=t.label(found["label"]), source=ltr(found["source"]),
                                                base=ltr(found["base"]))
    if found := QUALIFIER.match(text):
        return escape(t("explain.qualifier")).format(qualifier=t.qualifier(found["qualifier"]),
                                                     source=ltr(found["source"]), effect=ltr(found["effect"]))
    if found := SCORE.match(text):
        return escape(t("explain.score")).format(score=ltr(found["score"]), review=ltr(found["review"]),
                                                 violating=ltr(found["violating"]))
    return ltr(text)
