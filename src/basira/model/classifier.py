"""The trained classifier: one linear head per script, a safe file format, and per-text scores.

File format ``basira.model/2``: a NumPy ``.npz`` archive read with ``allow_pickle=False`` (loading never runs
code). It holds, per head and feature space, the kept feature indices with their IDF, coefficient and presence
weight (``/1`` files, which had no presence weights, still load), and a
``meta`` entry: UTF-8 JSON with the feature spec, each head's intercept, Platt parameters, thresholds and
cross-validated figures, and the training record (SHA-256 of the data, seed, settings, library versions).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from basira.model.features import DocFeatures, FeatureIndex, FeatureSpec, Featurizer, Indexed, _compiled
from basira.model.linear import SPACES, LinearHead, SpaceWeights, TokenWeight

FORMAT = "basira.model/2"
READABLE_FORMATS = ("basira.model/1", FORMAT)  # /1 had no presence arrays: read as zeros
LINKS_AND_HANDLES = re.compile(r"https?://\S+|www\.\S+|@\w+")


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True)
class Score:
    """A text's calibrated probability of being terrorist content, by the head that read it."""

    head: str
    logit: float
    probability: float


def script_of(text: str, sample: int = 4000) -> str:
    """``arabic`` when Arabic letters are at least as many as Latin ones in the text's first ``sample``
    characters, else ``latin``. Arabizi (Arabic in Latin letters) reads as latin."""
    head = text[:sample]
    if "http" in head or "www." in head or "@" in head:
        head = LINKS_AND_HANDLES.sub(" ", head)  # links and @handles are Latin in every language
    arabic, latin = _compiled.script_counts(head) if _compiled is not None else reference_script_counts(head)
    return "arabic" if arabic >= latin else "latin"


def reference_script_counts(text: str) -> tuple[int, int]:
    """Arabic letters (U+0620-064A, 0671-06D3, 06FA-06FF) and Latin ones (A-Z, a-z, U+00C0-024F) in ``text``:
    the numpy twin of the compiled ``script_counts``."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    arabic = np.count_nonzero(((codes >= 0x620) & (codes <= 0x64A)) | ((codes >= 0x671) & (codes <= 0x6D3))
                              | ((codes >= 0x6FA) & (codes <= 0x6FF)))
    latin = np.count_nonzero(((codes | 0x20) >= 0x61) & ((codes | 0x20) <= 0x7A) | ((codes >= 0xC0) & (codes <= 0x24F)))
    return int(arabic), int(latin)


@dataclass(frozen=True)
class Classifier:
    """Heads keyed by script (``arabic``, ``latin``); ``meta`` is the JSON record stored with them."""

    spec: FeatureSpec
    heads: Mapping[str, LinearHead]
    meta: Mapping[str, Any]
    featurizer: Featurizer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "featurizer", Featurizer(self.spec))

    @property
    def key(self) -> str:
        return f"{self.meta.get('id', 'model')}@{self.meta.get('version', '0')}"

    def head_for(self, text: str) -> str:
        script = script_of(text)
        if script in self.heads:
            return script
        return next(iter(self.heads))

    def features(self, text: str) -> DocFeatures:
        return self.featurizer.features(text)

    def indices(self, text: str) -> FeatureIndex:
        return self.featurizer.indices(text)

    def score(self, text: str, doc: Indexed | None = None) -> Score:
        name = self.head_for(text)
        head = self.heads[name]
        logit = head.logit(doc if doc is not None else self.indices(text))
        return Score(name, logit, head.probability(logit))

    def explain(self, text: str, doc: DocFeatures | None = None) -> list[TokenWeight]:
        head = self.heads[self.head_for(text)]
        return head.explain(doc if doc is not None else self.features(text))

    def threshold(self, head: str, name: str = "review") -> float | None:
        value = self.meta.get("heads", {}).get(head, {}).get("thresholds", {}).get(name)
        return float(value) if value is not None else None

    # -- persistence ---------------------------------------------------------------------------------
    def arrays(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for name, head in sorted(self.heads.items()):
            for space in SPACES:
                weights: SpaceWeights = getattr(head, space)
                kept = np.flatnonzero(weights.idf > 0).astype(np.int32)
                out[f"{name}.{space}.index"] = kept
                out[f"{name}.{space}.idf"] = weights.idf[kept].astype(np.float32)
                out[f"{name}.{space}.coef"] = weights.coef[kept].astype(np.float32)
                out[f"{name}.{space}.presence"] = weights.presence[kept].astype(np.float32)
        return out

    def full_meta(self) -> dict[str, Any]:
        meta = dict(self.meta)
        meta["format"] = FORMAT
        meta["features"] = self.spec.to_dict()
        heads = {name: dict(meta.get("heads", {}).get(name, {})) for name in self.heads}
        for name, head in self.heads.items():
            heads[name].update(intercept=head.intercept, platt_a=head.platt_a, platt_b=head.platt_b)
        meta["heads"] = heads
        return meta

    def digest(self) -> str:
        """SHA-256 over the arrays and the metadata: equal for equal models, whatever the zip timestamps."""
        h = hashlib.sha256()
        for name, array in sorted(self.arrays().items()):
            h.update(name.encode())
            h.update(np.ascontiguousarray(array).tobytes())
        h.update(json.dumps(self.full_meta(), sort_keys=True).encode())
        return h.hexdigest()

    def save(self, path: Path) -> None:
        """Write atomically, so an interrupted save never leaves a truncated model behind."""
        buffer = io.BytesIO()
        meta = json.dumps(self.full_meta(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        arrays: dict[str, Any] = {"meta": np.frombuffer(meta, dtype=np.uint8), **self.arrays()}
        np.savez_compressed(buffer, **arrays)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(path)


def _dense(size: int, index: np.ndarray, values: np.ndarray, where: str) -> np.ndarray:
    if index.size and (index.min() < 0 or index.max() >= size):
        raise ModelError(f"{where}: feature index out of range")
    dense = np.zeros(size, dtype=np.float32)
    dense[index] = values
    return dense


def load_classifier(path: str | Path) -> Classifier:
    """Read a ``basira.model/1`` or ``/2`` file. Never unpickles; refuses other formats and inconsistent arrays."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ModelError(f"E401: {path}: not a readable model file ({exc})") from None
    if "meta" not in arrays:
        raise ModelError(f"E401: {path}: no 'meta' entry: not a basira model")
    try:
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"E401: {path}: unreadable metadata ({exc})") from None
    if meta.get("format") not in READABLE_FORMATS:
        raise ModelError(f"E402: {path}: format {meta.get('format')!r}; this basira reads "
                         f"{', '.join(map(repr, READABLE_FORMATS))}")
    spec = FeatureSpec.from_dict(meta["features"])
    heads: dict[str, LinearHead] = {}
    for name, info in meta.get("heads", {}).items():
        spaces = {}
        for space in SPACES:
            prefix = f"{name}.{space}"
            parts = ("index", "idf", "coef") + (() if meta["format"] == "basira.model/1" else ("presence",))
            try:
                index, idf, coef, *rest = (arrays[f"{prefix}.{part}"] for part in parts)
            except KeyError as exc:
                raise ModelError(f"E403: {path}: missing array {exc}") from None
            presence = rest[0] if rest else np.zeros_like(coef)
            if not index.shape == idf.shape == coef.shape == presence.shape:
                raise ModelError(f"E403: {path}: arrays of {prefix} differ in length")
            where = f"{path} {prefix}"
            spaces[space] = SpaceWeights(*(_dense(spec.size, index, values, where) for values in (idf, coef, presence)))
        heads[name] = LinearHead(spaces["char"], spaces["word"], float(info["intercept"]), float(info["platt_a"]),
                                 float(info["platt_b"]))
    if not heads:
        raise ModelError(f"E403: {path}: the model has no heads")
    return Classifier(spec, heads, meta)
