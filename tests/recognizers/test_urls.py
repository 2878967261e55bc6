"""URLs and bare domains; the recogniser looks for "://" or "label.label" before running its pattern."""

from __future__ import annotations

import pytest
from helpers import random_texts

from basira.normalize import normalize
from basira.recognizers.urls import _CANDIDATE, URL_PATTERN, UrlRecognizer


@pytest.mark.parametrize(("text", "found"), [
    ("see https://t.co/abc now", [("URL", "https://t.co/abc", "t.co")]),
    ("visit WWW.Example.COM.", [("DOMAIN", "www.example.com", "example.com")]),
    ("ftp://files.example.org/x", [("URL", "ftp://files.example.org/x", "files.example.org")]),
    ("an end. A new sentence", []),
    ("no links at all", []),
])
def test_urls_and_domains(text: str, found: list[tuple[str, str, str]]) -> None:
    nt = normalize(text)
    got = [(f.label, nt.text[f.start : f.end], f.attrs["domain"]) for f in UrlRecognizer().find(nt)]
    assert got == found


def test_the_first_test_never_hides_a_match() -> None:
    pieces = ["a", "z", "9", "-", ".", "..", "/", ":", "://", "http", "www", "xn--", "com", " ", "@", "_", "ب"]
    matched = 0
    for text in random_texts(pieces, 20_000, 12):
        if URL_PATTERN.search(text):
            assert _CANDIDATE.search(text), text
            matched += 1
    assert matched > 300
