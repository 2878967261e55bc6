"""atheris harness: bytes → HTML ingest (charset detection, trafilatura, selectolax) → the whole analyser.

    python fuzz/fuzz_html.py -atheris_runs=100000                     # seeds from fuzz/corpus/html
    python fuzz/fuzz_html.py -max_total_time=3600 /tmp/html-corpus    # keep what it finds in a corpus dir

Half the inputs are used as they come (libFuzzer mutates the seeds); the other half build a page from
the fuzzer's choices: charset declarations (including ones that are not text encodings), tags opened and
closed at random, very deep nesting, comments and CDATA cut short, entities, lexicon words and any
Unicode, encoded as UTF-8, Windows-1256 or UTF-16. Generated input only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["basira"]):
    import _harness

    from basira.ingest.formats.html import HtmlFormat

FORMAT = HtmlFormat()
SEEDS = Path(__file__).resolve().parent / "corpus" / "html"
TAGS = ["html", "head", "body", "title", "meta", "p", "div", "article", "main", "script", "style", "noscript",
        "template", "svg", "iframe", "object", "br", "table", "tr", "td", "li", "ul", "h1", "pre", "a", "span"]
CHARSETS = ["utf-8", "windows-1256", "cp1256", "iso-8859-6", "utf-16", "utf-32", "base64", "zlib", "bz2", "hex",
            "rot13", "undefined", "idna", "x-user-defined", "bogus-charset", ""]
# Nesting is capped: lexbor's tree builder is superlinear in depth (issue 13, pinned in
# tests/reliability/test_pathological.py), and the harness hunts other bugs.
MAX_DEPTH = 8000
ODD = ["<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>", "<?xml version='1.0'?>", "&", "<", ">", "\x00",
       "&#0;", "&#xD800;", "&#99999999;", "&nbsp;", "<p", "=\"", "'", "\r\n"]


def structured(fdp: atheris.FuzzedDataProvider) -> bytes:
    words = _harness.lexicon_words()
    pieces: list[str] = []
    depth_left = MAX_DEPTH
    charset = fdp.PickValueInList(CHARSETS)
    if charset:
        pieces.append(f'<meta charset="{charset}">')
    for _ in range(fdp.ConsumeIntInRange(0, 60)):
        kind = fdp.ConsumeIntInRange(0, 7)
        if kind == 0:
            pieces.append(f"<{fdp.PickValueInList(TAGS)}>")
        elif kind == 1:
            pieces.append(f"</{fdp.PickValueInList(TAGS)}>")
        elif kind in (2, 3):
            pieces.append(fdp.PickValueInList(words))
        elif kind == 4:
            pieces.append(fdp.ConsumeUnicodeNoSurrogates(24))
        elif kind == 5:
            depth = fdp.ConsumeIntInRange(0, depth_left)
            depth_left -= depth
            pieces.append("<div>" * depth + fdp.PickValueInList(words) + "</div>" * (depth // 2))
        elif kind == 6:
            pieces.append(fdp.PickValueInList(ODD))
        else:
            pieces.append(" ")
    text = "".join(pieces)
    encoding = fdp.PickValueInList(["utf-8", "cp1256", "utf-16"])
    return text.encode(encoding, errors="replace")


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    fdp = atheris.FuzzedDataProvider(data[1:])
    page = data[1:] if data[0] % 2 == 0 else structured(fdp)
    options = _harness.SPLIT if data[0] & 2 else _harness.REFUSE  # bit 0: raw or built; bit 1: split or refuse
    _harness.run_format(FORMAT, page, "fuzz.html", options)


def main() -> None:
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]) and SEEDS.is_dir():
        argv.append("-seed_inputs=" + ",".join(str(p) for p in sorted(SEEDS.iterdir())))
    atheris.Setup(argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
