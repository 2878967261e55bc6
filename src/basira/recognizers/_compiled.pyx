# cython: boundscheck=False, wraparound=False
"""The recognisers' compiled kernels (Cython, built by ``make install`` through setup.py; optional: without
them the Python reference code runs, which gives the same results).

``collect_hits`` is ``basira.recognizers.lexicon.reference_collect`` in C: the clitic check around every
automaton hit of the lexicon scan (see there).

``KeyAutomaton`` is the fused lexicon scan's Aho-Corasick automaton (pyahocorasick's hits, in its order) as a
dense table, whose ``scan_collect`` runs the same clitic check on each hit as it is found.

``has_separated_letters`` answers ``SEPARATED_LETTERS.search(text) is not None`` (see ``basira.recognizers.lexicon``)
in one pass over the characters.

``phrase_hits`` is ``basira.recognizers.violence.PhraseBook.reference_hits``'s loops (see there).

``url_candidate_at`` is where a URL may start to be looked for (see ``basira.recognizers.urls``).

``digit_run_starts`` is where each run of ``\\d`` (``Py_UNICODE_ISDECIMAL``, as ``re``) starts.

``quran_segments`` cuts a normalised text into words of the Quran recogniser's letters (``letter_ranges``),
looks each word up in the muṣḥaf vocabulary (``vocab_table``: no string is made per word) and keeps only the runs
of consecutive words whose every neighbouring pair occurs inside some key of the n-gram automaton
(``pairs``: sorted ``first id << 32 | second id``). Every n-gram hit lies inside such a run, so running the
automaton over the runs alone finds the same hits; on ordinary prose the runs are a few per document, where
the whole text was one code per word.
"""

import numpy as np

from cpython.unicode cimport (
    PyUnicode_4BYTE_KIND, PyUnicode_DATA, PyUnicode_FromKindAndData, PyUnicode_KIND, PyUnicode_READ,
    Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL,
)
from libc.stdint cimport int32_t, int64_t, uint8_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc


def collect_hits(found, str text, list sinks, bint fused, hit):
    """For each ``(last, payload)`` of ``found``, append ``hit(entry, word start, word end, term start, term
    end)`` to ``sinks[index]`` where the word around the key is an allowed prefix + key + allowed suffix.
    A payload is ``(key length, longest prefix, longest suffix, ((entry, prefixes, suffixes), ...))``; with
    ``fused``, a tuple of ``(index, payload)``. ``hit`` is a named tuple type, made as ``tuple.__new__(hit,
    fields)`` (what its own ``__new__`` does, without that Python call: 69k a pass over news-ar)."""
    cdef Py_ssize_t length = len(text)
    cdef tuple found_hit
    for found_hit in found:
        _collect_one(text, length, <Py_ssize_t>found_hit[0] + 1, found_hit[1], fused, sinks, hit)


cdef int _collect_one(str text, Py_ssize_t length, Py_ssize_t term_end, object value, bint fused, list sinks,
                      object hit) except -1:
    """``collect_hits`` for one automaton hit: the key's ``value`` ending before ``term_end``."""
    cdef Py_ssize_t term_start, word_start, word_end, stop
    cdef bint allowed
    cdef tuple item, payload, check
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
                (<list>sinks[<Py_ssize_t>item[0]]).append(
                    tuple.__new__(hit, (check[0], word_start, word_end, term_start, term_end)))
    return 0


cdef inline Py_ssize_t _class_of(Py_UCS4 ch, const uint8_t[::1] classes, dict astral) except -1:
    if ch < 0x10000:
        return classes[ch]
    return <Py_ssize_t>astral.get(ch, 0)  # (a C conditional with the dict's answer made every class an object)


cdef Py_ssize_t _common_prefix(str a, str b):
    cdef Py_ssize_t i = 0, n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    return i


cdef class KeyAutomaton:
    """An Aho-Corasick automaton over a list of keys as a dense table (state x character class -> state), for
    ``scan_collect``: the same hits, in the same order, as pyahocorasick's ``iter`` over the same keys (at one
    end position the longest key first), without a Python tuple per raw hit or a child search per character.

    Character classes: one per distinct character of the keys (code points below 0x10000 through a table,
    others through a dict), class 0 for every other character, which leads back to the root from anywhere."""

    cdef readonly dict astral
    cdef readonly Py_ssize_t n_states, n_classes, n_keys
    cdef const uint8_t[::1] classes
    cdef const int32_t[::1] delta, key_at, next_output

    def __init__(self, list keys):
        cdef dict astral = {}
        classes_np = np.zeros(0x10000, dtype=np.uint8)
        cdef uint8_t[::1] classes = classes_np
        cdef Py_ssize_t n_classes = 1, k, c
        cdef str key
        cdef Py_UCS4 ch
        for key in keys:
            if not key:
                raise ValueError("an automaton key is empty")
            for ch in key:
                if (classes[ch] != 0) if ch < 0x10000 else (ch in astral):
                    continue
                if n_classes == 256:  # a class is one byte
                    raise ValueError("the automaton's keys have more than 255 distinct characters")
                if ch < 0x10000:
                    classes[ch] = n_classes
                else:
                    astral[ch] = n_classes
                n_classes += 1
        # the trie, in a table as wide as the alphabet (-1: no child yet), one row per distinct key prefix: in
        # sorted order, what a key does not share with the one before it
        cdef Py_ssize_t states = 1, state
        cdef str previous = ""
        for key in sorted(keys):
            states += len(key) - _common_prefix(key, previous)
            previous = key
        trie_np = np.full((states, n_classes), -1, dtype=np.int32)
        cdef int32_t[:, ::1] trie = trie_np
        key_at_np = np.full(states, -1, dtype=np.int32)
        cdef int32_t[::1] key_at = key_at_np
        cdef Py_ssize_t made = 1
        for k in range(len(keys)):
            state = 0
            for ch in <str>keys[k]:
                c = _class_of(ch, classes, astral)
                if trie[state, c] < 0:
                    trie[state, c] = made
                    made += 1
                state = trie[state, c]
            if key_at[state] < 0:
                key_at[state] = k  # a repeated key keeps its first index
        # breadth first: failure links, the missing transitions filled from them, and the output chains
        fail_np = np.zeros(states, dtype=np.int32)
        cdef int32_t[::1] fail = fail_np
        next_output_np = np.full(states, -1, dtype=np.int32)
        cdef int32_t[::1] next_output = next_output_np
        queue_np = np.empty(states, dtype=np.int32)
        cdef int32_t[::1] queue = queue_np
        cdef Py_ssize_t head = 0, tail = 0, child, link
        for c in range(n_classes):
            child = trie[0, c]
            if child < 0:
                trie[0, c] = 0
            else:
                fail[child] = 0
                queue[tail] = child
                tail += 1
        while head < tail:
            state = queue[head]
            head += 1
            link = fail[state]
            # the longest proper suffix state that ends a key: where this state's outputs continue
            next_output[state] = link if key_at[link] >= 0 else next_output[link]
            for c in range(n_classes):
                child = trie[state, c]
                if child < 0:
                    trie[state, c] = trie[link, c]
                else:
                    fail[child] = trie[link, c]
                    queue[tail] = child
                    tail += 1
        self.astral = astral
        self.classes = classes_np  # (the views keep their arrays alive)
        self.delta = trie_np.reshape(-1)
        self.key_at = key_at_np
        self.next_output = next_output_np
        self.n_states, self.n_classes, self.n_keys = states, n_classes, len(keys)

    def iter(self, str text):
        """``(last index, key index)`` of every key occurrence, as pyahocorasick's ``iter`` gives them (for
        tests; ``scan_collect`` is the hot path)."""
        cdef list out = []
        cdef Py_ssize_t i, state = 0, at, n = len(text), width = self.n_classes
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef Py_UCS4 ch
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            state = self.delta[state * width + _class_of(ch, self.classes, self.astral)]
            at = state if self.key_at[state] >= 0 else self.next_output[state]
            while at >= 0:
                out.append((i, self.key_at[at]))
                at = self.next_output[at]
        return out

    def scan_collect(self, str text, list payloads, list sinks, bint fused, hit):
        """``collect_hits`` over this automaton's hits in ``text``, ``payloads[key index]`` the value of
        each key."""
        cdef Py_ssize_t i, state = 0, at, n = len(text), width = self.n_classes
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef const uint8_t[::1] classes = self.classes
        cdef const int32_t[::1] delta = self.delta, key_at = self.key_at, next_output = self.next_output
        cdef dict astral = self.astral
        cdef Py_UCS4 ch
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            state = delta[state * width + _class_of(ch, classes, astral)]
            at = state if key_at[state] >= 0 else next_output[state]
            while at >= 0:
                _collect_one(text, n, i + 1, payloads[key_at[at]], fused, sinks, hit)
                at = next_output[at]


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


cdef uint64_t FNV_OFFSET = 14695981039346656037ULL
cdef uint64_t FNV_PRIME = 1099511628211ULL


cdef inline uint64_t _slot(uint64_t h, uint64_t mask) noexcept:
    return ((h >> 32) ^ h) & mask


def vocab_table(dict vocab, int high, int low, int radix):
    """The vocabulary (word → two-character code) as arrays ``quran_segments`` reads without making a
    string per word: the words' code points end to end, where each starts (and one past the last), each
    word's number, and an open-addressing table of word indices (-1: empty) by FNV-1a hash of the code
    points."""
    cdef Py_ssize_t count = len(vocab), total = 0, k, j, n
    cdef str word, code
    for word in vocab:
        total += len(word)
    chars_np = np.empty(total, dtype=np.uint32)
    starts_np = np.empty(count + 1, dtype=np.int64)
    ids_np = np.empty(count, dtype=np.int64)
    cdef Py_ssize_t size = 1
    while size < 2 * count + 2:
        size <<= 1
    slots_np = np.full(size, -1, dtype=np.int64)
    cdef uint32_t[::1] chars = chars_np
    cdef int64_t[::1] starts = starts_np
    cdef int64_t[::1] ids = ids_np
    cdef int64_t[::1] slots = slots_np
    cdef uint64_t h, mask = size - 1, slot
    cdef Py_ssize_t at = 0
    k = 0
    for word, code in vocab.items():
        starts[k] = at
        h = FNV_OFFSET
        n = len(word)
        for j in range(n):
            chars[at + j] = word[j]
            h = (h ^ <uint64_t>word[j]) * FNV_PRIME
        at += n
        ids[k] = (<int64_t>(<Py_UCS4>code[0]) - high) * radix + (<int64_t>(<Py_UCS4>code[1]) - low)
        slot = _slot(h, mask)
        while slots[slot] >= 0:
            slot = (slot + 1) & mask
        slots[slot] = k
        k += 1
    starts[count] = at
    return chars_np, starts_np, ids_np, slots_np


cdef inline int64_t _word_id(int kind, void* data, Py_ssize_t start, Py_ssize_t end, uint64_t h,
                             const uint32_t[::1] chars, const int64_t[::1] starts, const int64_t[::1] ids,
                             const int64_t[::1] slots) noexcept:
    """The number of the word ``text[start:end]`` (hash ``h``), -1 when the vocabulary does not have it."""
    cdef uint64_t mask = slots.shape[0] - 1
    cdef uint64_t slot = _slot(h, mask)
    cdef int64_t entry
    cdef Py_ssize_t j, first, length = end - start
    while True:
        entry = slots[slot]
        if entry < 0:
            return -1
        first = starts[entry]
        if starts[entry + 1] - first == length:
            for j in range(length):
                if chars[first + j] != <uint32_t>PyUnicode_READ(kind, data, start + j):
                    break
            else:
                return ids[entry]
        slot = (slot + 1) & mask


cdef str _codes(const int64_t[::1] word_ids, Py_ssize_t first, Py_ssize_t count, int high, int low, int radix):
    cdef Py_UCS4* buffer = <Py_UCS4*>malloc(2 * count * sizeof(Py_UCS4))
    if buffer == NULL:
        raise MemoryError()
    cdef Py_ssize_t k
    try:
        for k in range(count):
            buffer[2 * k] = <Py_UCS4>(high + word_ids[first + k] // radix)
            buffer[2 * k + 1] = <Py_UCS4>(low + word_ids[first + k] % radix)
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, 2 * count)
    finally:
        free(buffer)


def quran_segments(str text, tuple table, const uint64_t[::1] pairs, const uint32_t[::1] letter_ranges,
                   int high, int low, int radix, int min_words):
    """``([(index of the run's first word, its codes joined), ...], number of words)`` for the runs of at
    least ``min_words`` words; ``table`` is ``vocab_table(vocab, high, low, radix)``, and a code is
    ``chr(high + id // radix) + chr(low + id % radix)``: the codes ``vocab`` gives the words."""
    cdef const uint32_t[::1] chars = table[0]
    cdef const int64_t[::1] starts = table[1]
    cdef const int64_t[::1] ids = table[2]
    cdef const int64_t[::1] slots = table[3]
    cdef Py_ssize_t n = len(text), i = 0, start, words = 0, run_first = 0, run_length = 0
    cdef list runs = []
    cdef int64_t previous = -1, ident
    cdef uint64_t h
    cdef Py_UCS4 c
    word_ids_np = np.empty(n // 2 + 1, dtype=np.int64)  # a word is at least one letter and one separator
    cdef int64_t[::1] word_ids = word_ids_np
    cdef int kind = PyUnicode_KIND(text)  # the characters read in place
    cdef void* data = PyUnicode_DATA(text)
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if not _is_letter(c, letter_ranges):
            i += 1
            continue
        start = i
        h = FNV_OFFSET
        while True:
            h = (h ^ <uint64_t>c) * FNV_PRIME
            i += 1
            if i >= n:
                break
            c = PyUnicode_READ(kind, data, i)
            if not _is_letter(c, letter_ranges):
                break
        ident = _word_id(kind, data, start, i, h, chars, starts, ids, slots)
        word_ids[words] = ident
        if ident >= 0 and previous >= 0 and _has_pair(pairs, (<uint64_t>previous << 32) | <uint64_t>ident):
            run_length += 1
        else:
            if run_length >= min_words:
                runs.append((run_first, _codes(word_ids, run_first, run_length, high, low, radix)))
            run_first = words
            run_length = 1 if ident >= 0 else 0
        previous = ident
        words += 1
    if run_length >= min_words:
        runs.append((run_first, _codes(word_ids, run_first, run_length, high, low, radix)))
    return runs, words


cdef inline bint _re_word(Py_UCS4 c) noexcept:
    return Py_UNICODE_ISALNUM(c) or c == u"_"  # ``\\w`` of ``re``


cdef inline bint _re_letter(Py_UCS4 c) noexcept:
    return Py_UNICODE_ISALNUM(c) and not Py_UNICODE_ISDECIMAL(c)  # ``[^\\W\\d_]`` of ``re``


cdef inline bint _separator(Py_UCS4 c) noexcept:
    if c > u"_":
        return c == u"\u00b7" or c == u"\u2022"  # letters of most scripts: two comparisons
    return c == u" " or c == u"." or c == u"*" or c == u"_" or c == u"-"


cdef inline Py_ssize_t _next_single_letter(int kind, void* data, Py_ssize_t n, Py_ssize_t at,
                                           Py_ssize_t separators) noexcept:
    """From a letter at ``at``: the position of ``separators`` separators then a letter that ends its word,
    or -1."""
    cdef Py_ssize_t j, letter = at + separators + 1
    if letter >= n:
        return -1
    for j in range(at + 1, letter):
        if not _separator(PyUnicode_READ(kind, data, j)):
            return -1
    if not _re_letter(PyUnicode_READ(kind, data, letter)) or (
        letter + 1 < n and _re_word(PyUnicode_READ(kind, data, letter + 1))
    ):
        return -1
    return letter


def has_separated_letters(str text):
    """Whether ``(?<!\\w)[^\\W\\d_](?:[ .·•*_\\-]{1,2}[^\\W\\d_](?!\\w)){2,}`` matches somewhere: a letter
    not after a word character, then two steps of one or two separators and a letter that ends its word (a
    match of more steps holds one of two)."""
    cdef Py_ssize_t n = len(text), i, first, second
    cdef int kind = PyUnicode_KIND(text)  # the characters read in place: no check or call per character
    cdef void* data = PyUnicode_DATA(text)
    for i in range(n - 4):  # a match is at least five characters
        if not _separator(PyUnicode_READ(kind, data, i + 1)) or not _re_letter(PyUnicode_READ(kind, data, i)) or (
            i > 0 and _re_word(PyUnicode_READ(kind, data, i - 1))
        ):
            continue
        for first in range(1, 3):
            second = _next_single_letter(kind, data, n, i, first)
            if second >= 0 and (_next_single_letter(kind, data, n, second, 1) >= 0
                                or _next_single_letter(kind, data, n, second, 2) >= 0):
                return True
    return False


cdef inline bint _ascii_lower_or_digit(Py_UCS4 c) noexcept:
    return (u"0" <= c <= u"9") or (u"a" <= c <= u"z")


def url_candidate_at(str text):
    """Where ``[a-z0-9]\\.[a-z0-9]|://`` first matches in ``text`` (``re``'s search), -1 if nowhere."""
    cdef Py_ssize_t n = len(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 middle
    for i in range(n - 2):
        middle = PyUnicode_READ(kind, data, i + 1)
        if middle == u".":
            if _ascii_lower_or_digit(PyUnicode_READ(kind, data, i)) and _ascii_lower_or_digit(
                PyUnicode_READ(kind, data, i + 2)
            ):
                return i
        elif middle == u"/" and PyUnicode_READ(kind, data, i) == u":" and PyUnicode_READ(kind, data, i + 2) == u"/":
            return i
    return -1


def digit_run_starts(str text):
    """``[m.start() for m in re.finditer(r"\\d+", text)]``."""
    cdef Py_ssize_t n = len(text), i
    cdef bint previous = False, digit
    cdef list out = []
    for i in range(n):
        digit = Py_UNICODE_ISDECIMAL(text[i])
        if digit and not previous:
            out.append(i)
        previous = digit
    return out


cdef enum:
    MAX_WINDOW_WORDS = 64  # the most words flags_before reads (its spans live on the C stack)


cdef inline long _flags_of(str word, dict flags, classify, Py_ssize_t kept) except? -1:
    """``words._flags_of``: ``flags[word]``, else ``classify(word)`` kept (``flags`` cleared at ``kept`` words)."""
    value = flags.get(word)
    if value is None:
        value = classify(word)
        if len(flags) >= kept:
            flags.clear()
        flags[word] = value
    return <long>value


cdef class CharClass:
    """A character class as these kernels read it: ``table[c]`` (uint8, over the BMP) says whether a character
    is in it, ``astral(code)`` whether one past the BMP is."""

    cdef const uint8_t[::1] table
    cdef object astral

    def __init__(self, const uint8_t[::1] table, astral):
        if table.shape[0] != 0x10000:
            raise ValueError("the table must cover the BMP: 65,536 entries")
        self.table = table
        self.astral = astral

    cdef inline bint has(self, Py_UCS4 c) except -1:
        if c < 0x10000:
            return self.table[c] != 0
        return bool(self.astral(<long>c))

    cdef inline Py_ssize_t _run_before(self, int kind, void* data, Py_ssize_t i, Py_ssize_t lo,
                                       Py_ssize_t* start) except -2:
        """The end of the last run of the class in ``text[lo:i]`` (its start into ``start``), or -1."""
        while i > lo and not self.has(PyUnicode_READ(kind, data, i - 1)):
            i -= 1
        if i <= lo:
            return -1
        cdef Py_ssize_t stop = i
        while i > lo and self.has(PyUnicode_READ(kind, data, i - 1)):
            i -= 1
        start[0] = i
        return stop

    def spans_before(self, str text, Py_ssize_t lo, Py_ssize_t end, Py_ssize_t count):
        """The spans of the last ``count`` runs of the class in ``text[lo:end]``, nearest first (what a reversed
        search of the run pattern finds there)."""
        cdef list out = []
        cdef Py_ssize_t i = min(end, len(text)), start = 0, stop
        cdef int kind = PyUnicode_KIND(text)  # the characters read in place
        cdef void* data = PyUnicode_DATA(text)
        lo = max(lo, 0)
        while len(out) < count:
            stop = self._run_before(kind, data, i, lo, &start)
            if stop < 0:
                break
            out.append((start, stop))
            i = start
        return out

    def flags_before(self, str text, Py_ssize_t lo, Py_ssize_t end, Py_ssize_t count, Py_ssize_t near,
                     dict flags, classify, Py_ssize_t kept):
        """``words.reference_flags_before``: the union of the flags of the last ``count`` whole words of
        ``text[lo:end]`` and that of the nearest ``near`` of them, no string made but the words'."""
        cdef Py_ssize_t starts[MAX_WINDOW_WORDS + 1]
        cdef Py_ssize_t ends[MAX_WINDOW_WORDS + 1]
        cdef Py_ssize_t i = min(end, len(text)), stop, found = 0, k
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef long every = 0, nearest = 0, value
        if count > MAX_WINDOW_WORDS:
            raise ValueError(f"at most {MAX_WINDOW_WORDS} words")
        lo = max(lo, 0)
        while found < count + 1:  # one more: is the window's first word among them?
            stop = self._run_before(kind, data, i, lo, &starts[found])
            if stop < 0:
                break
            ends[found] = stop
            i = starts[found]
            found += 1
        if found and starts[found - 1] == lo and lo > 0 and Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, lo - 1)):
            found -= 1  # the window's start cuts that word
        for k in range(min(found, count)):
            value = _flags_of(text[starts[k]:ends[k]], flags, classify, kept)
            every |= value
            if k < near:
                nearest |= value
        return every, nearest

    def flags_after(self, str text, Py_ssize_t start, Py_ssize_t limit, Py_ssize_t count, dict flags, classify,
                    Py_ssize_t kept):
        """``words.reference_flags_after``: the union of the flags of the first ``count`` words of
        ``text[start:limit]``."""
        cdef long every = 0
        for first, stop in self.spans_after(text, start, limit, count):
            every |= _flags_of(text[first:stop], flags, classify, kept)
        return every

    cdef inline Py_ssize_t _run_after(self, int kind, void* data, Py_ssize_t i, Py_ssize_t limit,
                                      Py_ssize_t* first) except -2:
        """The end of the first run of the class in ``text[i:limit]`` (its start into ``first``), or -1."""
        while i < limit and not self.has(PyUnicode_READ(kind, data, i)):
            i += 1
        if i >= limit:
            return -1
        first[0] = i
        while i < limit and self.has(PyUnicode_READ(kind, data, i)):
            i += 1
        return i

    def spans_after(self, str text, Py_ssize_t start, Py_ssize_t limit, Py_ssize_t count):
        """The spans of the first ``count`` runs of the class in ``text[start:limit]``, in order."""
        cdef list out = []
        cdef Py_ssize_t i = max(start, 0), first = 0
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        limit = min(limit, len(text))
        while len(out) < count:
            i = self._run_after(kind, data, i, limit, &first)
            if i < 0:
                break
            out.append((first, i))
        return out

    def count_after(self, str text, Py_ssize_t start, Py_ssize_t limit, Py_ssize_t count):
        """``len(spans_after(text, start, limit, count))``, no span made."""
        cdef Py_ssize_t i = max(start, 0), first = 0, found = 0
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        limit = min(limit, len(text))
        while found < count:
            i = self._run_after(kind, data, i, limit, &first)
            if i < 0:
                break
            found += 1
        return found


cdef object _phrase_hit(str text, object hit_found, object cls, object hit, object slow_hit):
    """``PhraseBook._hit`` where the clitics are letters (or none) and a clitic-less word is its term; the rest
    (separators in the clitics, the compact view) goes to ``slow_hit``."""
    cdef tuple lh = <tuple>hit_found  # a LexiconHit: a named tuple, read as the tuple it is
    entry = lh[0]
    cdef Py_ssize_t start = lh[1], end = lh[2], term_start = lh[3], term_end = lh[4]
    cdef str term = entry.term
    cdef str prefix, suffix, word
    if term_start == start and term_end == end and " " not in term:
        word = text[start:end]
        if word == term and word.isalnum():
            return tuple.__new__(hit, (cls, start, end, entry, "", ""))
        return slow_hit(text, hit_found, cls)
    prefix = text[start:term_start]
    suffix = text[term_end:end]
    if (not prefix or prefix.isalnum()) and (not suffix or suffix.isalnum()):
        return tuple.__new__(hit, (cls, start, end, entry, prefix, suffix))
    return slow_hit(text, hit_found, cls)


def phrase_hits(str text, list raw, dict info, wanted, vetoed, hit, slow_hit):
    """The loops of ``PhraseBook.reference_hits``: the matcher's hits ``raw`` grouped by class
    (``info[id(entry)]`` is ``(class, next veto, previous veto, window)``), the classes ``wanted(present)``
    names (all when ``wanted`` is None) vetted (``vetoed(text, hit, next, previous, window)``, asked only when a
    veto is set) and made ``hit``s once per span (a named tuple type, made as in ``collect_hits``); unsorted lists
    by class, classes in order of first hit."""
    cdef dict raw_by_class = {}, by_class = {}
    cdef list group, hits
    cdef set seen
    cdef tuple entry_info, key
    for lh in raw:  # LexiconHits: named tuples, read as the tuples they are
        cls = (<tuple>info[id((<tuple>lh)[0])])[0]
        group = raw_by_class.get(cls)
        if group is None:
            raw_by_class[cls] = [lh]
        else:
            group.append(lh)
    chosen = None if wanted is None else wanted(set(raw_by_class))
    for cls, group in raw_by_class.items():
        if chosen is not None and cls not in chosen:
            continue
        hits = []
        seen = set()
        for lh in group:
            key = ((<tuple>lh)[1], (<tuple>lh)[2])  # a hit's span is its lexicon hit's: made only once kept
            if key in seen:
                continue
            entry_info = <tuple>info[id((<tuple>lh)[0])]
            if (entry_info[1] is not None or entry_info[2] is not None) and vetoed(
                text, lh, entry_info[1], entry_info[2], entry_info[3]
            ):
                continue
            seen.add(key)
            hits.append(_phrase_hit(text, lh, cls, hit, slow_hit))
        if hits:
            by_class[cls] = hits
    return by_class

