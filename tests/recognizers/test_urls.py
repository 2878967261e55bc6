"""URLs and bare domains; the recogniser looks for "://" or "label.label" (in C where built) and runs its pattern
from a little before the first one."""

from __future__ import annotations

import pytest
from helpers import random_texts

from basira.normalize import normalize
from basira.recognizers import urls
from basira.recognizers.urls import _CANDIDATE, URL_PATTERN, UrlRecognizer, url_matches


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


def test_the_first_candidate_in_c_is_the_first_tests_match() -> None:
    assert urls._compiled is not None
    pieces = ["a", "Z", "9", "٣", "-", ".", "/", ":", "://", ":/", "com", " ", "@", "ب", "\U0001d400"]
    found = 0
    for text in random_texts(pieces, 20_000, 12, seed=5):
        first = _CANDIDATE.search(text)
        assert urls._compiled.url_candidate_at(text) == (-1 if first is None else first.start()), ascii(text)
        found += first is not None
    assert 1000 < found < 19_000


def test_searching_from_before_the_first_candidate_finds_every_match() -> None:
    """Schemes, "www.", labels of up to 63 characters (the longest a match can hold before its first
    candidate) after Arabic prose and digits with dots: the matches of a search of the whole text."""
    pieces = ["http", "https", "ftp", "://", "www.", "a" * 62, "b" * 63, "c" * 64, "x", "9", ".", "-", "/", " ",
              "ب", "كلمة ", "2.5", "@", "xn--", "com", "org"]
    matched = 0
    for text in random_texts(pieces, 20_000, 10, seed=6):
        expected = [m.span() for m in URL_PATTERN.finditer(text)]
        assert [m.span() for m in url_matches(text)] == expected, text
        matched += bool(expected)
    assert matched > 1000
