"""Issue 15 (F1): one HTML tag with very many attributes. lexbor and lxml compare each new attribute with the
tag's others (~N²: 150,000 attributes took ``extract_html`` 139 s); past ``MAX_TAG_ATTRIBUTES`` the page is
read flat, its text kept."""

from __future__ import annotations

from basira.ingest.formats.html import MAX_TAG_ATTRIBUTES, extract_html
from basira.ingest.formats.markup import attributes_over


def _page(attributes: int) -> bytes:
    names = " ".join(f"a{i}" for i in range(attributes))
    body = f"<body><p {names}>نص عربي قصير</p><p>second</p></body>"
    return f"<html><head><title>عنوان</title></head>{body}</html>".encode()


def test_a_tag_with_more_attributes_than_the_cap_is_read_flat_and_keeps_its_text() -> None:
    page = extract_html(_page(150_000))
    assert (page.extractor, page.text, page.title) == ("flat", "نص عربي قصير\nsecond", "عنوان")


def test_ordinary_tags_still_go_through_the_tree_extractors() -> None:
    page = extract_html(_page(40))
    assert page.extractor in ("trafilatura", "selectolax") and "نص عربي قصير" in page.text


def test_the_attribute_count_is_an_upper_bound_read_from_start_tags() -> None:
    many = " ".join(f'k{i}="v {i}"' for i in range(MAX_TAG_ATTRIBUTES + 1))
    assert attributes_over(f"<div {many}>x</div>", MAX_TAG_ATTRIBUTES)
    few = " ".join(f'k{i}="v"' for i in range(MAX_TAG_ATTRIBUTES))
    assert not attributes_over(f"<div {few}>x</div>" * 50, MAX_TAG_ATTRIBUTES)
    assert not attributes_over("text " * 10_000 + "</p " + "a " * 2000 + ">", MAX_TAG_ATTRIBUTES)  # end tags
    assert not attributes_over("<" * 100_000, MAX_TAG_ATTRIBUTES)
