# cython: boundscheck=False, wraparound=False
"""The recognisers' compiled kernels (Cython, built by ``make install`` through setup.py; optional: without
them the Python reference code runs, which gives the same results).

``collect_hits`` is ``basira.recognizers.lexicon.reference_collect`` in C: the clitic check around every
automaton hit of the lexicon scan (see there).

``quran_segments`` cuts a normalised text into words of the Quran recogniser's letters (``letter_ranges``),
looks each word up in the muṣḥaf vocabulary (``vocab``: word → two-character code) and keeps only the runs
of consecutive words whose every neighbouring pair occurs inside some key of the n-gram automaton
(``pairs``: sorted ``first id << 32 | second id``). Every n-gram hit lies inside such a run, so running the
automaton over the runs alone finds the same hits; on ordinary prose the runs are a few per document, where
the whole text was one code per word.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM
from libc.stdint cimport uint32_t, uint64_t


def collect_hits(found, str text, list sinks, bint fused, hit):
    """For each ``(last, payload)`` of ``found``, append ``hit(entry, word start, word end, term start, term
    end)`` to ``sinks[index]`` where the word around the key is an allowed prefix + key + allowed suffix.
    A payload is ``(key length, longest prefix, longest suffix, ((entry, prefixes, suffixes), ...))``; with
    ``fused``, a tuple of ``(index, payload)``."""
    cdef Py_ssize_t length = len(text), term_end, term_start, word_start, word_end, stop
    cdef bint allowed
    cdef tuple found_hit, item, payload, check
    cdef object value
    for found_hit in found:
        term_end = <Py_ssize_t>found_hit[0] + 1
        value = found_hit[1]
        for item in (value if fused else ((0, value),)):
            payload = <tuple>item[1]
            term_start = term_end - <Py_ssize_t>payload[0]
            word_start = term_start
            stop = term_start - <Py_ssize_t>payload[1]
            allowed = True
            while word_start > 0 and Py_UNICODE_ISALNUM(text[word_start - 1]):
                if word_start == stop:
                    allowed = False  # a longer prefix than any entry of this key allows
                    break
                word_start -= 1
            if not allowed:
                continue
            word_end = term_end
            stop = term_end + <Py_ssize_t>payload[2]
            while word_end < length and Py_UNICODE_ISALNUM(text[word_end]):
                if word_end == stop:
                    allowed = False
                    break
                word_end += 1
            if not allowed:
                continue
            prefix = text[word_start:term_start]
            suffix = text[term_end:word_end]
            for check in payload[3]:
                if prefix in check[1] and suffix in check[2]:
                    (<list>sinks[<Py_ssize_t>item[0]]).append(hit(check[0], word_start, word_end, term_start, term_end))


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
