"""Store errors, drawn once::

    StoreError
     ├── NotFound   (also a LookupError): the analysis, bank, user, token or appeal does not exist
     └── Conflict   (also a ValueError): it exists already, or the state forbids the change

Malformed arguments (an unknown review action, a bad signal) raise plain ``ValueError``.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the store's own errors."""


class NotFound(StoreError, LookupError):
    pass


class Conflict(StoreError, ValueError):
    pass
