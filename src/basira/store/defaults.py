"""Store defaults, importable without loading SQLAlchemy (the CLI reads them at start-up)."""

DEFAULT_URL = "sqlite:///basira.db"
RETENTIONS = ("full", "hashes")
