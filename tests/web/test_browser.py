"""The review UI in a real browser (Debian's chromium via Playwright): a reviewer's day end to end, right to
left layout, highlights, English, keyboard shortcuts, hostile content, and screenshots of the pages
(test-output/screenshots/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from live import VIOLATING, Accounts, LiveServer, Span, running, seed, seed_review, seed_violating, sqlite_url, unique
from webtools import browser_login, screenshot

from basira.api import Settings
from basira.types import EvidenceKind, MatchHit

pytestmark = pytest.mark.browser

# A fictional group and a fictional statement, reported by a news agency: every evidence kind at once.
RICH = ("بيان منسوب إلى «جماعة النور المسلحة»: قال المتحدث «اهجموا على المعسكر» يوم 12 رمضان 1445، "
        "وفق ما نقلته وكالة أنباء محلية.")
RICH_SPANS = [
    Span("بيان منسوب", EvidenceKind.STRUCTURE, "ISSUER", 0.6),
    Span("جماعة النور المسلحة", EvidenceKind.ENTITY, "DESIGNATED_ENTITY", 0.7,
         {"entity_id": "fictional-nur", "name": "Al-Nur Armed Group (fictional)", "lists": ["OPERATOR-TEST"]}),
    Span("«اهجموا على المعسكر»", EvidenceKind.QUOTATION, "QUOTATION", 0.5),
    Span("اهجموا", EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.8),
    Span("12 رمضان 1445", EvidenceKind.DATE, "HIJRI_DATE", 1.0,
         {"calendar": "hijri", "iso": "1445-09-12", "gregorian": "2024-03-22"}),
    Span("وفق ما نقلته وكالة أنباء", EvidenceKind.CONTEXT, "REPORTING", 0.6),
]
HOSTILE = ('<script>window.__pwned=1;document.title="pwned"</script>'
           '<img src=x onerror="window.__pwned=2;document.title=\'pwned\'">'
           '<a href="javascript:window.__pwned=3">رابط</a><svg onload="window.__pwned=4"></svg>'
           '" autofocus onfocus="window.__pwned=5" x="')


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with a realistic queue (purpose-made items)."""
    # The review UI is under test, not detection: items posted through the API are flagged by the rules
    # alone (with the classifier, a two-word test text is discounted by classifier_disagrees).
    settings = Settings(db_url=sqlite_url(tmp_path_factory.mktemp("ui")), model="none", rate_per_second=1000.0,
                        rate_burst=1000, login_rate_per_minute=600.0)
    with running(settings) as live:
        store = live.store
        seed(store, "يا شباب انفروا والتحقوا بالمقاتلين الآن", "violating",
             categories=[("recruitment", "violating", 0.85)],
             spans=[Span("انفروا والتحقوا بالمقاتلين", EvidenceKind.SIGNAL, "RECRUITMENT", 0.85)],
             source="forum/thread-1042", title="منشور في منتدى عام")
        seed_violating(store, unique(VIOLATING), category="threat", score=0.8, source="channel/7781",
                       matches=[MatchHit("known-statements", "minhash", 0.93, "4f9c2d1e", {"category": "threat"})])
        seed(store, RICH, "review",
             categories=[("incitement", "review", 0.55), ("designated_propaganda", "review", 0.48)],
             spans=RICH_SPANS, source="news/agency-feed", title="خبر منقول عن بيان")
        escalated = seed_review(store, category="glorification", score=0.62, source="comments/55",
                                title="تعليق على مقال")
        store.add_review(escalated, "reviewer2", "escalate", "يحتاج رأي مشرف")
        english = "Someone wrote: «attack them» — quoted in a discussion thread"
        seed(store, english, "review", categories=[("incitement", "review", 0.47)],
             spans=[Span("«attack them»", EvidenceKind.QUOTATION, "QUOTATION", 0.5),
                    Span("attack them", EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.6)],
             source="en/forum", title="English post")
        yield live


@pytest.fixture(scope="module")
def ui_accounts(ui: LiveServer) -> Accounts:
    from live import make_accounts

    return make_accounts(ui.store)


def rich_id(ui: LiveServer) -> str:
    return next(a.id for a in ui.store.list_analyses(limit=100) if a.document.text == RICH)


def no_errors(errors: list[str]) -> None:
    assert not [e for e in errors if "favicon" not in e], errors


def test_a_review_end_to_end(ui: LiveServer, ui_accounts: Accounts, page: Any, page_errors: list[str]):
    with ui.client(ui_accounts.api) as api:
        result = api.post("/v1/analyze", json={"text": unique(VIOLATING), "source": "api/post-9",
                                               "title": "منشور جديد"}).json()
    assert result["outcome"] in ("violating", "review"), f"the recognisers no longer flag {VIOLATING!r}"
    analysis_id = result["analysis_id"]

    browser_login(page, ui)
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    row = page.locator(f'tr.qrow[data-id="{analysis_id}"]')
    assert row.count() == 1
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Basira Sans\"', 'بصيرة')")
    screenshot(page, "queue-ar")

    row.locator("a.open").click()
    page.wait_for_url(re.compile(f".*/items/{analysis_id}.*"))
    assert page.locator("#doc-wrap.is-blurred").count() == 1  # wellbeing: violating text starts blurred
    page.click("#reveal")
    assert page.locator("#doc-wrap.is-blurred").count() == 0
    for evidence in result["evidence"]:
        marks = page.locator(f'mark.hl[data-ev~="{evidence["id"]}"]')
        assert "".join(marks.all_inner_texts()) == evidence["text"]
        assert evidence["rule"] in (marks.first.get_attribute("title") or "")

    page.keyboard.press("c")
    assert page.is_checked("#action-confirm")
    assert page.evaluate("document.activeElement.id") == "reason"
    page.keyboard.type("دعوة صريحة إلى القتل")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#decision-notice")
    entry = page.locator('#history li[data-action="review.confirm"]')
    assert entry.count() == 1 and "دعوة صريحة إلى القتل" in entry.inner_text() and "reviewer" in entry.inner_text()
    stored = ui.store.reviews(analysis_id)
    assert [(r.action, r.reviewer, r.reason) for r in stored] == [("confirm", "reviewer", "دعوة صريحة إلى القتل")]
    assert ui.store.audit_log(object_type="analysis", object_id=analysis_id, action="review.confirm")
    assert page.locator("#final-decision").count() == 1 and page.locator("#decision-form").count() == 0
    screenshot(page, "item-decided-ar")
    no_errors(page_errors)


def test_highlights_rtl_layout_english_and_screenshots(
    ui: LiveServer, ui_accounts: Accounts, page: Any, page_errors: list[str]
):
    analysis_id = rich_id(ui)
    stored = ui.store.get_analysis(analysis_id)
    assert stored is not None
    browser_login(page, ui)
    page.goto(f"{ui.url}/items/{analysis_id}")
    page.click("#reveal")
    page.evaluate("document.fonts.ready")
    # right to left: the brand, first in the document, sits at the right edge
    brand = page.locator(".brand").bounding_box()
    nav = page.locator(".topnav").bounding_box()
    assert brand and nav and brand["x"] > nav["x"]
    assert page.evaluate("getComputedStyle(document.querySelector('.item-main')).direction") == "rtl"
    # every span: its segments joined give its text; overlapping spans split into nested-kind segments
    for evidence in stored.evidence:
        marks = page.locator(f'mark.hl[data-ev~="{evidence["id"]}"]')
        assert "".join(marks.all_inner_texts()) == evidence["text"], evidence["id"]
        assert marks.first.get_attribute("data-kind") in {evidence["kind"], "signal", "entity", "quotation"}
    signal_id = next(e["id"] for e in stored.evidence if e["kind"] == "signal")
    quote_id = next(e["id"] for e in stored.evidence if e["kind"] == "quotation")
    inner = page.locator(f'mark.hl[data-ev~="{signal_id}"][data-ev~="{quote_id}"]')
    assert inner.inner_text() == "اهجموا" and "hl-multi" in (inner.get_attribute("class") or "")
    assert page.locator("mark.hl-date").inner_text() == "12 رمضان 1445"
    assert "REPORTING" in (page.locator("mark.hl-context").get_attribute("title") or "")
    sor = page.locator("#statement")
    assert "وفق سياسة" in sor.inner_text() and "under the policy" in sor.inner_text()
    page.hover(f'#categories [data-ev-ref="{signal_id}"]')
    assert page.locator(f'mark.hl.focus[data-ev~="{signal_id}"]').count() >= 1
    screenshot(page, "item-ar")

    page.click("#lang-toggle")
    page.wait_for_url(re.compile(r".*lang=en.*"))
    assert page.get_attribute("html", "dir") == "ltr" and page.get_attribute("html", "lang") == "en"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.locator("#decide-h").inner_text() == "Decision"
    page.click("#reveal")
    screenshot(page, "item-en")
    page.goto(f"{ui.url}/queue")
    assert page.get_attribute("html", "lang") == "en"  # remembered in a cookie
    assert "items awaiting review" in page.locator("#queue-count").inner_text()
    screenshot(page, "queue-en")
    page.goto(f"{ui.url}/queue?lang=ar")
    no_errors(page_errors)


def test_keyboard_on_the_queue(ui: LiveServer, ui_accounts: Accounts, page: Any, page_errors: list[str]):
    browser_login(page, ui, "reviewer2")
    rows = page.locator("tr.qrow")
    assert rows.count() >= 3
    page.keyboard.press("j")
    assert "selected" in (rows.nth(0).get_attribute("class") or "")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert "selected" in (rows.nth(1).get_attribute("class") or "")
    target = rows.nth(1).get_attribute("data-id")
    page.keyboard.press("e")
    assert page.locator("#quick-decide").is_visible()
    assert page.input_value("#quick-action") == "escalate"
    page.keyboard.press("Control+Enter")  # no reason yet: the browser refuses to submit
    assert page.locator("#quick-decide").is_visible()
    page.keyboard.type("needs a second opinion")
    page.keyboard.press("Control+Enter")
    page.wait_for_load_state()
    page.wait_for_selector(f'tr.qrow[data-id="{target}"] .flag-escalated')
    assert [r.action for r in ui.store.reviews(target)][-1] == "escalate"
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/items/.*"))
    assert page.locator("#decision-panel").count() == 1
    no_errors(page_errors)


def test_hostile_content_is_shown_literally_and_never_runs(
    ui: LiveServer, ui_accounts: Accounts, page: Any, page_errors: list[str]
):
    body = unique(f"{HOSTILE} {VIOLATING}")
    with ui.client(ui_accounts.api) as api:
        result = api.post("/v1/analyze", json={"text": body, "title": HOSTILE, "source": HOSTILE}).json()
    analysis_id = result["analysis_id"]
    browser_login(page, ui)
    page.goto(f"{ui.url}/items/{analysis_id}")
    if page.locator("#reveal").count():
        page.click("#reveal")
    page.wait_for_timeout(300)  # give any injected handler the chance it must not get
    assert page.evaluate("window.__pwned") is None
    assert "pwned" not in page.title()
    assert page.locator("#doc-text").inner_text() == body
    assert HOSTILE in page.locator("h1").inner_text()
    assert page.locator("#doc-text script, #doc-text img, #doc-text svg, #doc-text a").count() == 0
    page.goto(f"{ui.url}/queue")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    no_errors(page_errors)


def test_login_page_screenshot(ui: LiveServer, page: Any):
    page.goto(f"{ui.url}/login")
    assert page.get_attribute("html", "dir") == "rtl"
    page.evaluate("document.fonts.ready")
    screenshot(page, "login-ar")
    with httpx.Client(base_url=ui.url) as client:
        assert client.get("/static/js/htmx.min.js").status_code == 200
