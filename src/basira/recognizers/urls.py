"""URLs and bare domains, with the host normalised (lower case, IDNA, no "www.", no trailing dot)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import regex

from basira.recognizers.base import Finding, Recognizer
from basira.recognizers.kernels import compiled as _compiled
from basira.recognizers.lexicon import load_yaml_text
from basira.recognizers.registry import register
from basira.types import EvidenceKind, NormalizedText

DATA = Path(__file__).parent / "data" / "outlet_domains.yaml"

# Scheme URLs, or bare hosts ending in a letters-only TLD. Normalised text is lower-case ASCII here.
URL_PATTERN = regex.compile(
    r"""(?<![\w@.])(?:
        (?P<url>(?:https?|ftp)://[^\s<>"'()\[\]{}،؛]+)
      | (?P<host>(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})
          (?:/[^\s<>"'()\[\]{}،؛]*)?)
    )""",
    regex.VERBOSE,
)
TRAILING_PUNCTUATION = ".,;:!?'\"»)]}،؛"
# What every URL_PATTERN match contains: "://", or a label character, a dot and the next label's first
# character. Most texts have neither, and this finds that at C speed, where URL_PATTERN tries its look-behind
# at every position (20 of an English tweet's 27 µs in this recogniser).
_CANDIDATE = re.compile(r"[a-z0-9]\.[a-z0-9]|://")
# How far before the first candidate a match can start: a scheme before "://" (at most 5 characters), "www."
# (2 before its "w.w"), or a first label of at most 63 characters before its dot (62 before the candidate,
# which starts at the label's last character). No match starts earlier, so the search starts there.
_BEFORE_CANDIDATE = 62


def url_matches(text: str) -> list[regex.Match[str]]:
    """``list(URL_PATTERN.finditer(text))``, searched from ``_BEFORE_CANDIDATE`` before the first candidate
    (found in C where the recognisers' module is built): Arabic prose has dots between digits ("2.5")
    but few URLs, and the pattern's look-behind is tried at every position it scans."""
    if _compiled is not None:
        first = _compiled.url_candidate_at(text)
    else:
        found = _CANDIDATE.search(text)
        first = -1 if found is None else found.start()
    if first < 0:
        return []
    return list(URL_PATTERN.finditer(text, max(0, first - _BEFORE_CANDIDATE)))


def normalize_domain(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    with contextlib.suppress(UnicodeError):  # a bad IDNA label is still a host: keep it as written
        host = host.encode("idna").decode("ascii")
    return host


@register
class UrlRecognizer(Recognizer):
    name = "url"
    version = 1
    kind = EvidenceKind.URL
    labels = ("URL", "DOMAIN")

    def __init__(self, outlet_file: Path = DATA):
        self.outlet_file = outlet_file

    @cached_property
    def outlets(self) -> dict[str, str]:
        data = load_yaml_text(self.outlet_file.read_text(encoding="utf-8")) or {}
        return {normalize_domain(domain): role for role, domains in data.items() for domain in domains or []}

    def outlet_role(self, domain: str) -> str | None:
        parts = domain.split(".")
        for i in range(len(parts) - 1):  # sub.example.com also counts as example.com
            role = self.outlets.get(".".join(parts[i:]))
            if role:
                return role
        return None

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        findings: list[Finding] = []
        for match in url_matches(nt.text):
            start, end = match.span()
            raw = match.group()
            while raw and raw[-1] in TRAILING_PUNCTUATION:
                raw = raw[:-1]
                end -= 1
            if not raw:
                continue
            is_url = match.group("url") is not None
            host = urlsplit(raw if is_url else f"//{raw}").hostname or ""
            if not host or "." not in host:
                continue
            domain = normalize_domain(host)
            attrs: dict[str, str] = {"domain": domain}
            role = self.outlet_role(domain)
            if role:
                attrs["outlet"] = role
            findings.append(
                Finding(
                    label="URL" if is_url else "DOMAIN",
                    start=start,
                    end=end,
                    rule="url.scheme" if is_url else "url.bare_domain",
                    score=0.1,
                    attrs=attrs,
                )
            )
        return findings
