"""JSON Schemas of basira's output contracts, shipped inside the package (``docs/output.md`` explains them).

    from basira.schemas import scan_schema
    jsonschema.Draft202012Validator(scan_schema()).validate(record)
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCAN_SCHEMA_FILE = "scan-1.json"  # basira.scan/1


@cache
def _scan_schema_text() -> str:
    return files(__name__).joinpath(SCAN_SCHEMA_FILE).read_text(encoding="utf-8")


def scan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one ``basira.scan/1`` line; a fresh copy on every call."""
    schema: dict[str, Any] = json.loads(_scan_schema_text())
    return schema
