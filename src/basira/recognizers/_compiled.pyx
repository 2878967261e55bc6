# cython: boundscheck=False, wraparound=False
"""The recognisers' compiled kernel (Cython, built by ``make install`` through setup.py; optional: without it
``basira.recognizers.quran`` runs its Python path, which gives the same hits).

``quran_segments`` cuts a normalised text into words of the Quran recogniser's letters (``letter_ranges``),
looks each word up in the muṣḥaf vocabulary (``vocab``: word → two-character code) and keeps only the runs
of consecutive words whose every neighbouring pair occurs inside some key of the n-gram automaton
(``pairs``: sorted ``first id << 32 | second id``). Every n-gram hit lies inside such a run, so running the
automaton over the runs alone finds the same hits; on ordinary prose the runs are a few per document, where
the whole text was one code per word.
"""

from libc.stdint cimport uint32_t, uint64_t


cdef inline bint _is_letter(Py_UCS4 c, const uint32_t[::1] ranges) noexcept:
    cdef Py_ssize_t k
    for k in range(0, ranges.shape[0], 2):
        if ranges[k] <= c <= ranges[k + 1]:
            return True
    return False


cdef inline bint _has_pair(const uint64_t[::1] pairs, uint64_t key) noexcept:
    cdef Py_ssize_t lo = 0, hi = pairs.shape[0], mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if pairs[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo < pairs.shape[0] and pairs[lo] == key


def quran_segments(str text, dict vocab, const uint64_t[::1] pairs, const uint32_t[::1] letter_ranges,
                   int high, int low, int radix, int min_words):
    """``([(index of the run's first word, its codes joined), ...], number of words)`` for the runs of at
    least ``min_words`` words; a code is ``chr(high + id // radix) + chr(low + id % radix)``."""
    cdef Py_ssize_t n = len(text), i = 0, start, words = 0, run_first = 0, run_length = 0
    cdef list runs = []
    cdef list codes = []
    cdef object code
    cdef str pair_code
    cdef long long previous = -1, ident
    while i < n:
        if not _is_letter(text[i], letter_ranges):
            i += 1
            continue
        start = i
        i += 1
        while i < n and _is_letter(text[i], letter_ranges):
            i += 1
        code = vocab.get(text[start:i])
        if code is None:
            ident = -1
        else:
            pair_code = <str>code
            ident = (<long long>(<Py_UCS4>pair_code[0]) - high) * radix + (<long long>(<Py_UCS4>pair_code[1]) - low)
        if ident >= 0 and previous >= 0 and _has_pair(pairs, (<uint64_t>previous << 32) | <uint64_t>ident):
            codes.append(code)
            run_length += 1
        else:
            if run_length >= min_words:
                runs.append((run_first, "".join(codes)))
            if ident >= 0:
                codes = [code]
                run_length = 1
            else:
                codes = []
                run_length = 0
            run_first = words
        previous = ident
        words += 1
    if run_length >= min_words:
        runs.append((run_first, "".join(codes)))
    return runs, words
