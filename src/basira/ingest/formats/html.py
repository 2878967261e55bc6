"""HTML: the main text of the page (trafilatura, favouring recall), else the body text (selectolax).

Markup nested deeper than ``MAX_TREE_DEPTH``, with more than ``MAX_TREE_TAGS`` tags, or with a tag of more than
``MAX_TAG_ATTRIBUTES`` attributes, is read flat instead
(``markup.flat_text``, extractor "flat"): every visible text, no tree, in linear time. ``Document.text`` is
the extracted text, entities decoded; offsets refer to it, not to the markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from basira.ingest.decode import DecodeProblem, Encoding, decode_bytes, detect
from basira.ingest.documents import emit
from basira.ingest.errors import E_HTML, input_error
from basira.ingest.formats.markup import BLOCK_TAGS, SKIP_TAGS, attributes_over, flat_text, nesting_depth
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
META_SCAN_BYTES = 4096
# Deeper than this the page is read flat, not by lexbor and trafilatura: lexbor's tree builder walks its
# stack of open elements, so N levels cost ~N² (issue 13: 50,000 nested <div>s took ~4.5 s, 160,000 ~150 s).
# Chromium and WebKit stop nesting at 512 levels (kMaximumHTMLParserDOMTreeDepth) and real pages stay far
# below that; twice it leaves room for the pre-scan's small under-counts (implied tbody, html, body), and
# lexbor builds 1,024 levels in ~2 ms.
MAX_TREE_DEPTH = 1024
# More markup than this ("<" counted: tags, about two per element) is read flat too: trafilatura's cost grows
# faster than the page (20,000 elements ~2.5 s, 80,000 ~13 s, 5 MB ~5 min) and lexbor's does for some shapes
# (a <select> of 40,000 <option>s ~5 s). Real article pages hold a few thousand elements.
MAX_TREE_TAGS = 40_000
# One tag with more attributes than this is read flat too (attributes dropped, text kept): lexbor and lxml
# compare each attribute with the tag's others, ~N² (issue 15: one tag of 150,000 attributes ~139 s; 16,000
# ~12 s; 1,000 ~0.2 s). Real tags carry a few dozen at most.
MAX_TAG_ATTRIBUTES = 512


@dataclass(frozen=True, slots=True)
class ExtractedHtml:
    text: str
    title: str | None
    encoding: Encoding
    extractor: str


class HtmlProblem(Exception):
    """No text could be had from the markup."""


def meta_charset(data: bytes) -> str | None:
    """The charset named by ``<meta charset>`` or ``<meta http-equiv content="…; charset=…">``."""
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _collapse(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _with_trafilatura(markup: str) -> str:
    import trafilatura

    result: Any = trafilatura.bare_extraction(
        markup, favor_recall=True, include_comments=False, with_metadata=False
    )
    text = getattr(result, "text", None) if result is not None else None
    return text if isinstance(text, str) else ""


def _selectolax_title(tree: Any) -> str | None:
    node = tree.css_first("title")
    return (_collapse(node.text()) or None) if node is not None else None


def _selectolax_text(tree: Any) -> str:
    """Body text with a line break at each block element."""
    root = tree.body or tree.root
    pieces: list[str] = []
    stack: list[Any] = [root] if root is not None else []
    while stack:  # iterative: hostile pages nest deeper than Python's recursion limit
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            pieces.append(item.text(deep=False) or "")
        elif tag in SKIP_TAGS or tag.startswith("-"):  # -comment, -doctype
            continue
        else:
            if tag in BLOCK_TAGS:
                pieces.append("\n")
                stack.append("\n")
            stack.extend(reversed(list(item.iter(include_text=True))))
    return _collapse("".join(pieces))


def too_deep(markup: str, tags: int | None = None) -> bool:
    """Whether a browser's parser would nest the markup deeper than ``MAX_TREE_DEPTH`` (a linear scan).
    ``tags``: the markup's count of "<", when the caller has it."""
    # Each level needs a start tag: markup with few "<" cannot be deep, and is not scanned.
    tags = markup.count("<") if tags is None else tags
    return tags > MAX_TREE_DEPTH and nesting_depth(markup, MAX_TREE_DEPTH) > MAX_TREE_DEPTH


def too_big_for_a_tree(markup: str) -> bool:
    """Whether the page is read flat: more than ``MAX_TREE_TAGS`` tags, nested too deep, or a tag with more
    than ``MAX_TAG_ATTRIBUTES`` attributes."""
    tags = markup.count("<")
    if tags > MAX_TREE_TAGS or too_deep(markup, tags):
        return True
    return len(markup) > 2 * MAX_TAG_ATTRIBUTES and attributes_over(markup, MAX_TAG_ATTRIBUTES)


def _flat(markup: str, encoding: Encoding) -> ExtractedHtml:
    """All the visible text of markup too deep for a tree (block tags as line breaks), and its title."""
    flat = flat_text(markup)
    text = _collapse(flat.text)
    if not text:
        raise HtmlProblem(f"flat reading (nested {flat.depth:,} deep) found no text")
    title = (_collapse(flat.title) or None) if flat.title is not None else None
    return ExtractedHtml(text, title, encoding, "flat")


def extract_html(data: bytes, declared_charset: str | None = None) -> ExtractedHtml:
    """Decode (BOM, UTF-8, declared or ``<meta>`` charset, Windows-1256) and extract the text.

    Raises ``DecodeProblem`` for undecodable bytes and ``HtmlProblem`` when no text comes out.
    """
    from selectolax.lexbor import LexborHTMLParser

    markup, encoding = decode_bytes(data, declared_charset or meta_charset(data))
    if too_big_for_a_tree(markup):
        return _flat(markup, encoding)
    failures: list[str] = []
    tree: Any = None
    title: str | None = None
    try:
        tree = LexborHTMLParser(markup)
        title = _selectolax_title(tree)
    except Exception as error:  # a parser's failure on hostile markup is this input's problem only
        failures.append(f"selectolax: {type(error).__name__}: {error}")
    try:
        text = _with_trafilatura(markup)
    except Exception as error:
        text = ""
        failures.append(f"trafilatura: {type(error).__name__}: {error}")
    if text.strip():
        return ExtractedHtml(text, title, encoding, "trafilatura")
    if tree is not None:
        try:
            text = _selectolax_text(tree)
        except Exception as error:
            failures.append(f"selectolax: {type(error).__name__}: {error}")
        if text.strip():
            return ExtractedHtml(text, title, encoding, "selectolax")
    raise HtmlProblem("; ".join(failures) or "neither trafilatura nor selectolax found text")


@register
class HtmlFormat(Format):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        with source.open() as stream:
            try:  # a streaming look first: binary or undecodable input is refused before it is held in memory
                detect(stream, meta_charset(stream.read(META_SCAN_BYTES)))
            except DecodeProblem as problem:
                yield input_error(problem.template, source.name, **problem.fields)
                return
            stream.seek(0)
            data = stream.read()
        try:
            page = extract_html(data)
        except DecodeProblem as problem:
            yield input_error(problem.template, source.name, **problem.fields)
            return
        except HtmlProblem as problem:
            yield input_error(E_HTML, source.name, reason=str(problem))
            return
        yield from emit(
            [page.text],
            options=options,
            doc_id=source.basename,
            source=source.name,
            fmt=self.name,
            title=page.title,
            metadata={"encoding": page.encoding.label, "extractor": page.extractor},
        )
