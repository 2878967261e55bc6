"""Issue 16: the review UI shows a scanned image with its evidence boxes drawn over it.

A page is rendered here with Pillow and the Noto fonts the UI ships (the helpers of tests/test_ingest_image.py),
scanned by `basira scan --db` (Tesseract, the real store), and opened in Debian's chromium: the picture is
shown, and each evidence box is drawn where its words are, scaled to the picture as rendered, in Arabic and
in English, at desktop width and at 420 px. The picture's route refuses whoever may not read the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from live import Accounts, LiveServer, make_accounts, running, sqlite_url
from typer.testing import CliRunner
from webtools import browser_login, login, screenshot

from basira.api import Settings
from basira.cli import app
from basira.ingest.preview import MAX_SIDE
from test_ingest_image import encoded, render

PIXELS = 3  # how far a drawn box may be from where it should be, in CSS pixels


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    """A server whose store holds one scanned page, stored by `basira scan --db`; and its analysis id."""
    folder = tmp_path_factory.mktemp("scans")
    settings = Settings(db_url=sqlite_url(folder), rate_per_second=1000.0, rate_burst=1000,
                        login_rate_per_minute=600.0)
    image, _ = render()
    path = folder / "page.png"
    path.write_bytes(encoded(image, "PNG"))
    with running(settings) as live:
        result = CliRunner().invoke(app, ["scan", "--quiet", "--db", settings.db_url, str(path)])
        assert result.exit_code == 0, result.output
        [analysis] = [a for a in live.store.list_analyses(limit=10) if a.document.format == "image"]
        yield live, analysis.id


@pytest.fixture(scope="module")
def scan_accounts(scanned: tuple[LiveServer, str]) -> Accounts:
    return make_accounts(scanned[0].store)


def expected_boxes(live: LiveServer, analysis_id: str) -> list[tuple[str, int, int, int, int]]:
    analysis = live.store.get_analysis(analysis_id)
    assert analysis is not None
    return sorted((str(e["id"]), b["left"], b["top"], b["width"], b["height"])
                  for e in analysis.evidence for b in (e.get("attrs") or {}).get("boxes", []) if b["page"] == 1)


def drawn_boxes(page: Any) -> list[dict[str, Any]]:
    """Every box on the page: its evidence id, its numbers in the OCR'd page, and where the browser drew it."""
    out = []
    for rect in page.locator("#scan-1 a.scan-box rect").all():
        numbers = rect.evaluate("r => ['x', 'y', 'width', 'height'].map(k => Number(r.getAttribute(k)))")
        stroke = rect.evaluate("r => parseFloat(getComputedStyle(r).strokeWidth)")
        drawn = rect.bounding_box()  # the outline is drawn centred on the box's edge: half of it lies outside
        assert drawn is not None and 0 < stroke < 8
        inner = {"x": drawn["x"] + stroke / 2, "y": drawn["y"] + stroke / 2, "width": drawn["width"] - stroke,
                 "height": drawn["height"] - stroke}
        out.append({"id": rect.evaluate("r => r.parentElement.getAttribute('data-ev-ref')"), "numbers": numbers,
                    "drawn": inner})
    return out


def check_overlays(page: Any, live: LiveServer, analysis_id: str) -> None:
    analysis = live.store.get_analysis(analysis_id)
    assert analysis is not None
    source_width = analysis.document.metadata["image"]["width"]
    source_height = analysis.document.metadata["image"]["height"]
    picture = page.locator("#scan-1 img.scan-img")
    page.wait_for_function("() => { const i = document.querySelector('#scan-1 img.scan-img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    natural = picture.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    assert natural == [MAX_SIDE, round(source_height * MAX_SIDE / source_width)]  # kept small, not the scan
    shown = picture.bounding_box()
    assert shown is not None and shown["width"] > 100
    assert abs(shown["height"] - shown["width"] * natural[1] / natural[0]) <= 1.5  # not stretched
    drawn = drawn_boxes(page)
    want = expected_boxes(live, analysis_id)
    assert len(want) >= 3 and sorted((d["id"], *d["numbers"]) for d in drawn) == want
    sx, sy = shown["width"] / source_width, shown["height"] / source_height
    for box in drawn:
        left, top, width, height = box["numbers"]
        at = box["drawn"]
        assert at is not None, box
        assert abs(at["x"] - (shown["x"] + left * sx)) <= PIXELS, box
        assert abs(at["y"] - (shown["y"] + top * sy)) <= PIXELS, box
        assert abs(at["width"] - width * sx) <= PIXELS, box
        assert abs(at["height"] - height * sy) <= PIXELS, box


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_item_page_draws_each_evidence_box_over_the_scanned_image(
    scanned: tuple[LiveServer, str], scan_accounts: Accounts, page: Any, page_errors: list[str], lang: str
) -> None:
    live, analysis_id = scanned
    browser_login(page, live)
    page.goto(f"{live.url}/items/{analysis_id}?lang={lang}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    figure = page.locator("#scan-1")
    alt = figure.locator("img.scan-img").get_attribute("alt") or ""
    caption = figure.locator("figcaption").inner_text()
    if lang == "ar":
        assert "الصفحة 1" in alt and "الصفحة 1" in caption
    else:
        assert alt.startswith("Page 1 of the scanned document") and caption.startswith("Page 1:")
    if "is-blurred" in (figure.get_attribute("class") or ""):
        figure.locator(".reveal").click()  # flagged content is blurred until the reviewer asks to see it
        assert "is-blurred" not in (figure.get_attribute("class") or "")
        page.mouse.move(0, 0)
    check_overlays(page, live, analysis_id)
    # A box and its evidence row light up together, by pointer and by keyboard.
    first = page.locator("#scan-1 a.scan-box").last  # drawn last: on top
    evidence_id = first.get_attribute("data-ev-ref")
    first.hover()
    assert "active" in (page.locator(f'tr.ev-row[data-ev-id="{evidence_id}"]').get_attribute("class") or "")
    page.mouse.move(0, 0)
    first.focus()
    assert "active" in (page.locator(f'tr.ev-row[data-ev-id="{evidence_id}"]').get_attribute("class") or "")
    label = first.get_attribute("aria-label") or ""
    assert evidence_id in label and label.startswith("الدليل" if lang == "ar" else "Evidence")
    first.click()  # a box is a link to its evidence row
    assert page.url.endswith(f"#ev-{evidence_id}")
    assert page.locator(f"#ev-{evidence_id}").get_attribute("data-ev-id") == evidence_id
    page.mouse.move(0, 0)
    screenshot(page, f"item-scan-{lang}")
    page.set_viewport_size({"width": 420, "height": 900})
    page.wait_for_timeout(100)  # a layout pass after the resize
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_overlays(page, live, analysis_id)
    screenshot(page, f"item-scan-{lang}-420")
    assert not [e for e in page_errors if "favicon" not in e], page_errors


def test_the_picture_is_served_only_to_who_may_read_the_document(
    scanned: tuple[LiveServer, str], scan_accounts: Accounts
) -> None:
    live, analysis_id = scanned
    analysis = live.store.get_analysis(analysis_id)
    assert analysis is not None
    document_id = analysis.document.id
    web_path, api_path = f"/items/{analysis_id}/images/1", f"/v1/documents/{document_id}/images/1"
    with live.client() as anonymous:
        refused = anonymous.get(web_path)
        assert refused.status_code == 303 and refused.headers["location"].startswith("/login")
        assert anonymous.get(api_path).status_code == 401
    with live.client() as reviewer:
        assert login(reviewer, "reviewer").status_code == 303
        served = reviewer.get(web_path)
        assert served.status_code == 200 and served.headers["content-type"] == "image/webp"
        assert served.content[:4] == b"RIFF" and served.content[8:12] == b"WEBP"
        assert served.headers["cache-control"] == "private, no-store"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert reviewer.get(f"/items/{analysis_id}/images/2").status_code == 404
        assert reviewer.get(f"/items/{analysis_id}/images/x").status_code == 404
    with live.client(scan_accounts.reviewer) as token:
        assert token.get(api_path).content == served.content
        listed = token.get(f"/v1/documents/{document_id}").json()["images"]
        assert [(i["page"], i["media_type"], i["url"]) for i in listed] == [(1, "image/webp", api_path)]
        assert listed[0]["source_width"] == analysis.document.metadata["image"]["width"]
    # API clients: the one that submitted the document first sees the picture; another client does not,
    # whether it never sent the document or sent the same text later.
    owner, other = make_accounts(live.store, prefix="owner-"), make_accounts(live.store, prefix="other-")
    owner_user, other_user = live.store.get_user("owner-api"), live.store.get_user("other-api")
    assert owner_user is not None and other_user is not None
    live.store.add_owner(document_id, owner_user.id)
    with live.client(other.api) as stranger:
        assert stranger.get(api_path).status_code == 404
    live.store.add_owner(document_id, other_user.id)
    with live.client(other.api) as later, live.client(owner.api) as first:
        assert later.get(api_path).status_code == 404
        assert later.get(f"/v1/documents/{document_id}").json()["images"] == []
        ok = first.get(api_path)
        assert ok.status_code == 200 and ok.content == served.content

