"""Recogniser registry. A recogniser registers itself with ``@register``; modules in this package are
discovered automatically, so adding one is adding one file (plus its data)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import lru_cache

from basira.recognizers.base import Recognizer

_REGISTRY: dict[str, type[Recognizer]] = {}
_NOT_RECOGNIZERS = {"base", "registry", "lexicon", "lexicon_recognizer", "data"}


def register(cls: type[Recognizer]) -> type[Recognizer]:
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"E101: recogniser name {cls.name!r} registered twice ({existing} and {cls})")
    _REGISTRY[cls.name] = cls
    return cls


@lru_cache(maxsize=1)
def _discover() -> None:
    import basira.recognizers as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_RECOGNIZERS and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")


def registered() -> dict[str, type[Recognizer]]:
    """All recogniser classes by name."""
    _discover()
    return dict(sorted(_REGISTRY.items()))


def build_recognizers(
    names: list[str] | None = None, factory: Callable[[type[Recognizer]], Recognizer] | None = None
) -> list[Recognizer]:
    """Instantiate the named recognisers (all when ``names`` is None)."""
    classes = registered()
    if names is not None:
        unknown = sorted(set(names) - set(classes))
        if unknown:
            raise KeyError(f"E102: no recogniser named {', '.join(unknown)}; known: {', '.join(classes)}")
        classes = {n: classes[n] for n in names}
    make = factory or (lambda cls: cls())
    return [make(cls) for cls in classes.values()]
