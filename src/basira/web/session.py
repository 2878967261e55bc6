"""Web sessions: a signed cookie (itsdangerous) holding a CSRF token and, once signed in, a session id.

The session id names a server-side session (``Store.create_session``): the user is found from it on every
request, and the session ends for good at logout, or when its user is disabled, given another role or
deleted (the row is gone; the cookie alone opens nothing). The cookie never holds the user name, so a user
deleted and created again under the same name inherits no old cookie.

The cookie is ``HttpOnly``, ``SameSite=Lax``, and ``Secure`` when the request came over TLS (or always,
by setting). Signing makes it tamper-proof; it expires after ``max_age`` (and so does the server-side
session). A new session (and CSRF token) is issued at login.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "basira_session"
LANG_COOKIE = "basira_lang"
BLUR_COOKIE = "basira_blur"


@dataclass(frozen=True, slots=True)
class Session:
    csrf: str
    sid: str | None = None  # the server-side session's id, once signed in
    issued: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.csrf, "s": self.sid, "t": self.issued}


class Sessions:
    def __init__(self, secret: str, max_age: int, secure: bool | None):
        self._serializer = URLSafeTimedSerializer(secret, salt="basira.web.session")
        self.max_age = max_age
        self.secure = secure

    def new(self, sid: str | None = None) -> Session:
        return Session(csrf=secrets.token_urlsafe(32), sid=sid, issued=time.time())

    def load(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw or len(raw) > 4096:
            return None
        try:
            data = self._serializer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        sid = data.get("s")
        return Session(csrf=data["c"], sid=sid if isinstance(sid, str) and len(sid) <= 128 else None,
                       issued=float(data.get("t") or 0.0))

    def is_secure(self, request: Request) -> bool:
        return self.secure if self.secure is not None else request.url.scheme == "https"

    def save(self, response: Response, request: Request, session: Session) -> None:
        response.set_cookie(
            COOKIE,
            self._serializer.dumps(session.to_dict()),
            max_age=self.max_age,
            httponly=True,
            samesite="lax",
            secure=self.is_secure(request),
            path="/",
        )

    def clear(self, response: Response, request: Request) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.is_secure(request))

    def preference(self, response: Response, request: Request, name: str, value: str) -> None:
        """A UI preference cookie (language, blur): not secret, but still HttpOnly and SameSite."""
        response.set_cookie(name, value, max_age=365 * 86400, httponly=True, samesite="lax",
                            secure=self.is_secure(request), path="/")


def csrf_ok(session: Session | None, submitted: str | None) -> bool:
    if session is None or not submitted:
        return False
    return hmac.compare_digest(session.csrf.encode(), submitted.encode("utf-8", "replace"))
