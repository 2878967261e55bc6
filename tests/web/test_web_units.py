"""Server-side pieces of the UI without a server: highlighting, escaping, strings in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from basira.web.highlight import highlight, segments, visible
from basira.web.i18n import LANGS, STRINGS_FILE, Translator, strings

TEMPLATES = Path(STRINGS_FILE).parent / "templates"


def ev(i: int, kind: str, start: int, end: int, text: str) -> dict[str, object]:
    return {"id": f"e{i}", "kind": kind, "label": kind.upper(), "start": start, "end": end, "text": text[start:end],
            "rule": f"r.{i}", "recognizer": f"{kind}@1", "score": 0.5}


TEXT = "قال أحدهم: «اقتلوهم» اليوم"
QUOTE = (TEXT.index("«"), TEXT.index("»") + 1)
CALL = (QUOTE[0] + 1, QUOTE[1] - 1)


@pytest.mark.parametrize(
    ("name", "spans", "pieces"),
    [
        ("none", [], [(TEXT, ())]),
        ("one", [("signal", *CALL)], [(TEXT[: CALL[0]], ()), (TEXT[CALL[0]:CALL[1]], ("e1",)),
                                      (TEXT[CALL[1]:], ())]),
        ("nested", [("quotation", *QUOTE), ("signal", *CALL)],
         [(TEXT[: QUOTE[0]], ()), ("«", ("e1",)), (TEXT[CALL[0]:CALL[1]], ("e1", "e2")), ("»", ("e1",)),
          (TEXT[QUOTE[1]:], ())]),
        ("crossing", [("context", 0, 6), ("entity", 4, 10)],
         [(TEXT[0:4], ("e1",)), (TEXT[4:6], ("e1", "e2")), (TEXT[6:10], ("e2",)), (TEXT[10:], ())]),
        ("same span twice", [("context", 0, 3), ("signal", 0, 3)], [(TEXT[0:3], ("e1", "e2")), (TEXT[3:], ())]),
        ("out of range ignored", [("signal", 5, 500), ("signal", -1, 2), ("signal", 4, 4)], [(TEXT, ())]),
    ],
)
def test_segments_cut_at_every_boundary(name: str, spans: list[tuple[str, int, int]],
                                        pieces: list[tuple[str, tuple[str, ...]]]):
    evidence = [ev(i, kind, s, e, TEXT) for i, (kind, s, e) in enumerate(spans, start=1)]
    got = [(seg.text, tuple(str(x["id"]) for x in seg.evidence)) for seg in segments(TEXT, evidence)]
    assert got == pieces
    assert "".join(seg.text for seg in segments(TEXT, evidence)) == TEXT


def test_joining_an_evidence_ids_segments_gives_its_text():
    evidence = [ev(1, "quotation", *QUOTE, TEXT), ev(2, "signal", *CALL, TEXT), ev(3, "context", 0, 13, TEXT)]
    html = str(highlight(TEXT, evidence))
    for e in evidence:
        marks = re.findall(r'<mark [^>]*data-ev="([^"]*)"[^>]*>([^<]*)</mark>', html)
        assert "".join(body for ids, body in marks if e["id"] in ids.split()) == e["text"]
    assert 'class="hl hl-signal has-quotation has-context hl-multi"' in html
    assert "rule r.2 · score 0.50 · signal@1" in html


def test_everything_is_escaped():
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes" \'single\''
    evidence = [{"id": 'e1" onmouseover="alert(3)', "kind": "signal<b>", "label": "<i>L</i>", "start": 0, "end": 8,
                 "rule": '"><script>', "recognizer": "x", "score": 0.9}]
    html = str(highlight(hostile, evidence))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&#34;quotes&#34;" in html
    assert 'onmouseover="alert' not in html  # the attribute value stays one attribute
    assert 'class="hl hl-structure"' in html  # an unknown kind falls back; it never reaches the class


def test_bidi_controls_become_visible_markers():
    text = "abc\u202eevil\u202c"
    html = str(visible(text))
    assert "\u202e" not in html and "⟦U+202E⟧" in html and "⟦U+202C⟧" in html
    assert str(visible("<x>")) == "&lt;x&gt;"


def test_every_string_has_both_languages():
    for key, value in strings().items():
        assert set(value) == set(LANGS), key
        assert all(v.strip() for v in value.values()), key
        placeholders = {lang: set(re.findall(r"\{(\w+)\}", v)) for lang, v in value.items()}
        assert placeholders["ar"] == placeholders["en"], key


def test_every_key_the_templates_and_pages_use_exists():
    sources = [p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html")]
    sources.append((TEMPLATES.parent / "routes.py").read_text(encoding="utf-8"))
    used: set[str] = set()
    for source in sources:
        used |= set(re.findall(r"""\bt(?:\.maybe)?\(\s*["']([a-z_.]+)["']""", source))
        used |= set(re.findall(r"""\b(?:error|message)=["']([a-z_]+\.[a-z_.]+)["']""", source))
    prefixes = {k for k in used if k.endswith(".")}
    assert len(used - prefixes) > 50, "too few t('…') calls found: is the pattern still right?"
    assert not (used - prefixes) - set(strings())
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in strings()), prefix
    for outcome in ("violating", "review", "not_violating"):
        assert f"outcome.{outcome}" in strings()
    for action in ("confirm", "overturn", "escalate"):
        assert {f"action.{action}", f"decide.{action}", f"decide.{action}_help", f"audit.review.{action}"} <= set(
            strings())


def test_translator():
    ar, en = Translator("ar"), Translator("en")
    assert ar.dir == "rtl" and en.dir == "ltr" and ar.other == "en"
    assert en("queue.count", n=3) == "3 items awaiting review"
    assert ar.maybe("category.unknown_thing", "unknown_thing") == "unknown_thing"
    assert en.age(10) == "just now" and en.age(120) == "2 min ago" and en.age(3 * 86400) == "3 d ago"
    assert ar.age(60) == "منذ دقيقة" and ar.age(120) == "منذ دقيقتين" and ar.age(300) == "منذ 5 دقائق"
    assert ar.age(11 * 3600) == "منذ 11 ساعة"
