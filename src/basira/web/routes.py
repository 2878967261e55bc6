"""The review web UI: server-rendered pages (Jinja2, autoescaped) with htmx for partial updates.

Pages need a session (``/login``); reviewers and admins may sign in. Every form carries the session's CSRF
token. Arabic, right to left, is the default; ``?lang=en`` switches (and is remembered in a cookie).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

import basira
from basira.api.auth import REVIEWERS
from basira.api.context import AppContext, client_address, context
from basira.api.errors import ApiError
from basira.api.images import image_response
from basira.api.passwords import verify_password
from basira.api.queries import FLAGGED, QueueFilter, snippet
from basira.api.schemas import ReviewIn, validated
from basira.api.workflow import Principal, human_label
from basira.web.bidi import bidi_markers
from basira.web.explain import explain_line
from basira.web.highlight import KIND_PRIORITY, highlight, isolate, isolate_latin, visible
from basira.web.i18n import DEFAULT_LANG, Translator, pick_lang
from basira.web.scans import scans
from basira.web.session import BLUR_COOKIE, LANG_COOKIE, Session, Sessions, csrf_ok

TEMPLATES_DIR = Path(__file__).with_name("templates")
OUTCOMES = ("violating", "review", "not_violating")
ACTIONS = ("confirm", "overturn", "escalate")

router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form."""


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = basira.__version__
    env.finalize = bidi_markers  # every {{ value }}: titles, sources, reasons, user names, strings built from them
    env.filters["visible"] = visible
    env.filters["isolate"] = isolate
    env.filters["isolate_latin"] = isolate_latin
    return env


def install(app: FastAPI) -> None:
    settings = app.state.ctx.settings
    app.state.sessions = Sessions(settings.session_secret, settings.session_max_age, settings.secure_cookies)
    app.state.templates = Jinja2Templates(env=_environment())
    app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = _safe_next(here if request.method == "GET" else "/queue")  # a form post is not replayed
        login = "/login?" + urlencode({"next": target})
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": login})
        return RedirectResponse(login, status_code=303)


def _sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


def _safe_next(value: str | None) -> str:
    """Only local paths ("/…", never "//host" or a scheme) may be redirect targets."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return "/queue"
    return value


@dataclass(slots=True)
class Page:
    request: Request
    ctx: AppContext
    t: Translator
    session: Session | None
    user: Principal | None
    blur: bool
    set_lang: str | None = None

    def render(self, template: str, status: int = 200, **data: Any) -> HTMLResponse:
        templates: Jinja2Templates = self.request.app.state.templates
        values = {
            "t": self.t,
            "lang": self.t.lang,
            "dir": self.t.dir,
            "user": self.user,
            "csrf": self.session.csrf if self.session else "",
            "blur": self.blur,
            "here": self.here(),
            "switch_lang_url": self.switch_lang_url(),
            "category_name": self.category_name,
            "explain_line": explain_line,
            **data,
        }
        response = templates.TemplateResponse(self.request, template, values, status_code=status)
        if self.set_lang:
            _sessions(self.request).preference(response, self.request, LANG_COOKIE, self.set_lang)
        return response

    def category_name(self, category_id: object) -> str:
        """A category in words: its UI string, else the policy's summary in this language, else its id."""
        cid = str(category_id or "")
        category = self.ctx.workflow.policy.categories.get(cid)
        fallback = (category.summary.ar if self.t.lang == "ar" else category.summary.en) if category else cid
        return self.t.maybe(f"category.{cid}", fallback or cid)

    def here(self) -> str:
        query = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        return self.request.url.path + (f"?{urlencode(query)}" if query else "")

    def switch_lang_url(self) -> str:
        query = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        query.append(("lang", self.t.other))
        return f"{self.request.url.path}?{urlencode(query)}"


def _page(request: Request, *, require_user: bool = True) -> Page:
    ctx = context(request)
    from_query = pick_lang(request.query_params.get("lang"))
    lang = from_query or pick_lang(request.cookies.get(LANG_COOKIE)) or DEFAULT_LANG
    session = _sessions(request).load(request)
    user: Principal | None = None
    if session is not None and session.sid:
        found = ctx.store.session_user(session.sid)
        if found is not None and found.role in REVIEWERS:
            user = Principal(found.username, found.role, "session", found.id)
    if require_user and user is None:
        raise LoginRequired()
    blur_cookie = request.cookies.get(BLUR_COOKIE)
    blur = ctx.settings.blur_default if blur_cookie not in ("0", "1") else blur_cookie == "1"
    return Page(request, ctx, Translator(lang), session, user, blur, from_query)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


# -------------------------------------------------------------------------------------------- login


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    page = _page(request, require_user=False)
    if page.user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    session = page.session or _sessions(request).new()
    page.session = session
    response: Response = page.render("login.html", next=_safe_next(next), error=None, username="")
    _sessions(request).save(response, request, session)
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    page = _page(request, require_user=False)
    form = await _form(request)
    username = form.get("username", "")[:128]
    target = _safe_next(form.get("next"))
    sessions = _sessions(request)
    if not csrf_ok(page.session, form.get("csrf")):
        page.session = sessions.new()
        refused = page.render("login.html", 403, next=target, error="error.csrf", username=username)
        sessions.save(refused, request, page.session)
        return refused
    address = client_address(request)
    store = page.ctx.store
    named = username.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8") or None  # storable
    if page.ctx.login_limiter.take(address):
        page.ctx.metrics.rate_limited.labels("login").inc()
        if not page.ctx.refusal_audits.take(address):  # audited once a minute per address, not once per try
            await run_in_threadpool(store.audit, "anonymous", "session.login_rate_limited", "user", named,
                                    after={"client": address})
        return page.render("login.html", 429, next=target, error="login.rate_limited", username=username)
    user = await run_in_threadpool(store.get_user, username) if username and "\x00" not in username else None
    ok = await run_in_threadpool(verify_password, user.password_hash if user else None, form.get("password", ""))
    if not ok or user is None or user.disabled or user.role not in REVIEWERS:
        why = "password" if not ok or user is None else "disabled" if user.disabled else "role"
        await run_in_threadpool(store.audit, "anonymous", "session.login_failed", "user", named,
                                after={"client": address, "why": why})
        if why == "role":
            return page.render("login.html", 403, next=target, error="login.not_reviewer", username=username)
        return page.render("login.html", 401, next=target, error="login.failed", username=username)
    assert user is not None
    sid = await run_in_threadpool(store.create_session, user.username, sessions.max_age)
    session = sessions.new(sid)  # a fresh session and CSRF token at login (no fixation)
    await run_in_threadpool(store.audit, user.username, "session.login", "user", user.username,
                            after={"client": address})
    response = RedirectResponse(target, status_code=303)
    sessions.save(response, request, session)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Ends the server-side session. Needs the session's CSRF token, so another site cannot sign you out."""
    page = _page(request, require_user=False)
    form = await _form(request)
    if page.session is not None and page.session.sid and not csrf_ok(page.session, form.get("csrf")):
        return page.render("error.html", 403, message="error.csrf")
    if page.session is not None and page.session.sid:
        await run_in_threadpool(page.ctx.store.end_session, page.session.sid)
    if page.user is not None:
        await run_in_threadpool(page.ctx.store.audit, page.user.username, "session.logout", "user",
                                page.user.username)
    response = RedirectResponse("/login", status_code=303)
    _sessions(request).clear(response, request)
    return response


@router.post("/settings/blur")
async def set_blur(request: Request) -> Response:
    page = _page(request)
    form = await _form(request)
    if not csrf_ok(page.session, form.get("csrf")):
        return page.render("error.html", 403, message="error.csrf")
    response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
    _sessions(request).preference(response, request, BLUR_COOKIE, "1" if form.get("blur") == "1" else "0")
    return response


# -------------------------------------------------------------------------------------------- queue


def _filters(request: Request) -> QueueFilter:
    q = request.query_params
    outcome = q.get("outcome")
    return QueueFilter(
        category=(q.get("category") or None) and q["category"][:64],
        outcome=outcome if outcome in OUTCOMES else None,
        bank=(q.get("bank") or None) and q["bank"][:128],
    )


def _filter_query(filters: QueueFilter) -> str:
    values = {"category": filters.category, "outcome": filters.outcome, "bank": filters.bank}
    return urlencode({k: v for k, v in values.items() if v})


@router.get("/")
def home(request: Request) -> Response:
    _page(request)
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request) -> Response:
    page = _page(request)
    filters = _filters(request)
    size = page.ctx.settings.queue_page_size
    try:
        number = max(1, min(100_000, int(request.query_params.get("page", "1"))))
    except ValueError:
        number = 1
    queries = page.ctx.queries
    total = queries.queue_count(filters)
    pages = max(1, math.ceil(total / size))
    number = min(number, pages)
    items = queries.queue(filters, limit=size, offset=(number - 1) * size)
    now = datetime.now(UTC)
    data: dict[str, Any] = {
        "items": items,
        "now": now,
        "total": total,
        "page_number": number,
        "pages": pages,
        "filters": filters,
        "filter_query": _filter_query(filters),
        "categories": sorted(set(page.ctx.workflow.policy.categories) | set(queries.categories_in_use())),
        "banks": sorted({b.name for b in page.ctx.store.list_banks()} | set(queries.banks_in_use())),
        "outcomes": OUTCOMES,
    }
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "queue-results":
        return page.render("_queue_results.html", **data)
    return page.render("queue.html", **data)


# --------------------------------------------------------------------------------------------- item


def _item_data(page: Page, analysis_id: str, filters: QueueFilter) -> dict[str, Any] | None:
    wf = page.ctx.workflow
    analysis = page.ctx.store.get_analysis(analysis_id)
    if analysis is None:
        return None
    state = wf.state(analysis_id)
    text = analysis.document.text
    evidence = list(analysis.evidence)
    by_id = {str(e.get("id")): e for e in evidence}
    order = page.ctx.queries.queue_ids(filters)
    position = order.index(analysis_id) if analysis_id in order else None
    prev_id = order[position - 1] if position is not None and position > 0 else None
    if position is None:
        next_id = order[0] if order and order[0] != analysis_id else None
    else:
        next_id = order[position + 1] if position + 1 < len(order) else None
    policy = wf.policy
    summaries = {cid: {"ar": c.summary.ar, "en": c.summary.en} for cid, c in policy.categories.items()}
    kinds_present = [k for k in KIND_PRIORITY if any(e.get("kind") == k for e in evidence)]
    history = wf.history(analysis_id)
    flagged = analysis.outcome in FLAGGED
    user = page.user
    assert user is not None
    can_decide = state.awaiting and state.may_decide(user.username) and not (
        state.escalated is not None and user.role != "admin"
    )
    return {
        "analysis": analysis,
        "document": analysis.document,
        "text_html": highlight(text, evidence, page.t) if text is not None else None,
        "scans": scans(page.ctx.store.document_images(analysis.document.id), evidence),
        "snippet": snippet(text),
        "legal_refs": sorted({str(c.get("legal_ref") or "") for c in analysis.categories}
                             | {c.legal_ref for c in policy.categories.values()}),
        "evidence": evidence,
        "by_id": by_id,
        "kinds_present": kinds_present,
        "categories": analysis.categories,
        "summaries": summaries,
        "statement": analysis.statement_of_reasons,
        "state": state,
        "label": human_label(analysis.outcome, state.final.action) if state.final else None,
        "history": history,
        "appeals": {a.id: a for a in state.appeals},
        "prev_id": prev_id,
        "next_id": next_id,
        "filter_query": _filter_query(filters),
        "flagged": flagged,
        "blurred": page.blur and flagged and text is not None,
        "can_decide": can_decide,
        "banks": [b for b in page.ctx.store.list_banks() if b.enabled],
        "notice": None,
        "error": None,
        "reason": "",
        "chosen": "",
    }


@router.get("/items/{analysis_id}", response_class=HTMLResponse)
def item(request: Request, analysis_id: str) -> Response:
    page = _page(request)
    data = _item_data(page, analysis_id[:64], _filters(request))
    if data is None:
        return page.render("error.html", 404, message="error.not_found")
    return page.render("item.html", **data)


@router.get("/items/{analysis_id}/images/{page}")
def item_image(request: Request, analysis_id: str, page: str) -> Response:
    """The picture of one scanned page of the item's document (the item page draws the evidence boxes on it)."""
    view = _page(request)  # signed-in reviewers and admins, as for the item page itself
    number = int(page) if page.isascii() and page.isdigit() and len(page) <= 6 else 0
    analysis = view.ctx.store.get_analysis(analysis_id[:64]) if number else None
    image = view.ctx.store.document_image(analysis.document.id, number) if analysis is not None else None
    response = image_response(image)
    if response is None:
        return view.render("error.html", 404, message="error.not_found")
    return response


@router.post("/items/{analysis_id}/review", response_class=HTMLResponse)
async def review(request: Request, analysis_id: str) -> Response:
    page = _page(request)
    form = await _form(request)
    htmx = bool(request.headers.get("hx-request"))
    analysis_id = analysis_id[:64]
    if not csrf_ok(page.session, form.get("csrf")):
        return page.render("error.html", 403, message="error.csrf")
    action = form.get("action", "")
    reason = form.get("reason", "")
    bank = form.get("bank") or None
    assert page.user is not None
    error: str | None = None
    status = 200
    try:  # the API's request model checks the form too: NUL, length, action, bank name
        checked = validated(ReviewIn, analysis_id=analysis_id, action=action, reason=reason,
                            bank=bank if action == "confirm" else None)
        result = await run_in_threadpool(page.ctx.workflow.review, page.user, checked.analysis_id, checked.action,
                                         checked.reason, checked.bank)
    except ApiError as exc:
        error, status = str(exc.detail), exc.status_code
        result = None
    if result is not None and not htmx and form.get("next"):
        return RedirectResponse(_safe_next(form.get("next")), status_code=303)
    data = await run_in_threadpool(_item_data, page, analysis_id, _filters(request))
    if data is None:
        return page.render("error.html", 404, message="error.not_found")
    if error is not None:
        data.update(error=error, reason=reason.replace("\x00", "")[:4000], chosen=action)
    else:
        data["notice"] = page.t("decide.done", action=page.t(f"action.{action}"))
    if htmx:
        return page.render("_decision_update.html", **data)  # htmx swaps 2xx only: the error is in the panel
    if error is None:
        return RedirectResponse(f"/items/{analysis_id}", status_code=303)
    return page.render("item.html", status, **data)
