"""Ingest formats: HTML, JSON Lines (plain, gzip, zstd), CSV/TSV and WARC, on real files in ``tmp_path``.

Test texts are short, neutral, purpose-made sentences.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from basira.ingest import IngestOptions, iter_inputs
from basira.types import Document, InputError

AR = "افتتحت المكتبة العامة أبوابها صباح الأحد."  # "The public library opened its doors on Sunday morning."
AR2 = "الطقس اليوم مشمس في عمّان."  # "The weather today is sunny in Amman."
EN = "The market opens at nine."


def run(paths: list[str | Path], **options: object) -> list[Document | InputError]:
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def only_doc(results: list[Document | InputError]) -> Document:
    assert len(results) == 1 and isinstance(results[0], Document), results
    return results[0]


def only_error(results: list[Document | InputError]) -> InputError:
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


def kinds(results: list[Document | InputError]) -> list[tuple[str, str | None]]:
    """``("doc", locator)`` or ``(error code, locator)`` for each result."""
    return [("doc" if isinstance(r, Document) else r.code, r.locator) for r in results]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- HTML ----------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أخبار المدينة &amp; الطقس</title>
<script>var x = "not text";</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">الرئيسية</a></nav>
<article><h1>المكتبة العامة</h1>
<p>{AR}</p>
<p>قالت المديرة: &quot;{AR2}&quot; &mdash; &#1605;&#x631;&#1581;&#1576;&#1575;</p>
<p>{EN} She said &quot;welcome&quot; &amp; smiled.</p>
</article></body></html>"""


def test_html_main_text_with_entities_decoded_and_arabic_intact(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE.encode())
    doc = only_doc(run([path]))
    assert AR in doc.text
    assert f'قالت المديرة: "{AR2}" — مرحبا' in doc.text
    assert f'{EN} She said "welcome" & smiled.' in doc.text
    assert "&quot;" not in doc.text and "not text" not in doc.text and "color" not in doc.text
    assert doc.title == "أخبار المدينة & الطقس"
    assert (doc.id, doc.source, doc.format, doc.locator, doc.lang) == ("page.html", str(path), "html", None, "ar")
    assert doc.metadata == {"encoding": "utf-8", "extractor": "trafilatura"}


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [('<meta charset="windows-1256">', "cp1256"),
     ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "cp1256"),
     ("", "cp1256")],
    ids=["meta-charset", "http-equiv", "undeclared"],
)  # fmt: skip
def test_html_in_windows_1256(tmp_path: Path, charset: str, encoding: str) -> None:
    page = f"<html><head>{charset}<title>{AR2}</title></head><body><p>{AR}</p><p>{AR2}</p></body></html>"
    doc = only_doc(run([write(tmp_path / "old.htm", page.encode("cp1256"))]))
    assert AR in doc.text and AR2 in doc.text and doc.title == AR2
    assert doc.metadata["encoding"] == encoding


def test_html_declared_charset_is_used_when_utf8_fails(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café crème, à bientôt.</p></body></html>'
    doc = only_doc(run([write(tmp_path / "fr.html", page.encode("latin-1"))]))
    assert "Café crème, à bientôt." in doc.text and doc.metadata["encoding"] == "iso8859-1"


def test_tiny_page_falls_back_to_selectolax(tmp_path: Path) -> None:
    doc = only_doc(run([write(tmp_path / "tiny.html", b"<body>Hi &quot;there&quot;<br>Bye</body>")]))
    assert doc.text == 'Hi "there"\nBye'
    assert doc.metadata["extractor"] == "selectolax"


def test_selectolax_fallback_text_breaks_at_blocks_and_skips_scripts() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from basira.ingest.formats.html import _selectolax_text

    tree = LexborHTMLParser(
        "<body><script>skip()</script><div>Hi <b>bold</b>&nbsp;&amp; more<p>para</p>tail</div>"
        "<style>p{}</style><ul><li>one</li><li>two</li></ul><!-- note --></body>"
    )
    assert _selectolax_text(tree) == "Hi bold & more\npara\ntail\none\ntwo"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div><p>unclosed <b>bold <i>" + EN,
        "<<<>>><div",
        "</p></p></div>" + AR + "<p",
        "<html><body>" + "<div>" * 5000 + EN + "</div>" * 10,  # deeper than Python's recursion limit
        "<table><tr><td>" + AR2 + "<td><tr></table></td>",
        "<!-- never closed comment " + EN,
        "<html><body></body></html>",
        "<script>only();</script>",
        '<p title="unterminated>' + EN,
        "\ufffd\ufffd<p>\x01\x02 " + EN,
    ],
)
def test_malformed_html_never_crashes(tmp_path: Path, markup: str) -> None:
    results = run([write(tmp_path / "bad.html", markup.encode())])
    assert len(results) == 1
    result = results[0]
    if isinstance(result, Document):
        assert result.text.strip()
    else:
        assert result.code in {"E_HTML", "E_BINARY"}, result
        assert "bad.html" in result.message


def test_html_with_no_text_is_e_html(tmp_path: Path) -> None:
    error = only_error(run([write(tmp_path / "empty.html", b"<html><head></head><body> </body></html>")]))
    assert error.code == "E_HTML" and "empty.html" in error.message


# --- JSON Lines ----------------------------------------------------------------------------------------


def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def test_jsonl_broken_line_in_the_middle_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    data = jsonl({"id": "a", "text": AR}, {"id": "b", "text": EN}, '{"id": "c", "text": "cut', "",
                 {"id": "d", "text": AR2})  # fmt: skip
    path = write(tmp_path / "posts.jsonl", data)
    results = run([path])
    assert kinds(results) == [("doc", "line 1"), ("doc", "line 2"), ("E_JSON", "line 3"), ("doc", "line 5")]
    assert [r.text for r in results if isinstance(r, Document)] == [AR, EN, AR2]
    assert [r.id for r in results if isinstance(r, Document)] == ["a", "b", "d"]
    error = results[2]
    assert isinstance(error, InputError) and error.message.startswith(f"{path}, line 3:")
    assert all(r.source == str(path) for r in results)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('{"text": 5}', "E_FIELD"),
        ('{"body": "x"}', "E_FIELD"),
        ('["text", "x"]', "E_JSON"),
        ('"just a string"', "E_JSON"),
        ("{" * 100_000, "E_JSON"),
        ('{"text": "   "}', "E_EMPTY"),
    ],
    ids=["not-a-string", "missing", "array", "string", "deeply-nested", "blank-text"],
)
def test_jsonl_bad_records(tmp_path: Path, line: str, code: str) -> None:
    results = run([write(tmp_path / "a.jsonl", jsonl({"text": EN}, line, {"text": AR}))])
    assert kinds(results) == [("doc", "line 1"), (code, "line 2"), ("doc", "line 3")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "c", "text": "cut', "Unterminated string starting at column 21"),
        ('{"text": "a\tb"}', "Invalid control character at column 12"),
        ('{"text": "x",}', "Expecting property name enclosed in double quotes at column 14"),
    ],
    ids=["unterminated", "control-character", "trailing-comma"],
)
def test_jsonl_syntax_errors_name_the_column_once(tmp_path: Path, line: str, reason: str) -> None:
    """json's own messages sometimes end in "at" ("Unterminated string starting at"): no "at at column"."""
    path = write(tmp_path / "a.jsonl", line.encode())  # no newline: it would be a control character
    error = only_error(run([path]))
    assert error.message == f"{path}, line 1: invalid JSON Lines record ({reason})"


def test_jsonl_line_not_in_utf8_is_e_encoding(tmp_path: Path) -> None:
    data = jsonl({"text": EN}) + b'{"text": "' + AR.encode("cp1256") + b'"}\n' + jsonl({"text": AR})
    assert kinds(run([write(tmp_path / "a.jsonl", data)])) == [
        ("doc", "line 1"),
        ("E_ENCODING", "line 2"),
        ("doc", "line 3"),
    ]


@pytest.mark.parametrize(
    ("text_field", "id_field", "record", "text", "doc_id"),
    [
        ("text", "id", {"id": 7, "text": AR}, AR, "7"),
        ("post.body", "post.id", {"post": {"id": "p-9", "body": AR2}}, AR2, "p-9"),
        ("post.body", "id", {"post.body": EN}, EN, "x.ndjson:line 1"),  # a literal dotted key wins
        ("text", None, {"id": "ignored", "text": EN}, EN, "x.ndjson:line 1"),
        ("text", "id", {"id": None, "text": EN}, EN, "x.ndjson:line 1"),
        ("text", "id", {"id": {"nested": 1}, "text": EN}, EN, "x.ndjson:line 1"),
    ],
)
def test_jsonl_fields_and_ids(
    tmp_path: Path, text_field: str, id_field: str | None, record: dict[str, object], text: str, doc_id: str
) -> None:
    path = write(tmp_path / "x.ndjson", jsonl(record))
    doc = only_doc(run([path], text_field=text_field, id_field=id_field))
    assert (doc.text, doc.id, doc.locator, doc.format) == (text, doc_id, "line 1", "jsonl")


def test_jsonl_text_is_exactly_the_json_string(tmp_path: Path) -> None:
    text = f"  {AR}\r\n\t{EN} \\ \" \u200f"
    doc = only_doc(run([write(tmp_path / "a.jsonl", codecs_bom() + jsonl({"text": text}))]))
    assert doc.text == text


def codecs_bom() -> bytes:
    return "\ufeff".encode()


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".jsonl.gz", gzip.compress), (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b))],
    ids=["gzip", "zstd"],
)
def test_compressed_jsonl_streams(tmp_path: Path, suffix: str, compress: object) -> None:
    data = jsonl(*({"id": i, "text": f"{AR2} {i}"} for i in range(500)))
    results = run([write(tmp_path / f"posts{suffix}", compress(data))])  # type: ignore[operator]
    assert [r.id for r in results] == [str(i) for i in range(500)]  # type: ignore[union-attr]
    assert results[499].text == f"{AR2} 499" and results[499].locator == "line 500"  # type: ignore[union-attr]


def test_truncated_gzip_jsonl_yields_what_was_read_then_e_compressed(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(*({"text": f"{EN} {i}"} for i in range(2000))))
    results = run([write(tmp_path / "cut.jsonl.gz", data[: len(data) * 2 // 3])])
    docs = [r for r in results if isinstance(r, Document)]
    assert docs and [d.locator for d in docs] == [f"line {i}" for i in range(1, len(docs) + 1)]
    assert isinstance(results[-1], InputError) and results[-1].code == "E_COMPRESSED"
    assert len(results) == len(docs) + 1


def test_jsonl_record_over_max_chars_refused_or_split(tmp_path: Path) -> None:
    long_text = (AR2 + " ") * 20
    path = write(tmp_path / "a.jsonl", jsonl({"id": "s", "text": EN}, {"id": "L", "text": long_text}))
    assert kinds(run([path], max_chars=100)) == [("doc", "line 1"), ("E_TOO_LARGE", "line 2")]
    parts = run([path], max_chars=100, oversize="split")
    assert [r.id for r in parts] == ["s", "L", "L#part2", "L#part3", "L#part4", "L#part5", "L#part6"]  # type: ignore[union-attr]
    assert "".join(r.text for r in parts[1:]) == long_text  # type: ignore[union-attr]
    assert all(r.locator == "line 2" for r in parts[1:])


def test_jsonl_binary_file_is_one_e_binary(tmp_path: Path) -> None:
    error = only_error(run([write(tmp_path / "a.jsonl", b"\x00\x01\x02\n" * 50)]))
    assert (error.code, error.locator) == ("E_BINARY", "line 1")


def test_jsonl_with_only_blank_lines_is_e_empty(tmp_path: Path) -> None:
    assert only_error(run([write(tmp_path / "a.jsonl", b"\n\n  \n")])).code == "E_EMPTY"


# --- CSV / TSV -----------------------------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def test_csv_records_with_quotes_commas_and_newlines(tmp_path: Path) -> None:
    multiline = f'{AR}\n{EN}, "quoted"'
    rows = [["id", "text", "lang"], ["1", AR, "ar"], ["2", multiline, "en"], ["", EN, "en"]]
    path = write(tmp_path / "posts.csv", csv_bytes(rows))
    results = run([path])
    assert kinds(results) == [("doc", "record 1"), ("doc", "record 2"), ("doc", "record 3")]
    assert [r.text for r in results] == [AR, multiline, EN]  # type: ignore[union-attr]
    assert [r.id for r in results] == ["1", "2", "posts.csv:record 3"]  # type: ignore[union-attr]
    assert {r.format for r in results} == {"csv"}  # type: ignore[union-attr]


def test_tsv_in_windows_1256(tmp_path: Path) -> None:
    rows = [["text", "id"], [AR, "a"], [AR2, "b"]]
    results = run([write(tmp_path / "old.tsv", csv_bytes(rows, "\t", "cp1256"))])
    assert [(r.id, r.text, r.metadata["encoding"]) for r in results] == [  # type: ignore[union-attr]
        ("a", AR, "cp1256"),
        ("b", AR2, "cp1256"),
    ]


def test_csv_without_the_text_column_is_one_e_field(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", csv_bytes([["id", "body"], ["1", EN], ["2", AR]]))
    error = only_error(run([path]))
    assert error.code == "E_FIELD" and "'text'" in error.message and "id, body" in error.message


def test_csv_short_row_and_empty_text(tmp_path: Path) -> None:
    data = csv_bytes([["id", "text"], ["1", EN], ["2"], ["3", ""], ["4", AR]])
    assert kinds(run([write(tmp_path / "a.csv", data)])) == [
        ("doc", "record 1"),
        ("E_FIELD", "record 2"),
        ("E_EMPTY", "record 3"),
        ("doc", "record 4"),
    ]


def test_csv_field_longer_than_the_csv_module_default_limit(tmp_path: Path) -> None:
    long_text = (AR2 + " ") * 6000  # > 131,072 characters
    doc = only_doc(run([write(tmp_path / "a.csv", csv_bytes([["text"], [long_text]]))]))
    assert doc.text == long_text


# --- WARC ----------------------------------------------------------------------------------------------

HTML_PAGE = f"<html><head><title>T1</title></head><body><p>{AR}</p><p>&quot;{EN}&quot;</p></body></html>"


def warc_bytes(*, gzip_records: bool = True) -> bytes:
    """warcinfo, an HTML response, a request, an image, a text/plain resource, a cp1256 HTML response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))

    def response(url: str, body: bytes, content_type: str) -> None:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )

    response("https://example.org/news", HTML_PAGE.encode(), "text/html; charset=utf-8")
    request = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://example.org/news", "request", http_headers=request)
    )
    response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    writer.write_record(
        writer.create_warc_record(
            "urn:note", "resource", payload=io.BytesIO(AR2.encode()), warc_content_type="text/plain"
        )
    )
    response("https://example.org/old", f"<p>{AR}</p>".encode("cp1256"), "text/html; charset=windows-1256")
    return buffer.getvalue()


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_warc_text_records(tmp_path: Path, gzip_records: bool) -> None:
    name = "crawl.warc.gz" if gzip_records else "crawl.warc"
    path = write(tmp_path / name, warc_bytes(gzip_records=gzip_records))
    results = run([path])
    assert kinds(results) == [("doc", "record 2"), ("doc", "record 5"), ("doc", "record 6")]
    news, note, old = results
    assert isinstance(news, Document) and isinstance(note, Document) and isinstance(old, Document)
    assert AR in news.text and f'"{EN}"' in news.text and news.title == "T1"
    assert news.metadata["url"] == "https://example.org/news" and news.metadata["warc_date"]
    assert news.metadata["http_status"] == 200 and news.metadata["encoding"] == "utf-8"
    assert (news.id, news.source, news.format) == (f"{name}:record 2", str(path), "warc")
    assert note.text == AR2 and note.metadata["url"] == "urn:note"
    assert AR in old.text and old.metadata["encoding"] == "cp1256"


def member_ends(data: bytes) -> list[int]:
    """Offsets where each gzip member (one WARC record) ends."""
    ends, offset = [], 0
    while offset < len(data):
        decompressor = zlib.decompressobj(31)
        decompressor.decompress(data[offset:])
        offset = len(data) - len(decompressor.unused_data)
        ends.append(offset)
    return ends


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("start-of-2nd", [("doc", "record 1"), ("E_WARC", "record 2")]),
        ("middle-of-2nd", [("doc", "record 1"), ("E_WARC", "record 2")]),
        # Only the gzip trailer (checksum, size) is lost: record 2's text was all read, then reading stops.
        ("end-of-2nd-minus-3", [("doc", "record 1"), ("doc", "record 2"), ("E_WARC", "record 3")]),
    ],
)
def test_truncated_warc_gz_yields_records_before_the_damage_then_e_warc(
    tmp_path: Path, where: str, expected: list[tuple[str, str]]
) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, text in enumerate([AR, EN * 40]):
        writer.write_record(
            writer.create_warc_record(
                f"urn:doc:{number}", "resource", payload=io.BytesIO(text.encode()), warc_content_type="text/plain"
            )
        )
    data = buffer.getvalue()
    first_end, second_end = member_ends(data)
    assert second_end == len(data)
    cut = {
        "start-of-2nd": first_end + 5,
        "middle-of-2nd": (first_end + second_end) // 2,
        "end-of-2nd-minus-3": second_end - 3,
    }[where]
    path = write(tmp_path / "cut.warc.gz", data[:cut])
    results = run([path])
    assert kinds(results) == expected
    assert results[0].text == AR  # type: ignore[union-attr]
    error = results[-1]
    assert isinstance(error, InputError) and error.message.startswith(f"{path}, {expected[-1][1]}:")


def test_truncated_uncompressed_warc(tmp_path: Path) -> None:
    data = warc_bytes(gzip_records=False)
    results = run([write(tmp_path / "cut.warc", data[: len(data) - 40])])
    assert kinds(results) == [("doc", "record 2"), ("doc", "record 5"), ("E_WARC", "record 6")]
    assert "truncated" in results[-1].message  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "data",
    [b"not a web archive at all\n", b"WARC/1.0\r\nbroken", b"WARC/1.0", gzip.compress(b"hello"), b"\x1f\x8b\x08junk"],
)
def test_garbage_warc_is_e_warc(tmp_path: Path, data: bytes) -> None:
    error = only_error(run([write(tmp_path / "junk.warc.gz", data)]))
    assert error.code == "E_WARC" and error.locator == "record 1"


@pytest.mark.parametrize("tail", [b"WARC/1.0\r\nWARC-Type: resp", b"WARC/1.0\r\nWARC-Type: response\r\n", b"WAR"])
def test_warc_cut_inside_a_record_header(tmp_path: Path, tail: bytes) -> None:
    results = run([write(tmp_path / "cut.warc", warc_bytes(gzip_records=False) + tail)])
    assert kinds(results)[-1] == ("E_WARC", "record 7")
    assert len(results) == 4
