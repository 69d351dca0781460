"""Small text utilities shared by every table: word counting and common character classes."""

from __future__ import annotations

import re

__all__ = ["WORD_RE", "count_words"]

#: A word: letters or digits, with inner apostrophes, hyphens, periods and commas
#: (``Ukraine's``, ``pro-Russian``, ``U.S``, ``2,187``). Punctuation alone is not a word.
WORD_RE = re.compile(r"\w+(?:[’'\-.,]\w+)*")


def count_words(text: str) -> int:
    """Number of words in ``text`` (see :data:`WORD_RE`).

    Examples
    --------
    >>> count_words("Russia’s defence ministry said up to 180 “foreign mercenaries” died.")
    10
    """
    return sum(1 for _ in WORD_RE.finditer(text))
