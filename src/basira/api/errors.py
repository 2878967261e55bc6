"""API errors: one class, a code per cause, one JSON shape ``{"detail": message, "code": code}``.

Codes (the HTTP status follows from the cause)::

    A400 bad_request      A401 unauthenticated   A403 forbidden       A404 not_found
    A409 conflict         A413 too_large          A422 invalid         A429 rate_limited
    A503 busy (the analysis pool is full, or an analysis ran past its time budget; see Retry-After)
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    503: "busy",
}


class ApiError(HTTPException):
    """An error with a stable machine code next to the human message."""

    def __init__(self, status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: Any, code: str | None = None) -> dict[str, Any]:
    return {"detail": message, "code": code or CODES.get(status, "error")}


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One line naming each refused field (at most five) of a pydantic validation error."""
    for error in errors:
        if error.get("type") == "json_invalid":
            detail = (error.get("ctx") or {}).get("error", "")
            return f"the request body is not valid JSON: {detail}".rstrip(": ")
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def unauthenticated(message: str = "authentication required: send 'Authorization: Bearer <token>'") -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": 'Bearer realm="basira"'})


def forbidden(message: str) -> ApiError:
    return ApiError(403, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def too_large(message: str) -> ApiError:
    return ApiError(413, message)


def invalid(message: str) -> ApiError:
    return ApiError(422, message)
