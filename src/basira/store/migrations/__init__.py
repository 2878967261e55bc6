"""Alembic migrations for the basira store (run by ``Store.open`` and ``basira db upgrade``)."""
