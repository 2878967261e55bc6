"""``python -m basira.scale PATHS... -o OUT_DIR``: see ``basira.scale.cli``."""

from basira.scale.cli import app

if __name__ == "__main__":
    app(prog_name="python -m basira.scale")
