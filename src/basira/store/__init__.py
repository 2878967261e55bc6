"""Storage: results, banks, users, reviews, appeals and an append-only audit log (SQLite or PostgreSQL).

Public API::

    from basira.store import Store
    store = Store.open("sqlite:///basira.db", retention="full")   # or "hashes"; postgresql+psycopg://…

See ``basira.store.store`` for the methods and ``basira.store.errors`` for the error hierarchy. Names are
loaded on first use, so importing this package does not load SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from basira._lazy import lazy_getattr
from basira.store.defaults import DEFAULT_URL, RETENTIONS
from basira.store.errors import Conflict, NotFound, StoreError

if TYPE_CHECKING:
    from basira.match.banks import AddResult, Bank, BankEntry, EntryLabels, NewEntry
    from basira.store.records import (
        ApiToken,
        Appeal,
        AuditEntry,
        Review,
        StoredAnalysis,
        StoredDocument,
        StoredImage,
        User,
    )
    from basira.store.store import Store, make_engine, versions_hash

_LAZY = {
    "AddResult": "basira.match.banks",
    "Bank": "basira.match.banks",
    "BankEntry": "basira.match.banks",
    "EntryLabels": "basira.match.banks",
    "NewEntry": "basira.match.banks",
    "ApiToken": "basira.store.records",
    "Appeal": "basira.store.records",
    "AuditEntry": "basira.store.records",
    "Review": "basira.store.records",
    "StoredAnalysis": "basira.store.records",
    "StoredDocument": "basira.store.records",
    "StoredImage": "basira.store.records",
    "User": "basira.store.records",
    "Store": "basira.store.store",
    "make_engine": "basira.store.store",
    "versions_hash": "basira.store.store",
}

__all__ = [
    "DEFAULT_URL",
    "RETENTIONS",
    "AddResult",
    "ApiToken",
    "Appeal",
    "AuditEntry",
    "Bank",
    "BankEntry",
    "Conflict",
    "EntryLabels",
    "NewEntry",
    "NotFound",
    "Review",
    "Store",
    "StoreError",
    "StoredAnalysis",
    "StoredDocument",
    "StoredImage",
    "User",
    "make_engine",
    "versions_hash",
]


__getattr__ = lazy_getattr(__name__, _LAZY, globals())
