"""The normaliser's compiled module (``_compiled.pyx``, built by ``make install`` when a C compiler is there; see
setup.py), or None where it is not built: its users (the steps, the offset maps, the language guess of
``basira.ingest.documents``) keep Python or regex code that gives the same results, and tests compare the two."""

from __future__ import annotations

from types import ModuleType

compiled: ModuleType | None
try:
    import basira.normalize._compiled as compiled
except ImportError:  # pragma: no cover - depends on the install
    compiled = None
