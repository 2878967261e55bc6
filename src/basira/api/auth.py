"""Authentication and roles for the REST API.

* Every ``/v1`` route, ``/metrics`` and ``/openapi.json`` needs ``Authorization: Bearer <token>``; tokens come
  from ``basira user token NAME`` and are stored as SHA-256 hashes. ``/healthz`` is the one open route.
* Roles: ``api`` (a platform integration: analyse, read results and statements, file appeals),
  ``reviewer`` (the queue and review decisions), ``admin`` (everything, incl. banks, policy, audit, export).
* Each token has its own token bucket (429 with ``Retry-After`` when empty); failed tokens are limited per
  client address, so guessing tokens is slow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from basira.api.context import AppContext, client_address, context
from basira.api.errors import ApiError, forbidden, unauthenticated
from basira.api.ratelimit import retry_after
from basira.api.workflow import Principal

ROLES = ("reviewer", "admin", "api")
READERS = ROLES
REVIEWERS = ("reviewer", "admin")
ADMINS = ("admin",)
INTEGRATIONS = ("api", "admin")

bearer = HTTPBearer(auto_error=False, description="An API token from 'basira user token NAME'.")


def _rate_limited(ctx: AppContext, kind: str, wait: float) -> ApiError:
    ctx.metrics.rate_limited.labels(kind).inc()
    return ApiError(429, f"rate limit exceeded; retry in {retry_after(wait)} s",
                    headers={"Retry-After": retry_after(wait)})


def token_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    ctx = context(request)
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthenticated()
    token = credentials.credentials
    user = ctx.store.user_for_token(token) if len(token) <= 256 else None
    if user is None:
        address = client_address(request)
        wait = ctx.auth_failures.take(address)
        if wait:
            if not ctx.refusal_audits.take(address):  # audited once a minute per address, not once per try
                ctx.store.audit("anonymous", "token.auth_rate_limited", "api_token", None, after={"client": address})
            raise _rate_limited(ctx, "auth_failure", wait)
        raise unauthenticated("invalid, revoked or disabled token")
    key = hashlib.sha256(token.encode("utf-8")).hexdigest()
    wait = ctx.api_limiter.take(key)
    if wait:
        raise _rate_limited(ctx, "token", wait)
    return Principal(user.username, user.role, "token", user.id)


def require(*roles: str) -> Callable[..., Principal]:
    """A dependency: the caller, who must hold one of ``roles``."""

    def check(principal: Principal = Depends(token_principal)) -> Principal:
        if principal.role not in roles:
            raise forbidden(f"this needs the role {' or '.join(roles)}; you have {principal.role}")
        return principal

    return check
