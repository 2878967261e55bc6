"""Serving a stored page picture (``basira.store.StoredImage``), for the REST API and the review UI alike."""

from __future__ import annotations

from fastapi import Response

from basira.store import StoredImage
from basira.store.store import IMAGE_TYPES


def image_response(image: StoredImage | None) -> Response | None:
    """The picture with its stored media type (only image types are stored, and checked again here), never
    cached by a shared cache nor kept on disk; ``None`` when there is nothing to serve."""
    if image is None or image.media_type not in IMAGE_TYPES or not image.data:
        return None
    headers = {"Cache-Control": "private, no-store", "Content-Disposition": "inline"}
    return Response(image.data, media_type=image.media_type, headers=headers)
