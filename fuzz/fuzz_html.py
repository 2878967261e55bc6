"""atheris harness: bytes → HTML ingest (charset detection, trafilatura, selectolax) → the whole analyser.

    python fuzz/fuzz_html.py -atheris_runs=100000                     # seeds from fuzz/corpus/html
    python fuzz/fuzz_html.py -max_total_time=3600 /tmp/html-corpus    # keep what it finds in a corpus dir

Half the inputs are used as they come (libFuzzer mutates the seeds); the other half build a page from
the fuzzer's choices: charset declarations (including ones that are not text encodings), tags opened and
closed at random, very deep nesting, comments and CDATA cut short, entities, lexicon words and any
Unicode, encoded as UTF-8, Windows-1256 or UTF-16. Generated input only.
"""

from __future__ import annotations

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
# Nesting is capped for throughput only: past MAX_TREE_DEPTH (1,024) a page is read flat, linearly (issue 13,
# fixed), so 8,000 levels fuzz both the tree and the flat reading.
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
    _harness.one_input(data, structured, FORMAT, "fuzz.html")


def main() -> None:
    _harness.fuzz_main(TestOneInput, SEEDS)


if __name__ == "__main__":
    main()
