"""Property and fuzz tests (hypothesis) over everything that reads hostile text: the normaliser, every
registered recogniser, the whole analyser with the default policy, the JSON Lines writer, and ingest
(random bytes in every format, truncated files, escaped lone surrogates, odd file names and charsets).

Lone surrogates. A ``str`` holding one cannot be encoded as UTF-8. Decoding bytes never produces one, but
a JSON ``"\\ud800"`` escape and a non-UTF-8 file name (``os.fsdecode`` uses surrogateescape) do. What each
layer does:
  * normaliser, recognisers, analyser: work on any ``str`` (tested below with surrogates mixed in);
  * ingest: hands out valid Unicode only — an escaped lone surrogate in JSON Lines becomes U+FFFD (one code
    point for one, so offsets are unchanged); a non-UTF-8 file name is shown with the bad bytes escaped;
  * the scan writer: a record that still holds one is written with JSON ``\\u`` escapes, never a crash.
Profiles: see ``support.py`` (``BASIRA_FUZZ_PROFILE=deep`` for long local runs).
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import os
import random
import tempfile
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import assume, given
from hypothesis import strategies as st

from basira.ingest import CODES, IngestOptions, iter_inputs
from basira.ingest.decode import DecodeProblem, decode_bytes
from basira.normalize import normalize, normalize_plain
from basira.output import analysis_dict, error_dict, json_line
from basira.pipeline import KIND_ORDER, Analyzer
from basira.recognizers.base import Recognizer
from basira.recognizers.registry import registered
from basira.scan import OutputWriter, build_analyzer
from basira.types import Document, EvidenceKind, InputError, Outcome

from .support import (
    PROFILE,
    examples,
    gzip_members,
    hostile_text,
    html_page,
    lexicon_words,
    warc_record,
)

RECOGNIZERS = sorted(registered())
OPTIONS = IngestOptions(max_chars=20_000)


@cache
def recognizer(name: str) -> Recognizer:
    return registered()[name]()


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    return build_analyzer(None, None)


def utf8_ok(value: str | None) -> bool:
    if value is None:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -------------------------------------------------------------------------------------------- normaliser
@PROFILE
@given(hostile_text(surrogates=True), st.data())
def test_offset_maps_hold_on_hostile_text(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    assert nt.original == text
    assert nt.text == normalize_plain(text)
    n = len(nt.text)
    start, end = nt.to_original(0, n)
    assert 0 <= start <= end <= len(text)
    assert normalize_plain(text[:start]) == "" and normalize_plain(text[end:]) == ""
    if n == 0:
        return
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(a + 1, n))
    o_start, o_end = nt.to_original(a, b)
    assert 0 <= o_start < o_end <= len(text)
    wide_a, wide_b = nt.to_normalized(o_start, o_end)
    assert wide_a <= a and wide_b >= b
    assert normalize_plain(text[o_start:o_end]) == nt.text[wide_a:wide_b]
    # Order is kept: a later normalised position never maps before an earlier one.
    assert nt.to_original(a, a)[0] <= nt.to_original(b, b)[0]


@PROFILE
@given(hostile_text(surrogates=True))
def test_normalised_text_grows_at_most_by_the_longest_compatibility_expansion(text: str) -> None:
    """Every step deletes, folds 1:1 or expands one character into a few: U+FDFA (ﷺ) into 18, the most."""
    from basira.normalize.steps import _compatibility_table

    longest = max(len(v) for v in _compatibility_table().values())
    assert longest == 18  # if this changes, the amplification note in docs/reliability.md needs updating
    assert len(normalize_plain(text)) <= longest * len(text)


# ------------------------------------------------------------------------------------------- recognisers
@pytest.mark.parametrize("name", RECOGNIZERS)
@examples(40)
@given(text=hostile_text(surrogates=True))
def test_every_recogniser_keeps_its_contract_on_hostile_text(name: str, text: str) -> None:
    rec = recognizer(name)
    nt = normalize(text)
    first = rec.analyze(nt)
    for e in first:
        assert 0 <= e.start <= e.end <= len(text), e
        assert e.text == text[e.start : e.end], e
        assert isinstance(e.kind, EvidenceKind)
        assert e.label in rec.labels, f"{name} emitted an undeclared label {e.label!r}"
        assert e.recognizer == rec.key
        assert e.rule
        assert math.isfinite(e.score) and 0.0 <= e.score <= 1.0, e
        json.dumps(dict(e.attrs), ensure_ascii=False, allow_nan=False)
    assert rec.analyze(nt) == first, "not deterministic on the same instance"
    assert type(rec)().analyze(normalize(text)) == first, "not deterministic across instances"


# ------------------------------------------------------------------------------------------ the analyser
def check_result(record: dict[str, Any], text: str) -> None:
    line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    assert json.loads(line) == json.loads(json.dumps(record, ensure_ascii=True, allow_nan=False))
    evidence = record["evidence"]
    ids = [e["id"] for e in evidence]
    assert len(ids) == len(set(ids)), "evidence ids repeat"
    known = set(ids)
    for e in evidence:
        assert e["text"] == text[e["start"] : e["end"]]
    assert record["outcome"] in {o.value for o in Outcome}
    for category in record["categories"]:
        assert set(category["evidence"]) <= known, category
        assert {q for q in category["qualifiers"] if not q.startswith("match:")} <= known, category
        assert 0.0 <= category["score"] <= 1.0
    for note in record["notes"]:
        assert set(note["evidence"]) <= known, note
    fired = [c for c in record["categories"] if c["outcome"] != "not_violating"]
    assert (record["statement_of_reasons"] is not None) == bool(fired)


@PROFILE
@given(hostile_text(surrogates=True, max_pieces=120))
def test_the_whole_analyser_gives_consistent_json_on_hostile_text(text: str) -> None:
    document = Document(id="doc-1", source="generated", text=text, format="text")
    record = analysis_dict(analyzer().analyze(document))
    check_result(record, text)


@examples(30)
@given(st.lists(st.sampled_from(lexicon_words()), min_size=1, max_size=40), st.sampled_from([" ", "، ", "\n", " و"]))
def test_the_analyser_on_dense_lexicon_terms(words: list[str], joiner: str) -> None:
    """basira's own trigger phrases, densely packed (evidence overlaps, qualifiers everywhere)."""
    text = joiner.join(words)
    record = analysis_dict(analyzer().analyze(Document(id="d", source="generated", text=text, format="text")))
    check_result(record, text)


def test_the_analysers_evidence_is_every_recognisers_ordered_and_numbered() -> None:
    """The analyser maps, orders and numbers the recognisers' findings itself (one evidence item made per
    finding): the same as each recogniser's own ``analyze``, ordered by start, kind, longest first and label
    (ties in recogniser order), numbered e1, e2 ... Dense terms make overlapping evidence and equal starts."""
    rng = random.Random(7)
    words = lexicon_words()
    whole = analyzer()
    bare = Analyzer(whole.recognizers, whole.normalizer)  # evidence only: no stage adds or drops any
    reordered = 0  # texts whose order needs more than the start
    for _ in range(500):
        text = rng.choice([" ", "، ", "\n", " و"]).join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        nt = whole.normalizer.normalize(text)
        found = [e for recognizer in whole.recognizers for e in recognizer.analyze(nt)]
        by_start = sorted(found, key=lambda e: e.start)
        found.sort(key=lambda e: (e.start, KIND_ORDER.get(e.kind.value, 9), -e.end, e.label))
        reordered += found != by_start
        expected = [replace(e, id=f"e{number}") for number, e in enumerate(found, start=1)]
        assert list(bare.analyze(Document(id="d", source="generated", text=text, format="text")).evidence) == expected
    assert reordered >= 3


# -------------------------------------------------------------------------------------- the scan writer
def write_and_read(records: list[dict[str, Any]], tmp: Path) -> list[dict[str, Any]]:
    path = tmp / "out.jsonl"
    with path.open("wb") as stream:
        writer = OutputWriter(stream, str(path))
        for record in records:
            writer.write_lines(json_line(record))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@examples(30)
@given(hostile_text(surrogates=True, max_pieces=40), st.sampled_from(["ok", "\udcff.txt", "a\ud800b"]))
def test_issue1_the_scan_writer_survives_lone_surrogates(text: str, name: str) -> None:
    """A record holding a lone surrogate (from a JSON escape or a non-UTF-8 file name) is written, with
    JSON escapes, and reads back equal; it used to end the scan with UnicodeEncodeError."""
    document = Document(id=f"id-{name}", source=name, text=text, format="jsonl")
    records = [
        analysis_dict(analyzer().analyze(document)),
        error_dict(InputError(source=name, code="E_READ", message=f"{name}: cannot be read")),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        back = write_and_read(records, Path(tmp))
    assert back == [json.loads(json.dumps(r, ensure_ascii=True)) for r in records]


def test_a_statement_of_reasons_is_built_for_a_document_id_with_a_lone_surrogate() -> None:
    """Found by the property above in CI: a library caller's Document id from a non-UTF-8 file name made the
    DSA statement's puid fail validation, which ended the analysis; the surrogate now reads as U+FFFD."""
    document = Document(id="id-\udcff.txt", source="\udcff.txt", text="صحيفة النبأ", format="jsonl")
    # the rules alone: a media wing's name is violating there (with the classifier, a bare name is not)
    record = analysis_dict(build_analyzer(None, None, model="none").analyze(document))
    assert record["outcome"] == Outcome.VIOLATING.value
    assert record["statement_of_reasons"]["dsa"]["puid"] == "id-\ufffd.txt"


# ------------------------------------------------------------------------------------------------ ingest
def read_all(path: Path, options: IngestOptions = OPTIONS) -> list[Document | InputError]:
    items = list(iter_inputs([str(path)], options))
    assert items, "an input gave neither a document nor an error"
    for item in items:
        assert isinstance(item, Document | InputError), item
        if isinstance(item, InputError):
            assert item.code in CODES, item
            assert "reader failed" not in item.message, f"an exception escaped the reader: {item.message}"
            assert utf8_ok(item.message) and utf8_ok(item.source) and utf8_ok(item.locator)
        else:
            assert item.text.strip(), "an empty document"
            assert len(item.text) <= options.max_chars
            for value in (item.text, item.id, item.source, item.title, item.locator):
                assert utf8_ok(value), f"ingest produced a string that is not valid Unicode: {value!r}"
            json.dumps(dict(item.metadata), ensure_ascii=False)
    return items


PREFIXES = [b"", b"WARC/1.0\r\n", b"<html><body>", b"{\"text\": \"", b"text,id\n", b"\x1f\x8b\x08\x00",
            b"\x28\xb5\x2f\xfd", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"<?xml",
            b"<meta charset=\"base64\">", b"<meta charset=\"windows-1256\">"]
EXTENSIONS = [".txt", ".html", ".jsonl", ".csv", ".tsv", ".warc", ".jsonl.gz", ".jsonl.zst", ".warc.gz", ".bin"]


@pytest.mark.parametrize("extension", EXTENSIONS)
@examples(40)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_random_bytes_in_every_format_never_break_ingest(extension: str, prefix: bytes, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{extension}"
        path.write_bytes(prefix + body)
        read_all(path)


@examples(40)
@given(hostile_text(surrogates=False, max_pieces=60), st.sampled_from(EXTENSIONS[:5]))
def test_hostile_text_in_every_format_never_breaks_ingest(text: str, extension: str) -> None:
    if extension in (".jsonl",):
        data = json.dumps({"id": "x", "text": text}, ensure_ascii=False).encode("utf-8")
    elif extension in (".csv", ".tsv"):
        sep = "," if extension == ".csv" else "\t"
        data = f"id{sep}text\nx{sep}\"{text.replace(chr(34), chr(34) * 2)}\"\n".encode()
    elif extension == ".html":
        data = html_page(text)
    else:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{extension}"
        path.write_bytes(data)
        read_all(path)


def _documents(items: list[Document | InputError]) -> list[tuple[str | None, str]]:
    return [(i.locator, i.text) for i in items if isinstance(i, Document)]


@lru_cache(maxsize=1)
def sample_archive() -> list[bytes]:
    words = lexicon_words()
    records = []
    for n in range(1, 6):
        body = " ".join(words[(n * 7 + k) % len(words)] for k in range(30))
        if n % 2:
            records.append(warc_record(html_page(body), number=n))
        else:
            records.append(warc_record(body.encode(), number=n, record_type="resource",
                                       content_type="text/plain; charset=utf-8"))
    return records


@examples(60)
@given(st.data(), st.sampled_from([".warc", ".warc.gz"]))
def test_truncated_warc_keeps_every_record_before_the_cut(data: st.DataObject, extension: str) -> None:
    records = sample_archive()
    whole = gzip_members(records) if extension.endswith(".gz") else b"".join(records)
    cut = data.draw(st.integers(0, len(whole) - 1))
    with tempfile.TemporaryDirectory() as tmp:
        full_path, cut_path = Path(tmp) / f"full{extension}", Path(tmp) / f"cut{extension}"
        full_path.write_bytes(whole)
        cut_path.write_bytes(whole[:cut])
        full = _documents(read_all(full_path))
        items = read_all(cut_path)
    got = _documents(items)
    assert got == full[: len(got)], "a truncated archive gave documents the whole one does not have"
    # Every record that ends before the cut is read; a cut inside a record, header or block, is reported,
    # not swallowed (a cut between records or in the blank lines that end one is just a shorter archive).
    complete, position, inside = 0, 0, False
    for record in records:
        size = len(gzip_members([record])) if extension.endswith(".gz") else len(record)
        tail = 0 if extension.endswith(".gz") else len(b"\r\n\r\n")
        complete += position + size - tail <= cut
        inside = inside or position < cut < position + size - tail
        position += size
    assert len(got) >= complete, f"{complete} whole records before the cut, {len(got)} read"
    if inside:
        assert any(isinstance(i, InputError) for i in items), "a record cut short went unreported"


def test_issue6_a_warc_cut_inside_a_record_header_is_reported(tmp_path: Path) -> None:
    """An uncompressed WARC that ended inside a record's header read as if it ended cleanly (issue 6): a
    ``response`` record's HTTP headers then parse as empty, and warcio takes the EOFError for the end of
    the archive. The records before are kept; what was read after the last one must be blank."""
    records = sample_archive()
    whole = b"".join(records)
    cut = len(records[0]) + len(records[1]) + 150  # inside the third record's WARC header
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:cut])
    items = read_all(path)
    assert len(_documents(items)) == 2
    errors = [i for i in items if isinstance(i, InputError)]
    assert [(e.code, e.locator) for e in errors] == [("E_WARC", "record 3")]
    assert "inside this record's header" in errors[0].message
    path.write_bytes(whole + b"\r\n" * 10)  # blank lines after the last record are not damage
    assert all(isinstance(i, Document) for i in read_all(path))


@examples(60)
@given(st.data(), st.sampled_from([".jsonl", ".jsonl.gz", ".jsonl.zst"]))
def test_truncated_json_lines_keep_every_complete_line(data: st.DataObject, extension: str) -> None:
    words = lexicon_words()
    lines = [json.dumps({"id": f"r{n}", "text": " ".join(words[(n * 5 + k) % len(words)] for k in range(12))},
                        ensure_ascii=False) + "\n" for n in range(8)]
    raw = "".join(lines).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw) - 1))
    if extension == ".jsonl":
        whole, truncated = raw, raw[:cut]
    elif extension == ".jsonl.gz":
        whole = gzip.compress(raw, mtime=0)
        truncated = whole[: cut * len(whole) // len(raw)]
    else:
        whole = zstandard.ZstdCompressor().compress(raw)
        truncated = whole[: cut * len(whole) // len(raw)]
    with tempfile.TemporaryDirectory() as tmp:
        full_path, cut_path = Path(tmp) / f"full{extension}", Path(tmp) / f"cut{extension}"
        full_path.write_bytes(whole)
        cut_path.write_bytes(truncated)
        full = _documents(read_all(full_path))
        got = _documents(read_all(cut_path)) if truncated else []
    assert len(full) == len(lines)
    if extension == ".jsonl":
        complete = raw[:cut].count(b"\n")
        assert got[:complete] == full[:complete]
    for item in got:
        assert item in full, item  # a cut line is an error, never a different record


@examples(40)
@given(st.data())
def test_truncated_html_never_breaks_ingest(data: st.DataObject) -> None:
    page = html_page(" ".join(lexicon_words()[:200]))
    cut = data.draw(st.integers(1, len(page)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page[:cut])
        read_all(path)


# ------------------------------------------------------------------------------- issues found by fuzzing
@examples(30)
@given(st.lists(st.sampled_from(["ok", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\udc00\\ud800", "نص", "\\u0000"]),
                max_size=12))
def test_issue2_escaped_lone_surrogates_and_nul_in_json_lines_become_replacement_characters(pieces: list[str]) -> None:
    """JSON allows ``"\\ud800"`` and ``"\\u0000"``; such a record is read with U+FFFD in their place (offsets
    unchanged) instead of carrying a string that no UTF-8 output, database or browser can hold (a lone
    surrogate) or that PostgreSQL refuses (NUL: the result was "not stored")."""
    assume(pieces)
    raw_text = " ".join(pieces)
    line = '{"id": "a\\udfffb", "text": "' + raw_text + '"}\n'
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text(line, encoding="utf-8")
        (doc,) = read_all(path)
    assert isinstance(doc, Document)
    decoded = json.loads(line)
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF or c == "\x00" else c for c in decoded["text"])
    assert doc.text == expected
    assert doc.id == "a\ufffdb"


def test_issue3_file_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 (``os.fsdecode`` gives surrogates) is reported with the
    bad bytes escaped; it used to crash the JSON Lines writer (and would crash the store)."""
    folder = tmp_path / "names"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/\xff\xfe-post.txt"
    with open(bad, "wb") as f:
        f.write("نص عربي للاختبار".encode())
    with open(os.fsencode(folder) + b"/\xff-empty.txt", "wb"):
        pass
    items = read_all(folder)
    assert len(items) == 2
    doc = next(i for i in items if isinstance(i, Document))
    assert doc.source.endswith("\\xff\\xfe-post.txt")
    assert doc.id == "\\xff\\xfe-post.txt"
    error = next(i for i in items if isinstance(i, InputError))
    assert error.source.endswith("\\xff-empty.txt")


NON_TEXT_CODECS = ["base64", "hex", "zlib", "bz2", "uu", "quopri", "rot13", "undefined", "idna", "punycode"]


@pytest.mark.parametrize("charset", NON_TEXT_CODECS)
def test_issue4_a_declared_charset_that_is_not_a_text_encoding_is_ignored(charset: str, tmp_path: Path) -> None:
    """``<meta charset="base64">`` (or zlib, bz2, ...) used to raise from the decoder: the HTML file was lost
    as E_READ and a WARC stopped at that record; a zlib or bz2 'charset' could even inflate a bomb."""
    arabic = "نص عربي للاختبار في صفحة".encode("cp1256")
    for data in (arabic, b"abc \xe9\xff", b"\x80" * 10):
        try:
            text, _encoding = decode_bytes(data, charset)
        except DecodeProblem:
            continue
        assert isinstance(text, str)
    page = b"<html><head><meta charset=\"" + charset.encode() + b"\"></head><body><p>" + arabic + b"</p></body></html>"
    (tmp_path / "page.html").write_bytes(page)
    (doc,) = read_all(tmp_path / "page.html")
    assert isinstance(doc, Document), doc
    assert "نص عربي" in doc.text
    second = warc_record(html_page("الصفحة الثانية"), number=2)
    first = warc_record(page, number=1, content_type=f"text/html; charset={charset}")
    (tmp_path / "a.warc").write_bytes(first + second)
    docs = _documents(read_all(tmp_path / "a.warc"))
    assert [locator for locator, _ in docs] == ["record 1", "record 2"]


def test_issue5_split_mode_cuts_runs_of_combining_marks_into_full_parts() -> None:
    """A word of nothing but combining marks longer than max_chars used to be cut into one-character
    parts, walking back over the whole window each time (quadratic, and a flood of documents)."""
    import time

    from basira.ingest.documents import split_text

    started = time.process_time()  # CPU time: other processes on a shared machine do not count
    parts = list(split_text(["\u064e" * 30_000], 3_000))
    assert time.process_time() - started < 2
    assert "".join(p for _, p in parts) == "\u064e" * 30_000
    assert len(parts) == 10
    # A letter followed by its own marks is still never parted from them.
    text = "ب" * 9_990 + "ت" + "\u064e\u0651" * 10 + " rest"
    first = next(split_text([text], 10_000))[1]
    assert first == "ب" * 9_990


def test_ingest_documents_are_valid_unicode_from_every_decoder(tmp_path: Path) -> None:
    """UTF-16/32 with unpaired surrogate code units is refused, not decoded into lone surrogates."""
    samples = {
        "utf16.txt": b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"),
        "utf32.txt": b"\xff\xfe\x00\x00" + "نص".encode("utf-32-le") + b"\x00\xd8\x00\x00",
        "cesu.txt": "نص".encode() + b"\xed\xa0\x80",
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
        read_all(tmp_path / name)


# --------------------------------------------------------------------------------------- the API JSON path
@pytest.fixture(scope="module")
def api_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The REST API in process (ASGI), over SQLite, with an ``api`` user's token in the headers."""
    pytest.importorskip("fastapi")
    import warnings

    with warnings.catch_warnings():  # starlette's note about its httpx transport is not ours to act on
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from basira.api import Settings, create_app, hash_password

    db = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    app = create_app(Settings(db_url=db, rate_per_second=100_000.0, rate_burst=100_000, max_chars=20_000))
    store = app.state.ctx.store
    store.create_user("fuzz-bot", "api", hash_password("a long enough password"))
    _record, token = store.create_token("fuzz-bot", "reliability")
    with TestClient(app, raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


JSON_EXTRAS = st.sampled_from(["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\udc00\\ud800", "\\u0000", "\\u202e",
                               "\\\\", "\\\"", "\\n", "\\t", "\\/", "\\uFEFF"])


@examples(40)
@given(hostile_text(surrogates=True, max_pieces=40), st.lists(JSON_EXTRAS, max_size=4), st.sampled_from(
    ["text", "id", "title", "source", "metadata-key", "metadata-value"]))
def test_the_api_json_path_never_fails_on_hostile_text(
    api_client: Any, text: str, extras: list[str], field: str
) -> None:
    """Hostile strings — lone surrogates escaped in the JSON, NUL, bidi controls — in any field of
    POST /v1/analyze: a 2xx with a consistent result, or a 4xx that says why; never a 500."""
    escaped = json.dumps(text + "".join(json.loads(f'"{e}"') for e in extras), ensure_ascii=True)
    fields = {"text": '"نص عربي للاختبار"', "id": '"doc-1"'}
    if field in ("text", "id", "title", "source"):
        fields[field] = escaped
        body = "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"
    elif field == "metadata-key":
        body = "{" + f'"text": {fields["text"]}, "metadata": {{{escaped}: 1}}' + "}"
    else:
        body = "{" + f'"text": {fields["text"]}, "metadata": {{"note": {escaped}}}' + "}"
    response = api_client.post("/v1/analyze", content=body.encode("utf-8"),
                               headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text
    payload = response.json()
    if response.status_code >= 400:
        assert payload.get("message") or payload.get("detail"), payload
        return
    sent = json.loads(body)
    assert payload["document"]["chars"] == len(sent["text"])
    for e in payload["evidence"]:
        assert e["text"] == sent["text"][e["start"] : e["end"]]


@examples(20)
@given(st.binary(max_size=400))
def test_the_api_refuses_bytes_that_are_not_json_cleanly(api_client: Any, body: bytes) -> None:
    response = api_client.post("/v1/analyze", content=b'{"text": "' + body + b'"}',
                               headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text


# ------------------------------------------------- the linear-time rewrites give the answers the old loops gave
def _labels_of_policy() -> list[str]:
    from basira.policy import load_policy

    policy = load_policy(None)
    labels = {q_label for q in policy.common_qualifiers for q_label in q.labels}
    for category in policy.categories.values():
        labels |= {f.label for f in category.features if f.label}
        labels |= {q_label for q in category.qualifiers for q_label in q.labels}
    return sorted(labels)


class _ReferenceEngine:
    """The policy engine's qualifier search as it was (a scan of all evidence per feature instance)."""

    @staticmethod
    def qualify(engine: Any, target: Any, qualifiers: Any, analysis: Any, entity_lists: Any, index: Any = None) -> Any:
        applied = []
        text = analysis.document.text
        for q in qualifiers:
            if q.source == "match":
                if analysis.matches:
                    applied.append((q, f"match:{analysis.matches[0].entry}"))
                continue
            if q.when == "absent":
                if target is not None and "model" in analysis.versions and not any(
                        e.label in q.labels and e.score >= q.min_score for e in analysis.evidence):
                    applied.append((q, "classifier"))
                continue
            for other in analysis.evidence:
                if other.label not in q.labels or (target is not None and other.id == target.id):
                    continue
                if q.listed and not engine.is_listed(other, entity_lists):
                    continue
                if not engine._attrs_match(other, q.attrs):
                    continue
                if target is None and q.scope != "document":
                    continue
                if target is None or engine._in_scope(q, target, other, text):
                    applied.append((q, other.id))
                    break
        return tuple(applied)


@examples(300)
@given(st.data())
def test_issue9_the_indexed_policy_engine_decides_as_the_linear_scan_did(data: st.DataObject) -> None:
    from basira.policy import PolicyEngine, load_policy
    from basira.types import Analysis, Evidence, MatchHit

    labels = _labels_of_policy()
    length = data.draw(st.integers(20, 1500))
    text = "".join(data.draw(st.lists(st.sampled_from(list("abc .!?\n؛؟x")), min_size=length, max_size=length)))
    # Each span starts at a boundary of an earlier one moved by 0, 1 or one of the policy's windows (25, 200,
    # 250, 300, 400), so spans that touch, nest, share an end or sit exactly one window apart are common.
    boundaries = data.draw(st.lists(st.integers(0, length), min_size=1, max_size=2))
    deltas = [0, 0, 1, -1, 25, -25, 26, 200, 250, -250, 251, 300, -300, 400, -400, 401]
    features = ["CALL_TO_VIOLENCE", "GLORIFICATION", "THREAT", "RECRUITMENT", "INSTRUCTION", "FINANCING", "SUPPORT"]

    evidence = []
    for i in range(data.draw(st.integers(0, 25))):
        at = min(length, max(0, data.draw(st.sampled_from(boundaries)) + data.draw(st.sampled_from(deltas))))
        size = data.draw(st.sampled_from([0, 1, 2, 5, 25, 250, 300]))
        if data.draw(st.booleans()):  # the span starts there
            start, end = at, min(length, at + size)
        else:  # or ends there
            start, end = max(0, at - size), at
        boundaries += [start, end]
        label = data.draw(st.sampled_from(features) if data.draw(st.booleans()) else st.sampled_from(labels))
        attrs: dict[str, Any] = {}
        if data.draw(st.booleans()):
            attrs = data.draw(st.sampled_from([{"form": "imperative_singular"}, {"name_form": "self_name"},
                                               {"entity_id": "Q1", "lists": ["US-FTO"]}, {"entity_id": "Q1"},
                                               {"entity_id": "Q2", "lists": ["NONE"]}]))
        evidence.append(Evidence(id=f"e{i + 1}", kind=EvidenceKind.SIGNAL, label=label,
                                 start=start, end=end, text=text[start:end], recognizer="r@1", rule="r",
                                 score=data.draw(st.floats(0, 1)), attrs=attrs))
    if data.draw(st.booleans()):
        evidence.sort(key=lambda e: (e.start, -e.end))
    matches = (MatchHit("bank", "minhash", 0.9, "entry-1"),) if data.draw(st.booleans()) else ()
    analysis = Analysis(document=Document(id="d", source="s", text=text, format="text"), evidence=tuple(evidence),
                        matches=matches, versions={"model": "m@1"} if data.draw(st.booleans()) else {})
    jurisdiction = data.draw(st.sampled_from(["all", "us", "un"]))
    engine = PolicyEngine(load_policy(None), jurisdiction)
    reference = PolicyEngine(load_policy(None), jurisdiction)
    reference._qualify = lambda *args: _ReferenceEngine.qualify(reference, *args)  # type: ignore[method-assign]
    assert engine.decide(analysis) == reference.decide(analysis)


def _reference_pairs(text: str, own: list[Any]) -> list[Any]:
    """dates._pairs as it was: every Hijri date against every Gregorian one."""
    from basira.recognizers.dates import _paired

    hijri = [e for e in own if e.label == "HIJRI_DATE"]
    gregorian = [e for e in own if e.label == "GREGORIAN_DATE"]
    options = []
    for h in hijri:
        for g in gregorian:
            first, second = (h, g) if h.start < g.start else (g, h)
            if first.end <= second.start and _paired(text, first, second):
                options.append((second.start - first.end, h.start, h, g))
    options.sort(key=lambda o: (o[0], o[1]))
    used: set[str] = set()
    pairs = []
    for _, _, h, g in options:
        if h.id not in used and g.id not in used:
            used.update((h.id, g.id))
            pairs.append((h, g))
    return sorted(pairs, key=lambda p: min(p[0].start, p[1].start))


DATE_PIECES_DENSE = ["1 رمضان 1445 هـ", "11 مارس 2024", "الموافق", "،", " ", "و", "حتى", ".", "2024-03-11",
                     "١٤٤٥/٩/١", "(", ")", "م", "1445", "10/3/2024", "x" * 50, "\n"]


@examples(150)
@given(st.lists(st.sampled_from(DATE_PIECES_DENSE), max_size=60).map(" ".join))
def test_issue8_date_pairing_and_overlaps_give_what_the_quadratic_loops_gave(text: str) -> None:
    from basira.recognizers.dates import _pairs

    rec = recognizer("dates")
    evidence = rec.analyze(normalize(text))
    own = sorted((replace(e, id=f"e{i}") for i, e in enumerate(evidence)), key=lambda e: e.start)
    assert _pairs(text, own) == _reference_pairs(text, own)
    # The overlap check kept the longest, then leftmost, non-overlapping dates: none overlap.
    spans = sorted((e.start, e.end) for e in evidence)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@examples(100)
@given(st.lists(st.sampled_from(["«", "»", "“", "”", "„", "\"", "'", "‘", "’", "كلمة", "word", " ", ".", "\n", "و"]),
                max_size=80).map("".join))
def test_issue8_mentions_never_overlap(text: str) -> None:
    spans = sorted((e.start, e.end) for e in recognizer("mentions").analyze(normalize(text)))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def _boundary_cases() -> list[tuple[str, str, str, int, int, int, int]]:
    """(category, feature label, qualifier label, target start/end, other start/end) at every scope edge."""
    from basira.policy import load_policy

    policy = load_policy(None)
    cases = []
    for name, category in policy.categories.items():
        feature = next((f.label for f in category.features if f.label and not f.listed and not f.requires_any), None)
        if feature is None:
            continue
        for q in policy.qualifiers_for(name):
            if q.source != "evidence" or q.listed or q.attrs or not q.labels:
                continue
            t0, t1, w = 1000, 1010, q.window
            if q.scope == "contains":
                spans = [(t0, t1), (t0 - 1, t1), (t0, t1 + 1), (t0 + 1, t1), (t0, t1 - 1), (t0 - 5, t1 + 5)]
            elif q.scope == "before":
                spans = [(t0 - w - 5, t0 - w + d) for d in (-1, 0, 1)] + [(t0, t0 + 3), (t0 + 1, t0 + 3)]
            else:
                spans = [(t0 - w - 5, t0 - w + d) for d in (-1, 0, 1)] + [(t1 + w + d, t1 + w + 9) for d in (-1, 0, 1)]
            cases += [(name, feature, q.labels[0], t0, t1, o0, o1) for o0, o1 in spans]
    return cases


@pytest.mark.parametrize(("category", "feature", "qualifier", "t0", "t1", "o0", "o1"), _boundary_cases())
def test_issue9_the_indexed_policy_engine_agrees_at_every_scope_edge(
    category: str, feature: str, qualifier: str, t0: int, t1: int, o0: int, o1: int
) -> None:
    from basira.policy import PolicyEngine, load_policy
    from basira.types import Analysis, Evidence

    text = "x" * 2000
    evidence = (
        Evidence(id="e1", kind=EvidenceKind.SIGNAL, label=feature, start=t0, end=t1, text=text[t0:t1],
                 recognizer="r@1", rule="r", score=0.95),
        Evidence(id="e2", kind=EvidenceKind.CONTEXT, label=qualifier, start=o0, end=o1, text=text[o0:o1],
                 recognizer="r@1", rule="r", score=0.9),
    )
    analysis = Analysis(document=Document(id="d", source="s", text=text, format="text"), evidence=evidence)
    engine = PolicyEngine(load_policy(None))
    reference = PolicyEngine(load_policy(None))
    reference._qualify = lambda *args: _ReferenceEngine.qualify(reference, *args)  # type: ignore[method-assign]
    got, want = engine.score_category(category, analysis)[0], reference.score_category(category, analysis)[0]
    assert got == want
