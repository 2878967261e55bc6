"""One module per input format; each registers a ``Format`` subclass with ``@register``."""
