"""Layering: no library module imports the command line (``basira.cli``); the CLI imports the library.

Every import in every module under src/basira is read with ``ast`` (imports inside functions included, as
the Dask worker's import of the scan command once was), relative imports resolved.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "basira"
ENTRY_POINTS = {"__main__.py"}  # ``python -m basira`` is the command line's own entry point


def imported_modules(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, module) for every import in ``path`` (a module of the package at ``root``), and for every
    ``from X import name`` also ``X.name`` (which may be a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join((root.name, *path.relative_to(root).parts[:-1]))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def imports_cli(module: str) -> bool:
    return module == "basira.cli" or module.startswith("basira.cli.")


def library_modules(root: Path = PACKAGE) -> list[Path]:
    return [p for p in sorted(root.rglob("*.py"))
            if p.relative_to(root).parts[0] != "cli" and str(p.relative_to(root)) not in ENTRY_POINTS]


def test_no_library_module_imports_the_cli() -> None:
    library = library_modules()
    assert len(library) > 50 and PACKAGE / "scale" / "worker.py" in library  # the walk found the package
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
                 for path in library for line, module in imported_modules(path) if imports_cli(module)]
    assert offenders == []


def test_the_walk_finds_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    root = tmp_path / "basira"
    (root / "scale").mkdir(parents=True)
    (root / "cli").mkdir()
    (root / "scale" / "worker.py").write_text(
        "def get():\n    from basira.cli.commands.scan import build_analyzer\n    return build_analyzer\n",
        encoding="utf-8")
    (root / "scale" / "rel.py").write_text("from .. import cli\nfrom ..cli import app\n", encoding="utf-8")
    (root / "scale" / "fine.py").write_text("from ..scan import Scanner\nimport basira.pipeline\n", encoding="utf-8")
    (root / "cli" / "scan.py").write_text("from basira.cli.common import x\n", encoding="utf-8")
    flagged = {p.name: [m for _, m in imported_modules(p, root) if imports_cli(m)] for p in library_modules(root)}
    assert flagged == {"worker.py": ["basira.cli.commands.scan", "basira.cli.commands.scan.build_analyzer"],
                       "rel.py": ["basira.cli", "basira.cli", "basira.cli.app"], "fine.py": []}
