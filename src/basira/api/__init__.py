"""basira's REST API and the review web UI (FastAPI).

Public API::

    from basira.api import Settings, create_app
    app = create_app(Settings(db_url="sqlite:///basira.db", policy="tco"))

``basira serve`` runs it with uvicorn. See docs/review.md.
"""

from basira.api.app import create_app
from basira.api.passwords import hash_password, verify_password
from basira.api.settings import Settings

__all__ = ["Settings", "create_app", "hash_password", "verify_password"]
