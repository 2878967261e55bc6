"""The REST API, version 1. Every route needs a bearer token (see ``basira.api.auth``) except ``/healthz``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from basira.api.auth import ADMINS, INTEGRATIONS, READERS, REVIEWERS, require
from basira.api.context import context
from basira.api.errors import conflict, invalid, not_found, too_large
from basira.api.images import image_response
from basira.api.metrics import CONTENT_TYPE_LATEST
from basira.api.pool import Checkpoint
from basira.api.queries import QueueFilter
from basira.api.schemas import (
    AnalysisOut,
    AppealIn,
    AppealOut,
    BankEntriesIn,
    BankIn,
    BankPatch,
    BatchIn,
    BatchOut,
    DocumentIn,
    PolicyIn,
    QueueOut,
    ReviewIn,
    ReviewOut,
)
from basira.api.workflow import NewDocument, Principal
from basira.match import EntryLabels, NewEntry, compute_signals
from basira.output import json_line
from basira.store import Conflict, NotFound, Store

router = APIRouter()
v1 = APIRouter(prefix="/v1")

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or invalid bearer token"},
    403: {"description": "Your role may not do this"},
    429: {"description": "Rate limit exceeded (see Retry-After)"},
}
Reader = Annotated[Principal, Depends(require(*READERS))]
Reviewer = Annotated[Principal, Depends(require(*REVIEWERS))]
Admin = Annotated[Principal, Depends(require(*ADMINS))]
Integration = Annotated[Principal, Depends(require(*INTEGRATIONS))]
Observer = Annotated[Principal, Depends(require("admin", "api"))]


def _new(doc: DocumentIn) -> NewDocument:
    return NewDocument(doc.text, doc.id, doc.source, doc.format, doc.lang, doc.title, doc.metadata)


# ------------------------------------------------------------------------------------------- service


@router.get("/healthz", tags=["service"], summary="Liveness and database check (no authentication)")
async def healthz(request: Request) -> JSONResponse:
    # On the event loop, from a database check run on a thread of its own: never queued behind analyses.
    ctx = context(request)
    reachable, revision = await ctx.health.status()
    if not reachable:  # the database is down or hung: say so, with 503, rather than fail
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "schema": revision, "policy": ctx.workflow.policy.key})


@router.get("/metrics", tags=["service"], summary="Prometheus metrics (text format)", responses=ERRORS)
def metrics(request: Request, _who: Observer) -> Response:
    return Response(context(request).metrics.render(), media_type=CONTENT_TYPE_LATEST)


@v1.get("/me", tags=["service"], summary="Who the token belongs to", responses=ERRORS)
def me(who: Reader) -> dict[str, str]:
    return {"username": who.username, "role": who.role}


# ------------------------------------------------------------------------------------------- analyse


@v1.post("/analyze", tags=["analyze"], response_model=AnalysisOut, response_model_by_alias=True,
         summary="Analyse one document, store the result, return it (basira.scan/1)",
         responses={**ERRORS, 413: {"description": "Body or document too large"}})
async def analyze(doc: DocumentIn, request: Request, who: Integration) -> Response:
    ctx = context(request)
    new = _new(doc)

    def work(checkpoint: Checkpoint) -> Response:
        return _json(ctx.workflow.analyze(who.username, new, owner_id=who.user_id, checkpoint=checkpoint))

    return await ctx.pool.run(work, request.is_disconnected)


@v1.post("/analyze/batch", tags=["analyze"], response_model=BatchOut, response_model_by_alias=True,
         summary="Analyse several documents (at most the server's batch limit)",
         responses={**ERRORS, 413: {"description": "Too many documents, or a body or document too large"}})
async def analyze_batch(batch: BatchIn, request: Request, who: Integration) -> Response:
    ctx = context(request)
    if len(batch.documents) > ctx.settings.max_batch:
        raise too_large(f"{len(batch.documents)} documents; a batch holds at most {ctx.settings.max_batch}")
    _within_budget(ctx.settings.max_request_chars, [d.text for d in batch.documents])

    def work(checkpoint: Checkpoint) -> Response:
        documents = []
        for d in batch.documents:  # refuse the whole batch early
            documents.append(ctx.workflow.check_document(_new(d)))
            checkpoint()
        _within_budget(ctx.settings.max_request_chars, [d.text for d in documents])  # extracted from HTML
        return _json({"results": [ctx.workflow.analyze(who.username, d, owner_id=who.user_id,
                                                       checkpoint=checkpoint) for d in documents]})

    return await ctx.pool.run(work, request.is_disconnected)


def _json(body: dict[str, Any]) -> Response:
    """A stored ``basira.scan/1`` answer, serialised once (orjson, in the analysis thread). It is built by the
    store, so validating it again against ``AnalysisOut`` (which still documents it) would only cost time:
    on a 200,000-character post with 6,000 evidence items, ~40 ms of the event loop's."""
    return Response(json_line(body)[:-1], media_type="application/json")


def _within_budget(budget: int, texts: list[str]) -> None:
    total = sum(len(t) for t in texts)
    if total > budget:
        raise too_large(f"the request holds {total} characters of text; the limit per request is {budget}")


# ----------------------------------------------------------------------------------------- documents


@v1.get("/documents/{document_id}", tags=["results"], summary="A stored document, its text and its analyses",
        responses={**ERRORS, 404: {"description": "No such document"}})
def get_document(document_id: str, request: Request, who: Reader) -> dict[str, Any]:
    ctx = context(request)
    document = ctx.store.get_document(document_id)
    if document is None:
        raise not_found(f"no document {document_id!r}")
    if who.role == "api" and (who.user_id is None or not ctx.store.owns(who.user_id, document_id)):
        raise not_found(f"no document {document_id!r}")  # an API client reads only documents it submitted
    analyses = [ctx.workflow.visible(who, a) for a in ctx.store.analyses_for_document(document_id)]
    if analyses:
        document = analyses[0].document  # as this caller may see it
    pictures = ctx.store.document_images(document_id) if _sees_pictures(ctx.store, who, document_id) else []
    return {
        "document": document.to_dict(include_text=True),
        "images": [{"page": p.page, "media_type": p.media_type, "width": p.width, "height": p.height,
                    "source_width": p.source_width, "source_height": p.source_height,
                    "url": f"/v1/documents/{document_id}/images/{p.page}"} for p in pictures],
        "analyses": [
            {**a.to_result(), "review": ctx.workflow.state_dict(ctx.workflow.state(a.id), a.outcome,
                                                                reviewers=who.role != "api")}
            for a in analyses
        ],
    }


def _sees_pictures(store: Store, who: Principal, document_id: str) -> bool:
    """Reviewers and admins see every page picture; an API client only those of documents it submitted first
    (a picture is content, like the title and metadata that another client's first submission keeps)."""
    return who.role != "api" or (who.user_id is not None and store.first_owner(document_id) == who.user_id)


@v1.get("/documents/{document_id}/images/{page}", tags=["results"], response_class=Response,
        summary="The picture of one scanned page of a stored document (OCR'd images and PDF pages), for drawing "
        "the evidence boxes on: attrs.boxes are in source_width x source_height pixels",
        responses={**ERRORS, 200: {"content": {"image/webp": {}}},
                   404: {"description": "No such document, or no picture of that page"}})
def get_document_image(
    document_id: str, page: Annotated[int, Path(ge=1, le=100_000)], request: Request, who: Reader
) -> Response:
    store = context(request).store
    image = store.document_image(document_id, page) if _sees_pictures(store, who, document_id) else None
    response = image_response(image)
    if response is None:
        raise not_found(f"no picture of page {page} of document {document_id!r}")
    return response


@v1.get("/analyses/{analysis_id}", tags=["results"], summary="One stored analysis with its review state",
        responses={**ERRORS, 404: {"description": "No such analysis"}})
def get_analysis(analysis_id: str, request: Request, who: Reader) -> dict[str, Any]:
    wf = context(request).workflow
    analysis = wf.visible(who, wf.analysis(analysis_id))
    return {**analysis.to_result(), "review": wf.state_dict(wf.state(analysis_id), analysis.outcome,
                                                            reviewers=who.role != "api")}


@v1.get("/statements/{decision_id}", tags=["results"],
        summary="The statement of reasons (DSA fields, Arabic and English text) for a decision",
        responses={**ERRORS, 404: {"description": "No such decision, or nothing to state"}})
def statement(decision_id: str, request: Request, who: Reader) -> dict[str, Any]:
    wf = context(request).workflow
    wf.visible(who, wf.analysis(decision_id))
    return wf.statement(decision_id)


# --------------------------------------------------------------------------------------------- queue


@v1.get("/queue", tags=["review"], response_model=QueueOut, summary="Items awaiting review, most severe first",
        responses=ERRORS)
def queue(
    request: Request,
    _who: Reviewer,
    category: Annotated[str | None, Query(max_length=64)] = None,
    outcome: Literal["violating", "review", "not_violating"] | None = None,
    bank: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    queries = context(request).queries
    filters = QueueFilter(category=category, outcome=outcome, bank=bank)
    items = queries.queue(filters, limit=limit, offset=offset)
    return {"items": [i.to_dict() for i in items], "total": queries.queue_count(filters), "limit": limit,
            "offset": offset}


@v1.post("/reviews", tags=["review"], response_model=ReviewOut, status_code=201,
         summary="Confirm, overturn or escalate a decision (a reason is required)",
         responses={**ERRORS, 404: {"description": "No such analysis or bank"},
                    409: {"description": "Already decided (appeal first), or already escalated"}})
def post_review(body: ReviewIn, request: Request, who: Reviewer) -> dict[str, Any]:
    result = context(request).workflow.review(who, body.analysis_id, body.action, body.reason, body.bank)
    return result.to_dict()


@v1.get("/reviews", tags=["review"], summary="Review decisions on one analysis, oldest first", responses=ERRORS)
def list_reviews(
    request: Request, _who: Reviewer, analysis_id: Annotated[str, Query(min_length=1, max_length=64)]
) -> dict[str, Any]:
    return {"reviews": [r.to_dict() for r in context(request).store.reviews(analysis_id=analysis_id, limit=10_000)]}


@v1.post("/appeals", tags=["review"], response_model=AppealOut, status_code=201,
         summary="File an affected user's appeal; it returns to review by a different reviewer",
         responses={**ERRORS, 404: {"description": "No such analysis"},
                    409: {"description": "An appeal is already open"}})
def post_appeal(body: AppealIn, request: Request, who: Integration) -> dict[str, Any]:
    wf = context(request).workflow
    appeal = wf.file_appeal(who, body.analysis_id, body.reason)
    state = wf.state(body.analysis_id)
    return {"appeal": appeal.to_dict(), "routed_to": "review", "different_reviewer_required": state.decided_by
            is not None}


@v1.get("/appeals", tags=["review"], summary="Appeals, oldest first", responses=ERRORS)
def list_appeals(
    request: Request,
    who: Reader,
    status: Literal["open", "upheld", "rejected"] | None = None,
    analysis_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    own = who.role == "api"  # an API client lists the appeals it filed on documents it submitted
    appeals = [a.to_dict() for a in context(request).store.appeals(
        status=status, analysis_id=analysis_id, limit=limit, offset=offset,
        owner_id=(who.user_id or "-") if own else None, appellant=who.username if own else None)]
    if who.role == "api":  # integrations learn the outcome of an appeal, not which reviewer decided it
        for appeal in appeals:
            appeal.pop("resolved_by", None)
    return {"appeals": appeals}


# --------------------------------------------------------------------------------------------- banks


@v1.get("/banks", tags=["banks"], summary="Banks of known content", responses=ERRORS)
def list_banks(request: Request, _who: Reviewer) -> dict[str, Any]:
    return {"banks": [b.to_dict() for b in context(request).store.list_banks()]}


@v1.post("/banks", tags=["banks"], status_code=201, summary="Create a bank",
         responses={**ERRORS, 409: {"description": "A bank with this name exists"}})
def create_bank(body: BankIn, request: Request, who: Admin) -> dict[str, Any]:
    try:
        bank = context(request).store.create_bank(body.name, body.description, actor=who.username)
    except Conflict as exc:
        raise conflict(str(exc)) from None
    except ValueError as exc:
        raise invalid(str(exc)) from None
    return bank.to_dict()


@v1.get("/banks/{name}", tags=["banks"], summary="One bank", responses={**ERRORS, 404: {"description": "No bank"}})
def get_bank(name: str, request: Request, _who: Reviewer) -> dict[str, Any]:
    bank = context(request).store.get_bank(name)
    if bank is None:
        raise not_found(f"no bank named {name!r}")
    return bank.to_dict()


@v1.patch("/banks/{name}", tags=["banks"], summary="Enable or disable a bank",
          responses={**ERRORS, 404: {"description": "No bank"}})
def patch_bank(name: str, body: BankPatch, request: Request, who: Admin) -> dict[str, Any]:
    try:
        return context(request).store.set_bank_enabled(name, body.enabled, actor=who.username).to_dict()
    except NotFound as exc:
        raise not_found(str(exc)) from None


@v1.get("/banks/{name}/entries", tags=["banks"], summary="A bank's entries: signals and labels, never text",
        responses={**ERRORS, 404: {"description": "No bank"}})
def bank_entries(
    name: str,
    request: Request,
    _who: Admin,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    store = context(request).store
    if store.get_bank(name) is None:
        raise not_found(f"no bank named {name!r}")
    entries = []
    for i, entry in enumerate(store.iter_bank_entries(name)):
        if i >= offset + limit:
            break
        if i >= offset:
            entries.append(entry.to_dict())
    return {"bank": name, "entries": entries, "limit": limit, "offset": offset}


@v1.post("/banks/{name}/entries", tags=["banks"], status_code=201,
         summary="Sign texts into a bank (only their signals and labels are kept)",
         responses={**ERRORS, 404: {"description": "No bank"}, 413: {"description": "Too many entries"}})
def add_bank_entries(name: str, body: BankEntriesIn, request: Request, who: Admin) -> dict[str, Any]:
    ctx = context(request)
    if len(body.entries) > ctx.settings.max_batch:
        raise too_large(f"{len(body.entries)} entries; at most {ctx.settings.max_batch} per request")
    entries = []
    unsigned = 0
    for item in body.entries:
        signals = compute_signals(item.text)
        if not signals:
            unsigned += 1
            continue
        labels = EntryLabels(category=item.category, entity=item.entity, source=item.source, added_by=who.username)
        entries.append(NewEntry(signals, labels))
    try:
        result = ctx.store.add_bank_entries(name, entries, actor=who.username)
    except NotFound as exc:
        raise not_found(str(exc)) from None
    return {"bank": name, "added": result.added, "skipped": result.skipped, "unsigned": unsigned}


# -------------------------------------------------------------------------------------- policy, audit


@v1.get("/policy", tags=["policy"], summary="The active policy and jurisdiction", responses=ERRORS)
def get_policy(request: Request, _who: Reader) -> dict[str, Any]:
    return context(request).workflow.policy_dict()


@v1.put("/policy", tags=["policy"], summary="Switch the active policy (bundled policies only; audited)",
        responses={**ERRORS, 404: {"description": "No such policy"}})
def put_policy(body: PolicyIn, request: Request, who: Admin) -> dict[str, Any]:
    return context(request).workflow.set_policy(who.username, body.policy, body.jurisdiction)


@v1.get("/audit", tags=["audit"], summary="The append-only audit log, newest first (read only)", responses=ERRORS)
def audit(
    request: Request,
    _who: Admin,
    object_type: Annotated[str | None, Query(max_length=64)] = None,
    object_id: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    entries = context(request).store.audit_log(
        object_type=object_type, object_id=object_id, action=action, limit=limit, offset=offset
    )
    return {"entries": [e.to_dict() for e in entries]}


@v1.get("/export/gold", tags=["export"], summary="Reviewed items as gold JSON Lines (admin only)",
        responses={**ERRORS, 200: {"content": {"application/x-ndjson": {}}, "description": "JSON Lines"}})
def export_gold(request: Request, who: Admin) -> StreamingResponse:
    ctx = context(request)
    ctx.store.audit(who.username, "export.gold", "export", "gold", after={"format": "jsonl"})

    def lines() -> Iterator[bytes]:  # streamed from the database, one record at a time
        for record in ctx.workflow.gold():
            yield (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="basira-gold.jsonl"'})


router.include_router(v1)
