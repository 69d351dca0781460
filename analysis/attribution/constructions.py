"""Constructions: the rules per cue (stage 5 of :mod:`analysis.attribution`).

:class:`Attribution` is what they find. :func:`_attribute` recognises the constructions around
one cue (``SOURCE CUE CONTENT``, ``CONTENT, SOURCE CUE``, inverted ``“...,” said SOURCE``,
coordinated and participial cues, split quotations) and hands the special cues to their own
rules (``according to``, ``quoted as saying``, ``Asked about``); headline colons and dash
signatures need no cue word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from analysis.attribution.contents import (
    _after_lead_adverbial,
    _clause_start,
    _content_after,
    _content_before,
    _ends_clause,
    _is_content_end,
    _parenthetical_rest,
    _quotation_before,
    _skip_lead_in,
    _skip_trailer,
    _split_quote_piece,
    _trim_content,
)
from analysis.attribution.cues import (
    _DASH_CHARACTERS,
    _as_follows,
    _as_reported_by,
    _Cue,
    _cue_extent,
    _in_verb_group,
    _reporting_forms,
)
from analysis.attribution.subjects import (
    _is_participle,
    _looks_like_verb,
    _sentence_subject,
    _subject_left,
    _subject_right,
)
from analysis.attribution.tokens import (
    Token,
    _introduces_quotation,
    _Sentence,
    _span,
)
from analysis.attribution.words import (
    _ARTICLES,
    _AS_TAKING,
    _AUXILIARIES,
    _CLAUSE_HEADS,
    _CLOSING_QUOTES,
    _DASHES,
    _EXPERIENCERS,
    _LABELS,
    _NEEDS_CLAUSE,
    _NEGATIONS,
    _NEGATIVE_SOURCES,
    _NOUN_LIKE_CUES,
    _OBJECT_TAKING,
    _OPENING_QUOTES,
    _PASSIVE_RAISING,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUESTION_TAKING,
    _RAISING,
    _ROLE_NOUNS,
    _TIME_WORDS,
    _VERB_FORMS,
    _WH_WORDS,
)
from analysis.lexicon import load_lexicon

_SUBJECT_PRONOUNS = _PRONOUNS - {"it", "you"}  # "it" and "you" are as often objects
_CONJUNCTIONS = frozenset({"and", "but", "yet", "so"})

# What may stand right before a participial cue whose subject is the main clause's.
_PARTICIPLE_LEADS = frozenset(
    {",", "-", "--", "—", "–", "by", "after", "before", "while", "in", "without", "when", "and"}
)


@dataclass
class Attribution:
    """One attribution found in a sentence; spans index the article text."""

    sentence_id: int
    cue: tuple[int, int] | None
    cue_lemma: str | None
    cue_category: str | None
    source: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    is_floating: bool = False
    via: str | None = None


@cache
def _news_agencies() -> frozenset[str]:
    return frozenset(entry.casefold() for entry in load_lexicon("news_agencies"))


_DASH = re.compile(f"[{re.escape(''.join(sorted(_DASH_CHARACTERS)))}]")


def _dash_signature(sentence: _Sentence, sentence_id: int) -> Attribution | None:
    """``“Quote.” ― Sonya Herridge``: a dash and a name right after a quotation (pull quotes,
    vox pops, letters) attribute the quotation to the name."""
    if not sentence.quotes or not _DASH.search(sentence.text, sentence.start, sentence.end):
        return None  # no quotation nearby, or no dash: no need to look at every token
    tokens = sentence.tokens
    for m, token in enumerate(tokens):
        if token.text not in _DASHES:
            continue
        before = sentence.text[: token.start].rstrip()
        quote = sentence.quote_ending_at(len(before))
        if quote is None or quote.depth:
            continue
        source = _subject_right(tokens, m + 1)
        if source is None or not tokens[m + 1].capitalised:
            continue
        rest = tokens[source[1] :]
        if any(t.is_word for t in rest[:1]) and rest[0].text not in (",", "."):
            continue
        end = source[1]  # the name only: "― Michelle Marks, Philadelphia."
        return Attribution(
            sentence_id=sentence_id,
            cue=(token.start, token.end),
            cue_lemma="―",
            cue_category="neutral",
            source=_span(tokens, m + 1, end),
            content=[(quote.start, quote.end)],
        )
    return None


def _colon_attribution(sentence: _Sentence, sentence_id: int) -> Attribution | None:
    """``Lynch: No outside influence on FBI probe``, ``FALLIN: Well, I think ...``: a short
    name (headline or transcript style) and a colon at the start of a sentence; or after a
    dash, before a quotation (a digest's ``... - Carl Bialik: “One of the biggest ...”``)."""
    tokens = sentence.tokens
    if not tokens or ":" not in sentence.text[sentence.start : tokens[min(len(tokens), 7) - 1].end]:
        return _dashed_colon_attribution(sentence, sentence_id)
    colon = next((m for m in range(min(len(tokens), 7)) if tokens[m].text == ":"), None)
    if colon is None or colon == 0 or colon + 2 >= len(tokens):
        return None
    if sentence.quote_at(tokens[colon].start) or sentence.quote_at(tokens[0].start):
        return None  # "Classic Clinton: optimistic" inside someone's quotation
    head = tokens[:colon]
    if (
        not all(
            t.capitalised or t.lower in ("and", "of", "&", "'s", "’s", ".") or t.text in ("'", "’")
            for t in head
        )
        or not head[-1].is_word
    ):
        return None
    if any(t.lower in _reporting_forms() for t in head) and not (
        len(head) == 1 and head[0].lower in _NOUN_LIKE_CUES
    ):
        return None  # "Trump said: ..." is the cue's own construction; but "Report: ..."
    first = head[1] if len(head) > 1 and head[0].lower in _ARTICLES else head[0]
    if first.lower in _LABELS:
        return None  # "The Latest:", "Correction:", "Q:": headings (not "Judicial Watch:")
    content = _content_after(sentence, colon + 1)
    if (
        content is None
        or not any(t.text[:1].isalpha() for t in tokens[colon + 1 :])
        or sentence.text.startswith(("http", "www."), content[0][0])
    ):
        return None  # "Hillary Clinton: 1,769.", "Online: http://...": a tally or a link
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, colon, colon + 1),
        cue_lemma=":",
        cue_category="neutral",
        source=_span(tokens, 0, colon),
        content=content,
    )


def _closes_quotation(token: Token) -> bool:
    """A token of closing quotation marks only (``”``, ``''``)."""
    return set(token.text) <= _CLOSING_QUOTES


def _dashed_colon_attribution(sentence: _Sentence, sentence_id: int) -> Attribution | None:
    """``POLLS TOO EARLY - Mark Blumenthal and Jon Cohen: “Although ...”``: a name between a
    dash and a colon that opens a quotation."""
    tokens = sentence.tokens
    if sentence.text.find(":", sentence.start, sentence.end) < 0:
        return None  # most sentences: no copy of the sentence to find that out
    for colon in range(2, len(tokens) - 1):
        if tokens[colon].text != ":":
            continue
        quote = sentence.quote_starting_at(tokens[colon + 1].start)
        if quote is None:
            continue
        dash = next(
            (m for m in range(colon - 1, max(-1, colon - 8), -1) if tokens[m].text in _DASHES),
            None,
        )
        head = tokens[dash + 1 : colon] if dash is not None else []
        if not head or not all(
            t.capitalised or t.lower in ("and", "of", "&") or t.text == "." for t in head
        ):
            continue
        if sentence.quote_at(tokens[colon].start):
            continue
        return Attribution(
            sentence_id=sentence_id,
            cue=_span(tokens, colon, colon + 1),
            cue_lemma=":",
            cue_category="neutral",
            source=_span(tokens, dash + 1, colon),
            content=[(quote.start, quote.end)],
        )
    return None


def _attribute(
    sentence: _Sentence,
    sentence_id: int,
    i: int,
    cue: _Cue,
    earlier: Sequence[Attribution],
    infinitives: bool = False,
) -> Attribution | None:
    """The attribution of the cue at token ``i`` (``earlier``: the sentence's attributions
    before it), or None. With ``infinitives``, a cue after ``to`` reports for the main clause's
    subject (``stood up at the event to say ...``): the trained layer asks that of the words it
    forces; the rules never do (``wanted to say`` is more often no report)."""
    tokens = sentence.tokens
    if cue.words == ("according", "to"):
        return _according_to(sentence, sentence_id, i, cue)
    lead = _as_reported_by(tokens, i)
    if lead is not None:
        # an opening "As reported by X, ..." only: a trailing one would take the whole clause
        # before it, another report's included ("Carson noted ..., as reported by BuzzFeed")
        if lead == 0 or (lead == 1 and tokens[0].lower in ("but", "and")):
            return _according_to(sentence, sentence_id, i, cue, lead)
        return None
    if cue.lemma == "quote":
        return _quoted_as_saying(sentence, sentence_id, i, cue)
    if cue.lemma == "claim" and _death_toll(tokens, i + 1):
        return None  # "the virus has claimed 6,606 lives": a death toll, not a claim
    if (
        tokens[i].lower == "asked"
        and (
            i == 0
            or (  # "When asked ...", "But when asked ..."
                tokens[i - 1].lower == "when"
                and all(t.lower in _CONJUNCTIONS for t in tokens[: i - 1])
            )
        )
    ):
        return _asked_about(sentence, sentence_id, i, cue)
    cue_start, cue_end = _cue_extent(tokens, i, len(cue.words), cue.lemma)
    if tokens[i].lower in _AS_TAKING and not _as_follows(tokens, cue_end):
        return None  # "sales saw a rise": no "see X as Y"
    negated = any(t.lower in _NEGATIONS or t.lower.endswith("n't") for t in tokens[cue_start:i])

    def make(source, content, via=None) -> Attribution:
        return Attribution(
            sentence_id=sentence_id,
            cue=_span(tokens, cue_start, cue_end),
            cue_lemma=cue.lemma,
            cue_category=cue.category,
            source=_span(tokens, *source) if source else None,
            content=content,
            via=via,
        )

    # Adverbs and time phrases between a subject and its cue: "Trump also said", "allies
    # strongly reject", "a poll last week found", "Clinton on Monday said".
    left = cue_start
    while left > 0:
        if _in_verb_group(tokens, left - 1, _AUXILIARIES):
            left -= 1
        elif 0 < _time_phrase_length(tokens, left - 1) < left:
            length = _time_phrase_length(tokens, left - 1)
            if (
                _is_participle(tokens[left - 1 - length])
                and tokens[left - length].lower not in _PREPOSITIONS
            ):
                break  # "A poll released Friday found": the time phrase is the subject's
            left -= length
        else:
            break
    after_cue = cue_end
    via = None
    # speech without a topic ("spoke about X" has one): no report
    bare_speech = cue.lemma in ("speak", "talk") and cue_end == i + len(cue.words)
    if cue.lemma in _OBJECT_TAKING:
        after_cue, via = _skip_object(tokens, cue_end)
    elif cue.lemma in _QUESTION_TAKING:
        after_cue = _skip_addressee(tokens, cue_end)

    # Coordination and participles: "He said ... and added, “...”", "..., adding that ...":
    # the subject is that of the outermost earlier cue whose content reaches this one, else the
    # subject of the sentence.
    coordinated = left > 0 and (
        tokens[left - 1].lower in ("and", "but")
        # "She offered him a job, then said ...": a comma and "then" join the two verbs
        or (tokens[left - 1].text == "," and tokens[left].lower == "then")
    )
    # "..., adding that", "by saying he'd", "- only saying that": a participle whose subject is
    # the main clause's; "he said when asked about X": a passive one.
    participle = tokens[i].lower.endswith("ing") and (
        left == 0
        or tokens[left - 1].text in _PARTICIPLE_LEADS
        # a comma inside a closing quotation mark: "... a “ridiculous proposition,” adding"
        or (left >= 2 and _closes_quotation(tokens[left - 1]) and tokens[left - 2].text == ",")
    )
    when_asked = tokens[i].lower == "asked" and left > 0 and tokens[left - 1].lower == "when"
    # "took to Twitter to declare ...": an infinitive, whose subject is the main clause's
    infinitive = infinitives and left > 0 and tokens[left - 1].lower == "to"
    participle = participle or when_asked or infinitive
    if coordinated and _inner_coordination(sentence, tokens, left - 1, i, cue, earlier):
        return None  # "says he’d sit Putin down and tell him": inside the content
    if coordinated or participle:
        conjunction = tokens[left - 1].start if left else tokens[i].start
        if left and _closes_quotation(tokens[left - 1]):
            conjunction = tokens[left - 1].end  # the quotation closes the content before
        previous = next(
            (a for a in earlier if a.content and a.content[-1][1] > conjunction),
            earlier[-1] if earlier else None,
        )
        for other in earlier:
            if other.content and other.content[-1][0] < conjunction < other.content[-1][1]:
                cut = _trim_content(sentence.text, other.content[-1][0], conjunction)
                if cut:
                    other.content[-1] = cut
        source_span = previous.source if previous is not None else None
        if source_span is None and left > 0:
            main = _sentence_subject(tokens, left - 1)
            source_span = _span(tokens, *main) if main else None
        if bare_speech:
            return None  # "Clinton, speaking to veterans, said ...": no report without "about"
        content = _content_after(sentence, _skip_lead_in(tokens, after_cue))
        if content is None or source_span is None:
            return None
        attribution = make(None, content, via)
        if not when_asked:
            attribution.source = source_span  # "he said when asked about X": he was asked
        return attribution

    subject = _subject_left(tokens, left)
    # "“Who is here?” Sanders said.": the quotation closed the sentence before
    if subject is not None and subject[0] == 0:
        previous_quote = _quotation_before(sentence)
        rest = _skip_trailer(tokens, after_cue)
        if previous_quote is not None and _ends_clause(tokens, rest):
            return make(subject, [(previous_quote.start, previous_quote.end)], via)
    # "“CONTENT,” SOURCE CUE ..." and "CONTENT, SOURCE CUE ..." (not "..., the first time the
    # two men spoke since December": speech without a topic reports nothing)
    # "CONTENT, as SOURCE CUE": "as" between the comma and the source ("He mocked it, as the
    # AP reported.")
    boundary = subject[0] - 1 if subject is not None else -1
    if (
        boundary >= 3
        and tokens[boundary].lower == "as"
        and tokens[boundary - 1].text == ","
        and not _is_passive(tokens, cue_start, i)  # ", as Cosby is attacked in ...": a reason
        and _after_lead_adverbial(sentence) < tokens[boundary - 1].start  # not "However, as"
    ):
        boundary -= 1
    # a bare participle is no finite report: "“...,” said Robin Maynard, half joking."
    bare_participle = cue_start == i and tokens[i].lower.endswith("ing")
    if (
        subject is not None
        and boundary >= 0
        and not bare_speech
        and not bare_participle
        and _is_content_end(sentence, boundary)
    ):
        rest = _skip_trailer(tokens, after_cue)
        if _ends_clause(tokens, rest):
            parenthetical = _parenthetical_rest(sentence, boundary, rest)
            comma = tokens[boundary]
            head_start = _clause_start(sentence, comma.start)
            # "In the long run, many economists say, X": a leading adverbial that the report
            # follows is the first piece of what is reported (train rules: 24 contents right,
            # 9 wrong, mostly connectives, "Still, he said, X", which PolNeAR leaves out about
            # as often as it keeps them)
            lead = (
                _trim_content(sentence.text, sentence.start, comma.start)
                if head_start >= comma.start
                else None
            )
            if parenthetical is not None:
                head = _trim_content(sentence.text, head_start, comma.start) or lead
                if head is not None:
                    # two pieces, the report between them left out (as PolNeAR marks it)
                    return make(subject, [head, (tokens[rest + 1].start, parenthetical)], via)
            content = _content_before(sentence, comma)
            split = _split_quote_piece(sentence, rest)
            # "When X accused her, she said “...”": a quotation right after the cue, or after
            # the one spoken to and a comma ("Lee wrote to her followers, “...”")
            opening = rest
            if rest > after_cue and rest < len(tokens) and tokens[rest].text in ",:":
                opening = rest + 1
            quote_follows = split is not None or (
                (rest == after_cue or tokens[after_cue].lower == "to")
                and opening < len(tokens)
                and sentence.quote_starting_at(tokens[opening].start) is not None
            )
            if (
                (content is not None or lead is not None)
                and quote_follows
                and (content is None or content not in {(q.start, q.end) for q in sentence.quotes})
            ):
                head = content or lead
                if (
                    split is not None
                    and head is not None
                    and comma.text == ","
                    and subject[1] == cue_start  # "Ann, she said, “...”", not "she sent X saying"
                    and sentence.text[split[0] : split[1]].lstrip("“\"'‘ ")[:1].islower()
                    and not any(a.cue and head[0] <= a.cue[0] < head[1] for a in earlier)
                ):
                    # "The plan, she said, “is doomed.”": a quotation that goes on in lower
                    # case finishes the clause before the report, its first piece (21 of 29
                    # such in train; a capital opens a sentence of its own, 68 of 76)
                    return make(subject, [head, split], via)
                content = None  # "Asked about X, Liu said, “...”": the quotation is the content
            if content is not None:
                return make(subject, [content, split] if split else [content], via)
    # "“CONTENT,” CUE SOURCE, APPOSITIVE" (a plain verb of saying, no particle)
    plain = (
        len(cue.words) == 1
        and cue_end == i + 1
        and left == cue_start
        and not tokens[i].lower.endswith("ing")  # "..., echoing some commentators": a participle
    )
    previous_quote = _quotation_before(sentence) if left == 0 else None
    clause_follows = False  # a clause, not an inverted source, follows the cue
    if plain and ((left > 0 and _is_content_end(sentence, left - 1)) or previous_quote is not None):
        # after a quotation an inverted report is the rule ("“...,” said Republican party boss
        # Reince Priebus"); after a plain comma the comma more often closes an appositive of the
        # subject ("Ann Lee, a professor, said that ..."), and the phrase keeps to names
        quoted = previous_quote is not None or any(
            sentence.quote_ending_at(tokens[m].end) is not None
            for m in range(max(0, left - 2), left)
        )
        # "Ann Lee, a spokeswoman for the campaign, said that the focus of ...": the comma
        # closes the appositive of a subject that opens the sentence; nothing before it is
        # reported, so the phrase after the cue is no inverted source
        opening_subject = (
            not quoted
            and subject is not None
            and (
                all(t.lower in _CONJUNCTIONS for t in tokens[: subject[0]])  # "But Ann Lee, ..."
                or tokens[subject[0]].start == _after_lead_adverbial(sentence)  # "In May, ..."
                # "Lee said her band and Bo Ray, a producer, wrote ...": the subject opens an
                # earlier report's content
                or any(a.content and a.content[0][0] == tokens[subject[0]].start for a in earlier)
            )
        )
        source = None if opening_subject else _subject_right(tokens, cue_end, inverted=quoted)
        if source is not None and not quoted and tokens[source[0]].lower == "that":
            source, clause_follows = None, True  # "..., said that the focus ...": no source
        if source is not None:
            rest = _skip_trailer(tokens, source[1])
            if not quoted and any(
                t.lower in _AUXILIARIES or t.lower in _VERB_FORMS for t in tokens[source[1] : rest]
            ):
                rest, clause_follows = source[1], True  # "said the burden of it would ..."
            # after "said X, an adviser," whatever follows is an adjunct of the report
            if _ends_clause(tokens, rest) or tokens[source[1] - 1].text == ",":
                content = (
                    (previous_quote.start, previous_quote.end)
                    if previous_quote is not None
                    else _content_before(sentence, tokens[left - 1])
                )
                if content is not None:
                    pieces = [content]
                    split = _split_quote_piece(sentence, rest)
                    if split:
                        pieces.append(split)
                    return make(source, pieces, via)
    # "SOURCE CUE CONTENT"
    if subject is None:
        if not clause_follows:
            return None
        # a subject the rules cannot delimit ("Tom Fitton, the president of X, a group that
        # ..., said that ..."): the report without its source
        content = _content_after(sentence, _skip_lead_in(tokens, after_cue))
        return make(None, content, via) if content is not None else None
    content = _content_after(sentence, _skip_lead_in(tokens, after_cue))
    if content is None:
        return None
    first = sentence.text[content[0][0] : content[0][1]].split(maxsplit=1)[0].lower()
    if first in _WH_WORDS and (negated or tokens[subject[0]].lower in _NEGATIVE_SOURCES):
        # "Neither side said what these would cover", "did not say when": no content
        return None
    if negated and cue.category == "endorsing":
        return None  # "could not independently verify the casualties": nothing is reported
    if cue.lemma == "continue" and content[0] not in {(q.start, q.end) for q in sentence.quotes}:
        return None  # "Mass atrocities continue in Darfur": aspect; "he continued, “...”" reports
    if bare_speech:
        return None  # "have been speaking daily": speech without content unless "spoke about X"
    if cue.lemma in _NEEDS_CLAUSE and not (
        first in ("that", ":")
        or first[:1] in _OPENING_QUOTES
        or content[0] in {(q.start, q.end) for q in sentence.quotes}
        # "spoke about the need for ...", "spoke of his faith": the topic is the content
        or (cue_end > i + len(cue.words) and tokens[cue_end - 1].lower in ("about", "of"))
    ):
        return None  # "maintained his lead", "spoke with Garland", "voiced support"
    if (
        subject[0] > 0
        and tokens[subject[0]].lower in ("who", "which")
        and (tokens[subject[0] - 1].text == ",")
    ):
        # "Sanders, who on Tuesday endorsed Clinton, said ...": the relative clause ends at
        # its closing comma, and so does its content.
        content[-1] = _before_comma(sentence, *content[-1])
    if _raises_subject(tokens, cue_start, i, sentence.text[content[0][0] : content[0][0] + 3]):
        # "Clinton is expected to win", "The plan appears to work", "He is seen as a
        # moderate": the subject is part of what is reported (PolNeAR's two pieces), not the
        # one who expects, sees or says it
        return make(None, [_span(tokens, *subject), *content], via)
    if _is_passive(tokens, cue_start, i):
        # "Trump was asked about X", "It was announced that ...": the subject is not who
        # asked or announced (PolNeAR gives 147 of 163 such cues in train no source). What
        # is said of the subject is reported ("Crows are considered the detectives of the
        # bird world", "Ann Lee, who is known for her stance"), and the subject is its first
        # piece (as PolNeAR has it for 349 of 463 passive participle cues in train); not so
        # the one asked or told something, nor an "it" that stands for a clause ("It was
        # announced that ..."), nor a subject inside what an earlier report says ("Lee said
        # none of them were listed"), whose content would be cut there
        if not (
            cue.lemma in _OBJECT_TAKING
            or cue.lemma in _QUESTION_TAKING
            or (subject[1] - subject[0] == 1 and tokens[subject[0]].lower in ("it", "there"))
            or _in_content_of(earlier, tokens[subject[0]].start)
        ):
            return make(None, [_span(tokens, *subject), *content], via)
        return make(None, content, via)
    relative = _relative_before(tokens, subject[0])
    if (
        relative is not None
        and content[0][0] >= tokens[cue_end - 1].end
        and (
            # the content lacks its subject ("which he said was needed") or its object ("which
            # he called a disgrace", "whom she considers a friend"); not "where he said ..." or
            # "in which she says ...", whose relative stands for no part of the content, nor a
            # relative inside an earlier report's content, which would be cut before it; an
            # object "that" is too often a conjunction ("it is clear that voters want ...").
            # A free relative "what" may follow a preposition ("prepared for what he called a
            # long winter": PolNeAR's first piece; train rules content +10)
            first in _AUXILIARIES
            or first in _VERB_FORMS
            or first == "as"
            or (
                (
                    tokens[relative].lower == "what"
                    or (
                        tokens[relative].lower in ("which", "who", "whom")
                        and (
                            relative == 0
                            or (
                                tokens[relative - 1].lower not in _PREPOSITIONS
                                and tokens[relative - 1].lower != "to"
                            )
                        )
                    )
                )
                and not _in_content_of(earlier, tokens[relative].start)
            )
        )
    ):
        # "a wall, which he said Mexico should pay for": the relative pronoun is the part of
        # what is reported that stands before the report (PolNeAR's first piece)
        word = tokens[relative]
        if relative > 0 and tokens[relative - 1].text == ",":
            content = [_before_comma(sentence, *content[0]), *content[1:]]  # ", who ... ,"
        return make(subject, [(word.start, word.end), *content], via)
    return make(subject, content, via)


def _in_content_of(attributions: Sequence[Attribution], position: int) -> bool:
    """Whether ``position`` lies inside a content piece of one of ``attributions``."""
    return any(s <= position < e for a in attributions for s, e in a.content)


def _before_comma(sentence: _Sentence, start: int, end: int) -> tuple[int, int]:
    """The content piece ``[start, end)`` up to its first comma outside quotations (the end
    of a relative clause set off by commas), or as it is."""
    comma = next(
        (
            t.start
            for t in sentence.tokens
            if start < t.start < end and t.text == "," and not sentence.quote_at(t.start)
        ),
        None,
    )
    cut = _trim_content(sentence.text, start, comma) if comma is not None else None
    return cut or (start, end)


#: Relative pronouns that may stand before a report inside their clause ("which he said ..."),
#: and the free relative "what" ("what he called a crisis").
_RELATIVES = frozenset({"which", "who", "whom", "where", "what"})


def _relative_before(tokens: Sequence[Token], k: int) -> int | None:
    """The relative pronoun right before the subject at token ``k`` that the report's content
    goes on from (``a wall, which he said Mexico should pay for``), or None. ``that`` counts
    only after a noun (``a trend that he says will continue``), not after a verb, where it
    opens the subject's clause (``believes that he said ...``)."""
    if k == 0:
        return None
    word = tokens[k - 1].lower
    if word in _RELATIVES:
        return k - 1
    if word == "that" and k >= 2:
        before = tokens[k - 2]
        if (
            before.is_word
            and not before.capitalised
            and before.lower not in _VERB_FORMS
            and before.lower not in _reporting_forms()
            and not before.lower.endswith("ed")
            and before.lower not in _PREPOSITIONS
            and before.lower not in _CONJUNCTIONS
            and before.lower not in _TIME_WORDS
        ):
            return k - 1
    return None


#: Irregular past participles of cue verbs ("is known for", "was told").
_IRREGULAR_PARTICIPLES = frozenset(
    {"known", "shown", "told", "said", "thought", "seen", "given", "written", "heard", "found"}
)


def _is_passive(tokens: Sequence[Token], cue_start: int, i: int) -> bool:
    """Whether the cue at token ``i`` is a passive participle: a form of "be" in its verb group
    (``was asked``, ``has been criticized``, ``is known for``)."""
    word = tokens[i].lower
    if word in _EXPERIENCERS and not (i + 1 < len(tokens) and tokens[i + 1].lower == "by"):
        return False  # "The government is worried that ...": a state of its subject
    return (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) and _has_be(tokens, cue_start, i)


def _has_be(tokens: Sequence[Token], cue_start: int, i: int) -> bool:
    """Whether a form of "be" stands in the verb group ``[cue_start, i)`` before the cue.
    A contracted ``'s`` is "has" ("He's said he ...") unless its subject is ``it``, ``that``,
    ``there`` or ``what`` ("It's said that ...") or ``by``, ``to`` or ``as`` follows the cue
    ("He's told to leave", "She's known as ...")."""
    for m in range(cue_start, i):
        word = tokens[m].lower
        if word not in _BE_FORMS:
            continue
        if word not in ("'s", "’s"):
            return True
        subject = tokens[m - 1].lower if m > 0 else ""
        following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if subject in ("it", "that", "there", "what") or following in ("by", "to", "as"):
            return True
    return False


_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re"})


def _raises_subject(tokens: Sequence[Token], cue_start: int, i: int, opening: str) -> bool:
    """Whether the cue at token ``i`` (its verb group from ``cue_start``) raises its subject
    out of the content, which begins with ``opening``: ``seems (to)``, ``appeared (like)``,
    ``is (widely) expected to``, ``was described as``."""
    word = tokens[i].lower
    if word in _RAISING:
        return True
    if not _has_be(tokens, cue_start, i):
        return False  # not a passive
    return opening == "as " or (opening == "to " and word in _PASSIVE_RAISING)


def _death_toll(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``life`` or ``lives`` within four tokens from ``k`` is the object of the verb
    before ``k`` (``claimed 6,606 lives``, ``claimed the lives of 12``), not the subject of a
    clause (``claimed lives were saved``)."""
    for m in range(k, min(len(tokens), k + 4)):
        if tokens[m].lower in ("life", "lives"):
            following = tokens[m + 1].lower if m + 1 < len(tokens) else ""
            return following not in _AUXILIARIES and following not in _VERB_FORMS
    return False


def _inner_coordination(
    sentence: _Sentence,
    tokens: Sequence[Token],
    conjunction: int,
    i: int,
    cue: _Cue,
    earlier: Sequence[Attribution],
) -> bool:
    """Whether ``and CUE`` continues a clause inside an earlier content rather than the
    earlier report: a bare verb (``and tell him``), or a verb other than a neutral speech verb
    inside a reported clause (``note that Sanders co-sponsored bans and opposed ...``).
    ``He said China found X and added, “...”`` and ``Cameron criticised Trump ... and
    suggested that ...`` continue the report."""
    position = tokens[conjunction].start
    holder = next(
        (a for a in earlier if a.content and a.content[-1][0] < position < a.content[-1][1]),
        None,
    )
    if holder is None:
        return False
    if tokens[i].lower == cue.lemma.split()[0]:
        return True  # a bare infinitive: "he'd sit Putin down and tell him"
    if cue.category == "neutral":
        return False
    first = sentence.text[holder.content[-1][0] : holder.content[-1][1]].split(maxsplit=1)[0]
    # "it" and "you" are as often objects ("called it shameful and called on ...")
    return first.lower() in _CLAUSE_HEADS or first.lower() in _SUBJECT_PRONOUNS


def _time_phrase_length(tokens: Sequence[Token], k: int) -> int:
    """How many tokens the time phrase ending at token ``k`` has (``last week``, ``on
    Monday``, ``Tuesday``), or 0."""
    if tokens[k].lower not in _TIME_WORDS or tokens[k].lower in ("later", "earlier", "this"):
        return 0
    n = 1
    if k - n >= 0 and tokens[k - n].lower in ("last", "this", "next", "on", "early", "late"):
        n += 1
    if k - n >= 0 and tokens[k - n].lower in ("on", "in", "since", "earlier", "later"):
        n += 1
    return n


def _skip_object(tokens: Sequence[Token], k: int) -> tuple[int, str | None]:
    """Skip the addressee after ``told``: ``told Reuters that``, ``told reporters the town
    was empty``, ``told him he would``; an addressee that is a news agency is the ``via``.
    Without a clear end of the addressee, nothing is skipped."""
    j = k
    while j < len(tokens) and j - k < 8:
        word = tokens[j].lower
        if word in ("that", ",", ":", ".") or tokens[j].text[-1] in _OPENING_QUOTES:
            break
        if j > k and (word in _PRONOUNS or word in _ARTICLES):
            break  # "told him he would", "told reporters the town was empty"
        if j > k and (
            word in _ADDRESSEE_ENDS
            or (
                word in _PREPOSITIONS
                and not (word == "of" and j + 1 < len(tokens) and tokens[j + 1].capitalised)
            )
        ):
            # "told reporters outside a restaurant", "told reporters as she left": an adjunct
            # of the report; but "the National Association of Realtors" is one addressee
            break
        if (
            word == "to"
            and j > k
            and j + 1 < len(tokens)
            and tokens[j + 1].is_word
            and not tokens[j + 1].capitalised
            and tokens[j + 1].lower not in _ARTICLES
        ):
            return k, None  # "told Jeb Bush to quiet down": the addressee is in the content
        j += 1
    if j == k or j - k >= 8:
        return k, None
    addressee = " ".join(t.text for t in tokens[k:j])
    via = addressee if addressee.casefold() in _news_agencies() else None
    if j < len(tokens) and tokens[j].text == "," and not _split_quote_start(tokens, j):
        following = tokens[j + 1] if j + 1 < len(tokens) else None
        # "As Clinton told the Daily News, tax relief ...": the clause after the "As" clause
        as_clause = tokens[0].lower == "as" and not any(t.text == "," for t in tokens[1:k])
        if following is None or not (
            as_clause
            or following.lower in _PRONOUNS
            or following.lower in _ARTICLES
            or following.lower in ("however", "that")
        ):
            return len(tokens), via  # "asked China for equipment, sparking ...": no content
    return j, via  # "told CNN, his policy would ...", "told POLITICO, however, that ..."


#: Subordinators that end the addressee of a cue ("told reporters as she left the meeting").
_ADDRESSEE_ENDS = frozenset({"as", "when", "while", "because", "if", "though", "although"})

# What may follow the addressee of a question cue: "asked Sanders whether ...", "asked the
# minister about ..." (the content starts there).
_QUESTION_STARTS = _WH_WORDS | {"about"}
# Words that end the search for an addressee: "asked that ...", "asked and answered".
_NO_ADDRESSEE = frozenset(("that", "and", "or", "but"))


def _skip_addressee(tokens: Sequence[Token], k: int) -> int:
    """Skip the addressee between a question cue and the question it reports (``asked Sanders
    whether ...``): only when a short phrase of words ends at a question word, else nothing is
    skipped (``asked whether``, ``asked for volunteers``, ``asked that ...``)."""
    first = tokens[k].lower if k < len(tokens) else ""
    if not first or first in _QUESTION_STARTS or (first in _PREPOSITIONS and first != "by"):
        return k  # no addressee ("asked by X" may be one)
    for j in range(k, min(len(tokens), k + 8)):
        token = tokens[j]
        if token.lower in _QUESTION_STARTS:
            return j
        if j > k and _introduces_quotation(tokens, j):
            return j  # "asked Republican politicians: “Why ...?”": the quotation
        if not (token.is_word or token.text in ("'s", "’s", "-")) or token.lower in _NO_ADDRESSEE:
            return k
    return k


def _split_quote_start(tokens: Sequence[Token], j: int) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1].text[-1] in _OPENING_QUOTES


def _asked_about(sentence: _Sentence, sentence_id: int, i: int, cue: _Cue) -> Attribution | None:
    """``Asked about X, Liu said ...``: the question is the content of ``asked``. Its source is
    whoever asked: the ``by`` phrase (``Asked by Matt Lauer whether ...``), else nobody named
    (the subject of the main clause is the one asked, not the source of the question)."""
    tokens = sentence.tokens
    comma = next((m for m in range(i + 1, len(tokens)) if tokens[m].text == ","), None)
    if comma is None or comma == i + 1 or _subject_right(tokens, comma + 1) is None:
        return None
    end = i + 2 if tokens[i + 1].lower == "about" else i + 1
    start, asker = end, None
    if tokens[start].lower == "by":
        asker = _subject_right(tokens, start + 1)
        if asker is not None and asker[1] < comma:
            start = asker[1]
        else:
            asker = None
    if tokens[start].lower in _TIME_WORDS or tokens[start].lower in _PREPOSITIONS:
        # "Asked Tuesday about X", "Asked at a briefing Monday whether ...": the question
        # starts at its own word
        question = next(
            (m for m in range(start, comma) if tokens[m].lower in _QUESTION_STARTS), None
        )
        if question is not None:
            start = question
    content = _trim_content(sentence.text, tokens[start].start, tokens[comma].start)
    if content is None:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, i, end),
        cue_lemma=cue.lemma,
        cue_category=cue.category,
        source=_span(tokens, *asker) if asker is not None else None,
        content=[content],
    )


def _as_saying(tokens: Sequence[Token], k: int) -> int | None:
    """Index of ``saying`` in ``as saying`` (or ``as telling``) at or after ``k``, nearby."""
    for m in range(k, min(len(tokens) - 1, k + 25)):
        if tokens[m].lower == "as" and tokens[m + 1].lower in ("saying", "telling", "stating"):
            return m + 1
        if tokens[m].text in (".", ";") or tokens[m].text[-1] in _OPENING_QUOTES:
            return None
    return None


def _quoted_as_saying(
    sentence: _Sentence, sentence_id: int, i: int, cue: _Cue
) -> Attribution | None:
    """``X was quoted by VIA as saying ...`` and ``VIA quoted X as saying ...``."""
    tokens = sentence.tokens
    saying = _as_saying(tokens, i + 1)
    if saying is None:
        return None
    passive = i > 0 and tokens[i - 1].lower in ("was", "were", "is", "are", "been", "being")
    if passive:
        cue_start = i - 1
        subject = _subject_left(tokens, cue_start)
        if subject is None:
            return None
        via_tokens = tokens[i + 2 : saying - 1] if tokens[i + 1].lower == "by" else []
        via = " ".join(t.text for t in via_tokens) or None
        source = subject
    else:
        cue_start = i
        source = _subject_right(tokens, i + 1)
        subject = _subject_left(tokens, i)
        if source is None or subject is None:
            return None
        via = " ".join(t.text for t in tokens[subject[0] : subject[1]])
    # The content follows "as saying", or precedes the clause: "..., RIA quoted X as saying."
    content = _content_after(sentence, saying + 1)
    if content is None:
        before = subject[0] if not passive else None
        if before and _is_content_end(sentence, before - 1):
            piece = _content_before(sentence, tokens[before - 1])
            content = [piece] if piece else None
    if content is None:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, cue_start, i + 1),
        cue_lemma="quote",
        cue_category="neutral",
        source=_span(tokens, *source),
        content=content,
        via=via,
    )


def _according_to(
    sentence: _Sentence, sentence_id: int, i: int, cue: _Cue, lead: int | None = None
) -> Attribution | None:
    """``According to X, ...`` and ``..., according to X``: the cue is tokens ``i`` and
    ``i + 1``, the source the phrase after them, the content the clause before or after the
    phrase. With ``lead``, the phrase is ``As (first) reported by X, ...``: it begins at token
    ``lead`` ("As"), ``i`` is "reported", and the cue is the words between them ("first
    reported", or "reported" alone)."""
    tokens, text = sentence.tokens, sentence.text
    j = i + 2
    cue_tokens = (i, i + 2) if lead is None else (lead + 1, i + 1)  # "(as) first reported"
    i = i if lead is None else lead
    m = _source_phrase_end(sentence, j)
    if m == j:
        return None
    if (
        m + 1 < len(tokens)
        and tokens[m].text == ","
        and (
            tokens[m + 1].lower in _SOURCE_APPOSITIVE_OPENERS
            or tokens[m + 1].lower in _ROLE_NOUNS
            or (i == 0 and _opens_noun_appositive(tokens, m + 1))
        )
    ):
        # "according to Brian Wieser, an analyst at Pivotal.", "According to Ann Lee, a
        # spokeswoman, the ...": the appositive is the source's, closed by the sentence's end
        # or, in an opening "According to", by a comma
        n = _source_phrase_end(sentence, m + 1)
        final = n >= len(tokens) - 1 and (n == len(tokens) or tokens[n].text in (".", "!", "?"))
        if (i > 0 and final) or (i == 0 and n < len(tokens) and tokens[n].text == ","):
            m = n
    source = _span(tokens, j, m)
    if m == len(tokens) and source[1] == sentence.end and text[source[1] - 1] == ".":
        source = (source[0], source[1] - 1)  # "according to the F.A.A.": the full stop's
    after = tokens[m].end if m < len(tokens) else sentence.end
    if i == 0 or (i == 1 and tokens[0].lower in ("but", "and")):
        pieces = [_trim_content(text, after, sentence.end)]
    else:
        end = tokens[i - 1].start if tokens[i - 1].text == "," else tokens[i].start
        pieces = [_trim_content(text, _after_lead_phrase(tokens, i, sentence.start), end)]
        rest = m + 1 if m < len(tokens) and tokens[m].text == "," else None
        if tokens[i - 1].text == "," and rest is not None and rest + 1 < len(tokens):
            # set between commas: "His criticism, according to the Times, was ...",
            # "But, according to the poll, 46 percent ..."
            head = [t.lower for t in tokens[: i - 1] if t.is_word]
            tail = _trim_content(text, tokens[rest].start, sentence.end)
            if " ".join(head) in _LEAD_PHRASES or (head and head[-1] == "that"):
                pieces = [tail]  # "The AP reported that, according to X, ...": "reported" too
            elif (
                tokens[rest].lower in _VERB_FORMS
                or tokens[rest].lower in _AUXILIARIES
                or (
                    # a head without a verb (by the verb list and -ed: there is no tagger)
                    # is no clause of its own: "One Sunday in 2001, according to X,
                    # Fiorina sat ...", "Other cleavages, according to the poll, include ..."
                    len(head) <= 6
                    and not tokens[rest].lower.endswith("ing")  # "..., taking a step"
                    and not any(
                        t.lower in _AUXILIARIES or _looks_like_verb(t)
                        for t in tokens[: i - 1]
                        if t.is_word
                    )
                )
            ):
                pieces.append(tail)
    pieces = [piece for piece in pieces if piece is not None]
    if not pieces:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, *cue_tokens),
        cue_lemma=cue.lemma,
        cue_category=cue.category,
        source=source,
        content=pieces,
    )


def _opens_noun_appositive(tokens: Sequence[Token], k: int) -> bool:
    """Whether the phrase at token ``k``, after ``According to X,``, may be X's appositive
    (``the mayor,``, ``Clinton's Latino vote director,``) when a comma closes it: it opens
    with "the" or a possessive and holds no verb form before its comma."""
    end = next((n for n in range(k, min(len(tokens), k + 9)) if tokens[n].text == ","), None)
    if end is None or end == k or end + 1 >= len(tokens) or tokens[end + 1].lower in _WH_WORDS:
        return False  # "According to the poll, the plan, which ...": a relative clause's
    if not (tokens[k].lower == "the" or any(t.lower.endswith(("'s", "’s")) for t in tokens[k:end])):
        return False
    return not any(t.lower in _VERB_FORMS or t.lower in _AUXILIARIES for t in tokens[k:end])


def _source_phrase_end(sentence: _Sentence, j: int) -> int:
    """Where the source phrase of "according to" that starts at token ``j`` ends: at a
    punctuation mark, a dash or a bracket, but not inside a title quoted in the phrase
    (``his book ''The Art of the Deal.''``, ``"Perfect Enough: Carly Fiorina and ..."``)."""
    tokens = sentence.tokens
    m = j
    while m < len(tokens) and tokens[m].text not in _SOURCE_PHRASE_ENDS:
        m += 1
    while m < len(tokens) and j < len(tokens):
        quote = sentence.quote_at(tokens[m].start)
        if quote is None or quote.start < tokens[j].start:
            break
        m += 1  # inside the title: on to its closing mark and the next end after it
        while m < len(tokens) and tokens[m].text not in _SOURCE_PHRASE_ENDS:
            m += 1
    return m


_SOURCE_PHRASE_ENDS = frozenset({",", ".", ";", "!", "?", ":", "(", ")"}) | _DASHES
_SOURCE_APPOSITIVE_OPENERS = frozenset({"a", "an", "another", "who", "including"})


#: What may stand before ", according to X," without being part of what is reported.
_LEAD_PHRASES = frozenset(
    {"but", "and", "yet", "so", "still", "however", "meanwhile", "in addition", "in fact",
     "of course", "for example", "for instance", "indeed", "instead", "moreover", "now",
     "even so", "nevertheless", "nonetheless", "in all", "furthermore", "in other words"}
)  # fmt: skip


def _after_lead_phrase(tokens: Sequence[Token], i: int, start: int) -> int:
    """Where a clause that opens the sentence and ends before token ``i`` starts once a
    connective of :data:`_LEAD_PHRASES` and its comma are left out (``In fact, X leads,
    according to ...``: PolNeAR's content is ``X leads``); ``start`` when there is none."""
    for m in range(1, min(i - 1, 4)):
        if tokens[m].text == ",":
            lead = " ".join(t.lower for t in tokens[:m])
            if lead in _LEAD_PHRASES and lead != "now":  # "Now, ...": a time, which stays
                return tokens[m + 1].start
            break
    return start
