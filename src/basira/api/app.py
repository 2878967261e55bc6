"""The ASGI application: REST API under ``/v1``, the review web UI at ``/``, static assets under ``/static``.

    from basira.api import Settings, create_app
    app = create_app(Settings(db_url="sqlite:///basira.db"))
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import basira
from basira.api.auth import READERS, require
from basira.api.context import AppContext
from basira.api.errors import ApiError, error_body, validation_message
from basira.api.health import Health
from basira.api.metrics import Metrics
from basira.api.middleware import BodyLimitMiddleware, MetricsMiddleware, SecurityHeadersMiddleware
from basira.api.pool import AnalysisPool
from basira.api.ratelimit import TokenBuckets
from basira.api.routes import router
from basira.api.settings import Settings
from basira.api.workflow import Principal, Workflow
from basira.scan.analyzer import settle_heap
from basira.store import Store

log = logging.getLogger("basira.api")
STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"

DESCRIPTION = """basira's REST API: analyse Arabic and English text for terrorist and violent-extremist content,
read the evidence and the statement of reasons, review decisions, handle appeals, manage banks of known
content. Every route except `/healthz` needs `Authorization: Bearer <token>` (`basira user token NAME`)."""


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, exc.detail, exc.code), exc.status_code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, exc.detail), exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {k: v for k, v in dict(e).items() if k not in ("input", "url")}
            for e in exc.errors()
        ]
        body = {"detail": jsonable_encoder(errors, custom_encoder={Exception: str}), "code": "invalid",
                "message": validation_message(errors)}
        return JSONResponse(body, 422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(500, "internal error", "internal"), 500)


def _schema_version(store: Store) -> str | None:
    """The database's migration, read with one light query (the check behind /healthz)."""
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the application. Opens (and migrates) the store at ``settings.db_url`` unless one is given."""
    settings = settings or Settings.from_env()
    owns_store = store is None
    store = store or Store.open(settings.db_url, retention=settings.retention)
    workflow_holder: list[Workflow] = []
    metrics = Metrics(queue_size=lambda: float(workflow_holder[0].queries.queue_count()) if workflow_holder else 0.0)
    workflow = Workflow(store, settings, metrics)
    workflow_holder.append(workflow)
    workflow.record_policy_at_start()
    ctx = AppContext(
        settings=settings,
        store=store,
        workflow=workflow,
        metrics=metrics,
        api_limiter=TokenBuckets(settings.rate_per_second, settings.rate_burst),
        login_limiter=TokenBuckets(settings.login_rate_per_minute / 60.0, max(1, int(settings.login_rate_per_minute))),
        auth_failures=TokenBuckets(1.0, 20),
        refusal_audits=TokenBuckets(1 / 60.0, 1),
        pool=AnalysisPool(settings.analysis_threads, settings.analysis_queue, settings.analysis_seconds),
        health=Health(partial(_schema_version, store)),
    )

    metrics.watch_pool(lambda: float(ctx.pool.admitted), ctx.pool.capacity)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        monitor = asyncio.create_task(ctx.health.run())
        yield
        monitor.cancel()
        ctx.pool.shutdown()
        ctx.health.shutdown()
        if owns_store:
            store.close()

    app = FastAPI(
        title="basira",
        version=basira.__version__,
        description=DESCRIPTION,
        openapi_url=None,  # served below, behind authentication
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    _install_handlers(app)
    app.include_router(router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_who: Principal = Depends(require(*READERS))) -> JSONResponse:
        return JSONResponse(app.openapi())

    from basira.web.routes import install as install_web

    install_web(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    if settings.proxies():  # outermost: the client address every limit and log sees is the proxy's word
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.proxies())
    return app


def freeze_for_serving(app: FastAPI) -> None:
    """For a server process (``basira serve``; not for tests, which build many apps in one process): build the
    analyser and the bank index now, then move everything alive into the collector's permanent generation.
    Full collections scanned all the recognisers', policy's and banks' objects: a 100-160 ms pause every ~20 s
    under load, the p99 of the paced 2 KB posts in ``basira bench --load-only`` (41.7 -> 11.8 ms at 70/s)."""
    try:
        app.state.ctx.workflow.analyzers.current()
    except Exception:  # the first request builds it and reports what is wrong
        log.warning("the analyser could not be built at start-up", exc_info=True)
    settle_heap()


def create_app_from_env() -> FastAPI:
    """The application factory a worker process of ``basira serve --workers N`` calls: settings from
    ``BASIRA_*`` variables (``Settings.to_env`` of the parent's)."""
    app = create_app(Settings.from_env())
    freeze_for_serving(app)
    return app
