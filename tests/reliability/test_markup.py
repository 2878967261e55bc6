"""The linear reading of HTML (``ingest/formats/markup.py``) and the flat path of ``extract_html`` for markup
nested deeper than ``MAX_TREE_DEPTH`` (issue 13: lexbor's tree builder is quadratic in depth).

The depth pre-scan must never count less than a browser's parser builds by more than a small factor, or
deep markup would reach lexbor; the flat reading must keep every visible text, or nesting would hide text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from basira.ingest import IngestOptions, iter_inputs
from basira.ingest.formats.html import MAX_TREE_DEPTH, MAX_TREE_TAGS, extract_html, too_deep
from basira.ingest.formats.markup import flat_text, nesting_depth
from basira.types import Document

from .support import warc_record

AR = "افتتحت المكتبة العامة أبوابها صباح الأحد."  # "The public library opened its doors on Sunday morning."
AR2 = "الطقس اليوم مشمس في عمّان."  # "The weather today is sunny in Amman."
DEEP = 50_000


def lexbor_depth(markup: str) -> int:
    """The depth of the element tree lexbor builds (html counts as 1)."""
    best, stack = 0, [(LexborHTMLParser(markup).root, 1)]
    while stack:
        node, depth = stack.pop()
        best = max(best, depth)
        child = node.child if node is not None else None
        while child is not None:
            if child.tag and not child.tag.startswith("-"):
                stack.append((child, depth + 1))
            child = child.next
    return best


def nested(depth: int, inner: str, tag: str = "div") -> bytes:
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>".encode()


# --- the flat path -------------------------------------------------------------------------------------


def test_text_at_the_bottom_of_50k_levels_and_after_the_closing_tags_is_kept() -> None:
    page = b"<html><head><title>T &amp; t</title></head><body><p>" + AR.encode() + b"</p>"
    page += b"<div>" * DEEP + AR2.encode() + b"</div>" * (DEEP // 2) + b"<p>after &#1575;</p></body></html>"
    got = extract_html(page)  # (how long it takes: test_issue13 in test_pathological, in a subprocess)
    assert got.extractor == "flat"
    assert got.text == f"{AR}\n{AR2}\nafter ا"
    assert got.title == "T & t"


def test_flat_reading_decodes_entities_and_skips_script_style_and_the_like() -> None:
    body = (
        "<script>var hidden = '<p>not text</p>';</script><style>p { color: red }</style>"
        "<noscript>no script</noscript><template>template</template><svg><text>drawing</text></svg>"
        "<p>caf&eacute; &amp; &quot;tea&quot;&nbsp;&#x41;&#66;</p><!-- a comment -->"
        "<textarea>typed &lt;x&gt;</textarea>"
    )
    page = "<html><body>" + "<span>" * (MAX_TREE_DEPTH + 10) + body + "</body></html>"
    got = extract_html(page.encode())
    assert got.extractor == "flat"
    assert got.text == 'café & "tea" AB\ntyped <x>'
    for hidden in ("hidden", "not text", "color", "no script", "template", "drawing", "comment"):
        assert hidden not in got.text


def test_flat_reading_breaks_lines_at_block_tags_and_not_at_inline_ones() -> None:
    deep = "<b>" * (MAX_TREE_DEPTH + 10)
    got = extract_html(f"<body>{deep}<h1>Title</h1>one <i>two</i><br>three<li>four</li><td>five</body>".encode())
    assert got.extractor == "flat"
    assert got.text == "Title\none two\nthree\nfour\nfive"


def test_deep_markup_with_no_text_is_an_html_problem() -> None:
    from basira.ingest.formats.html import HtmlProblem

    with pytest.raises(HtmlProblem, match="flat reading"):
        extract_html(b"<div>" * (MAX_TREE_DEPTH + 10) + b"<script>only()</script>")


def test_deep_page_and_deep_warc_record_are_documents_marked_flat(tmp_path: Path) -> None:
    page = nested(DEEP, AR)
    (tmp_path / "deep.html").write_bytes(page)
    (tmp_path / "deep.warc").write_bytes(warc_record(page))
    found = list(iter_inputs([str(tmp_path / "deep.html"), str(tmp_path / "deep.warc")], IngestOptions()))
    assert [type(r) for r in found] == [Document, Document], found
    for doc in found:
        assert isinstance(doc, Document)
        assert doc.text == AR and doc.metadata["extractor"] == "flat"


# --- choosing the path ---------------------------------------------------------------------------------


def test_an_ordinary_page_goes_through_the_normal_extractors() -> None:
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>أخبار</title></head><body><nav>"
        "<a href='/'>الرئيسية</a></nav><article><h1>المكتبة</h1>" + f"<p>{AR}</p>" * 20 + "</article></body></html>"
    ).encode()
    assert not too_deep(page.decode())
    got = extract_html(page)
    assert got.extractor in ("trafilatura", "selectolax")
    assert AR in got.text and got.title == "أخبار"


@pytest.mark.parametrize(("depth", "flat"), [(MAX_TREE_DEPTH - 3, False), (MAX_TREE_DEPTH + 1, True)])
def test_depth_just_under_and_over_the_threshold(depth: int, flat: bool) -> None:
    page = nested(depth, AR2)  # html and body add two levels, the scan counts them as lexbor does
    assert nesting_depth(page.decode()) == depth + 2
    assert too_deep(page.decode()) is flat
    got = extract_html(page)
    assert (got.extractor == "flat") is flat
    assert AR2 in got.text


def test_many_tags_that_do_not_nest_stay_on_the_normal_path() -> None:
    # <p> closes <p>, <li> closes <li>, <a> closes <a>: 5,000 of each nest no deeper than one.
    page = "<body>" + "".join(f"<p>{i}<li>{i}<a href=x>{i}" for i in range(5_000)) + "</body>"
    assert nesting_depth(page) <= 5
    assert not too_deep(page)
    assert extract_html(page.encode()).extractor != "flat"


def test_a_shallow_page_with_more_tags_than_a_tree_is_built_for_is_read_flat_with_all_its_text() -> None:
    """trafilatura's cost grows faster than the page (5 MB of shallow divs took ~5 min) and lexbor's does
    for a huge <select>: past MAX_TREE_TAGS tags the page is read flat, every text kept."""
    rows = MAX_TREE_TAGS // 4 + 1
    page = "<body>" + "".join(f"<div><p>{i}</p></div>" for i in range(rows)) + f"<p>{AR2}</p></body>"
    got = extract_html(page.encode())
    assert got.extractor == "flat"
    assert got.text.split("\n") == [str(i) for i in range(rows)] + [AR2]
    options = "<body><select>" + "<option>x" * (MAX_TREE_TAGS + 1) + f"</select><p>{AR}</p></body>"
    assert extract_html(options.encode()).extractor == "flat"
    ordinary = "<body>" + "".join(f"<div><p>{i}</p></div>" for i in range(1000)) + "</body>"
    assert extract_html(ordinary.encode()).extractor != "flat"


def test_the_scan_stops_early_once_over_the_limit() -> None:
    page = "<div>" * 200_000
    assert nesting_depth(page, stop_above=MAX_TREE_DEPTH) == MAX_TREE_DEPTH + 1
    assert nesting_depth(page) == 200_000


# --- the pre-scan against lexbor -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "<table><tr><td>",
        "<svg><desc>",
        "<math><mi>",
        '<math><annotation-xml encoding="text/html">',
        "<math><font color=red>",  # a breakout: <font> with color, face or size leaves MathML
        "<select><option>",
        "<b><i><u>",
    ],
)
def test_scan_counts_the_depth_lexbor_builds(prefix: str) -> None:
    markup = prefix + "<div>" * 300 + "x"
    assert abs(nesting_depth(markup) - lexbor_depth(markup)) <= 4


@pytest.mark.parametrize(
    "prefix",
    [
        # Markup that a reader treating as HTML would take for raw text (swallowing the divs after it),
        # but that the parser reads in foreign content, where tags go on nesting.
        "<math><font><plaintext>",  # <font> without color/face/size stays MathML
        "<math><font title='a color=b'><plaintext>",  # the attribute is "title": "color" is in its value
        "<svg><mi><plaintext>",  # mi is a text integration point only in MathML
        "<math><annotation-xml><plaintext>",  # annotation-xml without an HTML encoding
        "<math><mi><mglyph><plaintext>",  # mglyph stays MathML inside mi
        "<svg><math><mi><plaintext>",  # <math> inside SVG is an SVG element
        "<svg><desc><![CDATA[ > <plaintext> ]]>",  # CDATA is read in foreign elements, integration points too
        "<svg><desc><style>",  # style inside desc is HTML raw text: both count nothing deep
    ],
)
def test_scan_does_not_take_foreign_content_for_raw_text(prefix: str) -> None:
    markup = prefix + "<div>" * 300 + "x"
    lexbor = lexbor_depth(markup)
    assert nesting_depth(markup) >= lexbor - 4, (nesting_depth(markup), lexbor)


@pytest.mark.parametrize(
    "markup",
    [
        "<div><p>unclosed <b>bold <i>" + AR,
        "<<<>>><div",
        "<div class='never closed",
        "<div class=\"x\" data-a='y' z=w/>" + AR,
        "</p></p></div>" + AR + "<p",
        "<!-- never closed comment " + AR,
        "<!--> " + AR + " <!---> <!-- a --!> b",
        "<script>if (a < b) { x = '</scr' + 'ipt>' }</script>" + AR,
        "<script><!--<script>document.write('</script>')</script>-->" + AR,
        "<style>never closed { " + AR,
        "<![CDATA[ outside foreign ]]>" + AR,
        "<svg><![CDATA[never closed",
        "<plaintext><div><b>" + AR,
        "<textarea>&lt;b&gt;</textarea><xmp><b></xmp>",
        "<?xml version='1.0'?><!doctype html><html><html><body><body><head>" + AR,
        "</>" + "</ >" + "</1>" + "<1>" + "< div>" + "a < b > c",
        "<table><td>" + AR + "<tr><th></table></td></caption>",
        "<div" + "\x00" * 3 + ">\x00</div>",
        "",
        "<",
        "</",
        "<a",
    ],
)
def test_scan_and_flat_reading_survive_broken_markup(markup: str) -> None:
    depth = nesting_depth(markup)
    flat = flat_text(markup)
    assert flat.depth == depth >= 0
    if AR in markup and "<plaintext>" not in markup and "never closed" not in markup:
        assert AR in " ".join(flat.text.split())  # text outside markup is kept


def test_raw_text_is_read_as_the_tokenizer_reads_it() -> None:
    got = flat_text("<script>'<div><div>'</script><p>a</p><xmp><div>b</div></xmp><plaintext><div>c")
    assert got.depth == 1  # no div was opened: they were all script, xmp or plaintext text
    assert " ".join(got.text.split()) == "a <div>b</div><div>c"
