"""``basira serve``: the REST API and the review web UI (uvicorn)."""

from __future__ import annotations

import os
from typing import Any

import typer

from basira.cli.commands.db import DB_OPTION, shown


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: str = DB_OPTION,
    policy: str | None = typer.Option(None, "--policy", help="Bundled policy id (default: tco)."),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help="Which designation lists count."),
    model: str | None = typer.Option(None, "--model", help="The trained classifier, as for 'basira scan': "
                                     "'default' (shipped, the default), a model file from 'basira train', or 'none'."),
    retention: str = typer.Option("full", help="full (keep text; reviewers need it) or hashes."),
    max_batch: int = typer.Option(100, help="Documents per /v1/analyze/batch request (413 past it)."),
    max_body_bytes: int = typer.Option(2 * 1024 * 1024, help="Largest request body (413 past it)."),
    max_chars: int = typer.Option(200_000, help="Largest document, in characters (413 past it)."),
    max_request_chars: int | None = typer.Option(
        None, help="Characters of text per request, a batch's documents together (413 past it; default 1,000,000)."),
    analysis_threads: int | None = typer.Option(
        None, min=1, help="Analyses running at once per worker process (default 2)."),
    analysis_queue: int | None = typer.Option(
        None, min=0, help="Analyses waiting for a thread; past them 503 with Retry-After (default 64)."),
    analysis_seconds: float | None = typer.Option(
        None, help="Time budget of an analysis request from admission; past it 503 (default 60)."),
    rate: float = typer.Option(20.0, help="Requests per second per API token (token bucket refill)."),
    burst: int = typer.Option(60, help="Token bucket size per API token."),
    confirm_bank: str | None = typer.Option(None, help="Bank that confirmed violating decisions feed by default."),
    secure_cookies: bool | None = typer.Option(
        None, "--secure-cookies/--no-secure-cookies",
        help="Mark session cookies Secure (default: when the request came over TLS)."),
    proxy_headers: bool = typer.Option(
        False, help="Believe X-Forwarded-For/-Proto; needs --trusted-proxies (only those addresses are believed)."),
    trusted_proxies: str | None = typer.Option(
        None, "--trusted-proxies", metavar="ADDRS",
        help="Comma-separated addresses or networks of your reverse proxies (e.g. 127.0.0.1 or 10.0.0.0/24): "
        "X-Forwarded-For/-Proto are believed from these only. Default: from no one (BASIRA_TRUSTED_PROXIES)."),
    log_level: str = typer.Option("info", help="uvicorn log level."),
    workers: int = typer.Option(
        1, min=1, max=64, help="Worker processes (analysis is CPU-bound: about one per core). Each keeps its "
        "own rate-limit buckets and metrics; the policy cannot be changed live with more than one."),
) -> None:
    """Serve the REST API (/v1, OpenAPI at /openapi.json) and the review UI (/queue) until interrupted.

    Settings not given here are read from BASIRA_* environment variables (e.g. BASIRA_SESSION_SECRET,
    which must be set for sessions to survive a restart). With ``--workers N`` every worker gets the same
    settings, session secret included; the policy is then fixed for the server's life (restart to change it)."""
    import uvicorn

    from basira.api import Settings, create_app

    try:
        settings = Settings.from_env(
            db_url=db, policy=policy, jurisdiction=jurisdiction, retention=retention, max_batch=max_batch,
            max_body_bytes=max_body_bytes, max_chars=max_chars, rate_per_second=rate, rate_burst=burst,
            confirm_bank=confirm_bank, secure_cookies=secure_cookies, workers=workers,
            trusted_proxies=trusted_proxies, max_request_chars=max_request_chars, analysis_threads=analysis_threads,
            analysis_queue=analysis_queue, analysis_seconds=analysis_seconds, model=model,
        )
        if proxy_headers and not settings.proxies():
            raise ValueError("--proxy-headers needs --trusted-proxies ADDRS (your reverse proxy's address): "
                             "believing X-Forwarded-For from anyone lets any client pick the address its login and "
                             "token rate limits are counted against")
        app = create_app(settings)
    except (KeyError, ValueError) as exc:
        typer.echo(f"error: {exc.args[0] if exc.args else exc}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # a --model file that is not there or cannot be read
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if "BASIRA_SESSION_SECRET" not in os.environ:
        typer.echo("note: BASIRA_SESSION_SECRET is not set; a random one is used, so web sessions end when the "
                   "server restarts", err=True)
    typer.echo(f"basira serving http://{host}:{port}/ (store {shown(db)}, policy {app.state.ctx.workflow.policy.key}"
               f"{f', {workers} workers' if workers > 1 else ''})", err=True)
    # Forwarded headers are applied by the application itself, from the trusted proxies only (create_app);
    # uvicorn's own handling (which believes 127.0.0.1 by default) stays off.
    options: dict[str, Any] = dict(host=host, port=port, log_level=log_level, proxy_headers=False,
                                   server_header=False)
    if workers == 1:
        from basira.api.app import freeze_for_serving

        freeze_for_serving(app)
        uvicorn.run(app, **options)
        return
    # The application built above has migrated the store and recorded the policy once; each worker builds
    # its own from the same settings (one session secret for all, so a login holds on every worker).
    app.state.ctx.store.close()
    os.environ.update(settings.to_env())
    uvicorn.run("basira.api.app:create_app_from_env", factory=True, workers=workers, **options)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
