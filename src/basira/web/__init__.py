"""The review web UI (server-rendered Jinja2 + htmx; all assets vendored under ``static/``).

Mounted by ``basira.api.create_app``; see ``basira.web.routes`` and docs/review.md.
"""
