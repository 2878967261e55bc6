# cython: boundscheck=False, wraparound=False
"""The normaliser's compiled kernels (Cython, built by ``make install`` through setup.py; optional: without
them the steps' regular expressions run, which give the same text and maps).

* ``whitespace_edits``: the ``whitespace`` step in one pass (``\\s`` is ``Py_UNICODE_ISSPACE``).
* ``triple_letter_at``: where the ``elongation`` step's first match can start (a letter three times).
"""

from array import array

from cpython.unicode cimport PyUnicode_4BYTE_KIND, PyUnicode_FromKindAndData, Py_UNICODE_ISSPACE
from libc.stdint cimport uint32_t
from libc.stdlib cimport free, malloc


def whitespace_edits(str text):
    """``None`` when ``text`` has no run of two or more whitespace characters and no whitespace character
    other than a space; else the text with each such run (or character) replaced by one space, and the
    edits' four columns (original start, end; normalised start, end) as ``array("q")``."""
    cdef Py_ssize_t n = len(text), i = 0, j, out = 0
    cdef Py_UCS4 c
    while i < n:  # the common case first: nothing to do, nothing allocated
        c = text[i]
        if Py_UNICODE_ISSPACE(c) and (c != u" " or (i + 1 < n and Py_UNICODE_ISSPACE(text[i + 1]))):
            break
        i += 1
    if i == n:
        return None
    cdef Py_UCS4* buffer = <Py_UCS4*>malloc(n * sizeof(Py_UCS4))
    if buffer == NULL:
        raise MemoryError()
    o_starts, o_ends, n_starts, n_ends = array("q"), array("q"), array("q"), array("q")
    try:
        for j in range(i):
            buffer[j] = text[j]
        out = i
        while i < n:
            c = text[i]
            if Py_UNICODE_ISSPACE(c):
                j = i + 1
                while j < n and Py_UNICODE_ISSPACE(text[j]):
                    j += 1
                if j - i >= 2 or c != u" ":
                    o_starts.append(i)
                    o_ends.append(j)
                    n_starts.append(out)
                    n_ends.append(out + 1)
                buffer[out] = u" "
                out += 1
                i = j
            else:
                buffer[out] = c
                out += 1
                i += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out), o_starts, o_ends, n_starts, n_ends
    finally:
        free(buffer)


def triple_letter_at(str text, const uint32_t[::1] ranges):
    """The first index where a letter of ``ranges`` (inclusive pairs) stands three times in a row, or -1."""
    cdef Py_ssize_t n = len(text), i, k
    cdef Py_UCS4 c
    for i in range(n - 2):
        c = text[i]
        if c == text[i + 1] and c == text[i + 2]:
            for k in range(0, ranges.shape[0], 2):
                if ranges[k] <= c <= ranges[k + 1]:
                    return i
    return -1
