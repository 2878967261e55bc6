"""Signal-type registry. A signal type registers itself with ``@register``; modules in this package are
discovered, so adding one is adding one file (plus its example cases, from which tests are generated)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any

from basira.match.signals.base import SignalType

_REGISTRY: dict[str, type[SignalType]] = {}
_NOT_SIGNAL_TYPES = {"base", "registry"}


def register(cls: type[SignalType]) -> type[SignalType]:
    name = cls.__dict__.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"E300: signal type {cls} must set an explicit `name` class attribute")
    existing = _REGISTRY.get(name)
    if existing is not None and existing is not cls:
        raise ValueError(f"E300: signal type name {name!r} registered twice ({existing} and {cls})")
    _REGISTRY[name] = cls
    return cls


@lru_cache(maxsize=1)
def _discover() -> None:
    import basira.match.signals as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_SIGNAL_TYPES and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")


def signal_types() -> dict[str, type[SignalType]]:
    """All signal-type classes by name."""
    _discover()
    return dict(sorted(_REGISTRY.items()))


def get_signal_type(name: str, **options: Any) -> SignalType:
    """An instance of the named signal type (``options`` e.g. ``threshold=0.7`` for minhash)."""
    classes = signal_types()
    try:
        cls = classes[name]
    except KeyError:
        raise KeyError(f"E302: no signal type named {name!r}; known: {', '.join(classes)}") from None
    return cls(**options)
