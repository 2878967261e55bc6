"""Review UI polish (issue 15): document ids and blurred snippets, legal references isolated from the text
direction, labels in the UI's language, no sideways scroll on a phone. Pages in both languages at 1366 and
420 px are checked in Debian's chromium and saved under test-output/screenshots/ (not committed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from live import VIOLATING, Accounts, LiveServer, Span, make_accounts, running, seed, sqlite_url, unique
from webtools import browser_login, login, screenshot

from basira.api import Settings
from basira.api.queries import snippet
from basira.policy import load_policy
from basira.recognizers.registry import registered
from basira.types import EvidenceKind, MatchHit
from basira.web.explain import BASE, QUALIFIER, SCORE, explain_line
from basira.web.highlight import highlight, isolate, isolate_latin
from basira.web.i18n import Translator, strings

ARABIC = re.compile(r"[\u0600-\u06ff]")
TCO = load_policy("tco")
PLATFORM_REF = TCO.categories["designated_propaganda"].legal_ref
INCITEMENT_REF = TCO.categories["incitement"].legal_ref

# Purpose-made, minimal texts.
QUOTED_TEXT = "قال أحدهم: «اهجموا» كما نقلت وكالة أنباء محلية اليوم في خبر قصير عن الحادثة"
ISSUER_TEXT = "بيان صادر عن جماعة خيالية للاختبار حول موضوع عام"
LONG_SOURCE = "channel/" + "a" * 90  # one unbroken word wider than a phone
NUMBERED_ID = "2024 (7) post-12"  # a document id that right-to-left text would reorder


@dataclass(frozen=True)
class Seeded:
    quoted: str
    issuer: str
    english: str
    numbered: str
    accounts: Accounts


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Seeded]]:
    # The review UI is under test, not detection: items posted through the API are flagged by the rules
    # alone (with the classifier, a two-word test text is discounted by classifier_disagrees).
    settings = Settings(db_url=sqlite_url(tmp_path_factory.mktemp("polish")), model="none", rate_per_second=1000.0,
                        rate_burst=1000, login_rate_per_minute=600.0)
    with running(settings) as live:
        store = live.store
        accounts = make_accounts(store)
        quoted = seed(store, QUOTED_TEXT, "review", categories=[("incitement", "review", 0.55)],
                      spans=[Span("«اهجموا»", EvidenceKind.QUOTATION, "QUOTATION", 0.5),
                             Span("اهجموا", EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.8),
                             Span("كما نقلت وكالة أنباء", EvidenceKind.CONTEXT, "REPORTING", 0.6)],
                      source="forum/thread-7", title="منشور في منتدى")
        issuer = seed(store, ISSUER_TEXT, "review", categories=[("designated_propaganda", "review", 0.6)],
                      spans=[Span("بيان صادر", EvidenceKind.STRUCTURE, "ISSUER", 0.6),
                             Span("جماعة خيالية", EvidenceKind.ENTITY, "DESIGNATED_ENTITY", 0.7,
                                  {"entity_id": "fictional-test", "name": "Fictional Test Group",
                                   "lists": ["OPERATOR-TEST"]})],
                      matches=[MatchHit("known-statements", "minhash", 0.91, "4f9c2d1e9a7b",
                                        {"category": "designated_propaganda"})],
                      source=LONG_SOURCE)
        seed(store, unique(VIOLATING), "violating", categories=[("threat", "violating", 0.8)],
             spans=[Span("اقتلوهم", EvidenceKind.SIGNAL, "THREAT", 0.8)], source="channel/12")
        english = seed(store, "Someone wrote «attack them» in a forum thread", "review",
                       categories=[("incitement", "review", 0.5)],
                       spans=[Span("attack them", EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.6)],
                       source="en/forum", title="English post")
        with live.client(accounts.api) as api:  # through the API: the integration's own document id
            posted = api.post("/v1/analyze", json={"text": unique(VIOLATING), "id": NUMBERED_ID,
                                                   "source": "api/post-3"})
        assert posted.status_code == 200 and posted.json()["outcome"] in ("violating", "review"), posted.text
        yield live, Seeded(quoted, issuer, english, posted.json()["analysis_id"], accounts)


def external_id(live: LiveServer, analysis_id: str) -> str:
    stored = live.store.get_analysis(analysis_id)
    assert stored is not None and stored.document.external_id
    return stored.document.external_id


# ------------------------------------------------------------------------------------------ strings and units


def test_every_string_exists_in_both_languages_and_labels_are_covered():
    for key, value in strings().items():
        assert set(value) == {"ar", "en"} and all(v.strip() for v in value.values()), key
        if key.startswith(("label.", "kind.", "qualifier.", "category.", "legal.")):
            assert ARABIC.search(value["ar"]), f"{key}: the Arabic is not Arabic"
    labels = {label for cls in registered().values() for label in cls.labels} | {"MODEL_TVEC"}
    assert len(labels) > 20, "the registry no longer lists labels: is the coverage check still right?"
    assert not {f"label.{label}" for label in labels} - set(strings())
    assert not {f"kind.{kind.value}" for kind in EvidenceKind} - set(strings())
    assert {"kind.model", "label.MODEL_TVEC"} <= set(strings())
    ar = Translator("ar")
    assert ar.label("MODEL_TVEC") == "أدلة المصنِّف الآلي" and Translator("en").label("MODEL_TVEC") == \
        "classifier evidence"
    assert ar.label("SOMETHING_NEW") == "SOMETHING_NEW"  # an unknown label shows its code, never fails
    for name in ("tco", "platform_strict"):
        policy = load_policy(name)
        for qualifier in [*policy.common_qualifiers, *(q for c in policy.categories.values() for q in c.qualifiers)]:
            assert f"qualifier.{qualifier.id}" in strings(), (name, qualifier.id)
        for category in policy.categories.values():
            assert ARABIC.search(category.summary.ar), (name, category.summary.ar)
            legal = ar.legal(category.legal_ref)
            assert legal == category.legal_ref or ARABIC.search(legal)
    assert ARABIC.search(ar.legal(PLATFORM_REF)) and Translator("en").legal(PLATFORM_REF) == PLATFORM_REF


def test_isolate_wraps_each_reference_in_a_left_to_right_isolate():
    text = f"- دعوة ({INCITEMENT_REF}؛ الدرجة 0.55).\n- مواد ({PLATFORM_REF}؛ الدرجة 0.60)\u202e."
    html = str(isolate(text, [INCITEMENT_REF, PLATFORM_REF, "", "TCO"]))
    refs = re.findall(r'<bdi dir="ltr" class="ref[^"]*">(.*?)</bdi>', html)
    assert refs == [INCITEMENT_REF, PLATFORM_REF]  # the longer reference wins over "TCO" inside it
    assert f'class="ref ref-short">{INCITEMENT_REF}<' in html and f'class="ref">{PLATFORM_REF}<' in html
    assert "\u202e" not in html and "⟦U+202E⟧" in html  # bidi controls still shown as markers
    escaped = '&lt;b&gt;x&lt;/b&gt; <bdi dir="ltr" class="ref ref-short">TCO</bdi>'
    assert str(isolate("<b>x</b> TCO", ["TCO"])) == escaped
    assert str(isolate("plain", [])) == "plain"


def test_isolate_latin_isolates_citations_inside_arabic_translations():
    html = str(isolate_latin("TCO Art. 2(7) (مصنِّف مدرَّب، يؤكّده شخص)"))
    assert re.findall(r'<bdi dir="ltr" class="ref[^"]*">(.*?)</bdi>', html) == ["TCO Art. 2(7)"]
    html = str(isolate_latin(Translator("ar").legal(PLATFORM_REF)))
    assert re.findall(r'<bdi dir="ltr" class="ref[^"]*">(.*?)</bdi>', html) == ["TCAP", "GIFCT"]
    assert str(isolate_latin("<i>")) == '&lt;<bdi dir="ltr" class="ref ref-short">i</bdi>&gt;'
    assert str(isolate_latin("نص عربي")) == "نص عربي"


def test_tooltips_in_arabic_name_the_label_in_arabic():
    evidence = [{"id": "e1", "kind": "signal", "label": "CALL_TO_VIOLENCE", "start": 0, "end": 3, "text": "abc",
                 "rule": "violence.call", "recognizer": "violence@1", "score": 0.8}]
    arabic = str(highlight("abc def", evidence, Translator("ar")))
    assert "دعوة إلى العنف" in arabic and "\u2066violence.call\u2069" in arabic
    assert "call to violence" in str(highlight("abc def", evidence, Translator("en")))


def test_explanation_lines_in_the_ui_language():
    ar, en = Translator("ar"), Translator("en")
    base = str(explain_line("CALL_TO_VIOLENCE (e2): base 0.80", ar))
    assert base == 'دعوة إلى العنف (<bdi dir="ltr">e2</bdi>): الأساس <bdi dir="ltr">0.80</bdi>'
    assert str(explain_line("reported (e3): -0.50", ar)) == \
        'نقل إخباري (<bdi dir="ltr">e3</bdi>): <bdi dir="ltr">-0.50</bdi>'
    score = str(explain_line("score 0.30; review ≥ 0.45, violating ≥ 0.7", ar))
    assert score.startswith('الدرجة <bdi dir="ltr">0.30</bdi>؛') and "0.45" in score and "0.7" in score
    assert str(explain_line("CALL_TO_VIOLENCE (e2): base 0.80", en)).startswith("call to violence (")
    other = str(explain_line("<b>other</b> \u202e", ar))  # any other line: as it is, escaped, isolated
    assert other.startswith('<bdi dir="ltr">&lt;b&gt;other&lt;/b&gt; ') and "⟦U+202E⟧" in other
    assert "\u202e" not in other


def test_snippet():
    assert snippet(None) is None and snippet("") is None
    assert snippet("  a\n\n b\tc ") == "a b c"
    cut = snippet("كلمة " * 100, limit=20)
    assert cut is not None and len(cut) <= 20 and cut.endswith("…")


# ---------------------------------------------------------------------------------------------------- HTTP


def test_model_evidence_is_highlighted_and_named_in_both_languages(polish: tuple[LiveServer, Seeded]):
    live, _ = polish
    text = unique("نص قصير للاختبار عن موضوع عام")
    analysis_id = seed(live.store, text, "review", categories=[("incitement", "review", 0.5)],
                       spans=[Span("للاختبار", EvidenceKind.MODEL, "MODEL_TVEC", 0.62)], source="model/1")
    with live.client() as client:
        assert login(client, "reviewer").status_code == 303
        for lang in ("ar", "en"):
            t = Translator(lang)
            page = client.get(f"/items/{analysis_id}?lang={lang}").text
            assert re.search(r'<mark class="hl hl-model" data-ev="e1" data-kind="model" title="[^"]*'
                             + re.escape(t.label("MODEL_TVEC")), page)
            assert f'<span class="swatch hl-model"></span>{t.kind("model")}</li>' in page  # the legend
            assert f'<span class="ev-label">{t.label("MODEL_TVEC")}</span>' in page


def test_queue_rows_and_heading_show_the_document_id_and_a_blurred_snippet(polish: tuple[LiveServer, Seeded]):
    live, seeded = polish
    doc_id = external_id(live, seeded.quoted)
    with live.client() as client:
        assert login(client, "reviewer").status_code == 303
        queue = client.get("/queue").text
        row = re.search(rf'<tr class="qrow[^"]*" data-href="[^"]*" data-id="{seeded.quoted}".*?</tr>', queue, re.S)
        assert row, "the seeded item is not in the queue"
        assert f'<bdi dir="ltr" class="id">{doc_id}</bdi>' in row.group()
        assert re.search(r'<div class="snippet is-blurred" dir="auto" lang="ar">قال أحدهم: «اهجموا»', row.group())
        item = client.get(f"/items/{seeded.quoted}").text
        assert f'id="document-id">{doc_id}</bdi>' in item and f'id="analysis-id">{seeded.quoted}</bdi>' in item
        assert 'class="snippet' in item and "قال أحدهم" in item
        # the engine's own explanation lines (an analysis through the API) come out in Arabic
        analysed = live.store.get_analysis(seeded.numbered)
        assert analysed is not None
        lines = [line for c in analysed.categories for line in c.get("explanation") or []]
        patterns = (BASE, QUALIFIER, SCORE)
        assert lines and all(any(p.match(line) for p in patterns) for line in lines), lines
        numbered = client.get(f"/items/{seeded.numbered}?lang=ar").text
        explained = re.findall(r'<ul class="explain">(.*?)</ul>', numbered, re.S)
        assert explained and "الأساس" in explained[0] and "الدرجة" in explained[0] and " base " not in explained[0]
        # the blur option switched off: the snippet is plain
        blur_off = client.post("/settings/blur", data={"csrf": re.search(r'name="csrf" value="([^"]+)"', queue)
                                                       .group(1), "blur": "0", "next": "/queue"})  # type: ignore[union-attr]
        assert blur_off.status_code == 303
        plain = client.get("/queue").text
        assert 'class="snippet is-blurred"' not in plain and 'class="snippet" dir="auto"' in plain


# ------------------------------------------------------------------------------------------------- browser

ORDER_CHECK = """(el) => {
  // The visual order of the characters of el's text: each one right of the one before on the same line,
  // or on a later line. Returns the first pair out of order, or null.
  const node = el.firstChild;
  const boxes = [];
  for (let i = 0; i < node.length; i++) {
    if (/\\s/.test(node.data[i])) continue;
    const range = document.createRange();
    range.setStart(node, i); range.setEnd(node, i + 1);
    const r = range.getBoundingClientRect();
    boxes.push({i, ch: node.data[i], left: r.left, top: r.top});
  }
  for (let k = 1; k < boxes.length; k++) {
    const a = boxes[k - 1], b = boxes[k];
    const sameLine = Math.abs(a.top - b.top) < 3;
    if ((sameLine && b.left < a.left - 0.5) || (!sameLine && b.top < a.top)) return [a.i, a.ch, b.i, b.ch];
  }
  return null;
}"""

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


def checked_page(page: Any, url: str, name: str) -> None:
    """Open ``url``, save its screenshot as ``name`` and check that it does not scroll sideways."""
    page.goto(url)
    page.evaluate("document.fonts.ready")
    screenshot(page, name)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert page.evaluate(NO_SIDEWAYS), f"{url}: the page scrolls sideways ({widths[0]} > {widths[1]} px)"


@pytest.mark.browser
@pytest.mark.parametrize("ref", ["18 U.S.C. § 2339B", NUMBERED_ID])
def test_the_order_check_catches_what_the_text_direction_reorders(browser: Any, ref: str):
    """The premise of the order checks below: in right-to-left text a reference or id that starts with a number
    is shown out of order unless it is isolated, and ``isolate`` puts it back in order."""
    line = f"- جمع أموال ({ref}؛ الدرجة 0.80)."
    page = browser.new_page()
    try:
        raw = line.replace(ref, f'<span id="check">{ref}</span>')
        page.set_content(f'<p dir="rtl" style="font-size:20px">{raw}</p>')
        assert page.eval_on_selector("#check", ORDER_CHECK) is not None, "not reordered: the check proves nothing"
        page.set_content(f'<p dir="rtl" style="font-size:20px">{isolate(line, [ref])}</p>')
        assert page.eval_on_selector("bdi.ref", ORDER_CHECK) is None
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 420])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_queue_and_item_pages(polish: tuple[LiveServer, Seeded], browser: Any, lang: str, width: int):
    live, seeded = polish
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(10_000)
    try:
        checked_page(page, f"{live.url}/login?lang={lang}", f"polish-login-{lang}-{width}")
        browser_login(page, live)
        t = Translator(lang)

        checked_page(page, f"{live.url}/queue?lang={lang}", f"polish-queue-{lang}-{width}")
        for analysis_id in (seeded.quoted, seeded.issuer):
            row = page.locator(f'tr.qrow[data-id="{analysis_id}"]')
            doc_id = row.locator(".doc-id bdi.id")
            assert doc_id.is_visible() and doc_id.inner_text() == external_id(live, analysis_id)
            assert doc_id.get_attribute("dir") == "ltr"
        numbered = page.locator(f'tr.qrow[data-id="{seeded.numbered}"] .doc-id bdi.id')
        assert numbered.inner_text() == NUMBERED_ID and numbered.evaluate(ORDER_CHECK) is None
        snip = page.locator(f'tr.qrow[data-id="{seeded.quoted}"] .snippet')
        assert snip.is_visible() and snip.inner_text().startswith("قال أحدهم")
        assert page.evaluate("(el) => getComputedStyle(el).filter", snip.element_handle()).startswith("blur(")
        if width > 1000:  # hover reveals it (a phone has no hover; focus does the same there)
            snip.hover()
            page.wait_for_function("(el) => getComputedStyle(el).filter === 'none'", arg=snip.element_handle())
        chips = page.locator(f'tr.qrow[data-id="{seeded.issuer}"] .chip').inner_text()
        assert t("category.designated_propaganda") in chips

        checked_page(page, f"{live.url}/items/{seeded.issuer}?lang={lang}", f"polish-item-issuer-{lang}-{width}")
        assert page.locator("#document-id").is_visible()
        assert page.locator("#document-id").inner_text() == external_id(live, seeded.issuer)
        assert page.locator("#analysis-id").inner_text() == seeded.issuer
        legal = page.locator("#categories .legal-ref").first
        if lang == "ar":
            assert ARABIC.search(legal.inner_text())
            assert "Platform policy" not in page.locator("#categories").inner_text()
        else:
            assert legal.inner_text() == PLATFORM_REF
        ref = page.locator('#statement .sor[lang="ar"] bdi.ref')
        assert ref.count() == 1 and ref.inner_text() == PLATFORM_REF and ref.get_attribute("dir") == "ltr"
        assert page.eval_on_selector('#statement .sor[lang="ar"] bdi.ref', ORDER_CHECK) is None
        labels = page.locator("#evidence .ev-label").all_inner_texts()
        assert labels == [t.label("ISSUER"), t.label("DESIGNATED_ENTITY")]
        assert page.locator("#matches td").nth(4).inner_text() == t("category.designated_propaganda")

        checked_page(page, f"{live.url}/items/{seeded.quoted}?lang={lang}", f"polish-item-{lang}-{width}")
        ref = page.locator('#statement .sor[lang="ar"] bdi.ref')
        assert ref.inner_text() == INCITEMENT_REF and ref.get_attribute("dir") == "ltr"
        assert page.eval_on_selector('#statement .sor[lang="ar"] bdi.ref', ORDER_CHECK) is None
        assert page.locator("#categories bdi.legal-ref").inner_text() == INCITEMENT_REF
        assert page.eval_on_selector("#categories bdi.legal-ref", ORDER_CHECK) is None
        labels = page.locator("#evidence .ev-label").all_inner_texts()
        assert labels == [t.label("QUOTATION"), t.label("CALL_TO_VIOLENCE"), t.label("REPORTING")]
        evref = page.locator("#categories .evref").first.inner_text()
        assert t.label("CALL_TO_VIOLENCE") in evref
        if lang == "ar":
            assert all(ARABIC.search(x) for x in labels) and "CALL_TO_VIOLENCE" not in evref
            assert "دعوة إلى العنف" in (page.locator("mark.hl-signal").get_attribute("title") or "")
        rule = page.locator("#evidence bdi.rule").first
        assert rule.inner_text() == "quotation.quotation" and rule.get_attribute("dir") == "ltr"
        if page.locator("#reveal").count():
            assert "is-blurred" in (page.get_attribute("#item-snippet", "class") or "")
            page.click("#reveal")
            assert "is-blurred" not in (page.get_attribute("#item-snippet", "class") or "")
        screenshot(page, f"polish-item-{lang}-{width}")

        # an analysis by the real recognisers and policy, every <details> open
        page.goto(f"{live.url}/items/{seeded.numbered}?lang={lang}")
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.click("#reveal")
        page.evaluate("document.fonts.ready")
        screenshot(page, f"polish-item-analysed-{lang}-{width}")
        assert page.evaluate(NO_SIDEWAYS)
        assert page.locator("#document-id").inner_text() == NUMBERED_ID
        assert page.eval_on_selector("#document-id", ORDER_CHECK) is None
        explained = page.locator(".explain").first.inner_text()
        assert t.label("CALL_TO_VIOLENCE") in explained or t.label("THREAT") in explained, explained
        assert not errors, errors
    finally:
        context.close()


def test_the_queue_keeps_its_own_http_contract(polish: tuple[LiveServer, Seeded]):
    """The API's queue (``/v1/queue``) gives no document text: the snippet is for the blurred UI only."""
    live, seeded = polish
    with live.client(seeded.accounts.reviewer) as api:
        response = api.get("/v1/queue")
        assert response.status_code == 200
        assert "snippet" not in response.text and "قال أحدهم" not in response.text
    with httpx.Client(base_url=live.url) as client:
        assert client.get("/queue").status_code == 303
