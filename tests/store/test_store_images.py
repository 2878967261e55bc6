"""Pictures of scanned pages in the store (issue 16), on SQLite and PostgreSQL: kept with the document under
retention "full" only, the first scan's kept, served back byte for byte, and checked before they are stored."""

from __future__ import annotations

import pytest

from basira.store import Store
from basira.types import PageImage, sha256_text

WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


def record(text: str) -> dict[str, object]:
    return {"document": {"sha256": sha256_text(text), "id": "scan.png", "format": "image"},
            "outcome": "not_violating", "evidence": [], "versions": {"code": "test"}}


def picture(page: int, data: bytes = WEBP, media_type: str = "image/webp") -> PageImage:
    return PageImage(page, media_type, data, 10, 5, 2400, 1200)


def test_pictures_are_kept_with_the_document_and_served_back(store: Store) -> None:
    text = "a scanned page, read by OCR"
    analysis_id = store.save_result(record(text), text, images=[picture(2), picture(1)])
    stored = store.get_analysis(analysis_id)
    assert stored is not None
    document_id = stored.document.id
    listed = store.document_images(document_id)
    assert [(p.page, p.media_type, p.width, p.height, p.source_width, p.source_height, p.data) for p in listed] == [
        (1, "image/webp", 10, 5, 2400, 1200, b""), (2, "image/webp", 10, 5, 2400, 1200, b"")]
    one = store.document_image(document_id, 1)
    assert one is not None and one.data == WEBP
    assert store.document_image(document_id, 3) is None and store.document_image("nope", 1) is None
    # The same text scanned again (another image that OCR reads the same): the first pictures stay.
    again = store.save_result({**record(text), "versions": {"code": "test2"}}, text, images=[picture(1, WEBP + b"x")])
    assert again != analysis_id
    kept = store.document_image(document_id, 1)
    assert kept is not None and kept.data == WEBP and len(store.document_images(document_id)) == 2


def test_a_store_filled_before_pictures_gets_them_when_the_same_scan_is_stored_again(store: Store) -> None:
    text = "a page scanned before pictures were kept"
    first = store.save_result(record(text), text)
    again = store.save_result(record(text), text, images=[picture(1)])
    stored = store.get_analysis(first)
    assert again == first and stored is not None
    assert [p.page for p in store.document_images(stored.document.id)] == [1]


def test_retention_hashes_keeps_no_picture(store_url: str) -> None:
    text = "a scanned page under hashes-only retention"
    with Store.open(store_url, retention="hashes") as store:
        stored = store.get_analysis(store.save_result(record(text), text, images=[picture(1)]))
        assert stored is not None and store.document_images(stored.document.id) == []


@pytest.mark.parametrize("bad", [
    picture(1, media_type="text/html"), picture(1, data=b""), picture(1, data=b"x" * 2_000_001), picture(0),
])  # fmt: skip
def test_what_is_not_a_bounded_picture_is_refused(store: Store, bad: PageImage) -> None:
    text = "a scanned page with a bad picture"
    with pytest.raises(ValueError, match="E207"):
        store.save_result(record(text), text, images=[bad])
    assert store.document_by_sha256(sha256_text(text)) is None
