"""Input-format registry. A format registers itself with ``@register``; every module in
``basira.ingest.formats`` is imported on first use, so adding a format is adding one file there."""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import ClassVar

from basira.ingest.errors import U_FORMAT
from basira.ingest.options import IngestOptions
from basira.ingest.source import Source
from basira.types import Document, InputError

FALLBACK_FORMAT = "text"


class Format:
    """Base class. Subclasses set ``name`` and ``extensions`` (lower case, with the dot; compound ones
    such as ``.jsonl.gz`` allowed) and implement ``read``.

    ``read`` yields documents and ``InputError``s for one source and never raises for bad content; an
    exception that escapes is reported by ``iter_inputs`` as an error of that source. ``streaming``
    formats read their input once, front to back, so stdin is handed to them without spooling.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    # Whole file names (shell patterns, lower case) the format claims whatever their extension says:
    # Telegram's ``result.json`` and ``messages2.html``. They win over every extension.
    filenames: ClassVar[tuple[str, ...]] = ()
    streaming: ClassVar[bool] = False

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        raise NotImplementedError


_REGISTRY: dict[str, type[Format]] = {}


def register(cls: type[Format]) -> type[Format]:
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"input format name {cls.name!r} registered twice ({existing} and {cls})")
    _REGISTRY[cls.name] = cls
    return cls


@lru_cache(maxsize=1)
def _discover() -> None:
    import basira.ingest.formats as package

    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")


def registered() -> dict[str, type[Format]]:
    """All format classes by name."""
    _discover()
    return dict(sorted(_REGISTRY.items()))


@cache
def get_format(name: str) -> Format:
    """The format called ``name``; ``ValueError`` (a usage error) when there is none."""
    formats = registered()
    if name not in formats:
        raise ValueError(U_FORMAT.format(name=name, known=", ".join(formats)))
    return formats[name]()


def format_for_filename(filename: str) -> Format | None:
    """The format claiming ``filename`` by its whole name, else the one whose longest extension ends it
    (case-insensitive), or ``None``."""
    lowered = filename.lower()
    best: tuple[int, str] | None = None
    for name, cls in registered().items():
        if any(fnmatch.fnmatchcase(lowered, pattern) for pattern in cls.filenames):
            return get_format(name)
    for name, cls in registered().items():
        for extension in cls.extensions:
            fits = lowered.endswith(extension) and len(lowered) > len(extension)
            if fits and (best is None or len(extension) > best[0]):
                best = (len(extension), name)
    return None if best is None else get_format(best[1])
