"""Attributions: who said (or thinks, or claims) what, as source / cue / content spans.

Rule-based, one sentence at a time, over a light tokenisation (no tagger: none can be
downloaded here). A *cue* is a reporting verb or phrase from ``lexicons/reporting_cues.txt``
(with the auxiliaries and adverbs bound to it: ``has said``, ``also said``). Around each cue the
rules recognise the constructions of news writing:

- ``SOURCE CUE CONTENT``: ``Zelenskiy said the delegations ...``, ``told Reuters that ...``,
  colon lead-ins (``Stone said: “...”``), the content running to the end of the sentence, or
  over the whole quotation when it opens one;
- ``CONTENT, SOURCE CUE`` and ``“CONTENT,” SOURCE CUE``, the content being the clause or the
  whole quotation (across sentences) before the comma;
- inverted ``“CONTENT,” CUE SOURCE, APPOSITIVE`` (``said Aliev, a 23-year-old musician``);
- split quotations ``“Part one,” she said, “part two.”``: one attribution, two content pieces;
- ``according to SOURCE`` before or after its content;
- ``SOURCE was quoted by VIA as saying CONTENT`` and ``VIA quoted SOURCE as saying CONTENT``;
- sources with appositives and relative clauses (``Liu Pengyu, spokesperson for ...,``), whose
  trailing comma belongs to the source span;
- ``Asked about X, Liu said ...``: the question is the content of ``Asked``, with no source
  (Liu is the one asked) unless a ``by`` phrase names the asker;
- no source either for a passive cue or a raising one, whose subject joins the content as a
  first piece (``Lee was criticized for X``, ``Clinton is expected to win``, ``it seems``),
  unless it is the one asked or told (``Trump was asked about X``);
- coordinated and participial cues share the subject (``He said ... and added``, ``...,
  adding that``), and a parenthetical ``X said,`` inside its content gives one content of two
  pieces, the report between them left out (``The plan, she said, is doomed``; also with a
  quotation going on in lower case, ``The plan, she said, “is doomed”``, and with a leading
  adverbial as the first piece, ``In the long run, many say, it will fail``);
- a relative pronoun standing before the report is its content's first piece (``which he said
  was needed``, ``what he called a crisis``); ``to`` and the one spoken to after a verb of
  saying is an adjunct, not the content (``“...,” Lee said to reporters``);
- a quotation opening the next sentence of the same paragraph continues a content ending in a
  quotation as a further piece (``“Part one,” she said. “Part two.”``);
- headline and transcript colons (``Lynch: No outside influence``), a digest's name between a
  dash and a colon (``... - Carl Bialik: “...”``) and dash signatures after a quotation
  (``“...” ― Sonya Herridge``);
- a paragraph that is only a quotation, right after a direct quotation by X, is X's
  (``is_floating``).

Spans follow the conventions of the PolNeAR annotation (Newell, Margolin & Ruths 2018): the cue
takes its verb group (``has also said``, ``did not mention``, ``lashed out at``, ``said in a
statement``); a source keeps its appositive or relative clause and the comma closing it; a
content excludes the final period but keeps the marks and the comma inside a quotation. A report
inside another's content is part of that content, never a nested attribution of its own.

Negated or empty reports (``Neither side said what these would cover``) carry no content and are
not attributions.

The rules run in stages, one module each, every module importing only from those above it:

- :mod:`~analysis.attribution.words`: the word classes the rules test tokens against
  (``lexicons/function_words.txt``) and the quotation marks;
- :mod:`~analysis.attribution.tokens`: :class:`Token`, :func:`tokenize` and the sentence view
  the rules read (its tokens and the quotations around it);
- :mod:`~analysis.attribution.cues`: the cue lexicon (:func:`reporting_cues`), matching a cue
  at a token, widening it to its verb group, deciding whether a cue word is used as one, and
  the cheap pre-test that lets a sentence without a possible cue skip the rest;
- :mod:`~analysis.attribution.subjects`: the source of a cue, as a noun phrase left of it
  (``Liu Pengyu, spokesperson for ..., said``) or right of it (``said Aliev, a musician``);
- :mod:`~analysis.attribution.contents`: the content after a cue (to the end of its clause, or
  a quotation), the content before it, and where clauses and quotations end;
- :mod:`~analysis.attribution.constructions`: :class:`Attribution` and the rules per cue
  (``SOURCE CUE CONTENT`` and its inversions, coordinated and participial cues, ``according
  to``, ``quoted as saying``, ``Asked about``), headline colons and dash signatures;
- :mod:`~analysis.attribution.sentences`: a sentence's attributions together (overlapping
  contents cut, nested reports dropped), then the article's across sentences (continued
  quotations, floating paragraphs): :func:`find_attributions`;
- :mod:`~analysis.attribution.table`: the ``attributions`` table's rows
  (:func:`attribution_columns`) and the quotations linked to them (:func:`link_quotes`).
"""

from __future__ import annotations

from analysis.attribution.constructions import Attribution
from analysis.attribution.cues import reporting_cues
from analysis.attribution.sentences import (
    MAX_ATTRIBUTION_CHARS,
    SentenceReviser,
    find_attributions,
)
from analysis.attribution.table import (
    ATTRIBUTION_PARTS,
    article_attributions,
    attribution_columns,
    attribution_kind,
    link_quotes,
)
from analysis.attribution.tokens import Token, tokenize

__all__ = [
    "ATTRIBUTION_METHODS",
    "ATTRIBUTION_PARTS",
    "MAX_ATTRIBUTION_CHARS",
    "Attribution",
    "SentenceReviser",
    "Token",
    "article_attributions",
    "attribution_columns",
    "attribution_kind",
    "find_attributions",
    "link_quotes",
    "reporting_cues",
    "tokenize",
]

#: How the attributions table can be made; the first is the default: ``model``, the rules
#: revised by a trained model (:mod:`analysis.attribution_model`), or ``rules`` alone.
ATTRIBUTION_METHODS = ("model", "rules")
