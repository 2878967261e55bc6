"""Quran verses quoted in a text, identified by sūrah:āyah.

Data
----
The verse text is the Ḥafṣ muṣḥaf bundled in the PyPI package ``quran-text`` (module ``quran_text_data``,
file ``hafs.json``: KFGQPC Uthmanic Hafs v3.0 word list, with the imlāʾī (modern spelling) column from the
KFGQPC v2.0 release; Kūfī verse numbering, 6,236 āyāt, 77,432 words). It is read offline from the
installed package; nothing is downloaded. Licence: CC-BY-4.0, © quran-ws (https://quran.ws,
https://github.com/quran-ws/quran-text); the text itself is published by the King Fahd Glorious Qur'an
Printing Complex. basira redistributes nothing: it reads the installed package and builds its own index.

Method
------
Every word of the muṣḥaf gets up to four spellings, each normalised with basira's own ``normalize_plain``
so that verses and documents normalise alike: the imlāʾī spelling (what people type), the same with the
vocative يا written apart ("يا أيها"), the ʿUthmānī skeleton (what diacritised copies from Uthmani
sources reduce to: "العلمين") and the ʿUthmānī with each dagger alif written as a full alif. Every
distinct normalised word gets a two-character code, and every run of ``N`` (4) consecutive words inside
one sūrah, in each spelling, becomes a key of an Aho–Corasick automaton whose value lists where in the
muṣḥaf that run occurs.

A document is cut into Arabic words (digits, punctuation and brackets between them are skipped, so verse
numbers and ﴿ ﴾ do not break a quotation), each word becomes its character (or a blank when the Quran
never uses it) and the automaton is run over that string. Consecutive hits that continue in the muṣḥaf
are chained; chains become spans (longest first), and each span is attributed to its verse or range of
consecutive verses. A leading و/ف that the writer dropped or added, and one or two misspelt words inside
a quotation, do not cut it short. A phrase found in several places is attributed to the one it covers best and the
others are listed in ``attrs.alternatives``. Very common formulae (the basmala alone, "إن الله على كل شيء
قدير", "يا أيها الذين آمنوا" ...) are reported with ``attrs.common_formula = true``: they are not a
meaningful quotation.

The index takes 1.5–2 s to build (mostly basira's normalisation of the muṣḥaf's 77k words in four
spellings), so it is built once per process (``quran_index()``) and saved in the user's cache directory
(``$BASIRA_CACHE_DIR``, else ``$XDG_CACHE_HOME/basira`` or ``~/.cache/basira``), keyed by the data's
SHA-256, the normaliser's step versions and this index's version; loading it takes ~0.3 s. No pickle: the
automaton is saved in pyahocorasick's own format (integer values) and the rest as JSON. A missing,
unwritable or damaged cache only costs the rebuild.

Scanning costs one regex pass and one dict lookup per word plus the automaton, which is C: about 10 MB/s
on a worst case of nothing but Quran words, about 30 MB/s on ordinary text (2 cores; normalisation
itself runs at about 2.5 MB/s). Where the compiled kernel is built (``basira.recognizers._compiled``), one C
pass does the words and look-ups (in its own hash table of the vocabulary: no string is made per word) and
keeps only the runs of words whose every neighbouring pair occurs in some n-gram (``QuranIndex.pairs``): the
automaton then reads a few runs per document instead of the whole text, with the same hits.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.resources
import itertools
import json
import os
import re
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

from basira.normalize import charsets, default_normalizer, normalize_plain
from basira.recognizers.base import Finding, Recognizer
from basira.recognizers.kernels import compiled as _compiled
from basira.recognizers.registry import register
from basira.types import EvidenceKind, NormalizedText

N = 4  # words per n-gram, and the shortest quotation reported
INDEX_VERSION = 2  # 2: the index keeps its word pairs (QuranIndex.pairs)
DATA_PACKAGE = "quran_text_data"
DATA_FILE = "hafs.json"
DATA_LICENSE = "CC-BY-4.0 (quran-text by quran-ws; text: KFGQPC Uthmanic Hafs)"

# Normalised Arabic letters; the open tanwin signs of the KFGQPC text (U+08F0–U+08F2) survive basira's
# normalisation, so a word keeps them and the vocabulary knows both spellings.
_LETTERS = charsets.ARABIC_LETTERS
_TOKEN_LETTERS = _LETTERS + "\u08f0-\u08f2"
TOKEN = re.compile(f"[{_TOKEN_LETTERS}]+")
_TOKEN_RANGES_ARRAY = np.array(charsets.range_bounds(_TOKEN_LETTERS), dtype=np.uint32)  # TOKEN, compiled
_NOT_LETTER = re.compile(f"[^{_LETTERS}]")
_NOT_TOKEN = re.compile(f"[^{_TOKEN_LETTERS}]")
_DAGGER = re.compile("(?<![\u0649\u064a])\u0670")  # a dagger alif not written over ى/ي
_VOCATIVE = "\u064a\u064e\u0670"  # يَٰ: the ʿUthmānī vocative يا joined to its noun
# Each distinct word is two characters, a "high" one and a "low" one from disjoint alphabets: the
# automaton's root then has at most _RADIX children (one character per word would give it ~20k, which
# pyahocorasick searches linearly: 30x slower), and every match starts on a word boundary.
_RADIX = 160
_HIGH = 0x100
_LOW = _HIGH + 0x100
_BLANK = "  "  # a word the Quran never uses: no key contains a space

# Formulae so common in ordinary writing that quoting them is not a meaningful quotation.
COMMON_FORMULAE = (
    "بسم الله الرحمن الرحيم",
    "الحمد لله رب العالمين",
    "إن الله على كل شيء قدير",
    "والله على كل شيء قدير",
    "إنه على كل شيء قدير",
    "وهو على كل شيء قدير",
    "إنا لله وإنا إليه راجعون",
    "حسبنا الله ونعم الوكيل",
    "لا إله إلا الله",
    "لا إله إلا هو",
    "رضي الله عنهم ورضوا عنه",
    "لا قوة إلا بالله",
    "وما توفيقي إلا بالله",
    "إن الله غفور رحيم",
    "والله غفور رحيم",
    "إن الله مع الصابرين",
    "والله مع الصابرين",
    "يا أيها الذين آمنوا",
    "يا أيها الناس",
    "والله أعلم",
)

# An explicit quotation marker just before the span, or ornate brackets around it.
_MARKER_BEFORE = re.compile(
    r"(?:(?:قال|يقول|وقال|ويقول|قوله|وقوله|لقوله|كقوله)\s+(?:الله\s+)?"
    r"(?:تعالي|سبحانه|عز\s+وجل|جل\s+وعلا|جل\s+شانه|الله|الحق)[^\n]{0,12}|[﴿{]\s*)$"
)
_MARKER_AFTER = re.compile(r"^\s*[﴾}]")


# --------------------------------------------------------------------------------------------- data


def _data_bytes() -> bytes:
    return importlib.resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_bytes()


def _normalize_many(items: Sequence[str]) -> list[str]:
    """``normalize_plain`` of each item: distinct items only, in one pass over their joined text."""
    distinct = list(dict.fromkeys(items))
    sep = " | "
    out = normalize_plain(sep.join(distinct)).split(sep)
    if len(out) != len(distinct):  # a separator was touched: fall back to one call each
        out = [normalize_plain(item) for item in distinct]
    table = dict(zip(distinct, out, strict=True))
    return [table[item] for item in items]


def _code_id(code: str) -> int:
    """The number of a word's two-character code (see ``QuranIndex.build``)."""
    return (ord(code[0]) - _HIGH) * _RADIX + ord(code[1]) - _LOW


def _identity(value: bytes) -> bytes:  # pyahocorasick's loader wants a deserializer even for ints
    return value


def _cache_dir() -> Path:
    explicit = os.environ.get("BASIRA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "basira"


# -------------------------------------------------------------------------------------------- index


@dataclass(frozen=True, slots=True)
class Surah:
    number: int
    first_ayah: int  # index into ayah_starts
    ayah_count: int


class QuranIndex:
    """The n-gram automaton and what is needed to turn hits into references."""

    def __init__(self, automaton: Any, meta: dict[str, Any]):
        self.automaton = automaton
        self.vocab: dict[str, str] = meta["vocab"]
        self.postings: list[list[int]] = meta["postings"]  # value id -> flat [us, ue, us, ue, ...]
        self.word_of: list[int] = meta["word_of"]  # unified token -> word position
        self.first_tok: list[int] = meta["first_tok"]  # word position -> first unified token (+ sentinel)
        self.display: list[str] = meta["display"]  # unified token -> imlāʾī spelling, vocative apart
        self.uthmani: list[str] = meta["uthmani"]  # word -> normalised ʿUthmānī skeleton
        self.dagger: list[str] = meta["dagger"]  # word -> normalised ʿUthmānī, dagger alif written
        self.ayah_starts: list[int] = meta["ayah_starts"]
        self.surah_starts: list[int] = meta["surah_starts"]
        self.surahs = [Surah(*s) for s in meta["surahs"]]
        self.surah_first_ayah = [s.first_ayah for s in self.surahs]
        self.formulae: list[str] = meta["formulae"]
        self.sha256: str = meta["sha256"]
        # every pair of neighbouring words inside some key, as "first id << 32 | second id", sorted
        self.pairs = np.array(meta["pairs"], dtype=np.uint64)
        # the vocabulary as the compiled word runs read it (a few ms to build)
        self.vocab_table = _compiled.vocab_table(self.vocab, _HIGH, _LOW, _RADIX) if _compiled is not None else None
        self.posting_cache: dict[int, Any] = {}  # value id -> _Posting, filled as documents need them
        self.refs_cache: dict[tuple[tuple[int, int], ...], list[str]] = {}

    # -- build ---------------------------------------------------------------------------------

    @classmethod
    def build(cls, data: bytes | None = None) -> QuranIndex:
        raw = _data_bytes() if data is None else data
        doc = json.loads(raw)
        words: list[str] = doc["words"]
        imlai_raw: list[str | None] = doc["rasm_imlai"]
        surah_starts: list[int] = doc["surah_starts"]
        ayah_starts: list[int] = doc["ayah_starts"]
        count = len(words)

        uth_raw = _normalize_many(words)
        dag_raw = _normalize_many([_DAGGER.sub("\u0627", w) for w in words])
        imlai_norm = _normalize_many([w if w else "_" for w in imlai_raw])
        uthmani = [_NOT_LETTER.sub("", w) for w in uth_raw]
        dagger = [_NOT_LETTER.sub("", w) for w in dag_raw]

        # The unified stream: the imlāʾī spelling, one token per written word ("أو لم" is two).
        unified: list[str] = []
        display: list[str] = []
        word_of: list[int] = []
        first_tok: list[int] = []
        split_tokens: list[list[str]] = []  # per unified token: its tokens with the vocative apart
        for w in range(count):
            first_tok.append(len(unified))
            parts = [_NOT_LETTER.sub("", p) for p in imlai_norm[w].split()] if imlai_raw[w] else []
            if not parts or not all(parts):
                parts = [uthmani[w]]
            vocative = words[w].startswith(_VOCATIVE)
            for j, part in enumerate(parts):
                unified.append(part)
                word_of.append(w)
                if vocative and j == 0 and part.startswith("يا") and len(part) > 3:
                    split_tokens.append(["يا", part[2:]])
                else:
                    split_tokens.append([part])
                display.append(" ".join(split_tokens[-1]))
        first_tok.append(len(unified))

        vocab: dict[str, str] = {}

        def char(token: str) -> str:
            c = vocab.get(token)
            if c is None:
                number = len(vocab)
                if number // _RADIX >= _LOW - _HIGH:  # the high alphabet would run into the low one
                    raise ValueError(f"Quran vocabulary too large for two-character codes: {number}")
                c = vocab[token] = chr(_HIGH + number // _RADIX) + chr(_LOW + number % _RADIX)
            return c

        surah_of_word = [0] * count
        for s, start in enumerate(surah_starts):
            end = surah_starts[s + 1] if s + 1 < len(surah_starts) else count
            surah_of_word[start:end] = [s] * (end - start)

        keys: dict[str, set[tuple[int, int]]] = {}

        def add_stream(tokens: list[tuple[str, int, int]]) -> None:
            """``tokens``: (token, unified start, unified end) in muṣḥaf order."""
            chars = [char(t) for t, _, _ in tokens]
            for i in range(len(tokens) - N + 1):
                us, ue = tokens[i][1], tokens[i + N - 1][2]
                if surah_of_word[word_of[us]] != surah_of_word[word_of[ue - 1]]:
                    continue
                keys.setdefault("".join(chars[i : i + N]), set()).add((us, ue))

        add_stream([(t, u, u + 1) for u, t in enumerate(unified)])
        add_stream([(t, u, u + 1) for u, parts in enumerate(split_tokens) for t in parts])
        for spelling in (uthmani, dagger):
            add_stream([(spelling[w], first_tok[w], first_tok[w + 1]) for w in range(count)])
        # Text copied from the KFGQPC font keeps its open tanwin (basira's normaliser leaves U+08F0–2).
        for raw_forms, clean_forms in ((uth_raw, uthmani), (dag_raw, dagger)):
            for raw_form, clean in zip(raw_forms, clean_forms, strict=True):
                if raw_form != clean and clean in vocab:
                    vocab.setdefault(_NOT_TOKEN.sub("", raw_form), vocab[clean])

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        postings: list[list[int]] = []
        pairs: set[int] = set()
        for key, places in keys.items():
            automaton.add_word(key, len(postings))
            postings.append([x for pair in sorted(places) for x in pair])
            ids = [_code_id(key[k : k + 2]) for k in range(0, len(key), 2)]
            pairs.update(first << 32 | second for first, second in itertools.pairwise(ids))
        automaton.make_automaton()

        formulae = [" ".join(_display_tokens(normalize_plain(f))) for f in COMMON_FORMULAE]
        surahs = [[s["number"], s["first_ayah"], s["ayah_count"]] for s in doc["surahs"]]
        meta: dict[str, Any] = {
            "vocab": vocab,
            "postings": postings,
            "word_of": word_of,
            "first_tok": first_tok,
            "display": display,
            "uthmani": uthmani,
            "dagger": dagger,
            "ayah_starts": ayah_starts,
            "surah_starts": surah_starts,
            "surahs": surahs,
            "formulae": formulae,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "pairs": sorted(pairs),
        }
        return cls(automaton, meta)

    # -- cache ---------------------------------------------------------------------------------

    @staticmethod
    def cache_key(raw: bytes) -> str:
        h = hashlib.sha256(raw)
        h.update(f"|index={INDEX_VERSION}|n={N}|".encode())
        h.update("|".join(default_normalizer().keys).encode())
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            h.update(importlib.metadata.version("pyahocorasick").encode())  # its file format
        h.update(COMMON_FORMULAE.__repr__().encode())
        return h.hexdigest()[:24]

    @classmethod
    def load(cls, cache_dir: Path | None = None, use_cache: bool = True) -> QuranIndex:
        raw = _data_bytes()
        if not use_cache:
            return cls.build(raw)
        directory = cache_dir or _cache_dir()
        key = cls.cache_key(raw)
        auto_path = directory / f"quran-{key}.automaton"
        meta_path = directory / f"quran-{key}.json"
        if auto_path.exists() and meta_path.exists():
            try:
                automaton = ahocorasick.load(str(auto_path), _identity)
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                return cls(automaton, meta)
            except Exception:  # a damaged or foreign cache is rebuilt, never fatal
                pass
        index = cls.build(raw)
        with contextlib.suppress(OSError):
            index.save(directory, key)
        return index

    def save(self, directory: Path, key: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "vocab": self.vocab,
            "postings": self.postings,
            "word_of": self.word_of,
            "first_tok": self.first_tok,
            "display": self.display,
            "uthmani": self.uthmani,
            "dagger": self.dagger,
            "ayah_starts": self.ayah_starts,
            "surah_starts": self.surah_starts,
            "surahs": [[s.number, s.first_ayah, s.ayah_count] for s in self.surahs],
            "formulae": self.formulae,
            "sha256": self.sha256,
            "pairs": self.pairs.tolist(),
        }
        # Write both files under temporary names, then rename: readers never see half a file.
        fd, tmp_auto = tempfile.mkstemp(dir=directory, suffix=".tmp")
        os.close(fd)
        fd, tmp_meta = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            self.automaton.save(tmp_auto)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(meta, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp_auto, directory / f"quran-{key}.automaton")
            os.replace(tmp_meta, directory / f"quran-{key}.json")
        finally:
            for tmp in (tmp_auto, tmp_meta):
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    # -- references ----------------------------------------------------------------------------

    def ayah_index(self, word: int) -> int:
        return bisect_right(self.ayah_starts, word) - 1

    def ayah_ref(self, k: int) -> tuple[int, int]:
        """(sūrah, āyah) of the k-th āyah of the muṣḥaf."""
        s = bisect_right(self.surah_first_ayah, k) - 1
        return self.surahs[s].number, k - self.surahs[s].first_ayah + 1

    def ayah_length(self, k: int) -> int:
        end = self.ayah_starts[k + 1] if k + 1 < len(self.ayah_starts) else len(self.first_tok) - 1
        return end - self.ayah_starts[k]

    def same_surah(self, word_a: int, word_b: int) -> bool:
        return bisect_right(self.surah_starts, word_a) == bisect_right(self.surah_starts, word_b)

    def word_forms(self, word: int) -> set[str]:
        u = self.first_tok[word]
        forms = {self.uthmani[word], self.dagger[word]}
        if self.first_tok[word + 1] == u + 1:
            forms.add(self.display[u].replace(" ", ""))
        return forms


def _display_tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


_INDEX: QuranIndex | None = None
_INDEX_LOCK = threading.Lock()


def quran_index() -> QuranIndex:
    """The process-wide index, built (or read from the cache) on first use."""
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:
            if _INDEX is None:
                _INDEX = QuranIndex.load()
    return _INDEX


# ------------------------------------------------------------------------------------------- search


@dataclass(slots=True)
class _Chain:
    hits: list[tuple[int, int, int]]  # (text token i, unified start, unified end), i consecutive

    @property
    def first(self) -> int:
        return self.hits[0][0]

    @property
    def stop(self) -> int:  # one past the last text token
        return self.hits[-1][0] + N


@dataclass(frozen=True, slots=True)
class QuranMatch:
    """A quotation: text tokens [tok_start, tok_end) are muṣḥaf unified tokens [us, ue)."""

    tok_start: int
    tok_end: int
    us: int
    ue: int
    alternatives: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Posting:
    """Where one n-gram occurs, arranged for chaining: start -> end, and who may follow."""

    ends: dict[int, int]  # unified start -> unified end
    starts: frozenset[int]
    successors: frozenset[int]  # unified starts a next hit (one text word on) may have
    best: tuple[int, int]  # the place this n-gram alone is attributed to
    alternatives: tuple[tuple[int, int], ...]


def _posting(index: QuranIndex, value: int) -> _Posting:
    cached = index.posting_cache.get(value)
    if cached is not None:
        return cached
    flat = index.postings[value]
    ends = {flat[k]: flat[k + 1] for k in range(0, len(flat), 2)}
    successors = set()
    for us in ends:
        successors.add(us + 1)
        if " " in index.display[us]:  # a vocative written apart: "يا" then "ايها" are one token
            successors.add(us)
        if us + 1 < len(index.word_of) and index.word_of[us] == index.word_of[us + 1]:
            successors.add(us + 2)  # "أو لم": two imlāʾī tokens, one ʿUthmānī word
    ranked = sorted(ends.items(), key=lambda p: (-_coverage(index, *p), p[0]))
    posting = _Posting(ends, frozenset(ends), frozenset(successors), ranked[0], tuple(ranked[1:]))
    if len(index.posting_cache) > 65536:
        index.posting_cache.clear()
    index.posting_cache[value] = posting
    return posting


def _continues(index: QuranIndex, prev_us: int, us: int) -> bool:
    """Does a hit starting at unified ``us`` follow one starting at ``prev_us`` by one text word?"""
    step = us - prev_us
    if step == 1:
        return True
    if step == 0:  # the second half of a vocative written apart ("يا" then "ايها")
        return " " in index.display[us]
    # the previous hit started on a word that is two imlāʾī tokens ("أو لم") but one ʿUthmānī one
    return step == 2 and index.word_of[prev_us] == index.word_of[prev_us + 1]


def _chains(index: QuranIndex, hits: Iterable[tuple[int, int]]) -> tuple[list[_Chain], list[tuple[int, _Posting]]]:
    """Runs of hits that continue in the muṣḥaf (two hits or more), and the lone hits (by text word).

    Only places that continue are materialised as chains, found by a set intersection; an n-gram that
    occurs in 90 places but continues in none costs one lookup, not 90.
    """
    chains: list[_Chain] = []
    in_chain: set[int] = set()
    lone: list[tuple[int, _Posting]] = []
    live: dict[int, _Chain] = {}
    prev: _Posting | None = None
    prev_i = -2
    for end, value in hits:
        i = end // 2 - N + 1  # two characters per word
        posting = _posting(index, value)
        current: dict[int, _Chain] = {}
        if prev is not None and prev_i == i - 1:
            prev_starts = prev.starts
            for us in sorted(posting.starts & prev.successors):
                if us - 1 in prev_starts:
                    cand = us - 1
                elif us in prev_starts and _continues(index, us, us):
                    cand = us
                elif us - 2 in prev_starts and _continues(index, us - 2, us):
                    cand = us - 2
                else:
                    continue
                chain = live.get(cand)
                if chain is None:
                    chain = _Chain([(i - 1, cand, prev.ends[cand])])
                    chains.append(chain)
                    live[cand] = chain
                elif chain.hits[-1][0] == i:  # one place continued two ways: fork
                    chain = _Chain(chain.hits[:-1])
                    chains.append(chain)
                chain.hits.append((i, us, posting.ends[us]))
                current.setdefault(us, chain)
        if current:
            in_chain.update((i - 1, i))
        lone.append((i, posting))
        live, prev, prev_i = current, posting, i
    return chains, [(i, p) for i, p in lone if i not in in_chain]


def _coverage(index: QuranIndex, us: int, ue: int) -> float:
    """The fraction of the verse (or verses) that the unified tokens [us, ue) quote, in words."""
    w0, w1 = index.word_of[us], index.word_of[ue - 1]
    k0, k1 = index.ayah_index(w0), index.ayah_index(w1)
    total = sum(index.ayah_length(k) for k in range(k0, k1 + 1))
    return (w1 - w0 + 1) / total if total else 0.0


def _sub_chain(chain: _Chain, start: int, stop: int) -> tuple[int, int] | None:
    """Unified range of the text words [start, stop) of a chain."""
    if stop - start < N:
        return None
    by_i = {i: (us, ue) for i, us, ue in chain.hits}
    first, last = by_i.get(start), by_i.get(stop - N)
    if first is None or last is None:
        return None
    return first[0], last[1]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # text words [start, stop)
    stop: int
    us: int  # unified tokens [us, ue) of the best attribution
    ue: int
    alternatives: tuple[tuple[int, int], ...]
    chain: _Chain | None  # to trim it when another quotation took part of its text


def find_quotations(index: QuranIndex, tokens: Sequence[str]) -> list[QuranMatch]:
    """Quotations among the Arabic ``tokens`` of a normalised text."""
    if len(tokens) < N:
        return []
    hits = reference_hits(index, tokens)
    return quotations_from_hits(index, tokens, hits) if hits else []


def reference_hits(index: QuranIndex, tokens: Sequence[str]) -> list[tuple[int, int]]:
    """The automaton's hits over the whole text, one code per word (``(last character, value)``; a word is
    two characters): the reference ``compiled_hits`` is tested against, and its fallback."""
    sequence = "".join(map(index.vocab.get, tokens, itertools.repeat(_BLANK)))
    return list(index.automaton.iter(sequence))


def compiled_hits(index: QuranIndex, text: str) -> list[tuple[int, int]]:
    """``reference_hits(index, TOKEN.findall(text))``, from the runs of words that can hold an n-gram."""
    assert _compiled is not None
    runs, _ = _compiled.quran_segments(text, index.vocab_table, index.pairs, _TOKEN_RANGES_ARRAY, _HIGH, _LOW, _RADIX,
                                       N)
    iterate = index.automaton.iter
    return [(2 * first + last, value) for first, codes in runs for last, value in iterate(codes)]


def quotations_from_hits(index: QuranIndex, tokens: Sequence[str], hits: list[tuple[int, int]]) -> list[QuranMatch]:
    """Quotations among ``tokens`` from the automaton's ``hits`` (not empty) over their codes."""
    chains, lone = _chains(index, hits)

    candidates = [_Candidate(i, i + N, *p.best, p.alternatives, None) for i, p in lone]
    groups: dict[tuple[int, int], list[_Chain]] = {}
    for chain in chains:
        groups.setdefault((chain.first, chain.stop), []).append(chain)
    coverage: dict[tuple[int, int], float] = {}
    for (start, stop), members in groups.items():
        places = list(dict.fromkeys((c.hits[0][1], c.hits[-1][2]) for c in members))
        for place in places:
            if place not in coverage:
                coverage[place] = _coverage(index, *place)
        places.sort(key=lambda p: (-coverage[p], p[0]))
        best = next(c for c in members if (c.hits[0][1], c.hits[-1][2]) == places[0])
        candidates.append(_Candidate(start, stop, *places[0], tuple(places[1:]), best))
    candidates.sort(key=lambda c: (c.start - c.stop, c.start))  # longest first

    taken_starts: list[int] = []
    taken_stops: list[int] = []
    matches: list[QuranMatch] = []
    for c in candidates:
        free = _largest_free(c.start, c.stop, taken_starts, taken_stops)
        if free is None:
            continue
        if free == (c.start, c.stop):
            match = QuranMatch(c.start, c.stop, c.us, c.ue, c.alternatives)
        else:
            sub = _sub_chain(c.chain, *free) if c.chain is not None else None
            if sub is None:
                continue
            match = QuranMatch(free[0], free[1], sub[0], sub[1])
        matches.append(match)
        at = bisect_right(taken_starts, match.tok_start)
        taken_starts.insert(at, match.tok_start)
        taken_stops.insert(at, match.tok_end)
    matches.sort(key=lambda m: m.tok_start)
    matches = _extend_left(index, tokens, matches)
    return _merge_gaps(index, matches)


def _refs(index: QuranIndex, places: tuple[tuple[int, int], ...]) -> list[str]:
    """Distinct "S:A" references of the places where a quotation also occurs (memoised)."""
    cached = index.refs_cache.get(places)
    if cached is None:
        seen: dict[str, None] = {}
        for us, _ in places:
            s, a = index.ayah_ref(index.ayah_index(index.word_of[us]))
            seen[f"{s}:{a}"] = None
        cached = list(seen)
        if len(index.refs_cache) > 4096:
            index.refs_cache.clear()
        index.refs_cache[places] = cached
    return cached


def _largest_free(start: int, stop: int, starts: list[int], stops: list[int]) -> tuple[int, int] | None:
    """The longest part of [start, stop) outside the taken, disjoint, sorted intervals (≥ N tokens)."""
    k = max(bisect_right(starts, start) - 1, 0)
    best: tuple[int, int] | None = None
    cursor = start
    while cursor < stop:
        while k < len(starts) and stops[k] <= cursor:
            k += 1
        if k < len(starts) and starts[k] <= cursor:  # inside a taken interval: skip it
            cursor = stops[k]
            continue
        free_stop = min(stop, starts[k]) if k < len(starts) else stop
        if free_stop - cursor >= N and (best is None or free_stop - cursor > best[1] - best[0]):
            best = (cursor, free_stop)
        cursor = free_stop
    return best


def _strip_clitic(token: str) -> str:
    return token[1:] if len(token) > 2 and token[0] in "وف" else token


def _extend_left(index: QuranIndex, tokens: Sequence[str], matches: list[QuranMatch]) -> list[QuranMatch]:
    """Take in the word before a quotation when it differs from the verse only by a leading و/ف."""
    out: list[QuranMatch] = []
    for m in matches:
        before = m.tok_start - 1
        limit = out[-1].tok_end if out else 0
        if before >= limit and m.us > 0:
            prev_word = index.word_of[m.us - 1]
            if (
                prev_word != index.word_of[m.us]
                and index.same_surah(prev_word, index.word_of[m.us])
                and index.first_tok[prev_word] == m.us - 1
            ):
                token = _strip_clitic(tokens[before])
                if any(_strip_clitic(f) == token for f in index.word_forms(prev_word)):
                    m = QuranMatch(before, m.tok_end, m.us - 1, m.ue, ())
        out.append(m)
    return out


def _merge_gaps(index: QuranIndex, matches: list[QuranMatch], max_gap: int = 2) -> list[QuranMatch]:
    """Join two quotations of one passage separated by up to ``max_gap`` words spelled differently."""
    out: list[QuranMatch] = []
    for m in matches:
        if out:
            last = out[-1]
            text_gap = m.tok_start - last.tok_end
            word_gap = index.word_of[m.us] - index.word_of[last.ue - 1] - 1
            if (
                0 <= text_gap <= max_gap
                and text_gap == word_gap
                and index.same_surah(index.word_of[last.us], index.word_of[m.ue - 1])
            ):
                out[-1] = QuranMatch(last.tok_start, m.tok_end, last.us, m.ue, ())
                continue
        out.append(m)
    return out


# -------------------------------------------------------------------------------------- recogniser


@register
class QuranRecognizer(Recognizer):
    """Quran verses, by sūrah:āyah. Quotation is not violation: the policy decides what it means."""

    name = "quran"
    version = 1
    kind = EvidenceKind.QUOTATION
    labels = ("QURAN_VERSE",)

    def __init__(self, index: QuranIndex | None = None):
        self._index = index

    @property
    def index(self) -> QuranIndex:
        if self._index is None:
            self._index = quran_index()
        return self._index

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        text = nt.text
        index = self.index
        if _compiled is not None:
            hits = compiled_hits(index, text)
            if not hits:
                return []  # the words are needed only where the automaton found something
            tokens = TOKEN.findall(text)
            matches = quotations_from_hits(index, tokens, hits)
        else:
            tokens = TOKEN.findall(text)
            matches = find_quotations(index, tokens)
        if not matches:
            return []
        last = max(m.tok_end for m in matches)
        spans = [t.span() for t in itertools.islice(TOKEN.finditer(text), last)]
        return [self._finding(index, text, spans, m) for m in matches]

    def _finding(self, index: QuranIndex, text: str, spans: list[tuple[int, int]], m: QuranMatch) -> Finding:
        start, end = spans[m.tok_start][0], spans[m.tok_end - 1][1]
        w0, w1 = index.word_of[m.us], index.word_of[m.ue - 1]
        k0, k1 = index.ayah_index(w0), index.ayah_index(w1)
        surah, ayah = index.ayah_ref(k0)
        _, ayah_end = index.ayah_ref(k1)
        ref = f"{surah}:{ayah}" if k0 == k1 else f"{surah}:{ayah}-{ayah_end}"
        words = w1 - w0 + 1
        coverage = _coverage(index, m.us, m.ue)
        phrase = " " + " ".join(index.display[m.us : m.ue]) + " "
        formula = any(phrase in f" {f} " for f in index.formulae)
        marked = bool(_MARKER_BEFORE.search(text[max(0, start - 40) : start])) or bool(
            _MARKER_AFTER.match(text[end : end + 3])
        )
        attrs: dict[str, Any] = {
            "source": "quran",
            "ref": ref,
            "surah": surah,
            "ayah": ayah,
            "coverage": round(coverage, 3),
            "words": words,
        }
        if k1 != k0:
            attrs["ayah_end"] = ayah_end
        if formula:
            attrs["common_formula"] = True
        if marked:
            attrs["marked"] = True
        if m.alternatives:
            refs = [r for r in _refs(index, m.alternatives) if r != ref]
            if refs:
                attrs["alternatives"] = refs[:8]
                attrs["alternatives_total"] = len(refs)
        if formula:
            score, rule = 0.3, "quran.common_formula"
        else:
            score = 0.99 if marked else min(0.95, 0.55 + 0.05 * (words - N) + 0.3 * coverage)
            rule = "quran.verse" if k0 == k1 else "quran.verse_range"
        explanation = f"Quran {ref} ({words} words, {coverage:.0%} of the {'verse' if k0 == k1 else 'verses'})" + (
            "; a common formula" if formula else ""
        )
        return Finding(
            label="QURAN_VERSE",
            start=start,
            end=end,
            rule=rule,
            score=round(score, 4),
            attrs=attrs,
            explanation=explanation,
        )
