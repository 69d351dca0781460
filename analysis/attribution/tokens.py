"""Tokens and the sentence view (stage 1 of :mod:`analysis.attribution`).

:func:`tokenize` splits a span of the article into word and punctuation tokens with their
offsets (no tagger: none can be downloaded here); ``_Sentence`` holds one sentence's tokens and
answers the rules' questions about the quotations around them.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from functools import cached_property

from analysis.attribution.words import _NOT_ADVERBS, _OPENING_QUOTES
from analysis.quotes import QuoteSpan
from analysis.segment import abbreviation_kind

# Words: letters/digits with inner apostrophes, hyphens, periods and slashes ("CNN/ORC",
# "and/or"); an abbreviation keeps its final period (checked after matching); any other
# character is a token of its own.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., N.Y.
    r"|\w+(?:[’'\-.&/]\w+)*(?:(?<=s)[’'](?=\s\w))?\.?"  # words; plural possessive: Sanders’
    r"|[“”„«»‘’\"']+|\S"
)
# The same tokens with the white space before each: one ``findall`` gives every token and,
# from the lengths, its span (no match object per token).
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN.pattern})")

# How far after a sentence a quotation it introduces may start ("said:\n\n“...”").
_QUOTE_LOOKAHEAD = 200
_INITIAL = re.compile(r"[A-Z]\.")
_CONTRACTION = re.compile(
    r"(?i)(\w+?)(n[’']t)|((?:he|she|it|that|there|who|what|i|we|they|you))([’'](?:s|ve|re|ll|d|m))"
)

# Words a title-case headline may leave in lower case.
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "but", "to", "in", "on", "at", "for", "by", "as", "with"}
)


class Token:
    """A token and its span; ``lower`` is computed once, when the token is made, since the
    rules ask for it many times per token."""

    __slots__ = ("start", "end", "text", "lower")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"


_START = operator.attrgetter("start")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with their spans.

    The tokens are those of :data:`_TOKEN` (with the splits of :func:`_add_word`). No token
    holds white space, so the text is read a run of non-space characters at a time, and the
    commonest runs (a word of letters and digits alone, or followed by one ``,;:?!)``, or by a
    period) are cut without the regular expression; the pattern reads the others.

    Examples
    --------
    >>> tokens = tokenize("He didn’t say, U.S. aides said.")
    >>> [t.text for t in tokens]
    ['He', 'did', 'n’t', 'say', ',', 'U.S.', 'aides', 'said', '.']
    >>> [t.start for t in tokens]
    [0, 3, 6, 10, 13, 15, 20, 26, 30]
    """
    end = len(text) if end is None else min(end, len(text))
    while end > start and text[end - 1].isspace():
        end -= 1  # trailing white space, which no token follows, would be tried at every position
    tokens: list[Token] = []
    append = tokens.append
    span = text[start:end]
    at = 0
    for chunk in span.split():
        at = span.find(chunk, at)
        first = start + at
        at += len(chunk)
        last = start + at
        if chunk.isalnum():  # one \w+ run: one token
            append(Token(first, last, chunk))
            continue
        head = chunk[:-1]
        if head.isalnum():
            tail = chunk[-1]
            if tail in _LONE_ENDS:  # "said," -> said | ,
                append(Token(first, last - 1, head))
                append(Token(last - 1, last, tail))
                continue
            if tail == ".":  # "said." or "Mr.": the word keeps its period, as the pattern does
                _add_word(tokens, first, last, chunk)
                continue
        # Tokens cover every non-space character, so only white space lies between them; the
        # pattern may look two characters past the run (a plural possessive: "Sanders’ plan").
        position = first
        for space, word in _SPACED_TOKEN.findall(text, first, min(last + 2, end)):
            token_start = position + len(space)
            if token_start >= last:
                break
            position = token_start + len(word)
            _add_word(tokens, token_start, position, word)
    return tokens


#: Characters that, after a word of letters and digits, the pattern makes a token of their own.
_LONE_ENDS = frozenset(",;:?!)")


def _add_word(tokens: list[Token], first: int, last: int, word: str) -> None:
    """Append the tokens of one match of :data:`_TOKEN` (``word``, at ``first``): a word's
    final period is a token of its own unless the word is an abbreviation or an initial, and
    a contraction's auxiliary is one too ("He’s", "didn’t")."""
    if (
        word[-1] == "."
        and len(word) > 1
        and word[0].isalnum()
        and abbreviation_kind(word) is None
        and not _INITIAL.fullmatch(word)
    ):
        tokens.append(Token(first, last - 1, word[:-1]))
        tokens.append(Token(last - 1, last, "."))
        return
    contraction = ("’" in word or "'" in word) and _CONTRACTION.fullmatch(word)
    if contraction:
        split = contraction.end(1) if contraction.group(1) else contraction.end(3)
        cut = first + split
        tokens.append(Token(first, cut, word[:split]))
        tokens.append(Token(cut, last, word[split:]))
        return
    tokens.append(Token(first, last, word))


class _Sentence:
    """A sentence's tokens, with what the rules need to know about quotations."""

    def __init__(self, text: str, start: int, end: int, quotes: Sequence[QuoteSpan]):
        self.text = text
        self.start, self.end = start, end
        self.tokens = tokenize(text, start, end)
        self.quotes = quotes

    @cached_property
    def title_case(self) -> bool:
        """A headline in title case: nearly every word but the small ones capitalised."""
        words = [
            t
            for t in self.tokens
            if t.is_word and t.text[:1].isalpha() and t.lower not in _TITLE_SMALL_WORDS
        ]
        return len(words) >= 3 and sum(t.capitalised for t in words) >= 0.8 * len(words)

    def words_between(self, start: int, end: int) -> list[Token]:
        """The word tokens that start in ``[start, end)``."""
        tokens = self.tokens
        first = bisect.bisect_left(tokens, start, key=_START)
        last = bisect.bisect_left(tokens, end, lo=first, key=_START)
        return [token for token in tokens[first:last] if token.is_word]

    def quote_at(self, position: int) -> QuoteSpan | None:
        """The quotation whose inside contains ``position``."""
        for quote in self.quotes:
            if quote.inner_start <= position < quote.inner_end:
                return quote
        return None

    def quote_ending_at(self, position: int) -> QuoteSpan | None:
        for quote in self.quotes:
            if quote.end == position:
                return quote
        return None

    def quote_starting_at(self, position: int) -> QuoteSpan | None:
        for quote in self.quotes:
            if quote.start == position:
                return quote
        return None

    def quote_starting_after(self, position: int) -> QuoteSpan | None:
        """The first quotation starting after ``position`` with only white space between."""
        rest = self.text[position : position + _QUOTE_LOOKAHEAD]
        offset = len(rest) - len(rest.lstrip())
        return self.quote_starting_at(position + offset)


def _introduces_quotation(tokens: Sequence[Token], m: int) -> bool:
    """Whether token ``m`` is a comma or colon right before an opening quotation mark
    (``asked the mayors: “Why ...?”``, ``wrote on Reddit, “...”``)."""
    return (
        tokens[m].text in (",", ":")
        and m + 1 < len(tokens)
        and tokens[m + 1].text[0] in _OPENING_QUOTES
    )


def _in_number(tokens: Sequence[Token], m: int) -> bool:
    """Whether punctuation token ``m`` joins the digits of one number (``2,400``)."""
    return (
        0 < m < len(tokens) - 1
        and tokens[m - 1].end == tokens[m].start
        and tokens[m].end == tokens[m + 1].start
        and tokens[m - 1].text[-1:].isdigit()
        and tokens[m + 1].text[:1].isdigit()
    )


def _is_ly_adverb(token: Token) -> bool:
    word = token.lower
    return (
        len(word) > 4
        and word.endswith("ly")
        and word.isalpha()
        and not token.capitalised
        and word not in _NOT_ADVERBS  # "family", "rally"
    )


def _span(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    return tokens[i].start, tokens[j - 1].end
