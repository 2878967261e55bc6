"""Find and validate policy files: bundled ones by id, or any YAML file by path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from basira.policy.model import Policy

POLICY_DIR = Path(__file__).parent / "policies"
DEFAULT_POLICY = "tco"


def bundled_policies() -> dict[str, Path]:
    return {p.stem: p for p in sorted(POLICY_DIR.glob("*.yaml"))}


def _merge(base: Any, override: Any) -> Any:
    """Mappings merge key by key; anything else (lists included) is replaced by the override."""
    if isinstance(base, dict) and isinstance(override, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in override.items()}}
    return override


def _read_with_base(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path in seen:
        raise ValueError(f"E203: policy {path} extends itself through {[str(p) for p in seen]}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"E202: policy file {path} is not a mapping")
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    base_path = bundled_policies().get(base_name) or (path.parent / base_name)
    if not base_path.is_file():
        raise ValueError(f"E204: policy {path} extends {base_name!r}, which is not found")
    merged: dict[str, Any] = _merge(_read_with_base(base_path, (*seen, path)), data)
    return merged


@lru_cache(maxsize=16)
def load_policy(name_or_path: str | None = None) -> Policy:
    """Load a bundled policy by id (``tco``) or a policy file by path; errors name the file."""
    name = name_or_path or DEFAULT_POLICY
    path = bundled_policies().get(name) or Path(name)
    if not path.is_file():
        known = ", ".join(bundled_policies())
        raise KeyError(f"E200: no policy {name!r}: not a bundled policy ({known}) nor a file")
    try:
        return Policy.model_validate(_read_with_base(path, seen=()))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"E202: policy file {path} is invalid: {exc}") from exc
