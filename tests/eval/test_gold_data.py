"""The gold set is data: eval/gold/dev.jsonl and test.jsonl are the source of truth, and this file checks them.

Every line: the required fields with allowed values (categories are the policy's, kinds and dialects as in
eval/gold/README.md), spans inside the text whose text[start:end] is a clean phrase (and, for an obfuscated
variant, the base item's phrase once the obfuscation is undone), unique ids and texts, no id or near-copy
shared by dev and test, variants in their base's split, the README's counts table equal to the data, and the
test split's hash equal to the one eval/baseline.json pins (a changed test split must re-pin its floors).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from basira.eval.gold import LABELS, gold_sha256, load_gold
from basira.policy.loader import load_policy

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold"
SPLITS = {"dev": GOLD / "dev.jsonl", "test": GOLD / "test.jsonl"}
BASELINE = ROOT / "eval" / "baseline.json"
README = GOLD / "README.md"

REQUIRED = {"id": str, "text": str, "label": str, "categories": list, "spans": list, "kind": str,
            "dialect": str, "made": str, "note": str}
SPAN_LABELS = {"CALL_TO_VIOLENCE", "GLORIFICATION", "THREAT", "RECRUITMENT", "INSTRUCTION", "FINANCING",
               "SUPPORT", "ENTITY"}
VIOLATING_KINDS = ("statement", "post", "comment")
NEGATIVE_KINDS = ("news", "research", "condemnation", "counter_speech", "religious_quotation", "condolence",
                  "political_criticism", "hate_not_tvec", "sports", "medical", "business", "everyday")
DIALECTS = ("msa", "levantine", "gulf", "egyptian", "iraqi", "maghrebi", "arabizi", "en")
MAX_CHARS = 300
NEAR_COPY_JACCARD = 0.5
ID_RE = re.compile(r"^g\d{4}$")
MADE_RE = re.compile(r"^(handwritten|variant:(g\d{4}))$")
_UNPERSIAN = {"\u06cc": "\u064a", "\u06a9": "\u0643"}  # ی ک → ي ك
_SEPARATORS = {"\u0640", "\u200d", "\u200c"}  # tatweel, ZWJ, ZWNJ


def canonical(text: str) -> str:
    """Undo the gold set's obfuscations (Persian letters, diacritics, tatweel, ZWJ/ZWNJ, spaced/dotted letters)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        char = _UNPERSIAN.get(char, char)
        if unicodedata.category(char) == "Mn" or char in _SEPARATORS or char.isspace() or char in ".·-_*":
            continue
        out.append(char.lower())
    return "".join(out)


def _shingles(text: str, k: int = 4) -> frozenset[str]:
    c = canonical(text)
    return frozenset(c[i : i + k] for i in range(max(1, len(c) - k + 1)))


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[tuple[int, dict[str, Any]]]]:
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for split, path in SPLITS.items():
        rows = []
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert line.strip(), f"{path.name}:{line_no}: blank line"
            rows.append((line_no, json.loads(line)))
        out[split] = rows
    return out


def _all() -> list[tuple[str, int, dict[str, Any]]]:
    return [(split, line_no, row) for split, rows in _rows().items() for line_no, row in rows]


def row_errors(row: dict[str, Any], categories: set[str]) -> list[str]:
    """What is wrong with one gold line on its own (fields, values, spans)."""
    errors = []
    for key, typ in REQUIRED.items():
        if not isinstance(row.get(key), typ):
            errors.append(f"field {key!r} missing or not {typ.__name__}")
    extra = set(row) - set(REQUIRED)
    if extra:
        errors.append(f"unknown fields {sorted(extra)}")
    if errors:
        return errors
    text, label, cats = row["text"], row["label"], row["categories"]
    if not ID_RE.match(row["id"]):
        errors.append(f"id {row['id']!r} is not g + four digits")
    if label not in LABELS:
        errors.append(f"label {label!r} not in {LABELS}")
    if (label == "violating") != bool(cats):
        errors.append("categories must be non-empty exactly when the label is violating")
    unknown = [c for c in cats if c not in categories]
    if unknown:
        errors.append(f"categories {unknown} are not the policy's {sorted(categories)}")
    if len(set(cats)) != len(cats):
        errors.append("a category is repeated")
    kinds = VIOLATING_KINDS if label == "violating" else NEGATIVE_KINDS
    if row["kind"] not in kinds:
        errors.append(f"kind {row['kind']!r} not allowed for {label}")
    if row["dialect"] not in DIALECTS:
        errors.append(f"dialect {row['dialect']!r} unknown")
    if not MADE_RE.match(row["made"]):
        errors.append(f"made {row['made']!r} is neither 'handwritten' nor 'variant:<id>'")
    if not row["note"].strip():
        errors.append("empty note")
    if not text.strip() or len(text) > MAX_CHARS:
        errors.append(f"text empty or over {MAX_CHARS} characters")
    if label == "violating" and not row["spans"]:
        errors.append("violating item without an evidence span")
    for span in row["spans"]:
        if not isinstance(span, dict) or set(span) != {"start", "end", "label"}:
            errors.append(f"span {span!r} needs exactly start, end, label")
            continue
        start, end = span["start"], span["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"span {start}-{end} outside the text (length {len(text)})")
            continue
        if span["label"] not in SPAN_LABELS:
            errors.append(f"span label {span['label']!r} not in {sorted(SPAN_LABELS)}")
        phrase = text[start:end]
        if phrase != phrase.strip() or unicodedata.category(phrase[0]) == "Mn":
            errors.append(f"span {start}-{end} {phrase!r} starts or ends inside a word's marks or on a space")
    return errors


def test_gold_files_exist_and_load() -> None:
    items = load_gold(SPLITS.values())  # the evaluator's own loader reads every line
    assert len(items) == sum(len(rows) for rows in _rows().values()) >= 600


def test_every_line_is_valid() -> None:
    categories = set(load_policy("tco").categories)
    problems = []
    for split, line_no, row in _all():
        problems += [f"{split}.jsonl:{line_no} ({row.get('id')}): {e}" for e in row_errors(row, categories)]
    assert not problems, "\n".join(problems)


def test_ids_and_texts_are_unique_and_no_id_is_in_both_splits() -> None:
    ids = Counter(row["id"] for _, _, row in _all())
    texts = Counter(row["text"] for _, _, row in _all())
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in texts.items() if n > 1] == []
    dev = {row["id"] for _, row in _rows()["dev"]}
    test = {row["id"] for _, row in _rows()["test"]}
    assert dev.isdisjoint(test)


def test_variants_sit_with_their_base_and_keep_its_spans() -> None:
    where = {row["id"]: (split, row) for split, _, row in _all()}
    problems = []
    for split, line_no, row in _all():
        match = MADE_RE.match(row["made"])
        if not match or not match.group(2):
            continue
        base_id = match.group(2)
        if base_id not in where:
            problems.append(f"{split}.jsonl:{line_no}: base {base_id} does not exist")
            continue
        base_split, base = where[base_id]
        if base["made"] != "handwritten":
            problems.append(f"{split}.jsonl:{line_no}: base {base_id} is itself a variant")
        if base_split != split:
            problems.append(f"{split}.jsonl:{line_no}: variant of {base_id} is in {split}, its base in {base_split}")
        if canonical(row["text"]) == canonical(base["text"]):
            # an obfuscated copy (a hand-made translation or a counter-speech twin may differ in label): same
            # label and categories, and its spans are the base's spans mapped through the transform
            if row["label"] != base["label"] or row["categories"] != base["categories"]:
                problems.append(f"{split}.jsonl:{line_no}: label/categories differ from base {base_id}")
            mine = [(s["label"], canonical(row["text"][s["start"] : s["end"]])) for s in row["spans"]]
            theirs = [(s["label"], canonical(base["text"][s["start"] : s["end"]])) for s in base["spans"]]
            if sorted(mine) != sorted(theirs):
                problems.append(f"{split}.jsonl:{line_no}: spans {mine} do not match base {base_id}'s {theirs}")
    assert not problems, "\n".join(problems)


def test_no_test_item_is_a_near_copy_of_a_dev_item() -> None:
    dev = [(row["id"], _shingles(row["text"])) for _, row in _rows()["dev"]]
    worst = (0.0, "", "")
    for _, row in _rows()["test"]:
        mine = _shingles(row["text"])
        for dev_id, theirs in dev:
            score = len(mine & theirs) / len(mine | theirs)
            if score > worst[0]:
                worst = (score, row["id"], dev_id)
    assert worst[0] < NEAR_COPY_JACCARD, f"test {worst[1]} is a near-copy of dev {worst[2]} (Jaccard {worst[0]:.2f})"


def labelled_categories() -> list[str]:
    """The policy's categories a person labels in the gold set: not the classifier's, which has no gold label."""
    categories = load_policy("tco").categories.items()
    return [name for name, c in categories if any(f.label != "MODEL_TVEC" for f in c.features)]


def test_coverage_the_readme_promises() -> None:
    rows = [row for _, _, row in _all()]
    violating = [r for r in rows if r["label"] == "violating"]
    assert len(violating) * 2 <= len(rows), "hard negatives must be at least half of the set"
    for category in labelled_categories():
        assert sum(category in r["categories"] for r in violating) >= 20, category
    for label in LABELS:
        dialects = {r["dialect"] for r in rows if r["label"] == label}
        assert {"msa", "levantine", "gulf", "egyptian", "iraqi", "maghrebi"} <= dialects, label


def counts_table() -> str:
    """The README's counts block, computed from the files."""
    split_of = {row["id"]: split for split, _, row in _all()}
    rows = [row for _, _, row in _all()]

    def line(name: str, pred: Any) -> str:
        dev = sum(1 for r in rows if pred(r) and split_of[r["id"]] == "dev")
        test = sum(1 for r in rows if pred(r) and split_of[r["id"]] == "test")
        return f"| {name} | {dev} | {test} | {dev + test} |"

    out = ["| slice | dev | test | total |", "|---|---:|---:|---:|", line("**all items**", lambda r: True)]
    out += [line(f"label `{lab}`", lambda r, lab=lab: r["label"] == lab) for lab in LABELS]
    out += [line(f"category `{c}`", lambda r, c=c: c in r["categories"]) for c in labelled_categories()]
    out += [line(f"kind `{k}`", lambda r, k=k: r["kind"] == k) for k in VIOLATING_KINDS + NEGATIVE_KINDS]
    out += [line(f"dialect `{d}`", lambda r, d=d: r["dialect"] == d) for d in DIALECTS]
    out += [line(f"made `{m}`", lambda r, m=m: r["made"].startswith(m)) for m in ("handwritten", "variant")]
    out += [line("with ≥2 categories", lambda r: len(r["categories"]) >= 2)]
    out += [line(f"over {MAX_CHARS} characters", lambda r: len(r["text"]) > MAX_CHARS)]
    out += ["", "| dialect | violating | not_violating |", "|---|---:|---:|"]
    for dialect in DIALECTS:
        v = sum(1 for r in rows if r["dialect"] == dialect and r["label"] == "violating")
        n = sum(1 for r in rows if r["dialect"] == dialect and r["label"] == "not_violating")
        out.append(f"| `{dialect}` | {v} | {n} |")
    return "\n".join(out)


def test_readme_counts_match_the_data() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- counts:start -->\n", 1)[1].split("\n<!-- counts:end -->", 1)[0]
    expected = counts_table()
    assert block == expected, f"eval/gold/README.md counts are stale; replace the block with:\n{expected}"


def test_test_split_hash_is_the_pinned_one() -> None:
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["gold_sha256"]
    assert gold_sha256([SPLITS["test"]]) == pinned, (
        "eval/gold/test.jsonl changed: re-pin the floors (basira eval --update-floors) in the same commit"
    )


# ---------------------------------------------------------------- the checks themselves can fail

GOOD = {"id": "g9999", "text": "قرأ الطالب الخبر.", "label": "not_violating", "categories": [], "spans": [],
        "kind": "news", "dialect": "msa", "made": "handwritten", "note": "a plain sentence"}
CATS = {"incitement", "threat"}


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"label": "review"}, "label 'review'"),
        ({"categories": ["threat"]}, "non-empty exactly when"),
        ({"label": "violating", "categories": ["unknown_cat"], "kind": "post",
          "spans": [{"start": 0, "end": 3, "label": "THREAT"}]}, "not the policy's"),
        ({"kind": "post"}, "kind 'post' not allowed"),
        ({"dialect": "klingon"}, "dialect"),
        ({"made": "copied"}, "neither"),
        ({"spans": [{"start": 5, "end": 99, "label": "ENTITY"}]}, "outside the text"),
        ({"spans": [{"start": 3, "end": 10, "label": "ENTITY"}]}, "on a space"),
        ({"spans": [{"start": 0, "end": 3, "label": "WHATEVER"}]}, "span label"),
        ({"label": "violating", "categories": ["threat"], "kind": "post"}, "without an evidence span"),
        ({"id": 7}, "field 'id'"),
        ({"extra_field": 1}, "unknown fields"),
    ],
)
def test_row_errors_catch_each_fault(change: dict[str, Any], fragment: str) -> None:
    assert row_errors(GOOD, CATS) == []
    errors = row_errors({**GOOD, **change}, CATS)
    assert any(fragment in e for e in errors), errors


def test_canonical_undoes_the_obfuscations() -> None:
    assert canonical("داعـــش") == canonical("د.ا.ع.ش") == canonical("د ا ع ش") == canonical("دا\u200dعش") == "داعش"
    assert canonical("کتائب") == canonical("كَتَائِب") == "كتائب"
