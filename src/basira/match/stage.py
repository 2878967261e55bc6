"""``MatchStage``: known-content matching as a pipeline stage.

Built once: for every named bank and signal type, an index of the bank's signals is built in memory
(exact types: a dict; ``minhash``: LSH over a sorted array). Per document the text is normalised once,
each signal type computes its signal once, and each bank index is queried; hits become ``MatchHit``s
with the entry's labels. A document matching one entry through several signals is reported once, with
the strongest signal (an exact hit wins a tie).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from basira.match.banks import Bank, BankSource
from basira.match.signals import SignalIndex, SignalType, get_signal_type, signal_types
from basira.normalize import normalize_plain
from basira.types import Analysis, MatchHit

_CHUNK = 50_000


@dataclass(frozen=True, slots=True)
class _BankIndex:
    bank: Bank
    keys: list[str]
    # signal type → (index over that type's signals, entry position of each indexed signal)
    by_type: dict[str, tuple[SignalIndex, list[int]]]


class MatchStage:
    """Adds ``MatchHit``s from the named banks (disabled banks are skipped, and say so in ``versions``)."""

    name = "match"

    def __init__(
        self,
        store_or_banks: BankSource,
        banks: Sequence[str] = (),
        *,
        minhash_threshold: float = 0.5,
        signal_types_used: Sequence[str] | None = None,
        max_hits: int = 20,
    ):
        """``banks`` empty means every enabled bank in the source."""
        self.source = store_or_banks
        self.max_hits = max_hits
        names = list(signal_types_used) if signal_types_used is not None else list(signal_types())
        options: dict[str, dict[str, Any]] = {"minhash": {"threshold": minhash_threshold}}
        # Exact types first, so that an exact hit is the one kept when similarities tie.
        self.types: list[SignalType] = sorted(
            (get_signal_type(n, **options.get(n, {})) for n in names), key=lambda t: -t.threshold
        )
        wanted = list(banks) or [b.name for b in store_or_banks.list_banks() if b.enabled]
        self.skipped: list[Bank] = []
        self.indexes: list[_BankIndex] = []
        for name in wanted:
            bank = store_or_banks.get_bank(name)
            if bank is None:
                known = ", ".join(b.name for b in store_or_banks.list_banks()) or "none"
                raise KeyError(f"E320: no bank named {name!r}; known: {known}")
            if not bank.enabled:
                self.skipped.append(bank)
                continue
            self.indexes.append(self._build(bank))
        self._labels: dict[tuple[str, str], dict[str, Any]] = {}

    def _build(self, bank: Bank) -> _BankIndex:
        keys: list[str] = []
        chunks: dict[str, list[list[str]]] = {t.name: [[]] for t in self.types}
        positions: dict[str, list[int]] = {t.name: [] for t in self.types}
        for entry in self.source.iter_bank_entries(bank.name):
            position = len(keys)
            keys.append(entry.key)
            for t in self.types:
                value = entry.signals.get(t.name)
                if value is not None:
                    chunk = chunks[t.name][-1]
                    chunk.append(value)
                    positions[t.name].append(position)
                    if len(chunk) >= _CHUNK:
                        chunks[t.name].append([])
        by_type = {
            t.name: (t.build_index_from_chunks(chunks[t.name]), positions[t.name])
            for t in self.types
            if positions[t.name]
        }
        return _BankIndex(bank, keys, by_type)

    def versions(self) -> dict[str, str]:
        banks = [f"{i.bank.name}@{i.bank.version}" for i in self.indexes]
        banks += [f"{b.name}@disabled" for b in self.skipped]
        types = [t.key + (f"/{t.threshold:g}" if t.threshold < 1.0 else "") for t in self.types]
        return {"match.signals": ",".join(types), "match.banks": ",".join(sorted(banks))}

    def _labels_of(self, bank: str, key: str) -> dict[str, Any]:
        cached = self._labels.get((bank, key))
        if cached is None:
            entry = self.source.get_bank_entry(bank, key)
            cached = entry.labels.to_dict() if entry else {}
            if len(self._labels) > 10_000:
                self._labels.clear()
            self._labels[(bank, key)] = cached
        return cached

    def match_text(self, text: str) -> list[MatchHit]:
        """The hits for one text, strongest first (at most ``max_hits``)."""
        if not self.indexes:
            return []
        normalized = normalize_plain(text)
        signals = {t.name: t.from_normalized(normalized) for t in self.types}
        best: dict[tuple[str, str], tuple[float, str]] = {}
        for index in self.indexes:
            for t in self.types:
                signal = signals[t.name]
                built = index.by_type.get(t.name)
                if signal is None or built is None:
                    continue
                idx, entry_positions = built
                for hit in idx.query(signal):
                    key = (index.bank.name, index.keys[entry_positions[hit.position]])
                    if key not in best or hit.similarity.value > best[key][0]:
                        best[key] = (hit.similarity.value, t.name)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[: self.max_hits]
        return [
            MatchHit(bank=bank, signal=signal, similarity=similarity, entry=key, labels=self._labels_of(bank, key))
            for (bank, key), (similarity, signal) in ranked
        ]

    def apply(self, analysis: Analysis) -> Analysis:
        hits = self.match_text(analysis.document.text)
        if not hits:
            return analysis
        return replace(analysis, matches=(*analysis.matches, *hits))


def build_match_stage(db_url: str, banks: list[str], *, minhash_threshold: float = 0.5) -> MatchStage:
    """A ``MatchStage`` over banks in the store at ``db_url`` (the stage keeps the store open for labels)."""
    from basira.store import Store

    return MatchStage(Store.open(db_url), banks, minhash_threshold=minhash_threshold)
