"""Small text utilities shared by every table: word counting and common character classes."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ContainingSpans",
    "LINE_BREAK",
    "PARAGRAPH_BREAK",
    "WORD_RE",
    "count_words",
    "paragraph_breaks",
    "paragraph_spans",
    "strip_span",
]

#: A line break of any convention (Unix, Windows, old Mac, and Unicode line separators).
#: The group is atomic: a Windows ``\r\n`` is one line break, never an old-Mac ``\r`` followed
#: by a Unix ``\n`` (which would make every line of Windows text a paragraph of its own).
LINE_BREAK = r"(?>\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028])"

# Every character a paragraph break can start with: a line break or a paragraph separator.
_BREAK_START = r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"

#: A paragraph break: a blank line (two line breaks with only spaces between), a paragraph
#: separator, or a line break followed by an indent (old wire copy). Every alternative starts
#: with a line break, so matching stays linear on long runs of spaces.
#: The leading look-ahead (the characters every alternative starts with) changes nothing that
#: matches and makes ``finditer`` faster; :func:`paragraph_breaks`, which searches for those
#: characters first, is faster still.
PARAGRAPH_BREAK = re.compile(
    rf"(?={_BREAK_START})"
    rf"(?:{LINE_BREAK}(?:[ \t]*{LINE_BREAK})+|\u2029+|{LINE_BREAK}(?=\t|[ ]{{2,}}\S))"
)
_NON_SPACE = re.compile(r"\S")
_BREAK_CHARACTER = re.compile(_BREAK_START)

#: A word: letters or digits, with inner apostrophes, hyphens, periods and commas
#: (``Ukraine's``, ``pro-Russian``, ``U.S``, ``2,187``). Punctuation alone is not a word.
#: The quantifiers are possessive (``++``, ``*+``): giving characters back could never make
#: a longer word, and not keeping the positions to do so makes counting a sixth faster.
WORD_RE = re.compile(r"\w++(?:[’'\-.,]\w++)*+")


#: :data:`WORD_RE` for ASCII text, encoded: there ``\w`` is ``[A-Za-z0-9_]`` either way.
_ASCII_WORD_RE = re.compile(rb"\w++(?:['\-.,]\w++)*+")

#: An ASCII text's shape for :func:`_count_ascii_words`: each word character (``[A-Za-z0-9_]``)
#: becomes ``a``, each joining character (``'-.,``) ``.``, anything else a space.
_WORD_SHAPE = bytes(
    ord("a")
    if chr(byte).isascii() and (chr(byte).isalnum() or byte == ord("_"))
    else ord(".")
    if chr(byte) in "'-.,"
    else ord(" ")
    for byte in range(256)
)


def _count_ascii_words(data: bytes) -> int:
    """``len(_ASCII_WORD_RE.findall(data))`` in a few passes of bytes methods, not the regex
    engine's per-character work (several times faster).

    A word is a run of word characters, extended over every joining character that stands
    alone between two runs (``U.S``, ``2,187``, ``pro-Russian``). So the words are the runs
    (in the shape, an ``a`` after a space, after a ``.`` or at the start) less the lone
    joints (``a.a``; counted with every ``a`` doubled, so that joints on both sides of a
    one-letter run, ``a.a.a``, do not overlap).
    """
    shape = data.translate(_WORD_SHAPE)
    runs = shape.count(b" a") + shape.count(b".a") + (shape[:1] == b"a")
    if b"a.a" not in shape:
        return runs  # no lone joint: most sentences, spared the doubled copy
    return runs - shape.replace(b"a", b"aa").count(b"a.a")


def count_words(text: str) -> int:
    """Number of words in ``text`` (see :data:`WORD_RE`).

    Examples
    --------
    >>> count_words("Russia’s defence ministry said up to 180 “foreign mercenaries” died.")
    10
    >>> count_words("U.S. officials said 2,187 pro-Russian fighters' arms were seized.")
    9
    """
    if text.isascii():
        return _count_ascii_words(text.encode("ascii"))
    return len(WORD_RE.findall(text))


def paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """The spans of the paragraph breaks of ``text``: ``PARAGRAPH_BREAK.finditer(text)``, found
    twice as fast.

    ``re`` would try the pattern (its look-ahead) at every position of the text; here it skips
    to each character a break can start with and tries the pattern there, resuming after a
    break as ``finditer`` does.

    Examples
    --------
    >>> paragraph_breaks("One.\\n\\nTwo.\\nStill two.\\r\\n\\r\\nThree.")
    [(4, 6), (21, 25)]
    """
    return list(_paragraph_breaks(text))


@lru_cache(maxsize=8)
def _paragraph_breaks(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: the segmenter and the paragraph spans (below) both need an article's breaks.
    spans = []
    position = 0
    while found := _BREAK_CHARACTER.search(text, position):
        match = PARAGRAPH_BREAK.match(text, found.start())
        if match:
            spans.append(match.span())
            position = match.end()
        else:
            position = found.start() + 1
    return tuple(spans)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``, stripped of white space; blank ones left out.

    Examples
    --------
    >>> text = "One.\\n\\n  Two.\\nStill two.\\n\\n\\n"
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['One.', 'Two.\\nStill two.']
    """
    return list(_paragraph_spans(text))


@lru_cache(maxsize=8)
def _paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: several stages of one article ask for its paragraphs (quotes, attributions,
    # metadata); a few entries cover an article's text and the windows metadata looks at.
    spans = []
    start = 0
    for break_start, break_end in _paragraph_breaks(text):
        spans.append((start, break_start))
        start = break_end
    spans.append((start, len(text)))
    stripped = []
    for start, end in spans:
        first = _NON_SPACE.search(text, start, end)
        if first is None:
            continue
        last = end
        while text[last - 1].isspace():
            last -= 1
        stripped.append((first.start(), last))
    return tuple(stripped)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past white space (``start == end`` when nothing is left).

    Examples
    --------
    >>> strip_span("  said  ", 0, 8)
    (2, 6)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class ContainingSpans:
    """Which of many spans contain a query span, for queries asked in text order.

    ``spans`` are ``(start, end, key)`` tuples in any order. Queries must come with
    non-decreasing ``start``; a sweep keeps only the spans that could still contain a query, so
    an article's look-ups stay linear in its size (an article of a thousand reported sentences
    would otherwise compare every quotation with every content piece).

    Examples
    --------
    >>> spans = ContainingSpans([(0, 10, "a"), (2, 5, "b"), (20, 30, "c")])
    >>> spans.containing(3, 4), spans.containing(6, 8), spans.containing(12, 13)
    (['a', 'b'], ['a'], [])
    """

    def __init__(self, spans):
        self._spans = sorted(spans, key=lambda span: span[0])
        self._next = 0
        self._active: list = []
        self._last = -1

    def containing(self, start: int, end: int) -> list:
        """Keys of the spans that contain ``start:end``, by start (ties: in the given order)."""
        if start < self._last:
            raise ValueError("ContainingSpans queries must come in text order (by start)")
        self._last = start
        while self._next < len(self._spans) and self._spans[self._next][0] <= start:
            self._active.append(self._spans[self._next])
            self._next += 1
        if self._active and any(span[1] <= start for span in self._active):
            self._active = [span for span in self._active if span[1] > start]
        return [key for s, e, key in self._active if s <= start and end <= e]
