"""Write the seed corpora of the harnesses (``fuzz/corpus/html``, ``fuzz/corpus/warc``); deterministic.

Each seed is one byte of mode (bit 0 clear: the rest is used as it is; bit 1: split oversize documents
instead of refusing them) followed by a small generated page or archive: neutral Arabic and English with
a few of basira's own lexicon terms, the charsets and encodings the readers handle, and damaged variants.

    python fuzz/make_seeds.py
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = "قالت وكالة الأنباء إن «الطقس جميل» اليوم ١ رمضان ١٤٤٥ هـ الموافق 11 مارس 2024. شهيد. http://example.test/a"


def page(body: str, *, charset: str = "utf-8", declared: str | None = None) -> bytes:
    meta = f'<meta charset="{declared or charset}">'
    html = (f"<!doctype html><html><head>{meta}<title>عنوان</title></head>"
            f"<body><article><p>{body}</p></article></body></html>")
    return html.encode(charset, errors="replace")


def record(payload: bytes, number: int, *, content_type: str = "text/html; charset=utf-8",
           record_type: str = "response", http: list[str] | None = None) -> bytes:
    if record_type == "response":
        head = ["HTTP/1.1 200 OK", f"Content-Type: {content_type}", *(http or [f"Content-Length: {len(payload)}"])]
        block = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload
        warc_type = "application/http; msgtype=response"
    else:
        block, warc_type = payload, content_type
    header = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Target-URI: http://example.test/{number}\r\nWARC-Date: 2024-03-11T00:00:00Z\r\n"
        f"Content-Type: {warc_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode("latin-1") + block + b"\r\n\r\n"


def main() -> None:
    html_seeds = {
        "utf8.html": page(TEXT),
        "cp1256.html": page(TEXT, charset="cp1256"),
        "declared-base64.html": page(TEXT, charset="cp1256", declared="base64"),
        "utf16.html": b"\xff\xfe" + page(TEXT, charset="utf-16-le"),
        "nested.html": ("<div>" * 300 + TEXT + "</div>" * 300).encode(),
        "entities.html": page("&lt;script&gt; &#1575;&#x644; &amp;amp; &nbsp;" + TEXT),
        "no-text.html": b"<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>",
        "cut.html": page(TEXT)[:90],
    }
    plain = TEXT.encode()
    pages = record(page(TEXT), 1) + record(plain, 2, content_type="text/plain; charset=utf-8", record_type="resource")
    gzipped_body = gzip.compress(page(TEXT), mtime=0)
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (plain[:20], plain[20:])) + b"0\r\n\r\n"
    warc_seeds = {
        "pages.warc": pages,
        "pages.warc.gz": gzip.compress(record(page(TEXT), 1), mtime=0) + gzip.compress(record(plain, 2), mtime=0),
        "http-gzip.warc": record(gzipped_body, 1,
                                 http=["Content-Encoding: gzip", f"Content-Length: {len(gzipped_body)}"]),
        "http-deflate.warc": record(zlib.compress(plain), 1, content_type="text/plain",
                                    http=["Content-Encoding: deflate", f"Content-Length: {len(zlib.compress(plain))}"]),
        "chunked.warc": record(chunks, 1, content_type="text/plain", http=["Transfer-Encoding: chunked"]),
        "cp1256.warc": record(page(TEXT, charset="cp1256"), 1, content_type="text/html; charset=windows-1256"),
        "cut.warc.gz": (gzip.compress(record(page(TEXT), 1), mtime=0) * 2)[:-40],
        "cut-header.warc": pages[: len(record(page(TEXT), 1)) + 120],
        "request-only.warc": record(b"GET / HTTP/1.1\r\nHost: example.test\r\n\r\n", 1, record_type="request",
                                    content_type="application/http; msgtype=request"),
    }
    for folder, seeds in (("html", html_seeds), ("warc", warc_seeds)):
        target = HERE / "corpus" / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (target / f"{name}.seed").write_bytes(b"\x00" + data)
        (target / "split.seed").write_bytes(b"\x02" + next(iter(seeds.values())))
    print(f"wrote {len(html_seeds) + 1} HTML and {len(warc_seeds) + 1} WARC seeds under {HERE / 'corpus'}")


if __name__ == "__main__":
    main()
