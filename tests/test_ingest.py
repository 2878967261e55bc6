"""Ingest: text decoding, size limits, splitting, directories, stdin and the public surface.

Real files in ``tmp_path``; test texts are short, neutral, purpose-made sentences.
"""

from __future__ import annotations

import codecs
import inspect
import io
import itertools
import os
import sys
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

import basira.ingest as ingest
from basira.ingest import IngestOptions, iter_inputs
from basira.ingest.documents import guess_lang, split_text
from basira.ingest.errors import CODES
from basira.ingest.registry import format_for_filename, registered
from basira.types import Document, InputError

AR = "افتتحت المكتبة العامة أبوابها صباح الأحد."  # "The public library opened its doors on Sunday morning."
AR2 = "الطقس اليوم مشمس في عمّان."  # "The weather today is sunny in Amman." (with a shadda)
EN = "The market opens at nine."
MB = 1024 * 1024


def run(paths: list[str | Path], **options: object) -> list[Document | InputError]:
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def only_doc(results: list[Document | InputError]) -> Document:
    assert len(results) == 1 and isinstance(results[0], Document), results
    return results[0]


def only_error(results: list[Document | InputError]) -> InputError:
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def sparse(path: Path, size: int = 200 * MB) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # a hole: no disk blocks, reads as NUL bytes
    return path


# --- the public surface -------------------------------------------------------------------------------


def test_public_api_exports_exactly_what_all_lists() -> None:
    public = {name for name in dir(ingest) if not name.startswith("_")}
    modules = {"decode", "documents", "errors", "formats", "ocr", "options", "reader", "registry", "source",
               "visual_order", "where", "preview"}  # fmt: skip
    assert set(ingest.__all__) == public - modules
    assert {"IngestOptions", "iter_inputs"} <= set(ingest.__all__)


def test_ingest_options_defaults_and_signature() -> None:
    options = IngestOptions()
    assert (options.text_field, options.id_field, options.max_chars, options.oversize) == (
        "text",
        "id",
        5_000_000,
        "refuse",
    )
    assert (options.format, options.max_file_bytes) == (None, 2_000_000_000)
    assert list(inspect.signature(iter_inputs).parameters) == ["paths", "options", "on_skip"]


@pytest.mark.parametrize(
    "kwargs", [{"oversize": "truncate"}, {"max_chars": 0}, {"max_file_bytes": -1}, {"text_field": ""}]
)
def test_bad_options_are_usage_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="invalid ingest option"):
        IngestOptions(**kwargs)  # type: ignore[arg-type]


def test_unknown_forced_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown input format 'docx'"):
        run([write(tmp_path / "a.txt", b"x")], format="docx")


def test_iter_inputs_is_a_lazy_generator(tmp_path: Path) -> None:
    results = iter_inputs([str(tmp_path / "missing.txt")])
    assert inspect.isgenerator(results)
    assert next(results).code == "E_NOT_FOUND"  # type: ignore[union-attr]


def test_error_codes_live_in_one_table() -> None:
    assert set(CODES) == {
        "E_NOT_FOUND", "E_READ", "E_TOO_LARGE", "E_BINARY", "E_ENCODING", "E_EMPTY", "E_JSON", "E_FIELD",
        "E_CSV", "E_HTML", "E_WARC", "E_COMPRESSED", "E_TELEGRAM", "E_PDF", "E_PDF_ENCRYPTED", "E_PDF_NO_TEXT",
        "E_IMAGE", "E_IMAGE_PIXELS", "E_OCR",
    }  # fmt: skip
    assert CODES["E_BINARY"] == "binary content (NUL bytes) — not text"


def test_formats_are_registered_by_their_modules() -> None:
    assert sorted(registered()) == ["csv", "html", "image", "jsonl", "pdf", "telegram", "text", "warc"]
    for name, cls in registered().items():
        assert cls.name == name and (cls.extensions or cls.filenames)
        assert all(e.startswith(".") for e in cls.extensions)


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("a.txt", "text"), ("A.TXT", "text"), ("a.text", "text"), ("page.html", "html"), ("p.htm", "html"),
        ("p.xhtml", "html"), ("d.jsonl", "jsonl"), ("d.ndjson", "jsonl"), ("d.jsonl.gz", "jsonl"),
        ("d.jsonl.zst", "jsonl"), ("t.csv", "csv"), ("t.tsv", "csv"), ("c.warc", "warc"),
        ("c.warc.gz", "warc"), ("x.gz", None), ("x.docx", None), ("noext", None), (".txt", None),
        ("result.json", "telegram"), ("messages.html", "telegram"), ("MESSAGES12.HTML", "telegram"),
        ("other.json", None), ("a.png", "image"), ("a.JPG", "image"), ("a.jpeg", "image"), ("a.webp", "image"),
        ("a.tif", "image"), ("a.tiff", "image"), ("a.gif", None), ("a.pdf", "pdf"), ("A.PDF", "pdf"),
    ],
)  # fmt: skip
def test_format_is_chosen_by_the_longest_extension(filename: str, expected: str | None) -> None:
    fmt = format_for_filename(filename)
    assert (fmt.name if fmt else None) == expected


# --- text: decoding ------------------------------------------------------------------------------------


MIXED = AR2 + "\r\n" + AR + "\r\n" + EN + "\r\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ((AR + "\n" + EN).encode("utf-8"), AR + "\n" + EN, "utf-8"),
        (codecs.BOM_UTF8 + AR.encode("utf-8"), AR, "utf-8"),
        (AR.encode("utf-16"), AR, "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + AR.encode("utf-16-be"), AR, "utf-16"),
        (AR.encode("utf-32"), AR, "utf-32"),
        (AR.encode("cp1256"), AR, "cp1256"),
        (MIXED.encode("cp1256"), MIXED, "cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32", "cp1256", "cp1256-mixed"],
)
def test_text_files_decode_exactly_and_record_the_encoding(
    tmp_path: Path, data: bytes, text: str, encoding: str
) -> None:
    path = write(tmp_path / "news.txt", data)
    doc = only_doc(run([path]))
    assert doc.text == text  # exactly, the BOM dropped
    assert doc.metadata["encoding"] == encoding
    assert (doc.id, doc.source, doc.format, doc.locator, doc.lang) == ("news.txt", str(path), "text", None, "ar")


def test_text_is_kept_exactly_as_decoded(tmp_path: Path) -> None:
    text = f"  {AR}\r\n\r\n\t{EN}\u200f \n"
    doc = only_doc(run([write(tmp_path / "a.txt", text.encode())]))
    assert doc.text == text  # no newline or whitespace normalisation: offsets refer to this string


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("Grüße aus Köln, café".encode("latin-1"), "E_ENCODING"),  # neither UTF-8 nor Arabic
        (b"\x81\x8d\x90\x02\x03 \xe9\xe8\xff\xfe\x1b", "E_ENCODING"),  # control bytes
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E_BINARY"),
        (AR.encode() + b"\x00" + EN.encode(), "E_BINARY"),
        (b"", "E_EMPTY"),
        (b" \n\t\r\n  ", "E_EMPTY"),
        (" \n ".encode("utf-16"), "E_EMPTY"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "E_ENCODING"),  # a lone surrogate after a UTF-16 BOM
    ],
    ids=["latin1", "controls", "png", "nul", "zero-bytes", "whitespace", "utf16-whitespace", "bad-utf16"],
)
def test_undecodable_binary_and_empty_text_are_errors_naming_the_file(
    tmp_path: Path, data: bytes, code: str
) -> None:
    path = write(tmp_path / "input.txt", data)
    error = only_error(run([path]))
    assert error.code == code and error.source == str(path)
    assert error.message.startswith(str(path)) and error.locator is None


def test_unknown_extension_given_by_name_is_read_as_text(tmp_path: Path) -> None:
    doc = only_doc(run([write(tmp_path / "notes.md", EN.encode())]))
    assert (doc.format, doc.text, doc.lang) == ("text", EN, "en")


# --- unreadable paths ----------------------------------------------------------------------------------


def test_missing_file_is_e_not_found_and_reading_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "b.txt", EN.encode())
    results = run([tmp_path / "nope.txt", good])
    assert isinstance(results[0], InputError) and results[0].code == "E_NOT_FOUND"
    assert "nope.txt" in results[0].message
    assert isinstance(results[1], Document) and results[1].text == EN


def test_permission_denied_is_e_read(tmp_path: Path) -> None:
    # Root reads any file, so the read runs in a forked child that first drops to an unprivileged user.
    path = write(tmp_path / "secret.txt", EN.encode())
    path.chmod(0)
    tmp_path.chmod(0o755)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            results = run([path])
            error = results[0]
            payload = f"{getattr(error, 'code', type(error).__name__)}\n{getattr(error, 'message', '')}"
            os.write(write_end, payload.encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    path.chmod(0o600)
    assert os.waitstatus_to_exitcode(status) == 0, output
    code, message = output.split("\n", 1)
    assert code == "E_READ" and "secret.txt" in message


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_e_read() -> None:
    # /proc/self/mem opens and then fails on read (EIO at address 0): a real read error, even for root.
    error = only_error(run(["/proc/self/mem"]))
    assert (error.code, error.source) == ("E_READ", "/proc/self/mem")
    assert "Input/output error" in error.message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_whose_size_says_zero_is_still_read() -> None:
    doc = only_doc(run(["/proc/self/status"]))  # st_size == 0, yet it holds text
    assert doc.text.startswith("Name:") and doc.format == "text"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".csv", ".warc", ".warc.gz", ".jsonl.gz"])
def test_an_empty_file_of_any_format_is_e_empty(tmp_path: Path, suffix: str) -> None:
    error = only_error(run([write(tmp_path / f"empty{suffix}", b"")]))
    assert error.code == "E_EMPTY" and f"empty{suffix}" in error.message


# --- size limits ---------------------------------------------------------------------------------------


def test_file_over_max_file_bytes_is_refused_without_reading(tmp_path: Path) -> None:
    path = sparse(tmp_path / "huge.txt")
    error = only_error(run([path], max_file_bytes=10 * MB))
    assert error.code == "E_TOO_LARGE" and "huge.txt" in error.message
    assert "209,715,200 bytes" in error.message


@pytest.mark.parametrize("suffix", [".txt", ".html", ".csv", ".jsonl", ".warc", ".log"])
@pytest.mark.parametrize("oversize", ["refuse", "split"])
def test_200mb_file_with_default_limits_gives_a_clear_error_never_an_exception(
    tmp_path: Path, suffix: str, oversize: str
) -> None:
    path = sparse(tmp_path / f"big{suffix}")
    tracemalloc.start()
    try:
        results = run([path], oversize=oversize)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert results and all(isinstance(r, InputError) for r in results)
    assert {r.code for r in results} <= {"E_TOO_LARGE", "E_BINARY", "E_WARC"}  # type: ignore[union-attr]
    assert all(r.source == str(path) for r in results)
    assert peak < 100 * MB  # never the whole file at once


def test_text_surely_over_max_chars_is_refused_before_reading(tmp_path: Path) -> None:
    path = sparse(tmp_path / "big.txt")
    error = only_error(run([path]))  # 200 MB > 4 bytes x 5,000,000 characters
    assert error.code == "E_TOO_LARGE" and "not read" in error.message


def test_document_over_max_chars_is_refused(tmp_path: Path) -> None:
    error = only_error(run([write(tmp_path / "a.txt", (EN + " ") .encode() * 10)], max_chars=100))
    assert error.code == "E_TOO_LARGE" and "100 characters" in error.message


# --- oversize="split" ----------------------------------------------------------------------------------

SPLIT_CASES = {
    "arabic-sentences": (AR + " ") * 40,
    "mixed-lines": (AR + "\n" + EN + "\r\n") * 30,
    "one-long-word": "ب" * 1000,  # no whitespace: hard cuts
    "diacritics-run": ("بَّ" * 400),  # hard cuts must not part a mark from its letter
    "exact-multiple": "abcd " * 80,
}


@pytest.mark.parametrize("max_chars", [7, 50, 333])
@pytest.mark.parametrize("name", sorted(SPLIT_CASES))
def test_split_parts_cover_the_whole_text(tmp_path: Path, name: str, max_chars: int) -> None:
    text = SPLIT_CASES[name]
    results = run([write(tmp_path / "long.txt", text.encode())], max_chars=max_chars, oversize="split")
    docs = [r for r in results if isinstance(r, Document)]
    assert len(docs) == len(results) > 1
    assert "".join(d.text for d in docs) == text
    for number, doc in enumerate(docs, start=1):
        assert 0 < len(doc.text) <= max_chars
        assert doc.metadata["part"] == number
        assert text[doc.metadata["offset"] : doc.metadata["offset"] + len(doc.text)] == doc.text
        assert doc.id == ("long.txt" if number == 1 else f"long.txt#part{number}")
        assert doc.metadata["encoding"] == "utf-8"
    for doc, following in itertools.pairwise(docs):
        if any(c.isspace() for c in doc.text):
            assert doc.text[-1].isspace(), "cut at whitespace"
        assert following.text[0] not in "\u064e\u0651", "a mark was parted from its letter"


def test_split_streams_a_file_larger_than_the_read_chunks(tmp_path: Path) -> None:
    text = (AR + " " + AR2 + "\n") * 40_000  # ~2.8 MB of UTF-8: multibyte characters straddle 1 MiB reads
    path = write(tmp_path / "long.txt", text.encode())
    docs = run([path], max_chars=300_000, oversize="split")
    assert all(isinstance(d, Document) for d in docs) and len(docs) > 5
    assert "".join(d.text for d in docs) == text  # type: ignore[union-attr]


def test_a_text_that_fits_is_not_split(tmp_path: Path) -> None:
    doc = only_doc(run([write(tmp_path / "a.txt", AR.encode())], max_chars=len(AR), oversize="split"))
    assert doc.text == AR and "part" not in doc.metadata and doc.id == "a.txt"


def test_split_text_on_chunks_matches_split_on_the_whole() -> None:
    text = (EN + " " + AR + " ") * 20
    chunks = [text[i : i + 13] for i in range(0, len(text), 13)]
    assert list(split_text(chunks, 40)) == list(split_text([text], 40))


# --- language guess ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [(AR, "ar"), (EN, "en"), (AR + " " + EN, "ar"), ("Résumé café", "en"), ("12345 !!", None),
     ("Привет мир", None), ("", None)],
)  # fmt: skip
def test_lang_is_a_cheap_guess_from_letters(text: str, lang: str | None) -> None:
    assert guess_lang(text) == lang


# --- directories ---------------------------------------------------------------------------------------


def test_directories_are_walked_recursively_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", b"second")
    write(root / "a.txt", b"first")
    write(root / "sub" / "c.jsonl", b'{"text": "third"}\n')
    write(root / "sub" / "deeper" / "d.html", b"<p>fourth</p>")
    write(root / "image.gif", b"GIF89a\x00")  # unknown extension: skipped silently
    write(root / ".hidden.txt", b"hidden")
    write(root / ".git" / "e.txt", b"hidden dir")
    (root / "empty").mkdir()
    results = run([root])
    assert [r.text for r in results if isinstance(r, Document)] == ["first", "second", "third", "fourth"]
    assert len(results) == 4
    assert results[0].source == str(root / "a.txt")
    assert results[3].source == str(root / "sub" / "deeper" / "d.html")


def test_an_empty_directory_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "nothing" / "here").mkdir(parents=True)
    write(tmp_path / "nothing" / "skip.bin", b"\x00\x01")
    assert run([tmp_path / "nothing"]) == []


def test_forced_format_reads_every_file_of_a_directory(tmp_path: Path) -> None:
    write(tmp_path / "d" / "posts.log", b'{"text": "one"}\n{"text": "two"}\n')
    results = run([tmp_path / "d"], format="jsonl")
    assert [(r.text, r.format, r.locator) for r in results] == [  # type: ignore[union-attr]
        ("one", "jsonl", "line 1"),
        ("two", "jsonl", "line 2"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", EN.encode())
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert [r.text for r in run([tmp_path / "d"])] == [EN]  # type: ignore[union-attr]


# --- stdin ---------------------------------------------------------------------------------------------


def with_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("data", "fmt", "text"),
    [
        (b'\n  {"id": "p1", "text": "' + AR.encode() + b'"}\n', "jsonl", AR),
        (b"<!DOCTYPE html><html><body><p>" + EN.encode() + b" &quot;ok&quot;</p></body></html>", "html",
         EN + ' "ok"'),
        (AR.encode("utf-16"), "text", AR),
        (AR.encode("cp1256"), "text", AR),
        (EN.encode(), "text", EN),
    ],
    ids=["jsonl", "html", "utf16-text", "cp1256-text", "text"],
)  # fmt: skip
def test_stdin_format_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, text: str) -> None:
    with_stdin(monkeypatch, data)
    doc = only_doc(list(iter_inputs(["-"])))
    assert (doc.format, doc.text, doc.source) == (fmt, text, "<stdin>")


def test_stdin_jsonl_streams_with_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [b'{"text": "one"}', b"not json", b"", b'{"text": "four"}']
    with_stdin(monkeypatch, b"\n".join(lines) * 1)
    results = list(iter_inputs(["-"]))
    assert [(type(r).__name__, r.locator) for r in results] == [
        ("Document", "line 1"),
        ("InputError", "line 2"),
        ("Document", "line 4"),
    ]
    assert results[2].id == "<stdin>:line 4"  # type: ignore[union-attr]


def test_stdin_with_forced_format(monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, b"id,text\n7," + AR.encode() + b"\n")
    doc = only_doc(list(iter_inputs(["-"], IngestOptions(format="csv"))))
    assert (doc.id, doc.text, doc.locator) == ("7", AR, "record 1")


@pytest.mark.parametrize(("data", "code"), [(b"", "E_EMPTY"), (b"\x00\x01\x02", "E_BINARY")])
def test_stdin_errors(monkeypatch: pytest.MonkeyPatch, data: bytes, code: str) -> None:
    with_stdin(monkeypatch, data)
    error = only_error(list(iter_inputs(["-"])))
    assert (error.code, error.source) == (code, "<stdin>")


def test_stdin_over_max_file_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, (EN + "\n").encode() * 100_000)
    error = only_error(list(iter_inputs(["-"], IngestOptions(max_file_bytes=100_000))))
    assert error.code == "E_TOO_LARGE"


# --- streaming -----------------------------------------------------------------------------------------


def test_a_large_jsonl_file_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = ('{"text": "' + AR2 + ' %d"}\n').encode()
    with open(path, "wb") as f:
        for i in range(40_000):
            f.write(line.replace(b"%d", str(i).encode()))
    assert path.stat().st_size > 2.5 * MB
    run([write(tmp_path / "warm-up.jsonl", line)])  # first use imports modules: not the file's memory
    tracemalloc.start()
    try:
        count = 0
        for result in iter_inputs([str(path)]):
            assert isinstance(result, Document)
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 40_000
    assert peak < MB, f"peak {peak:,} bytes: the file was held in memory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_given_by_name_is_read_once_and_sniffed(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "posts"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(b'{"text": "one"}\n{"text": "' + AR.encode() + b'"}\n')

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    results = run([fifo])
    writer.join(timeout=10)
    assert [(r.text, r.format, r.locator) for r in results] == [  # type: ignore[union-attr]
        ("one", "jsonl", "line 1"),
        (AR, "jsonl", "line 2"),
    ]


def test_a_named_pipe_in_a_directory_is_skipped(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    write(tmp_path / "d" / "a.txt", EN.encode())
    os.mkfifo(tmp_path / "d" / "b.txt")  # reading it would block forever
    assert [r.text for r in run([tmp_path / "d"])] == [EN]  # type: ignore[union-attr]


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", EN.encode())
    assert only_doc(list(iter_inputs(str(path)))).text == EN
