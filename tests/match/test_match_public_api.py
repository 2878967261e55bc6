"""The public names of basira.match and basira.store: complete, and every one resolves."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["basira.match", "basira.store"])
def test_every_exported_name_resolves(package):
    module = importlib.import_module(package)
    assert module.__all__ == sorted(module.__all__, key=lambda n: (not n.isupper(), n))
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_lazy_exports_match_all():
    import basira.match
    import basira.store

    assert set(basira.match._LAZY) == set(basira.match.__all__)
    assert set(basira.store._LAZY) | {"DEFAULT_URL", "RETENTIONS", "Conflict", "NotFound", "StoreError"} == set(
        basira.store.__all__
    )
