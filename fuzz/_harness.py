"""Shared by the atheris harnesses: one input format over fuzzed bytes, then the whole pipeline on every
document it yields, with the contracts checked (an exception or a failed check is a finding).

Contracts: a format yields ``Document``s and ``InputError``s and never raises on bad content; an error
has a known code; a document is non-empty, within ``max_chars`` and valid Unicode; its analysis is one
JSON object whose evidence spans point at their own text and whose categories cite existing evidence.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from basira.ingest.errors import CODES
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format
from basira.ingest.source import Source
from basira.output import analysis_dict
from basira.pipeline import Analyzer
from basira.types import Document, InputError

REFUSE = IngestOptions(max_chars=100_000, max_file_bytes=8 << 20)
SPLIT = IngestOptions(max_chars=2_000, max_file_bytes=8 << 20, oversize="split")

WORDS = [
    "نص", "عربي", "الأخبار", "قالت وكالة", "«", "»", "لا", "ليس", "١٤٤٥", "هـ", "رمضان", "2024", "مارس",
    "http://example.test/a", "www.example.test", "شهيد", "بسم الله الرحمن الرحيم", "ـــ", "\u064e", "\u0651",
    "\u200f", "\u202e", "ﷺ", "ﻻ", "ی", "ک", "&amp;", "&#1575;", "\"", "'", "“", "”", ":", "؟", "\n", "1-", "2)",
]


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    from basira.scan import build_analyzer

    return build_analyzer(None, None)


@lru_cache(maxsize=1)
def lexicon_words() -> list[str]:
    """basira's own short lexicon terms, so fuzzed text reaches the recognisers' deeper paths."""
    from basira.bench.corpus import lexicon_terms

    return [t for t in lexicon_terms() if len(t) <= 30][:400] + WORDS


def check_document(doc: Document, options: IngestOptions) -> None:
    assert doc.text.strip(), "an empty document"
    assert len(doc.text) <= options.max_chars, (len(doc.text), options.max_chars)
    for value in (doc.text, doc.id, doc.source, doc.title or "", doc.locator or ""):
        value.encode("utf-8")  # ingest hands out valid Unicode only (UnicodeEncodeError is a finding)
    record = analysis_dict(analyzer().analyze(doc))
    line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    line.encode("utf-8")
    assert json.loads(line)["document"]["sha256"] == doc.sha256
    ids = set()
    for e in record["evidence"]:
        assert e["text"] == doc.text[e["start"] : e["end"]], e
        ids.add(e["id"])
    for category in record["categories"]:
        assert set(category["evidence"]) <= ids, category
    for note in record["notes"]:
        assert set(note["evidence"]) <= ids, note


def run_format(fmt: Format, data: bytes, name: str, options: IngestOptions) -> list[Any]:
    """Every item ``fmt`` yields for ``data``, each checked; documents go through the whole pipeline."""
    source = Source(name=name, opener=lambda: io.BytesIO(data), size=len(data))
    items = list(fmt.read(source, options))
    for item in items:
        if isinstance(item, InputError):
            assert item.code in CODES, item
            assert item.message.startswith(name), item
            item.message.encode("utf-8")
        else:
            assert isinstance(item, Document), item
            check_document(item, options)
    return items


def one_input(data: bytes, structured: Callable[[Any], bytes], fmt: Format, name: str) -> None:
    """The body of every harness's ``TestOneInput``: the first byte chooses raw or built input (bit 0) and
    split or refuse (bit 1); the rest feeds the format."""
    if not data:
        return
    import atheris  # only a fuzzing run gets here; importing it late keeps this module usable without it

    fdp = atheris.FuzzedDataProvider(data[1:])
    payload = data[1:] if data[0] % 2 == 0 else structured(fdp)
    run_format(fmt, payload, name, SPLIT if data[0] & 2 else REFUSE)


def fuzz_main(test_one_input: Callable[[bytes], None], seeds: Path) -> None:
    """Start atheris on ``test_one_input``, seeded from ``seeds`` unless a corpus folder is given."""
    import atheris

    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]) and seeds.is_dir():
        argv.append("-seed_inputs=" + ",".join(str(p) for p in sorted(seeds.iterdir())))
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
