"""atheris harness: bytes → WARC ingest (gzip members, warcio, HTTP decoding, HTML/text records) → the
whole analyser.

    python fuzz/fuzz_warc.py -atheris_runs=100000                     # seeds from fuzz/corpus/warc
    python fuzz/fuzz_warc.py -max_total_time=3600 /tmp/warc-corpus    # keep what it finds in a corpus dir

Half the inputs are used as they come; the other half build an archive from the fuzzer's choices: record
types (text and not), content types and charsets, HTTP Content-Encoding (gzip, deflate, one that lies),
chunked transfer encoding, Content-Length exact, short, long or not a number, gzip per record or not, and
a cut at any byte. Generated input only.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["basira"]):
    import _harness

    from basira.ingest.formats.warc import WarcFormat

FORMAT = WarcFormat()
SEEDS = Path(__file__).resolve().parent / "corpus" / "warc"
RECORD_TYPES = ["response", "resource", "request", "metadata", "revisit", "warcinfo", "conversion", "bogus"]
CONTENT_TYPES = ["text/html", "text/plain", "application/xhtml+xml", "image/png", "application/http", "",
                 "text/html; charset=windows-1256", "text/plain; charset=base64", "text/html; charset=zlib",
                 "text/html; charset=\"utf-8\"", "TEXT/HTML;CHARSET=UTF-16"]
ENCODINGS = ["", "gzip", "deflate", "br", "identity", "gzip-but-not-really"]


def _payload(fdp: atheris.FuzzedDataProvider) -> bytes:
    words = _harness.lexicon_words()
    text = " ".join(fdp.PickValueInList(words) for _ in range(fdp.ConsumeIntInRange(0, 40)))
    if fdp.ConsumeBool():
        text = f"<html><head><title>{fdp.PickValueInList(words)}</title></head><body><p>{text}</p></body></html>"
    if fdp.ConsumeBool():
        text += fdp.ConsumeUnicodeNoSurrogates(32)
    return text.encode(fdp.PickValueInList(["utf-8", "cp1256", "utf-16"]), errors="replace")


def _record(fdp: atheris.FuzzedDataProvider, number: int) -> bytes:
    record_type = fdp.PickValueInList(RECORD_TYPES)
    content_type = fdp.PickValueInList(CONTENT_TYPES)
    payload = _payload(fdp)
    if record_type == "response" and fdp.ConsumeBool():
        encoding = fdp.PickValueInList(ENCODINGS)
        body = payload
        if encoding == "gzip":
            body = gzip.compress(payload, mtime=0)
        elif encoding == "deflate":
            body = zlib.compress(payload)
        chunked = fdp.ConsumeBool()
        if chunked:
            size = max(1, fdp.ConsumeIntInRange(1, 64))
            parts = [body[i : i + size] for i in range(0, len(body), size)]
            body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
        headers = [f"Content-Type: {content_type}"]
        if encoding:
            headers.append(f"Content-Encoding: {encoding.split('-')[0]}")
        headers.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}")
        block = ("HTTP/1.1 200 OK\r\n" + "\r\n".join(headers) + "\r\n\r\n").encode("latin-1") + body
        warc_type = "application/http; msgtype=response"
    else:
        block, warc_type = payload, content_type
    length = len(block)
    declared = fdp.PickValueInList([str(length), str(length), str(max(0, length - 7)), str(length + 9), "x", ""])
    header = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Target-URI: http://example.test/{number}\r\nWARC-Date: 2024-03-11T00:00:00Z\r\n"
        f"Content-Type: {warc_type}\r\nContent-Length: {declared}\r\n\r\n"
    )
    return header.encode("latin-1") + block + b"\r\n\r\n"


def structured(fdp: atheris.FuzzedDataProvider) -> bytes:
    records = [_record(fdp, n) for n in range(1, fdp.ConsumeIntInRange(1, 4) + 1)]
    compressed = fdp.ConsumeBool()
    archive = b"".join(gzip.compress(r, mtime=0) for r in records) if compressed else b"".join(records)
    if fdp.ConsumeBool() and archive:
        archive = archive[: fdp.ConsumeIntInRange(0, len(archive))]
    return archive


def TestOneInput(data: bytes) -> None:
    _harness.one_input(data, structured, FORMAT, "fuzz.warc")


def main() -> None:
    _harness.fuzz_main(TestOneInput, SEEDS)


if __name__ == "__main__":
    main()
