"""Words and phrases that separate violating from benign items: the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", section 3.5), as z-scores.

A ranked list is where a lexicon entry starts, never where it ends: every candidate is read in the items it
comes from before it goes into a data file with a provenance comment (docs/mining.md).

Terms are word 1–3-grams of the *normalised* text (``basira.normalize``), so spelling variants that the
normaliser folds count as one term. URLs and @handles are dropped; a word is a run of letters and digits
(``_`` and ``#`` separate words, so a hashtag's parts are words) with at least one letter. Each term counts
once per item (document frequency), and items whose normalised text is identical count once, so a tweet
retweeted a hundred times does not outweigh a hundred different people.

For a term w with counts y_w^v (violating) and y_w^b (benign), group totals n^v and n^b, and a prior
α_w = α_0 · (y_w^v + y_w^b) / (n^v + n^b) (the pooled frequency, scaled by ``prior_scale`` α_0):

    δ_w = log((y_w^v + α_w) / (n^v + α_0 − y_w^v − α_w)) − log((y_w^b + α_w) / (n^b + α_0 − y_w^b − α_w))
    σ²_w ≈ 1 / (y_w^v + α_w) + 1 / (y_w^b + α_w)
    z_w = δ_w / σ_w

A positive z leans violating, a negative one benign. The prior shrinks rare terms toward zero, which is the
point: a word seen twice, both times in violating items, ranks below a word seen a hundred times mostly there.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from basira.normalize import default_normalizer

VIOLATING = "violating"
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HANDLE = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")


class MiningError(ValueError):
    """Input that cannot be mined; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LabelledItem:
    id: str
    text: str
    violating: bool
    category: str | None = None


@dataclass(frozen=True, slots=True)
class TermScore:
    """One term's standing: z > 0 leans violating. Counts are items (after de-duplication), not occurrences."""

    term: str
    z: float
    delta: float
    violating: int
    benign: int


@dataclass(frozen=True, slots=True)
class Ranking:
    language: str
    items_violating: int
    items_benign: int
    duplicates_dropped: int
    terms: tuple[TermScore, ...]  # by z, highest first


def load_labelled(paths: Iterable[str | Path]) -> list[LabelledItem]:
    """JSON Lines with ``text`` and ``label``; ``violating`` is the positive label, anything else is benign."""
    items: list[LabelledItem] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{line_no}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MiningError(f"{where}: not JSON ({exc.msg})") from None
                if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "label" not in row:
                    raise MiningError(f"{where}: needs a JSON object with a string 'text' and a 'label'")
                category = row.get("category")
                items.append(
                    LabelledItem(
                        id=str(row.get("id") or where),
                        text=row["text"],
                        violating=row["label"] == VIOLATING,
                        category=category if isinstance(category, str) else None,
                    )
                )
    return items


def language_of(text: str) -> str:
    """``ar`` when the text has at least as many Arabic-script letters as Latin ones (and some), else ``en``."""
    arabic = len(_ARABIC.findall(text))
    return "ar" if arabic and arabic >= len(_LATIN.findall(text)) else "en"


def words(text: str) -> list[str]:
    """The words of the normalised text, without URLs and @handles."""
    plain = default_normalizer().normalize_plain(text)
    plain = _HANDLE.sub(" ", _URL.sub(" ", plain))
    return [w for w in _WORD.findall(plain) if _LETTER.search(w)]


def terms(text: str, max_n: int = 3) -> set[str]:
    """The distinct word 1..``max_n``-grams of ``text`` (normalised), joined by single spaces."""
    tokens = words(text)
    return {" ".join(tokens[i : i + n]) for n in range(1, max_n + 1) for i in range(len(tokens) - n + 1)}


def _unique(items: Sequence[LabelledItem]) -> tuple[list[LabelledItem], int]:
    seen: set[tuple[str, bool]] = set()
    kept = []
    for item in items:
        key = (" ".join(words(item.text)), item.violating)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept, len(items) - len(kept)


def log_odds_z(
    counts_v: Counter[str], counts_b: Counter[str], prior_scale: float = 1000.0
) -> dict[str, tuple[float, float]]:
    """(δ, z) for every term in either counter, with the informative Dirichlet prior of the pooled counts."""
    if prior_scale <= 0:
        raise ValueError(f"prior_scale must be positive, not {prior_scale}")
    n_v, n_b = sum(counts_v.values()), sum(counts_b.values())
    total = n_v + n_b
    out: dict[str, tuple[float, float]] = {}
    for term in counts_v.keys() | counts_b.keys():
        y_v, y_b = counts_v[term], counts_b[term]
        alpha = prior_scale * (y_v + y_b) / total
        odds_v = (y_v + alpha) / (n_v + prior_scale - y_v - alpha)
        odds_b = (y_b + alpha) / (n_b + prior_scale - y_b - alpha)
        delta = math.log(odds_v) - math.log(odds_b)
        variance = 1.0 / (y_v + alpha) + 1.0 / (y_b + alpha)
        out[term] = (delta, delta / math.sqrt(variance))
    return out


def rank_terms(
    items: Sequence[LabelledItem],
    language: str = "all",
    max_n: int = 3,
    min_count: int = 3,
    prior_scale: float = 1000.0,
    dedupe: bool = True,
) -> Ranking:
    """Rank the terms of ``items`` by z (violating high). Terms in fewer than ``min_count`` items are left out
    of the list (they still count in the totals)."""
    kept, dropped = _unique(items) if dedupe else (list(items), 0)
    counts_v: Counter[str] = Counter()
    counts_b: Counter[str] = Counter()
    for item in kept:
        (counts_v if item.violating else counts_b).update(terms(item.text, max_n))
    if not counts_v or not counts_b:
        raise MiningError(f"{language}: need both violating and benign items with words to compare")
    scored = log_odds_z(counts_v, counts_b, prior_scale)
    ranked = sorted(
        (
            TermScore(term, z, delta, counts_v[term], counts_b[term])
            for term, (delta, z) in scored.items()
            if counts_v[term] + counts_b[term] >= min_count
        ),
        key=lambda s: (-s.z, s.term),
    )
    n_v = sum(1 for i in kept if i.violating)
    return Ranking(language, n_v, len(kept) - n_v, dropped, tuple(ranked))


def rank_by_language(items: Sequence[LabelledItem], **options: Any) -> dict[str, Ranking]:
    """One ranking per language (``language_of``), languages with both labels only."""
    groups: dict[str, list[LabelledItem]] = {}
    for item in items:
        groups.setdefault(language_of(item.text), []).append(item)
    return {
        lang: rank_terms(group, language=lang, **options)
        for lang, group in sorted(groups.items())
        if any(i.violating for i in group) and not all(i.violating for i in group)
    }


def items_with(items: Iterable[LabelledItem], term: str) -> Iterator[LabelledItem]:
    """The items a term comes from, to be read before the term goes anywhere."""
    n = len(term.split())
    for item in items:
        if term in terms(item.text, n):
            yield item


@dataclass(frozen=True, slots=True)
class EntityCount:
    """How many items (violating, benign) name an entity; ``names`` counts the matched name forms."""

    entity_id: str
    violating: int
    benign: int
    names: tuple[tuple[str, int], ...]


def entity_counts(items: Iterable[LabelledItem], entity_ids: Iterable[str] | None = None) -> list[EntityCount]:
    """Count the items in which the bundled entity recogniser finds each entity (each item once per entity)."""
    from basira.normalize import normalize
    from basira.recognizers.entities import bundled_entities

    wanted = set(entity_ids) if entity_ids is not None else None
    recognizer = bundled_entities()
    violating: Counter[str] = Counter()
    benign: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for item in items:
        found: dict[str, set[str]] = {}
        for match in recognizer.matches(normalize(item.text)):
            if wanted is None or match.record.id in wanted:
                found.setdefault(match.record.id, set()).add(match.name.term)
        for entity_id, terms_found in found.items():
            (violating if item.violating else benign)[entity_id] += 1
            names.setdefault(entity_id, Counter()).update(terms_found)
    ids = sorted(violating.keys() | benign.keys() | (wanted or set()))
    return [
        EntityCount(e, violating[e], benign[e], tuple(sorted(names.get(e, Counter()).items(), key=lambda x: -x[1])))
        for e in ids
    ]
