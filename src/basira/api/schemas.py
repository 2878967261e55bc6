"""Request and response models of the REST API (pydantic at the edge; frozen dataclasses inside)."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from basira.api.errors import invalid, validation_message

_FORBIDDEN_CHARS = re.compile("[\x00\ud800-\udfff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _clean(value: str) -> str:
    """No NUL and no unpaired surrogates: neither can be stored (PostgreSQL refuses NUL) nor shown."""
    if _FORBIDDEN_CHARS.search(value):
        raise ValueError("text must not contain NUL characters or unpaired surrogates")
    return value


def _clean_json(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        raise ValueError("metadata is nested too deeply (at most 20 levels)")
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, float) and not math.isfinite(value):  # Python's json reads them; PostgreSQL refuses them
        raise ValueError("metadata must not contain NaN or Infinity (they are not JSON numbers)")
    if isinstance(value, dict):
        return {_clean(str(k)): _clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json(v, depth + 1) for v in value]
    return value


CleanStr = Annotated[str, AfterValidator(_clean)]
Reason = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_clean)]
Id = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_clean)]
BankName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=Model)


def validated(model: type[M], **fields: Any) -> M:
    """``model`` built from web form fields under the API's own rules (one validation for both): a refusal
    is the same 422 ``ApiError`` the API answers, naming the field."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise invalid(validation_message([dict(e) for e in exc.errors()])) from None


class DocumentIn(Model):
    """One document to analyse. ``format: html`` extracts the text from markup first."""

    text: Annotated[CleanStr, Field(min_length=1, description="The document's text (or HTML with format=html).")]
    id: Annotated[CleanStr, Field(max_length=500)] | None = Field(None, description="Your id for it (echoed back).")
    source: Annotated[CleanStr, Field(max_length=1000)] | None = Field(None, description="Where it came from.")
    format: Literal["text", "html"] = "text"
    lang: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None = Field(None, description="ISO 639-1; guessed if absent.")
    title: Annotated[CleanStr, Field(max_length=1000)] | None = None
    metadata: dict[str, Any] = Field(default_factory=dict, description="Kept with the document; 'date' is "
                                     "YYYY-MM-DD (the content date of the statement of reasons).")

    @field_validator("metadata")
    @classmethod
    def _metadata(cls, value: dict[str, Any]) -> dict[str, Any]:
        cleaned: dict[str, Any] = _clean_json(value)
        if "date" in cleaned and not _DATE.fullmatch(str(cleaned["date"])[:10]):
            raise ValueError("metadata.date must start with a date YYYY-MM-DD")
        return cleaned


class BatchIn(Model):
    documents: list[DocumentIn] = Field(min_length=1, description="At most the server's batch limit (413 past it).")


class AnalysisOut(BaseModel):
    """A stored ``basira.scan/1`` result (docs/output.md) with the store's ``analysis_id``."""

    model_config = ConfigDict(extra="allow")
    schema_: str = Field(alias="schema")
    document: dict[str, Any]
    outcome: str
    analysis_id: str | None = None
    categories: list[dict[str, Any]] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    matches: list[dict[str, Any]] = Field(default_factory=list)
    statement_of_reasons: dict[str, Any] | None = None
    errors: list[Any] = Field(default_factory=list)


class BatchOut(BaseModel):
    results: list[AnalysisOut]


class ReviewIn(Model):
    analysis_id: Id
    action: Literal["confirm", "overturn", "escalate"]
    reason: Reason
    bank: BankName | None = Field(None, description="With 'confirm' of a violating item: add it to this bank.")


class ReviewOut(BaseModel):
    review: dict[str, Any]
    appeal: dict[str, Any] | None
    bank_entry: dict[str, Any] | None
    label: str | None


class AppealIn(Model):
    """An affected user's appeal, forwarded by the platform. No personal data: the platform keeps the link
    between the appeal id and its user."""

    analysis_id: Id
    reason: Reason


class AppealOut(BaseModel):
    appeal: dict[str, Any]
    routed_to: str
    different_reviewer_required: bool


class QueueOut(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class BankIn(Model):
    name: BankName
    description: Annotated[CleanStr, Field(max_length=2000)] = ""


class BankPatch(Model):
    enabled: bool


class BankEntryIn(Model):
    text: Annotated[CleanStr, Field(min_length=1)]
    category: Annotated[CleanStr, Field(max_length=64)] | None = None
    entity: Annotated[CleanStr, Field(max_length=200)] | None = None
    source: Annotated[CleanStr, Field(max_length=1000)] | None = None


class BankEntriesIn(Model):
    """Texts to sign into a bank: only their signals and labels are kept, never the text."""

    entries: list[BankEntryIn] = Field(min_length=1)


class PolicyIn(Model):
    policy: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    jurisdiction: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")] | None = None
