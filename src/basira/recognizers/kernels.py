"""The recognisers' compiled module (``_compiled.pyx``, built by ``make install`` when a C compiler is there;
see setup.py), or None where it is not built: every user of it keeps a Python reference path that gives the
same results, and tests compare the two."""

from __future__ import annotations

from types import ModuleType

compiled: ModuleType | None
try:
    import basira.recognizers._compiled as compiled
except ImportError:  # pragma: no cover - depends on the install
    compiled = None
