"""Server-side web sessions (revocable) and document ownership per API client.

``web_sessions``: one row per signed-in browser session, keyed by the SHA-256 of the session id the cookie
holds; deleted at logout, and when its user is disabled, changes role or is deleted (cascade).
``document_owners``: which API clients (users) submitted a document; an ``api`` user reads and appeals
only its own. Existing documents get the users whose ``analysis.create`` audit entries name them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(length=32)
TIME = sa.DateTime(timezone=True)

BACKFILL = """
INSERT INTO document_owners (document_id, user_id, created_at)
SELECT a.document_id, u.id, MIN(l.at)
FROM audit_log l
JOIN analyses a ON a.id = l.object_id
JOIN users u ON u.username = l.actor
WHERE l.action = 'analysis.create' AND l.object_type = 'analysis' AND u.role = 'api'
GROUP BY a.document_id, u.id
"""


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.create_table(
        "document_owners",
        sa.Column("document_id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_owners_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_document_owners_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", "user_id", name=op.f("pk_document_owners")),
    )
    op.create_index(op.f("ix_document_owners_user_id"), "document_owners", ["user_id"])
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("document_owners")
    op.drop_table("web_sessions")
