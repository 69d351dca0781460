"""Quotation marks and the stretches of text inside them: the ``quotes`` table.

:func:`find_quotes` pairs quotation marks in one left-to-right pass over the marks, keeping a
small stack of open quotations. The rules:

- **Marks.** Curly ``“ ”`` and ``‘ ’``; straight ``"`` and ``'``; guillemets ``« »`` and
  ``‹ ›``; German low-high ``„ “`` and ``‚ ‘`` (Polish ``„ ”`` too). Curly, low and guillemet
  marks say which way they face; ``“`` also closes an open ``„`` (German) or, after a non-space
  and before a non-letter, an open ``“`` (``“like this“``). Two apostrophes stand for a double
  mark, as in some archives (``''like this''``); three after a non-space, while a single
  quotation is open inside such one, close both (``''We are told, 'it is over,''' he said``).
- **Straight marks** are paired by their surroundings. One opens when preceded by the start of
  the text, white space, an opening bracket, a dash, a slash or another opening mark, and
  followed by a non-space; one closes when preceded by a non-space and followed by white space,
  punctuation or the end. A mark that could do both closes if a matching quotation is open.
- **Apostrophes are not quotation marks.** A single mark (``’ ‘ '``) between two letters or
  digits (``Ukraine’s``, ``we’re``, ``don't``), before a decade (``’90s``), or starting a
  common elision (``rock ’n’ roll``, ``'em``, ``'cause``, ``'til``, ``'tis``, ``'twas``) is an
  apostrophe. A plural possessive (``Jones'``) looks like a closing mark and is ignored when no
  single quotation is open (inside one it closes it early: a known limit).
- **Nesting.** A quotation opened inside another is its own :class:`QuoteSpan` with
  ``depth`` 1 (2 inside that). Marks that would open a fourth level are ignored: real prose
  never nests that deep, and the limit keeps the output linear in the text (a row's ``text`` is
  the inside of its quotation, so unbounded nesting would make the output quadratic).
- **Paragraphs** are separated by a blank line, a paragraph separator (U+2029) or a line break
  followed by an indent, as in :mod:`analysis.segment`. A quotation still open at the end of a
  paragraph goes on if the next paragraph opens with a mark of the same style (the
  multi-paragraph convention: every paragraph opens, only the last one closes); it is then one
  span with ``continued=True``. Otherwise it is *dangling* and ends where its paragraph's text
  ends (trailing white space excluded), with ``close_mark == ""``.
- **Unbalanced marks** never swallow the rest of the article: a dangling quotation ends at its
  paragraph's end, and a dangling quotation nested in a quotation that closes ends just before
  that closing mark. A closing mark with no matching opener is ignored.

Everything runs in time linear in the length of the text (one pass over the paragraphs, one
over the marks, a stack of at most :data:`MAX_DEPTH` entries).

The ``quotes`` table (:data:`analysis.tables.QUOTE_COLUMNS`, built by :func:`article_quotes`):

==================  ========  ==============================================================
column              dtype     meaning
==================  ========  ==============================================================
``article_id``      string    the article
``quote_id``        int64     0, 1, 2, ... within the article, in order of ``start``
``start``, ``end``  int64     span of the quotation in the article text, marks included
``text``            string    the words inside the marks (``text[inner_start:inner_end]``)
``kind``            category  ``direct``, ``partial`` or ``other`` (:func:`quote_kind`)
``n_words``         int64     words in ``text`` (:func:`analysis.text.count_words`)
``sentence_id``     int64     the sentence containing ``start``
``attribution_id``  Int64     the attribution quoting it (NA until attributions exist)
``continued``       bool      the quotation runs over several paragraphs
==================  ========  ==============================================================
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.tables import QUOTE_COLUMNS, conform
from analysis.text import WORD_RE, paragraph_spans

__all__ = [
    "MAX_DEPTH",
    "QuoteSpan",
    "article_quotes",
    "find_quotes",
    "quote_columns",
    "quote_kind",
]

#: Quotations nest at most this many levels (depths 0 to ``MAX_DEPTH - 1``).
MAX_DEPTH = 3

#: Direct quotations are at least this many words long (shorter ones need more evidence).
DIRECT_MIN_WORDS = 4

# Two apostrophes stand for a double quotation mark in some archives (''like this'').
# One character class first (an apostrophe takes the next one with it), so that the engine
# skips straight to the marks instead of trying the pattern at every position: ``''|[...]``.
_MARK = re.compile("[“”‘’\"'«»„‚‹›](?:(?<=')')?")

# The marks that close a quotation opened by each mark.
# Web copy mixes styles (“like this," and "like this”), so a straight double mark closes a
# curly opening one and the other way round.
_CLOSERS = {
    "“": '”“"',
    "„": '“”"',
    '"': '"”',
    "«": "»",
    "‹": "›",
    "‘": "’‘",
    "‚": "‘’",
    "'": "'",
    "''": ("''",),
}
# The marks that open each paragraph after the first of a multi-paragraph quotation.
_CONTINUATIONS = {
    "“": "“",
    "„": "„",
    '"': '"',
    "«": "«»",
    "‹": "‹›",
    "‘": "‘",
    "‚": "‚",
    "'": "'",
    "''": ("''",),
}
_SINGLE_MARKS = frozenset("‘’'")
_STRAIGHT_MARKS = frozenset({'"', "'", "''"})
# Marks that only open or only close; “ and ‘ do both (“ closes „, ‘ closes ‚).
_OPENING_ONLY = frozenset("„‚«‹")
_CLOSING_ONLY = frozenset("”»›’")
_FACING_CLOSERS = frozenset("”»›")
# What may come right before an opening straight mark, besides white space and the start.
_OPEN_CONTEXT = frozenset("([{<‐‑‒–—―-/“‘„‚«‹\"'")
# An apostrophe starting a word: a decade (’90s) or a common elision (rock ’n’ roll, 'em).
_ELISION = re.compile(r"\d\ds\b|(?:n|em|cause|cos|cuz|til|tis|twas)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: where its marks are and how it sits among other quotations.

    ``text[start:end]`` is the quotation with its marks, ``text[inner_start:inner_end]`` the
    words inside them. For a multi-paragraph quotation (``continued``) the inside runs from
    after the first opening mark to before the final closing mark, paragraph breaks and the
    marks opening later paragraphs included. A dangling quotation (no closing mark) has
    ``close_mark == ""`` and ``inner_end == end``.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    continued: bool
    open_mark: str
    close_mark: str
    depth: int

    @property
    def dangling(self) -> bool:
        """Whether the quotation has no closing mark."""
        return not self.close_mark


@dataclass(slots=True)
class _Open:
    """A quotation opened but not yet closed."""

    mark: str
    start: int
    depth: int
    continued: bool = False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _rstrip_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past white space, but not before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, nested ones included, in order of ``start``.

    See the module documentation for the rules. Never raises on unbalanced marks.

    Examples
    --------
    >>> text = "“We saw ‘drones’,” she said. It’s the Joneses' car."
    >>> [(text[q.inner_start:q.inner_end], q.depth) for q in find_quotes(text)]
    [('We saw ‘drones’,', 0), ('drones', 1)]
    >>> text = "He said: “It is over.\\n\\n“We lost.”"
    >>> [(q.start, q.end, q.continued) for q in find_quotes(text)]
    [(9, 33, True)]
    """
    spans: list[QuoteSpan] = []
    stack: list[_Open] = []
    paragraphs = paragraph_spans(text)
    length = len(text)
    skip = -1  # a mark already accounted for (a continuation mark, the second ’ of ’n’)

    def dangle(opened: _Open, end: int) -> None:
        end = max(end, opened.start + 1)
        spans.append(
            QuoteSpan(
                opened.start,
                end,
                opened.start + len(opened.mark),
                end,
                opened.continued,
                opened.mark,
                "",
                opened.depth,
            )
        )

    def close(index: int, position: int, mark: str) -> None:
        """Close stack[index] with ``mark`` at ``position``; what is above it dangles."""
        while len(stack) > index + 1:
            inner = stack.pop()
            dangle(inner, _rstrip_end(text, inner.start + len(inner.mark), position))
        opened = stack.pop()
        spans.append(
            QuoteSpan(
                opened.start,
                position + len(mark),
                opened.start + len(opened.mark),
                position,
                opened.continued,
                opened.mark,
                mark,
                opened.depth,
            )
        )

    for paragraph_index, (paragraph_start, paragraph_end) in enumerate(paragraphs):
        for match in _MARK.finditer(text, paragraph_start, paragraph_end):
            position = match.start()
            if position == skip:
                continue
            mark = match.group()
            before = text[position - 1] if position > 0 else ""
            after = text[match.end()] if match.end() < length else ""
            if (
                mark == "''"
                and after == "'"
                and stack
                and stack[-1].mark == "'"
                and before
                and not before.isspace()
            ):
                # three apostrophes closing a quotation inside a quotation (''We are told,
                # 'Kosovo is special,''' he said): the inner one's mark, then the outer one's
                close(len(stack) - 1, position, "'")
                position, before, skip = position + 1, "'", match.end()
                after = text[position + 2] if position + 2 < length else ""
            if (
                stack
                and before in "\n\r"
                and position > paragraph_start
                and any(mark == m for m in _CONTINUATIONS[stack[0].mark])
                and _closable(stack, mark, before, after) is None
            ):
                # A line that opens with the open quotation's mark, in text whose paragraphs
                # are single lines: the quotation goes on (the multi-paragraph convention).
                while len(stack) > 1:
                    dangle(stack.pop(), _rstrip_end(text, paragraph_start, position))
                stack[0].continued = True
                continue
            if mark in _SINGLE_MARKS:
                if _is_word_char(before) and _is_word_char(after):
                    continue  # Ukraine’s, we’re, don't
                if not _is_word_char(before):
                    elision = _ELISION.match(text, position + 1)
                    if elision:
                        second = position + 2
                        if elision.group() in "nN" and text[second : second + 1] in _SINGLE_MARKS:
                            skip = second  # the second mark of ’n’
                        continue
            index = _closable(stack, mark, before, after)
            if index is not None:
                close(index, position, mark)
            elif len(stack) < MAX_DEPTH and _can_open(mark, before, after):
                stack.append(_Open(mark, position, len(stack)))
        if not stack:
            continue
        following = (
            paragraphs[paragraph_index + 1][0] if paragraph_index + 1 < len(paragraphs) else -1
        )
        if following >= 0 and any(
            text.startswith(mark, following) for mark in _CONTINUATIONS[stack[0].mark]
        ):
            while len(stack) > 1:
                dangle(stack.pop(), paragraph_end)
            stack[0].continued = True
            skip = following
        else:
            while stack:
                dangle(stack.pop(), paragraph_end)
    spans.sort(key=lambda span: span.start)
    return spans


def _closable(stack: list[_Open], mark: str, before: str, after: str) -> int | None:
    """Index in ``stack`` of the quotation that ``mark`` closes, or ``None``.

    Marks that face left (” » ›) close whatever precedes them; every other closing mark needs
    a non-space before it.
    """
    if not stack or mark in _OPENING_ONLY:
        return None
    if mark not in _FACING_CLOSERS and (not before or before.isspace()):
        # A straight mark with white space on both sides ("we disagree, '' he said") cannot
        # open anything, so it closes the open quotation of its kind.
        lone = mark in _STRAIGHT_MARKS and (not after or after.isspace())
        if not (lone and before and stack[-1].mark == mark):
            return None
    for index in range(len(stack) - 1, -1, -1):
        if _closes(stack[index].mark, mark, after):
            return index
    return None


def _closes(opener: str, mark: str, after: str) -> bool:
    if mark not in _CLOSERS[opener]:
        return False
    if mark in _STRAIGHT_MARKS or (mark == opener and mark in "“‘"):
        # Straight marks, and “ or ‘ closing their own kind (“like this“), face both ways:
        # closing, they come before white space, punctuation or the end.
        return not _is_word_char(after)
    return True


def _can_open(mark: str, before: str, after: str) -> bool:
    if mark in _CLOSING_ONLY:
        return False
    if mark in _STRAIGHT_MARKS:
        return (
            (not before or before.isspace() or before in _OPEN_CONTEXT)
            and bool(after)
            and not after.isspace()
        )
    if mark in "‘‚":
        return not _is_word_char(before) and bool(after) and not after.isspace()
    return True  # “ „ « ‹ face one way


# Lower-case words allowed in a title (“War and Peace”, “The Lord of the Rings”).
_TITLE_SMALL_WORDS = frozenset(
    ("a", "an", "the")  # articles
    + ("and", "but", "nor", "or", "vs")  # conjunctions
    + ("as", "at", "by", "for", "from", "in", "into", "of", "on", "per", "to", "upon", "with")
    + ("de", "del", "der", "des", "di", "du", "la", "le", "los", "van", "von")  # name particles
)
# Words that make a few capitalised words a clause (“It is”, “We can”).
_CLAUSE_WORDS = frozenset(
    ("am", "is", "are", "was", "were", "be", "been", "being")
    + ("have", "has", "had", "do", "does", "did")
    + ("will", "would", "shall", "should", "can", "could", "may", "might", "must")
)
_CONTRACTION = re.compile(r"\w[’'](?:s|re|ve|ll|d|m|t)\b", re.IGNORECASE)
_FINAL_PUNCTUATION = re.compile(r"[.!?…,;:\-–—][\s\"'’”»›)\]]*\Z")


def quote_kind(inner_text: str, sentence_text_without_quote: str | None = None) -> str:
    """A first guess at what a quotation is: ``"direct"``, ``"partial"`` or ``"other"``.

    In order:

    1. ``other``: no words, or title case without final punctuation (every word capitalised
       but small words such as *and*, *of*, *the*): titles and nicknames (“War and Peace”).
    2. ``direct``: at least :data:`DIRECT_MIN_WORDS` words, or the quotation is its sentence's
       only words (``sentence_text_without_quote`` has none).
    3. ``direct``: it starts with a capital letter and ends with punctuation inside the marks
       (“No,” she said) or has a clause word (an auxiliary, a modal, a contraction: “It is”).
       A lower-case quotation ending in punctuation is not enough: American style puts commas
       and periods inside the marks of partial quotations (called it “a disgrace.”).
    4. ``partial`` otherwise: a few quoted words inside a sentence (“foreign mercenaries”).

    The attribution step refines this (an unattributed ``partial`` may be a scare quote).

    Examples
    --------
    >>> quote_kind("We will rebuild every house,")
    'direct'
    >>> quote_kind("foreign mercenaries")
    'partial'
    >>> quote_kind("War and Peace")
    'other'
    >>> quote_kind("Never again", sentence_text_without_quote="")
    'direct'
    """
    alone = None
    if sentence_text_without_quote is not None:
        alone = WORD_RE.search(sentence_text_without_quote) is None
    return _kind(inner_text, alone)


def _kind(inner_text: str, alone: bool | None, words: list[str] | None = None) -> str:
    """The kind of a quotation; ``words`` are its words (``WORD_RE``), when already found."""
    if words is None:
        words = WORD_RE.findall(inner_text)
    if not words:
        return "other"
    final_punctuation = _FINAL_PUNCTUATION.search(inner_text) is not None
    capitalised = words[0][0].isupper()
    if not final_punctuation and _is_title(words):
        return "other"
    if len(words) >= DIRECT_MIN_WORDS or alone:
        return "direct"
    if capitalised and (
        final_punctuation
        or any(word.casefold() in _CLAUSE_WORDS for word in words)
        or _CONTRACTION.search(inner_text)
    ):
        return "direct"
    return "partial"


def _is_title(words: list[str]) -> bool:
    first = words[0][0]
    if not (first.isupper() or first.isdigit()):
        return False
    return all(
        word[0].isupper() or word[0].isdigit() or word.casefold() in _TITLE_SMALL_WORDS
        for word in words[1:]
    )


def article_quotes(
    article_id: str,
    text: str,
    sentences: pd.DataFrame,
    spans: Sequence[QuoteSpan] | None = None,
) -> pd.DataFrame:
    """The ``quotes`` rows of one article (see the module documentation for the columns).

    Parameters
    ----------
    article_id
        The article's id, copied to every row.
    text
        The article text exactly as in ``articles.text``.
    sentences
        The article's sentences, with ``start``, ``end`` and ``sentence_id`` columns (rows of
        other articles are left out when there is an ``article_id`` column). Each quotation
        belongs to the sentence containing its opening mark.
    spans
        The article's quotations, when :func:`find_quotes` has already been run on ``text``.

    Examples
    --------
    >>> from analysis.segment import article_sentences
    >>> text = "“We will win,” she said. Critics called it “a fantasy”."
    >>> sentences = article_sentences({"article_id": "a", "text": text, "status": "ok"})
    >>> quotes = article_quotes("a", text, sentences)
    >>> quotes[["quote_id", "text", "kind", "sentence_id"]].values.tolist()
    [[0, 'We will win,', 'direct', 0], [1, 'a fantasy', 'partial', 1]]
    """
    columns = quote_columns(article_id, text, sentences, spans)
    return conform(pd.DataFrame(columns), QUOTE_COLUMNS)


def quote_columns(
    article_id: str,
    text: str,
    sentences: pd.DataFrame | dict[str, list],
    spans: Sequence[QuoteSpan] | None = None,
) -> dict[str, list]:
    """The ``quotes`` rows of one article as column lists (see :func:`article_quotes`)."""
    if spans is None:
        spans = find_quotes(text)
    if isinstance(sentences, pd.DataFrame):
        if "article_id" in sentences.columns:
            sentences = sentences[sentences["article_id"] == article_id]
        sentences = sentences.sort_values("start")
    sentence_starts = [int(v) for v in sentences["start"]]
    sentence_ends = [int(v) for v in sentences["end"]]
    sentence_ids = [int(v) for v in sentences["sentence_id"]]
    word_bounds: dict[int, tuple[int, int]] = {}
    rows: dict[str, list] = {
        name: [] for name in ("start", "end", "text", "kind", "n_words", "sentence_id", "continued")
    }
    for span in spans:
        index = bisect.bisect_right(sentence_starts, span.start) - 1
        if index < 0:
            raise ValueError(
                f"no sentence of article {article_id!r} contains the quotation at "
                f"{span.start}; pass the sentences table of this article "
                "(analysis.split_sentences)"
            )
        if index not in word_bounds:
            word_bounds[index] = _word_bounds(text, sentence_starts[index], sentence_ends[index])
        first_word, last_word = word_bounds[index]
        # Alone in its sentence: no word before the quotation, none after it.
        alone = first_word >= span.start and last_word <= span.end
        inner = text[span.inner_start : span.inner_end]
        words = WORD_RE.findall(inner)  # what count_words counts, found once for both columns
        rows["start"].append(span.start)
        rows["end"].append(span.end)
        rows["text"].append(inner)
        rows["kind"].append(_kind(inner, alone, words))
        rows["n_words"].append(len(words))
        rows["sentence_id"].append(sentence_ids[index])
        rows["continued"].append(span.continued)
    return {
        "article_id": [article_id] * len(spans),
        "quote_id": list(range(len(spans))),
        **rows,
        "attribution_id": [None] * len(spans),
    }


# Every word character is inside a word (WORD_RE), and a word starts and ends with one: so the
# first word starts at the first word character and the last word ends after the last one.
_WORD_CHARACTER = re.compile(r"\w")


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the first word of ``text[start:end]`` starts and its last word ends (``end`` and
    ``start`` when it has no word)."""
    first = _WORD_CHARACTER.search(text, start, end)
    if first is None:
        return end, start
    # Back from the end over the sentence's closing punctuation, usually a character or two
    # (a regex would scan the whole sentence to find its last word character).
    last = end
    while not _is_word_char(text[last - 1]):
        last -= 1
    return first.start(), last
