# cython: boundscheck=False, wraparound=False
"""The normaliser's compiled kernels (Cython, built by ``make install`` through setup.py; optional: without
them the steps' regular expressions run, which give the same text and maps).

* ``whitespace_edits``: the ``whitespace`` step in one pass (``\\s`` is ``Py_UNICODE_ISSPACE``, asked without a
  call for the letters of most scripts: ``_is_space``).
* ``triple_letter_at``: where the ``elongation`` step's first match can start (a letter three times).
* ``translate``: a ``TranslateStep`` in one pass (1:1 replacements, runs of deletions, expansions).
* ``script_counts``: the letters of a text's beginning, and how many are Arabic and Latin (the language
  guess of ``basira.ingest.documents``).
* ``map_through``: a span mapped through the offset maps of several steps (``basira.normalize.offsets``).
"""

from array import array

cimport cpython.array as c_array  # (the array type read in place: its buffer, no view made)

from cpython.unicode cimport (
    PyUnicode_4BYTE_KIND, PyUnicode_DATA, PyUnicode_FromKindAndData, PyUnicode_KIND, PyUnicode_READ,
    Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE,
)
from libc.stdint cimport uint8_t, uint32_t
from libc.stdlib cimport free, malloc, realloc

# What ``translate`` does with a character (``kinds``; past the BMP, ``astral``).
cdef enum:
    KEEP = 0
    REPLACE = 1
    DELETE = 2
    EXPAND = 3


cdef Py_UCS4* _buffer_from(int kind, void* data, Py_ssize_t copied, Py_ssize_t capacity) except NULL:
    """A new buffer of ``capacity`` characters holding the text's first ``copied`` (the caller frees it)."""
    cdef Py_UCS4* buffer = <Py_UCS4*>malloc(capacity * sizeof(Py_UCS4))
    cdef Py_ssize_t j
    if buffer == NULL:
        raise MemoryError()
    for j in range(copied):
        buffer[j] = PyUnicode_READ(kind, data, j)
    return buffer


cdef inline bint _is_space(Py_UCS4 c) noexcept:
    """``Py_UNICODE_ISSPACE`` without its function call for the letters of most text: between U+0080 and
    U+1680 only U+0085 and U+00A0 are white space (test_normalize_compiled checks every code point)."""
    if c < 0x80 or c >= 0x1680:
        return Py_UNICODE_ISSPACE(c)
    return c == 0x85 or c == 0xA0


def is_space(Py_UCS4 c):
    """``_is_space`` (for the test that compares it with ``str.isspace``)."""
    return _is_space(c)


def whitespace_edits(str text):
    """``None`` when ``text`` has no run of two or more whitespace characters and no whitespace character
    other than a space; else the text with each such run (or character) replaced by one space, and the
    edits' four columns (original start, end; normalised start, end) as ``array("q")``."""
    cdef Py_ssize_t n = len(text), i = 0, j, out = 0
    cdef int kind = PyUnicode_KIND(text)  # the characters read in place
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    while i < n:  # the common case first: nothing to do, nothing allocated
        c = PyUnicode_READ(kind, data, i)
        if _is_space(c) and (
            c != u" " or (i + 1 < n and _is_space(PyUnicode_READ(kind, data, i + 1)))
        ):
            break
        i += 1
    if i == n:
        return None
    cdef Py_UCS4* buffer = _buffer_from(kind, data, i, n)
    o_starts, o_ends, n_starts, n_ends = array("q"), array("q"), array("q"), array("q")
    try:
        out = i
        while i < n:
            c = PyUnicode_READ(kind, data, i)
            if _is_space(c):
                j = i + 1
                while j < n and _is_space(PyUnicode_READ(kind, data, j)):
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
    cdef Py_ssize_t n = len(text), i, k, run = 0
    cdef int kind = PyUnicode_KIND(text)  # the characters read in place, each once
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c, previous = 0
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        run = run + 1 if (i > 0 and c == previous) else 1
        previous = c
        if run >= 3:
            for k in range(0, ranges.shape[0], 2):
                if ranges[k] <= c <= ranges[k + 1]:
                    return i - 2
    return -1


cdef inline int _kind_of(Py_UCS4 c, const uint8_t[::1] kinds, dict astral) except -1:
    if c < 0x10000:
        return kinds[c]
    found = astral.get(<long>c)
    return KEEP if found is None else <int>(<tuple>found)[0]


def translate(str text, const uint8_t[::1] kinds, const uint32_t[::1] singles, dict expansions, dict astral):
    """A ``TranslateStep`` (see there) in one pass: ``None`` when no character changes; else the new text and
    the edits' four columns as ``array("q")`` (``None`` when only 1:1 replacements were made). ``kinds[c]``
    says what happens to a BMP character (``singles[c]``: its replacement), ``expansions[c]`` is an
    expansion's text (its own characters already replaced 1:1), ``astral[c]`` is ``(kind, replacement code
    or None)`` for the characters past the BMP that change."""
    cdef Py_ssize_t n = len(text), i = 0, j, out, k, capacity, length
    cdef int text_kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef int kind
    cdef str expansion
    while i < n:  # the common case first: nothing to do, nothing allocated
        if _kind_of(PyUnicode_READ(text_kind, data, i), kinds, astral) != KEEP:
            break
        i += 1
    if i == n:
        return None
    capacity = n + 64
    cdef Py_UCS4* buffer = _buffer_from(text_kind, data, i, capacity)
    cdef Py_UCS4* grown
    o_starts, o_ends, n_starts, n_ends = array("q"), array("q"), array("q"), array("q")
    try:
        out = i
        while i < n:
            c = PyUnicode_READ(text_kind, data, i)
            kind = _kind_of(c, kinds, astral)
            if kind == KEEP:
                buffer[out] = c
                out += 1
                i += 1
            elif kind == REPLACE:
                buffer[out] = singles[c] if c < 0x10000 else <Py_UCS4>(<long>(<tuple>astral[<long>c])[1])
                out += 1
                i += 1
            elif kind == DELETE:  # a run of deletions is one edit
                j = i + 1
                while j < n and _kind_of(PyUnicode_READ(text_kind, data, j), kinds, astral) == DELETE:
                    j += 1
                o_starts.append(i)
                o_ends.append(j)
                n_starts.append(out)
                n_ends.append(out)
                i = j
            else:
                expansion = <str>expansions[<long>c]
                length = len(expansion)
                if out + length + (n - i) > capacity:
                    capacity = 2 * capacity + length
                    grown = <Py_UCS4*>realloc(buffer, capacity * sizeof(Py_UCS4))
                    if grown == NULL:
                        raise MemoryError()
                    buffer = grown
                for k in range(length):
                    buffer[out + k] = expansion[k]
                o_starts.append(i)
                o_ends.append(i + 1)
                n_starts.append(out)
                n_ends.append(out + length)
                out += length
                i += 1
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out)
        if not o_starts:
            return result, None, None, None, None
        return result, o_starts, o_ends, n_starts, n_ends
    finally:
        free(buffer)


def script_counts(str text, Py_ssize_t limit, const uint8_t[::1] classes):
    """Over ``text[:limit]``: how many characters ``classes`` (over the BMP) marks 4 (letters), 1 (Arabic)
    and 2 (Latin); past the BMP a letter is what ``re``'s ``[^\\W\\d_]`` matches (alphanumeric, not a decimal
    digit), and no character is Arabic or Latin."""
    cdef Py_ssize_t n = min(len(text), limit), i, letters = 0, arabic = 0, latin = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef uint8_t marks
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c < 0x10000:
            marks = classes[c]
            letters += (marks >> 2) & 1
            arabic += marks & 1
            latin += (marks >> 1) & 1
        elif Py_UNICODE_ISALNUM(c) and not Py_UNICODE_ISDECIMAL(c):
            letters += 1
    return letters, arabic, latin


cdef inline Py_ssize_t _bisect_right(const long long* values, Py_ssize_t n, Py_ssize_t x) noexcept:
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


cdef inline Py_ssize_t _mapped(Py_ssize_t p, const long long* from_starts, const long long* from_ends,
                               const long long* to_starts, const long long* to_ends, Py_ssize_t n,
                               bint last) noexcept:
    """Where a span that starts at ``p`` starts (``last``: one that ends with character ``p`` ends): inside an
    edit, at the edit's start (end); else shifted as the last edit before it shifts."""
    cdef Py_ssize_t i = _bisect_right(from_ends, n, p)
    if i < n and from_starts[i] <= p < from_ends[i]:
        return to_ends[i] if last else to_starts[i]
    if i == 0:
        return p + last
    return to_ends[i - 1] + (p - from_ends[i - 1]) + last


def map_through(tuple steps, Py_ssize_t start, Py_ssize_t end):
    """``OffsetMap.to_original``/``to_normalized`` (``basira.normalize.offsets``): ``[start, end)`` mapped through
    ``steps``, each ``(from starts, from ends, to starts, to ends)`` (``array('q')`` columns of one step's
    edits, the side mapped from first), in the order to apply them; widened to whole edits."""
    if end < start and steps:
        raise ValueError(f"span end {end} before start {start}")
    cdef c_array.array fs, fe, ts, te
    cdef const long long* from_starts
    cdef const long long* from_ends
    cdef const long long* to_starts
    cdef const long long* to_ends
    cdef Py_ssize_t n, new_start, new_end
    for step in steps:
        fs, fe, ts, te = <tuple>step
        n = len(fs)
        if n == 0:
            continue  # a step without edits maps every span to itself
        from_starts, from_ends = fs.data.as_longlongs, fe.data.as_longlongs
        to_starts, to_ends = ts.data.as_longlongs, te.data.as_longlongs
        new_start = _mapped(start, from_starts, from_ends, to_starts, to_ends, n, False)
        if end == start:
            start = end = new_start
            continue
        new_end = _mapped(end - 1, from_starts, from_ends, to_starts, to_ends, n, True)
        start, end = new_start, max(new_start, new_end)
    return start, end
