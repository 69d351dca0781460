"""The ``attributions`` table (stage 7 of :mod:`analysis.attribution`).

Each attribution as a row of :data:`analysis.tables.ATTRIBUTION_COLUMNS` with its kind
(direct, mixed or indirect), and each quotation linked to the attribution that holds it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import pandas as pd

from analysis.attribution.sentences import SentenceReviser, find_attributions
from analysis.quotes import QuoteSpan
from analysis.segment import body_sentence_spans
from analysis.tables import ATTRIBUTION_COLUMNS, conform
from analysis.text import ContainingSpans


def attribution_kind(pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> str:
    """``direct`` when every content piece is a quotation, ``mixed`` when one holds a
    quotation, else ``indirect``. ``quotes`` are sorted by ``start``."""
    direct, holds_quote = bool(pieces), False
    for start, end in pieces:
        exact = False
        index = bisect.bisect_left(quotes, start, key=lambda quote: quote.start)
        while index < len(quotes) and quotes[index].start < end:
            if quotes[index].end <= end:
                holds_quote = True
                exact = exact or (quotes[index].start, quotes[index].end) == (start, end)
            index += 1
        direct = direct and exact
    if direct:
        return "direct"
    return "mixed" if holds_quote else "indirect"


#: The parts of an article searched for attributions: its body, and its headline, which news
#: writes attributions into too (``Lynch: No outside influence on FBI probe``).
ATTRIBUTION_PARTS = ("title", "body")


def attribution_columns(
    article_id: str,
    text: str,
    sentences: pd.DataFrame | dict[str, list],
    quotes: Sequence[QuoteSpan],
    reviser: SentenceReviser | None = None,
) -> dict[str, list]:
    """The ``attributions`` rows of one article as column lists (its headline and body
    sentences, :data:`ATTRIBUTION_PARTS`), by the rules alone or revised by a trained
    ``reviser`` (:func:`find_attributions`)."""
    spans = body_sentence_spans(sentences, ATTRIBUTION_PARTS)
    columns: dict[str, list] = {name: [] for name in ATTRIBUTION_COLUMNS}
    ordered = sorted(quotes, key=lambda quote: quote.start)
    for number, attribution in enumerate(find_attributions(text, spans, quotes, reviser)):
        pieces = sorted(attribution.content)
        source, cue = attribution.source, attribution.cue
        row = {
            "article_id": article_id,
            "attribution_id": number,
            "sentence_id": attribution.sentence_id,
            "kind": attribution_kind(pieces, ordered),
            "source_start": source[0] if source else None,
            "source_end": source[1] if source else None,
            "source_text": text[source[0] : source[1]] if source else None,
            "source_id": None,
            "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None,
            "cue_text": text[cue[0] : cue[1]] if cue else None,
            "cue_lemma": attribution.cue_lemma,
            "cue_category": attribution.cue_category,
            "content_start": pieces[0][0] if pieces else None,
            "content_end": pieces[-1][1] if pieces else None,
            "content_text": text[pieces[0][0] : pieces[-1][1]] if pieces else None,
            "content_spans": ";".join(f"{s} {e}" for s, e in pieces) if pieces else None,
            "is_floating": attribution.is_floating,
            "via": attribution.via,
        }
        for name, value in row.items():
            columns[name].append(value)
    return columns


def article_attributions(
    article_id: str, text: str, sentences: pd.DataFrame, quotes: Sequence[QuoteSpan]
) -> pd.DataFrame:
    """The ``attributions`` rows of one article (body sentences only)."""
    columns = attribution_columns(article_id, text, sentences, quotes)
    return conform(pd.DataFrame(columns), ATTRIBUTION_COLUMNS)


def link_quotes(quotes: dict[str, list], attributions: dict[str, list]) -> dict[str, list]:
    """Give each quotation the attribution whose content holds it, and settle its kind.

    Both arguments are one article's column lists (:func:`attribution_columns`,
    :func:`analysis.quotes.quote_columns`); the quotes' ``attribution_id`` and ``kind`` are
    updated in place and returned. A quotation that is a whole content piece is ``direct``; one
    inside a content keeps its first guess (a few words are ``partial``); an unattributed
    quotation that is not a clause is ``other`` (a title, a nickname, a scare quote).
    """
    pieces = []
    for attribution_id, spans in zip(
        attributions["attribution_id"], attributions["content_spans"], strict=True
    ):
        if spans:
            for piece in spans.split(";"):
                start, end = map(int, piece.split())
                pieces.append((start, end, (len(pieces), start, end, attribution_id)))
    holders = ContainingSpans(pieces)
    order = sorted(range(len(quotes["start"])), key=lambda i: quotes["start"][i])
    for index in order:
        start, end = quotes["start"][index], quotes["end"][index]
        # The first content piece (in attribution order) that holds the quotation.
        found = min(holders.containing(start, end), default=None)
        owner = None if found is None else found[1:]
        if owner is None:
            if quotes["kind"][index] == "partial":
                quotes["kind"][index] = "other"
        else:
            quotes["attribution_id"][index] = owner[2]
            if (owner[0], owner[1]) == (start, end):
                quotes["kind"][index] = "direct"
    return quotes
