# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The classifier's compiled kernels, each the twin of numpy code that stays as the reference and the fallback
(the numpy versions pay numpy's per-call overhead ~100 times per text):

* ``indices``: the feature indices of ``basira.model.features``, bit for bit (``Featurizer.indices`` uses it);
* ``space_logit``: one feature space's part of ``LinearHead.logit`` (``basira.model.linear``), equal to the
  numpy sum up to the order of floating-point additions;
* ``script_counts``: the Arabic and Latin letters ``classifier.script_of`` counts (numpy's dozen array calls
  cost a short post more than its features).

Tests compare each with its reference on purpose-made texts."""

import numpy as np

from libc.math cimport log, sqrt
from libc.stdint cimport int32_t, uint8_t, uint16_t, uint32_t, uint64_t

cdef uint64_t BASE = 0x100000001B3
cdef uint64_t MIX0 = 0xBF58476D1CE4E5B9
cdef uint64_t MIX1 = 0x94D049BB133111EB
cdef uint64_t GOLDEN = 0x9E3779B97F4A7C15
cdef uint64_t[3] WORD_MIX
WORD_MIX[0] = 0x9E3779B97F4A7C15
WORD_MIX[1] = 0xC2B2AE3D27D4EB4F
WORD_MIX[2] = 0x165667B19E3779F9


cdef inline int32_t finish(uint64_t h, uint64_t salt, uint64_t mask) noexcept nogil:
    h = h ^ (salt * GOLDEN)
    h = (h ^ (h >> 30)) * MIX0
    h = (h ^ (h >> 27)) * MIX1
    h = h ^ (h >> 31)
    return <int32_t>(h & mask)


cdef inline bint is_word(uint32_t c, const uint8_t[::1] table):
    if c <= 0xFFFF:
        return table[c]
    return chr(c).isalnum()  # rare: a letter or digit outside the Basic Multilingual Plane


def indices(const uint32_t[::1] codes, const uint8_t[::1] is_space_table, const uint8_t[::1] is_word_table,
            int char_min, int char_max, int word_max, uint64_t mask):
    """``(char_index, word_index)``: int32 arrays of the hashed feature occurrences of a text, given its code
    points (as the features read them) and the whitespace and word-character tables of ``features.py``."""
    if word_max > 3:
        raise ValueError("word n-grams longer than 3 have no mixing constant")
    cdef Py_ssize_t n_text = codes.shape[0]
    cdef Py_ssize_t n_joined = n_text + 2
    cdef Py_ssize_t i, k, n, count, out, start, words
    cdef uint32_t c
    cdef Py_ssize_t space_limit = is_space_table.shape[0] - 1
    joined_np = np.empty(n_joined, dtype=np.uint64)
    cdef uint64_t[::1] joined = joined_np
    spaces_np = np.empty(n_joined, dtype=np.uint8)
    cdef uint8_t[::1] space = spaces_np
    before_np = np.empty(n_joined, dtype=np.int64)
    cdef long long[::1] before = before_np
    joined[0] = 32
    joined[n_joined - 1] = 32
    for i in range(n_text):
        joined[i + 1] = codes[i]
    cdef long long running = 0
    for i in range(n_joined):
        c = <uint32_t>joined[i]
        space[i] = is_space_table[c if c < space_limit else space_limit]
        running += space[i]
        before[i] = running
    # every window of every order is at most one index
    char_np = np.empty(max(0, (char_max - char_min + 1)) * n_joined, dtype=np.int32)
    cdef int32_t[::1] char_out = char_np
    hashes_np = np.empty(n_joined, dtype=np.uint64)
    cdef uint64_t[::1] h = hashes_np
    out = 0
    cdef bint valid
    for n in range(1, char_max + 1):
        count = n_joined - n + 1
        if count <= 0:
            break
        for i in range(count):
            if n == 1:
                h[i] = joined[i]
            else:
                h[i] = h[i] * BASE + joined[i + n - 1]
        if n < char_min:
            continue
        # Every window is hashed and written, and only a valid one kept (the next write goes past it): whether
        # a window holds whitespace is too irregular for a branch predictor (68 -> 53 ms on news-ar).
        for i in range(count):
            if n == 1:
                valid = not space[i]
            elif n == 2:
                valid = not (space[i] and space[i + 1])
            else:
                valid = before[i + n - 2] == before[i]
            char_out[out] = finish(h[i], n, mask)
            out += valid
    char_index = char_np[:out]
    # words: maximal runs of two or more word characters, each hashed as sum of code * BASE**position
    word_hash_np = np.empty(n_text // 2 + 1, dtype=np.uint64)
    cdef uint64_t[::1] wh = word_hash_np
    cdef uint64_t acc, power
    words = 0
    i = 0
    while i < n_text:
        if not is_word(codes[i], is_word_table):
            i += 1
            continue
        start = i
        acc = 0
        power = 1
        while i < n_text and is_word(codes[i], is_word_table):
            acc = acc + <uint64_t>codes[i] * power
            power = power * BASE
            i += 1
        if i - start >= 2:
            wh[words] = acc
            words += 1
    word_np = np.empty(max(0, word_max) * words, dtype=np.int32)
    cdef int32_t[::1] word_out = word_np
    cdef uint64_t mixed
    out = 0
    for n in range(1, word_max + 1):
        count = words - n + 1
        if count <= 0:
            break
        for i in range(count):
            mixed = <uint64_t>n
            for k in range(n):
                mixed = mixed + wh[i + k] * WORD_MIX[k]
            word_out[out] = finish(mixed, 100 + n, mask)
            out += 1
    return char_index, word_np[:out]


cdef extern from *:
    void prefetch "__builtin_prefetch" (const void *address) noexcept nogil


ctypedef fused slot_t:
    uint16_t
    uint32_t


def space_logit(const int32_t[::1] index, const slot_t[::1] slots, const float[:, ::1] rows, int32_t[::1] scratch):
    """``Σ value_f * coef_f + Σ presence_f`` over the distinct kept features f of ``index`` (occurrences),
    ``value_f = (1 + log count_f) * idf_f`` L2-normalised: ``slots`` maps a feature to its row of ``rows``
    (idf, coef, presence; 0 = dropped). ``scratch``: int32 zeros, one per row, zeros again on return (the
    function holds the GIL from the first count to the last reset, so threads may share it)."""
    cdef Py_ssize_t n = index.shape[0]
    cdef Py_ssize_t n_slots = slots.shape[0]
    if scratch.shape[0] < rows.shape[0] or rows.shape[1] != 3:
        raise ValueError("scratch must have one int32 per row, rows three columns")
    touched_np = np.empty(n, dtype=np.uint32)
    cdef uint32_t[::1] touched = touched_np
    cdef Py_ssize_t i, k, distinct = 0
    cdef int32_t feature
    cdef uint32_t slot
    for i in range(n):
        feature = index[i]
        if feature < 0 or feature >= n_slots:
            for k in range(distinct):
                scratch[touched[k]] = 0
            scratch[0] = 0
            raise IndexError(f"feature {feature} outside the model's {n_slots} features")
        if i + 16 < n and 0 <= index[i + 16] < n_slots:
            prefetch(&slots[index[i + 16]])
        slot = slots[feature]
        # Without branches (a dropped feature, row 0, is counted and never read; a feature seen before writes
        # past the last touched row): whether an occurrence's feature is kept, or new, is a coin toss a
        # branch predictor loses on about every other occurrence (80 -> 55 ms on news-ar, 115 -> 80 ms with the
        # caches emptied between articles as a full analysis does, with the prefetch 16 occurrences ahead).
        touched[distinct] = slot
        distinct += (slot != 0) & (scratch[slot] == 0)
        scratch[slot] += 1
    cdef double value, norm2 = 0.0, dot = 0.0, presence = 0.0
    scratch[0] = 0
    for k in range(distinct):
        slot = touched[k]
        value = (1.0 + log(<double>scratch[slot])) * <double>rows[slot, 0]
        norm2 += value * value
        dot += value * <double>rows[slot, 1]
        presence += <double>rows[slot, 2]
        scratch[slot] = 0
    if norm2 > 0:
        dot /= sqrt(norm2)
    return dot + presence


def script_counts(str text):
    """``(arabic, latin)``: the letters of ``text`` that ``basira.model.classifier.script_of`` counts (see
    its ranges there)."""
    cdef Py_ssize_t arabic = 0, latin = 0
    cdef Py_UCS4 c
    for c in text:
        if (0x620 <= c <= 0x64A) or (0x671 <= c <= 0x6D3) or (0x6FA <= c <= 0x6FF):
            arabic += 1
        elif (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A) or (0xC0 <= c <= 0x24F):
            latin += 1
    return arabic, latin
