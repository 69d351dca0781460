"""From cues to an article's attributions (stage 6 of :mod:`analysis.attribution`).

Within a sentence: every cue's attribution, then contents cut where a later report begins and
reports nested inside another's content dropped. Across sentences: quotations that continue a
direct quotation, and floating paragraphs. :func:`find_attributions` runs it all, with an
optional trained layer (:class:`SentenceReviser`) revising each sentence's attributions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

from analysis.attribution.constructions import (
    _RELATIVES,
    Attribution,
    _attribute,
    _colon_attribution,
    _dash_signature,
)
from analysis.attribution.contents import _trim_content
from analysis.attribution.cues import _is_cue_use, _match_cue, _may_attribute, reporting_cues
from analysis.attribution.tokens import _QUOTE_LOOKAHEAD, _START, Token, _Sentence
from analysis.attribution.words import _AUXILIARIES, _CLAUSE_HEADS, _VERB_FORMS
from analysis.quotes import QuoteSpan
from analysis.text import paragraph_spans, strip_span


def _sentence_attributions(sentence: _Sentence, sentence_id: int) -> list[Attribution]:
    tokens = sentence.tokens
    results: list[Attribution] = []
    colon = _colon_attribution(sentence, sentence_id)
    if colon is not None:
        results.append(colon)
    first_words = reporting_cues()
    free = 0  # tokens before this one belong to a cue already used
    # most tokens start no cue: one look-up each, in a comprehension
    for i in [n for n, token in enumerate(tokens) if token.lower in first_words]:
        if i < free:
            continue
        cue = _match_cue(tokens, i)
        if cue is None or not _is_cue_use(sentence, i, cue):
            continue
        attribution = _attribute(sentence, sentence_id, i, cue, results)
        if attribution is not None:
            results.append(attribution)
            free = i + len(cue.words)
    if len(results) < 2:
        return results  # what follows relates attributions: most sentences have one or none
    _cut_overlaps(sentence, results)
    _cut_before_new_clauses(sentence, results)
    _cut_adjuncts(sentence, results)
    _cut_at_subject_end(sentence, results)
    # An attribution inside another's content ("He said China found X") is part of what the
    # outer source reports, not a report of the reporter's: annotation schemes such as
    # PolNeAR's never nest them, and neither does this table.
    nested = _nested_in_another(results)
    return [attribution for n, attribution in enumerate(results) if n not in nested]


def _nested_in_another(results: Sequence[Attribution]) -> set[int]:
    """Indexes of the attributions whose cue lies inside a content piece of another one.

    The content pieces are sorted by start and, for each prefix of them, the two furthest ends
    of two different attributions are kept: a cue is inside another's piece exactly when one
    of those two, among the pieces starting at or before the cue, is another's and reaches
    past it. A run-on sentence with a hundred attributions is not compared pair by pair.
    """
    pieces = sorted((start, end, n) for n, a in enumerate(results) for start, end in a.content)
    starts = [start for start, _, _ in pieces]
    furthest: list[tuple[tuple[int, int], ...]] = []  # (end, owner), at most two owners
    top: tuple[tuple[int, int], ...] = ()
    for _, end, owner in pieces:
        candidates = sorted({*top, (end, owner)}, reverse=True)
        kept = candidates[:1]
        kept += [c for c in candidates[1:] if c[1] != kept[0][1]][:1]
        top = tuple(kept)
        furthest.append(top)
    nested = set()
    for n, attribution in enumerate(results):
        if attribution.cue is None:
            continue
        cue_start, cue_end = attribution.cue
        k = bisect.bisect_right(starts, cue_start) - 1
        if k >= 0 and any(end >= cue_end and owner != n for end, owner in furthest[k]):
            nested.add(n)
    return nested


# What may join a new clause (with its own source and cue) to the content before it: a comma,
# semicolon or dash, a conjunction, or both.
_CLAUSE_JOINT = re.compile(
    r"(?:[,;—–]\s*(?:and|but|while|with)?|\s--?\s*(?:and|but|while)?|\s(?:and|but|while))\s*$"
)


# What may open a subordinate clause with its own source and cue inside another's content
# ("denouncing the regime after Trump said ...", "in an interview in which he said ...").
_SUBORDINATE_JOINT = re.compile(
    r"(?<![\w’'])(?:after|before|when|because|since|until|whereas|(?:in|of|to|during) which)\s+$",
    re.IGNORECASE,
)


def _holds_a_finite_clause(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the text from ``start`` to ``end`` holds a clause (a subject pronoun, a frequent
    verb form or auxiliary, ``that`` or a question word, an infinitive's ``to``), not only a
    noun phrase: ``said he recoiled when ...`` against ``denouncing the regime after ...``."""
    first = bisect.bisect_left(tokens, start, key=_START)
    for token in tokens[first:]:
        if token.start >= end:
            return False
        if token.lower in _CLAUSE_WORDS:
            return True
    return False


_CLAUSE_WORDS = (
    frozenset({"i", "you", "he", "she", "it", "we", "they", "to"})
    | _VERB_FORMS
    | _AUXILIARIES
    | _CLAUSE_HEADS
)


def _cut_before_new_clauses(sentence: _Sentence, results: Sequence[Attribution]) -> None:
    """``Not only did she find the gesture appropriate, Woods concluded that ...``: a content
    stops at the comma before a later clause with its own source and cue."""
    text = sentence.text
    for inner in results:
        if inner.source is None or inner.cue is None or not inner.content:
            continue
        if inner.content[0][0] < inner.cue[0]:
            continue  # its content comes first: handled by _cut_overlaps
        before = text[max(0, inner.source[0] - 12) : inner.source[0]]
        joint = _CLAUSE_JOINT.search(before)
        subordinate = joint is None and _SUBORDINATE_JOINT.search(before)
        if joint is not None or subordinate:
            comma = inner.source[0] - len(before) + (joint or subordinate).start()
        elif text[inner.source[0] : inner.source[1]].lower() in ("who", "which"):
            # "..., compared with 64 percent who say ...": a relative clause's report starts
            # at the comma before its antecedent
            comma = text.rfind(",", max(0, inner.source[0] - 40), inner.source[0])
            if comma < 0:
                continue
        else:
            continue
        for outer in results:
            if outer is inner or not outer.content or outer.cue is None:
                continue
            if outer.cue[0] > inner.cue[0]:
                continue  # "In Chicago, organizers added ..., the Tribune reported": the later
                # report's content holds the clause (whose own report nests in it)
            start, end = outer.content[-1]
            if start < comma < end and end >= inner.cue[1]:
                if subordinate and _holds_a_finite_clause(sentence.tokens, start, comma):
                    continue  # "said he recoiled when Trump began ...": one report's content
                cut = _trim_content(text, start, comma)
                if cut:
                    outer.content[-1] = cut
            elif (
                len(outer.content) > 1
                and comma < start <= inner.source[0] < end
                and joint is not None
                and any(ch.isalpha() for ch in joint.group())
            ):
                # "X was insured, records show, and experts say ...": the piece after a
                # report set between commas is the new clause itself
                outer.content.pop()


def _cut_adjuncts(sentence: _Sentence, results: Sequence[Attribution]) -> None:
    """``Durbin, noting the size of his following, said ...``: a report set off by commas
    between a subject and that subject's own cue (the next one) ends at the comma before it."""
    text = sentence.text
    ordered = sorted((a for a in results if a.cue is not None), key=lambda a: a.cue)
    # the few attributions before each one, so that a run-on sentence stays linear
    pairs = ((ordered[m], main) for n, main in enumerate(ordered) for m in range(max(0, n - 4), n))
    for adjunct, main in pairs:
        if main.source is None or not adjunct.content:
            continue
        start, end = adjunct.content[-1]
        if not (main.source[1] <= adjunct.cue[0] and start < main.cue[0] < end):
            continue
        low = max(start, main.cue[0] - 8)
        comma = _comma_before(text, low, main.cue[0])
        before = text[low : main.cue[0]].rstrip()
        if comma is None and _QUOTED_COMMA.search(before):
            comma = low + len(before)  # a quotation keeps its comma: "citing “the magic,” said"
        if comma is not None and _comma_before(text, adjunct.cue[0] - 8, adjunct.cue[0]):
            cut = _trim_content(text, start, comma)
            if cut:
                adjunct.content[-1] = cut


def _cut_at_subject_end(sentence: _Sentence, results: Sequence[Attribution]) -> None:
    """``Humphrey, who calls Trump a “sociopath,” said ...``: a report inside another's source
    (its relative clause or appositive) ends where that source ends."""
    ordered = sorted((a for a in results if a.cue is not None), key=lambda a: a.cue)
    cue_starts = [a.cue[0] for a in ordered]
    for main in results:
        if main.source is None or main.cue is None or main.source[1] > main.cue[0]:
            continue
        source_start, source_end = main.source
        if not sentence.text[source_start:source_end].rstrip("”’\"'").endswith(","):
            continue  # only a subject closed by its appositive's comma ("Ann Lee, who ...,")
        first = bisect.bisect_left(cue_starts, source_start)
        last = bisect.bisect_left(cue_starts, source_end)
        for inner in ordered[first:last]:
            if inner is main or not inner.content:
                continue
            start, end = inner.content[-1]
            if start < source_end < end:
                cut = _trim_content(sentence.text, start, source_end)
                if cut:
                    inner.content[-1] = cut


#: A comma inside the quotation mark that closes a text ("... “the magic,”", "''magic,''").
_QUOTED_COMMA = re.compile(r",(?:''|[”’\"'])$")


def _comma_before(text: str, low: int, position: int) -> int | None:
    """Where the comma is that ``text[low:position]`` ends with, white space aside."""
    before = text[max(0, low) : position].rstrip()
    return max(0, low) + len(before) - 1 if before.endswith(",") else None


#: A content's first piece that is only a relative pronoun ("which he said was needed").
_RELATIVE_PIECES = _RELATIVES | {"that"}


def _cut_overlaps(sentence: _Sentence, results: Sequence[Attribution]) -> None:
    """``X also discussed Y, the State Department said``: a content does not run on into a
    later attribution whose content comes first; it stops where that content stops. And
    ``China did not object, Lee said``: a cue inside that first content, whose own content is
    the later source and cue, has none (it is nested in the later attribution)."""
    for later in results:
        if not later.content or later.cue is None or later.content[0][1] > later.cue[0]:
            continue  # only attributions whose content precedes their cue
        first_start, boundary = later.content[0]
        if len(later.content) > 1 and sentence.text[first_start:boundary].lower() == "what":
            # "... fine the firm for what she sees as gouging": a free relative is part of
            # the earlier content, which is not cut before it
            continue
        if (
            len(later.content) > 1
            and sentence.text[first_start:boundary].lower() in _RELATIVE_PIECES
        ):
            boundary = first_start  # "a wall, which he said ...": before the relative pronoun
        for other in results:
            if other is later or not other.content or other.cue is None:
                continue
            start, end = other.content[-1]
            if start < boundary < end and other.cue[0] < boundary:
                cut = _trim_content(sentence.text, start, boundary)
                if cut:
                    other.content[-1] = cut
            elif (
                first_start <= other.cue[0]
                and other.cue[1] <= boundary <= start
                and start <= later.cue[0] < end
            ):
                other.content = []


class SentenceReviser(Protocol):
    """What :func:`find_attributions` asks of a trained layer over the rules (the model in
    :mod:`analysis.attribution_model`): whether a sentence the rules skip may still hold an
    attribution, and the sentence's final attributions given the rules' own."""

    def may_hold(self, lowered: str) -> bool: ...

    def revise(
        self, sentence: _Sentence, sentence_id: int, found: list[Attribution]
    ) -> list[Attribution]: ...


def find_attributions(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    quotes: Sequence[QuoteSpan],
    reviser: SentenceReviser | None = None,
) -> list[Attribution]:
    """Attributions of one article.

    Parameters
    ----------
    text
        The article text.
    sentences
        ``(sentence_id, start, end)`` of the body sentences, in order.
    quotes
        The article's quotations (:func:`analysis.quotes.find_quotes`).
    reviser
        A trained layer that revises each sentence's attributions (``None``: the rules alone).
        Quotations continued over later sentences and floating attributions are then found
        from its attributions, as from the rules'.
    """
    found: list[Attribution] = []
    # Each sentence sees only the quotations near it (a sweep over both in text order), so
    # that the per-token quotation look-ups do not grow with the article's quotations.
    ordered = sorted(quotes, key=lambda q: q.start)
    upcoming, nearby = 0, []
    for sentence_id, start, end in sentences:
        while upcoming < len(ordered) and ordered[upcoming].start <= end + _QUOTE_LOOKAHEAD:
            nearby.append(ordered[upcoming])
            upcoming += 1
        nearby = [q for q in nearby if q.end >= start - 3]
        for piece_start, piece_end in _windows(text, start, end):
            if _may_attribute(text, piece_start, piece_end, nearby):
                sentence = _Sentence(text, piece_start, piece_end, nearby)
                results = _sentence_attributions(sentence, sentence_id)
                dash = _dash_signature(sentence, sentence_id)
                if dash is not None:
                    results.append(dash)
            elif reviser is not None and reviser.may_hold(text[piece_start:piece_end].lower()):
                sentence, results = _Sentence(text, piece_start, piece_end, nearby), []
            else:
                continue
            if reviser is not None:
                results = reviser.revise(sentence, sentence_id, results)
            for attribution in results:
                if attribution.source is not None:
                    attribution.source = _known_without_relative(sentence, attribution)
            found.extend(results)
    _continue_quotations(text, sentences, quotes, found)
    found.extend(_floating(text, sentences, quotes, found))
    found.sort(key=lambda a: (a.sentence_id, a.cue[0] if a.cue else a.content[0][0]))
    return found


def _known_without_relative(sentence: _Sentence, attribution: Attribution) -> tuple[int, int]:
    """``Sanders, who has made X a rallying cry, said ...``: the relative clause after a name
    the article has already used is an aside, not part of the source (PolNeAR's reading in 59
    of 92 such sources in training; at a name's first mention, which the clause introduces, it
    is part of it in 41 of 52). The source as it is otherwise."""
    start, end = attribution.source
    if attribution.cue is None or end > attribution.cue[0]:
        return start, end
    tokens = sentence.tokens
    first = bisect.bisect_left(tokens, start, key=_START)
    last = bisect.bisect_left(tokens, end, lo=first, key=_START)
    if last - first < 4 or tokens[last - 1].text != ",":
        return start, end
    comma = next((k for k in range(first + 1, last - 1) if tokens[k].text == ","), None)
    if comma is None or tokens[comma + 1].lower != "who" or not tokens[comma - 1].capitalised:
        return start, end
    name = re.compile(rf"(?<![\w’']){re.escape(tokens[comma - 1].text)}(?![\w’'])")
    # the text before, as far back as a long article runs: a document of many such sources
    # stays linear
    if name.search(sentence.text, max(0, start - _NAME_LOOKBACK), start) is None:
        return start, end
    return start, tokens[comma - 1].end


#: How far back (characters) a name is looked for as already used (a long news article).
_NAME_LOOKBACK = 20_000


#: A "sentence" longer than this (text without full stops, a dump) is read in windows of at
#: most this many characters, cut after a comma, semicolon or space: the rules compare cues
#: with the tokens around them, which would grow with the square of such a sentence's length.
#: Real sentences are far shorter (the longest of 2,225 BBC articles has 1,063 characters).
MAX_ATTRIBUTION_CHARS = 2_000

_WINDOW_CUT = re.compile(r"[,;]\s|\s")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of a sentence for attribution: the sentence itself, or windows
    of at most :data:`MAX_ATTRIBUTION_CHARS` characters for an overlong one."""
    if end - start <= MAX_ATTRIBUTION_CHARS:
        return [(start, end)]
    windows = []
    while end - start > MAX_ATTRIBUTION_CHARS:
        limit = start + MAX_ATTRIBUTION_CHARS
        cuts = list(_WINDOW_CUT.finditer(text, start + MAX_ATTRIBUTION_CHARS // 2, limit))
        punctuation = [m for m in cuts if m.group()[0] in ",;"]
        cut = (punctuation or cuts)[-1].end() if cuts else limit
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return [strip_span(text, s, e) for s, e in windows if text[s:e].strip()]


def _continue_quotations(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    quotes: Sequence[QuoteSpan],
    found: Sequence[Attribution],
) -> None:
    """``“Part one,” she said. “Part two.”``: quotations that open the next sentences of the
    same paragraph continue a content that ends in a quotation (``Prices are “too high,” she
    said. “...”`` too); they become further pieces of its content."""
    paragraph_starts = [start for start, _ in paragraph_spans(text)]
    quote_at_start = {q.start: q for q in quotes if q.depth == 0}
    quote_ends = {q.end for q in quotes}
    covered = {piece for a in found for piece in a.content}
    cued_sentences = {a.sentence_id for a in found}
    order = {sentence_id: n for n, (sentence_id, _, _) in enumerate(sentences)}
    for attribution in found:
        if not attribution.content or attribution.content[-1][1] not in quote_ends:
            continue
        n = order[attribution.sentence_id]
        paragraph = bisect.bisect_right(paragraph_starts, sentences[n][1]) - 1
        last_end = attribution.content[-1][1]
        while n + 1 < len(sentences):
            sentence_id, start, end = sentences[n + 1]
            quote = quote_at_start.get(start)
            same_paragraph = bisect.bisect_right(paragraph_starts, start) - 1 == paragraph
            if (
                quote is None
                or not same_paragraph
                or sentence_id in cued_sentences
                or (quote.start, quote.end) in covered
                or quote.start < last_end
            ):
                break
            attribution.content.append((quote.start, quote.end))
            covered.add((quote.start, quote.end))
            last_end = quote.end
            # a quotation may run over several sentences: go on after its last one
            while n + 1 < len(sentences) and sentences[n + 1][1] < quote.end:
                n += 1


def _floating(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    quotes: Sequence[QuoteSpan],
    found: Sequence[Attribution],
) -> list[Attribution]:
    """A paragraph that is only a quotation, right after a direct quotation by X, is X's."""
    paragraphs = paragraph_spans(text)
    starts = [start for start, _ in paragraphs]
    sentence_of = {start: sentence_id for sentence_id, start, _ in sentences}
    quote_bounds = {(q.start, q.end) for q in quotes}
    by_paragraph: dict[int, Attribution] = {}  # the last quoting attribution of a paragraph
    for attribution in found:
        end = attribution.content[-1][1] if attribution.content else None
        if end is not None and any(piece in quote_bounds for piece in attribution.content):
            index = bisect.bisect_right(starts, end - 1) - 1
            by_paragraph[index] = attribution
    covered = [piece for a in found for piece in a.content]
    floating: list[Attribution] = []
    for quote in quotes:
        if quote.depth or quote.start not in sentence_of:
            continue
        index = bisect.bisect_right(starts, quote.start) - 1
        if paragraphs[index] != (quote.start, quote.end) or index == 0:
            continue  # not a paragraph that is only a quotation
        if any(s <= quote.start and quote.end <= e for s, e in covered):
            continue
        previous = by_paragraph.get(index - 1)
        if previous is None or previous.source is None:
            continue
        attribution = Attribution(
            sentence_id=sentence_of[quote.start],
            cue=None,
            cue_lemma=None,
            cue_category=None,
            source=previous.source,
            content=[(quote.start, quote.end)],
            is_floating=True,
            via=previous.via,
        )
        floating.append(attribution)
        by_paragraph[index] = attribution  # a run of quotation paragraphs stays X's
    return floating
