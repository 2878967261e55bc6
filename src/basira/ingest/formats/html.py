"""HTML: the main text of the page (trafilatura, favouring recall), else the body text (selectolax).

``Document.text`` is the extracted text, entities decoded; offsets refer to it, not to the markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from basira.ingest.decode import DecodeProblem, Encoding, decode_bytes, detect
from basira.ingest.documents import emit
from basira.ingest.errors import E_HTML, input_error
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
META_SCAN_BYTES = 4096
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
     "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
)


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
        elif tag in _SKIP_TAGS or tag.startswith("-"):  # -comment, -doctype
            continue
        else:
            if tag in _BLOCK_TAGS:
                pieces.append("\n")
                stack.append("\n")
            stack.extend(reversed(list(item.iter(include_text=True))))
    return _collapse("".join(pieces))


def extract_html(data: bytes, declared_charset: str | None = None) -> ExtractedHtml:
    """Decode (BOM, UTF-8, declared or ``<meta>`` charset, Windows-1256) and extract the text.

    Raises ``DecodeProblem`` for undecodable bytes and ``HtmlProblem`` when no text comes out.
    """
    from selectolax.lexbor import LexborHTMLParser

    markup, encoding = decode_bytes(data, declared_charset or meta_charset(data))
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
