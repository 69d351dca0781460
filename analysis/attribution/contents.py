"""Contents: what is reported (stage 4 of :mod:`analysis.attribution`).

The content after a cue (a quotation, or the clause up to its end), the content before one
(``“...,” she said``, ``X, officials said``), what may stand between a cue and its content
(``said in a statement that``), and the trimming every content span gets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from analysis.attribution.cues import reporting_cues
from analysis.attribution.tokens import (
    _START,
    Token,
    _in_number,
    _introduces_quotation,
    _is_ly_adverb,
    _Sentence,
)
from analysis.attribution.words import (
    _ARTICLES,
    _CLAUSE_HEADS,
    _CLOSING_QUOTES,
    _DETERMINERS,
    _OBJECT_PRONOUNS,
    _OPENING_QUOTES,
    _PREPOSITIONS,
    _PRONOUNS,
    _TIME_WORDS,
    _VERB_FORMS,
)
from analysis.quotes import QuoteSpan
from analysis.segment import abbreviation_kind
from analysis.text import strip_span

_SENTENCE_END = frozenset({".", "!", "?", "…"})
# Words that open a new clause after a comma, ending the content before them.
_CLAUSE_OPENERS = frozenset(
    {"while", "as", "when", "although", "though", "which", "where", "whereas", "because",
     "before", "after", "despite", "even", "but", "who"}
)  # fmt: skip
_CLAUSE_OPENER_EXCEPTIONS = frozenset({"including", "according", "something", "nothing", "thing"})
_SUBORDINATORS = frozenset(
    {"while", "although", "though", "as", "when", "if", "because", "since", "even", "whereas"}
)
# Unions the rules test tokens against, built once (not once per test).
_TIME_OR_PREPOSITION = _TIME_WORDS | _PREPOSITIONS
_LEAD_IN_PREPOSITIONS = _PREPOSITIONS | {"following", "to"}
_DETERMINERS_PRONOUNS = _DETERMINERS | _PRONOUNS
_PRONOUNS_ARTICLES = _PRONOUNS | _ARTICLES
_SINGLE_OBJECTS = _OBJECT_PRONOUNS | {"this", "that", "yes", "no"}


def _trim_content(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip white space, a closing bracket opened before the content ("(... he said.)"), and
    a final sentence mark or comma outside quotation marks."""
    start, end = strip_span(text, start, end)
    if (
        end > start
        and text[end - 1] == ")"
        and text.count("(", start, end) < text.count(")", start, end)
    ):
        start, end = strip_span(text, start, end - 1)
    while end > start and text[end - 1] in ".,;:!?…" and text[end - 2 : end - 1] not in "”\"’'":
        if text[end - 1] == "." and _ends_with_abbreviation(text, start, end):
            break  # "... helps the U.S.", "in San Bernardino, Calif.": the period is the word's
        end -= 1
        start, end = strip_span(text, start, end)
    while start < end and text[start] in ",;:—–-":
        start += 1
        start, end = strip_span(text, start, end)
    return (start, end) if end > start else None


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with an abbreviation and its period (``U.S.``)."""
    words = text[max(start, end - 24) : end].split()
    return bool(words) and abbreviation_kind(words[-1].lstrip("(\"“‘'")) is not None


def _content_after(sentence: _Sentence, k: int) -> list[tuple[int, int]] | None:
    tokens, text = sentence.tokens, sentence.text
    j = k
    while j < len(tokens) and tokens[j].text in (":", ","):
        j += 1
    if (
        j > k
        and tokens[k].text == ","
        and tokens[0].lower not in ("as", "even")  # "As Lee put it, ...", "Even Lee says, ..."
        and _in_opening_clause(tokens, k)
        and sentence.quote_starting_at(tokens[j].start) is None
    ):
        return None  # "By the time the primaries concluded, voters said ...": the main clause
    if (
        j > k
        and tokens[k].text == ","
        and j < len(tokens)
        and not tokens[j].capitalised
        and tokens[j].lower in reporting_cues()
        and not tokens[j].lower.endswith("ing")
        and _in_relative_clause(tokens, k)
    ):
        return None  # "Clinton, who met him after the winner was declared, told ...": the
        # comma closes a relative clause, and the report after it is the subject's
    if j >= len(tokens) or tokens[j].text in _SENTENCE_END:
        if (
            j > k
            and tokens[j - 1].text == ":"
            or (j == len(tokens) and k and tokens[k - 1].text == ":")
        ):
            quote = sentence.quote_starting_after(sentence.end)
            if quote is not None:
                return [(quote.start, quote.end)]
        return None
    quote = sentence.quote_starting_at(tokens[j].start)
    if quote is not None and (j > k or quote.end >= sentence.end - 1):
        return [(quote.start, quote.end)]
    content = _trim_content(text, tokens[j].start, _clause_end(sentence, j))
    if content is None:
        return None
    running = sentence.quote_at(content[1] - 1)
    if running is not None and running.start >= content[0] and running.end > content[1]:
        content = (content[0], running.end)  # a quotation opened in the content goes on
    # The first words of the content, up to the first two that show it is more than a time
    # or place ("said on Monday."): enough to judge it without listing all of its words.
    words: list[Token] = []
    substantial = False
    first = bisect.bisect_left(tokens, content[0], lo=j, key=_START)
    for token in tokens[first:]:
        if token.start >= content[1]:
            break
        if token.text[:1].isalnum():
            words.append(token)
            substantial = substantial or token.lower not in _TIME_OR_PREPOSITION
            if substantial and len(words) >= 2:
                break
    single_object = len(words) == 1 and (
        words[0].lower in _SINGLE_OBJECTS
        or (words[0].capitalised and words[0].lower not in _TIME_WORDS)
    )
    if (len(words) < 2 and not single_object) or not substantial:
        return None  # "said on Monday."; but "decried it", "endorsed Trump"
    return [content]


_CLAUSE_MARK = re.compile("[,;:]")


def _in_relative_clause(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is inside a relative clause set off by a comma (``Clinton, who
    ...``) that has not closed before it."""
    for r in range(k - 1, 0, -1):
        word = tokens[r].lower
        if tokens[r].text == ",":
            return False
        if word in ("who", "which") and tokens[r - 1].text == ",":
            return True
    return False


def _in_opening_clause(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is inside the subordinate clause a sentence opens with, before its
    comma ("While X say Y, Z ...", "By the time the polls closed, ...")."""
    if not tokens:
        return False
    first = tokens[0].lower
    opens = first in _SUBORDINATORS or (
        first == "by" and len(tokens) > 2 and tokens[1].lower == "the" and tokens[2].lower == "time"
    )
    return opens and not any(
        tokens[m].text == "," and not _in_number(tokens, m) for m in range(1, k)
    )


def _clause_end(sentence: _Sentence, k: int) -> int:
    """Where the clause holding token ``k`` ends: the sentence end, or, in a sentence that
    opens with a subordinate clause ("While X say Y, Z ..."), the comma closing that clause."""
    tokens = sentence.tokens
    opens_subordinate = _in_opening_clause(tokens, k)
    if k + 1 >= len(tokens):
        return sentence.end
    # Only a comma, semicolon or colon outside quotations can end the clause. Each of those
    # characters is a token of its own (no word token holds one), so they are found in the
    # text and their tokens by bisection, not by looking at every token.
    for mark in _CLAUSE_MARK.finditer(sentence.text, tokens[k + 1].start, sentence.end):
        inside = sentence.quote_at(mark.start())
        if inside:
            if opens_subordinate and mark.group() == "," and inside.inner_end == mark.end():
                return inside.end  # 'When Lee said it was "fine," Ray left': the comma closing
                # the quotation closes the opening clause too
            continue
        m = bisect.bisect_left(tokens, mark.start(), lo=k + 1, key=_START)
        token = tokens[m]
        if _in_number(tokens, m):
            continue  # "2,400", "10:30"
        if token.text == ";" or (token.text == ":" and sentence.title_case):
            return token.start  # "Fiorina Endorses Cruz: I Am Horrified" (a headline's colon)
        if token.text != ",":
            continue
        if opens_subordinate:
            return token.start
        lead = [t for t in tokens[k:m] if t.is_word]
        if lead and lead[0].lower in _CLAUSE_HEADS:
            lead = lead[1:]
        if len(lead) < 3:
            continue  # "that after taxes, as a couple with one income, ...": still the lead-in
        following = tokens[m + 1] if m + 1 < len(tokens) else None
        after = tokens[m + 2] if m + 2 < len(tokens) else None
        if (
            following is not None
            and following.lower in ("and", "or")
            and after is not None
            and (after.capitalised or after.lower in _PRONOUNS_ARTICLES)
        ):
            return token.start  # ", and Republican Donald Trump has been ...": a new clause
        # ", joking that ...", ", while ...", ", which ...": a new clause, not the content
        if (
            following is not None
            and not following.capitalised
            and (
                following.lower in _CLAUSE_OPENERS
                or (
                    following.lower.endswith("ing")
                    and following.lower not in _CLAUSE_OPENER_EXCEPTIONS
                )
            )
        ):
            return token.start
    return sentence.end


def _skip_lead_in(tokens: Sequence[Token], k: int) -> int:
    """Skip an adverbial between a cue and its content when a colon, a comma before a
    quotation, or ``that`` follows it: ``said in a statement: “...”``, ``said Monday that``,
    ``said Thursday during a taping in Buffalo, New York, that ...``; ``to`` and an addressee
    before ``that`` or a quotation (``wrote to the Senate office that``); and a time phrase
    before the content (``announced on Monday the lawsuit``)."""
    addressee = _to_addressee(tokens, k)
    if addressee is not None:
        return addressee  # "complained to CBS News' Charlie Rose that ...": at "that"
    for m in range(k, min(len(tokens) - 1, k + 12)):
        # "wrote the local newspaper, The Perry Chief, that ...": the content starts at "that"
        if tokens[m].text in (".", ";", ":") or tokens[m].text[-1] in _OPENING_QUOTES:
            break
        if tokens[m].text == "," and tokens[m + 1].lower == "that" and m > k:
            return m + 1
    if k < len(tokens) and tokens[k].text == ",":
        # "saying, apparently for the first time, that ..."
        for m in range(k + 1, min(len(tokens) - 1, k + 12)):
            if tokens[m].text == "," and tokens[m + 1].lower == "that":
                return m + 1
            if tokens[m].text in (".", ";", ":") or tokens[m].text[-1] in _OPENING_QUOTES:
                break
    end = _skip_trailer(tokens, k)
    if end == k or end >= len(tokens):
        return k
    if tokens[k].lower in _TIME_WORDS or tokens[k].lower in _LEAD_IN_PREPOSITIONS:
        for m in range(end, min(len(tokens), k + 30)):
            if tokens[m].lower == "that":
                return m
            if tokens[m].text in (".", ";", ":", "!", "?") or tokens[m].text[-1] in _OPENING_QUOTES:
                break
    if tokens[end].text == ":" or tokens[end].lower == "that":
        return end
    if (
        tokens[end].text == ","
        and end + 1 < len(tokens)
        and tokens[end + 1].text[-1] in (_OPENING_QUOTES)
        and not _holds_a_clause(tokens, k, end)
    ):
        return end
    return _after_time(tokens, k)


def _holds_a_clause(tokens: Sequence[Token], k: int, end: int) -> bool:
    """Whether tokens ``k`` to ``end`` hold a clause rather than an adverbial: a subject
    pronoun or a coordinating ``but`` (``said in politics it takes time but added, “...”``:
    the content is the clause, not the quotation after it)."""
    return any(tokens[m].lower in _CLAUSE_SIGNS for m in range(k, end))


_CLAUSE_SIGNS = frozenset({"i", "he", "she", "it", "we", "they", "but"})


def _after_time(tokens: Sequence[Token], k: int) -> int:
    """After a time phrase between a cue and its content ("announced on Monday the lawsuit",
    "reported Wednesday the Secret Service had ..."), or ``k`` when none is there."""
    m = k
    if m + 1 < len(tokens) and tokens[m].lower in _TIME_LEADS:
        m += 1
    if m >= len(tokens) or tokens[m].lower not in _TIME_WORDS:
        return k
    while m < len(tokens) and (tokens[m].lower in _TIME_WORDS or tokens[m].lower in _DAY_PARTS):
        m += 1
    if m >= len(tokens) or not (tokens[m].is_word or tokens[m].text[0] in _OPENING_QUOTES):
        return k
    if tokens[m].lower in ("'s", "’s") or tokens[m].lower in _VERB_FORMS:
        return k  # "said Monday's vote was ...", "said today is ...": the time is the content's
    return m


_TIME_LEADS = frozenset({"on", "in", "at", "late", "early", "last", "this", "earlier"})
_DAY_PARTS = frozenset({"night", "morning", "afternoon", "evening"})


def _to_addressee(tokens: Sequence[Token], k: int) -> int | None:
    """Where ``that`` follows ``to`` and an addressee after a cue (``wrote to the Senate office
    that``, ``joked to Janet Yellen that``), or None: the addressee is a name, a number, or a
    phrase opened by a determiner or an object pronoun (not ``to`` and a verb)."""
    if k + 2 >= len(tokens) or tokens[k].lower != "to":
        return None
    if not _opens_addressee(tokens[k + 1], plural=_says_to(tokens, k)):
        return None  # a plural noun only after a verb of saying: not "responded to reports"
    for m in range(k + 2, min(len(tokens), k + 14)):
        token = tokens[m]
        if _in_number(tokens, m):
            continue  # "to his 20,000 followers"
        if _introduces_quotation(tokens, m):
            return m  # "wrote to his followers, “...”": the quotation
        if token.lower == "that":
            following = tokens[m + 1].lower if m + 1 < len(tokens) else ""
            if following in _VERB_FORMS or following.endswith("ed"):
                return None  # "adds to the drama that has surrounded ...": a relative clause
            return m
        if token.lower in _CLAUSE_HEADS and m > k + 1:
            return m  # "explained to CBS why ...": at the question
        if not (token.is_word or token.text in ("'s", "’s", "'", "’", "-", ".")):
            return None
    return None


#: Verbs of saying whose ``to`` introduces the one spoken to (``said to reporters``), not what
#: is reported (``responded to reports``, ``referred to the plan``).
_TO_ADDRESSEE = frozenset(
    {
        "say", "add", "write", "explain", "speak", "talk", "confide", "remark", "joke", "quip",
        "complain", "boast", "insist", "declare", "announce", "state", "note", "stress",
        "whisper", "shout", "yell", "tweet", "email", "admit", "concede", "acknowledge",
        "proclaim",
    }
)  # fmt: skip


def _is_addressee(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is ``to`` after a verb of saying and before the one spoken to
    (``said to reporters``, ``wrote to CNN``, ``said to a crowd``), not before a verb (``is said
    to be``)."""
    if k + 1 >= len(tokens) or tokens[k].lower != "to" or not _says_to(tokens, k):
        return False  # "responded to reports that ...", "who reports to the president"
    return _opens_addressee(tokens[k + 1], plural=True)


def _says_to(tokens: Sequence[Token], k: int) -> bool:
    """Whether the word before token ``k`` is a verb of saying whose ``to`` introduces the
    one spoken to (:data:`_TO_ADDRESSEE`)."""
    cues = reporting_cues().get(tokens[k - 1].lower, ()) if k > 0 else ()
    return any(len(cue.words) == 1 and cue.lemma in _TO_ADDRESSEE for cue in cues)


def _opens_addressee(first: Token, plural: bool) -> bool:
    """Whether ``first``, after ``to``, opens an addressee rather than a verb: a name, a
    number, a determiner or pronoun, or, with ``plural``, a plural noun (a lower-case word in
    -s, not -ss or -us: ``to reporters``, not ``to discuss``)."""
    word = first.lower
    return (
        first.capitalised
        or first.text[:1].isdigit()
        or word in _DETERMINERS_PRONOUNS
        or word in _OBJECT_PRONOUNS
        or (plural and first.is_word and word.endswith("s") and not word.endswith(("ss", "us")))
    )


def _skip_trailer(tokens: Sequence[Token], k: int) -> int:
    """Skip what may follow a cue at the end of a clause: time and place adverbials,
    ``in a statement``, ``after crossing into Romania``, up to a comma or the end."""
    if k < len(tokens) and (_is_ly_adverb(tokens[k]) or tokens[k].lower == "then"):
        k += 1  # "wrote recently.", "said then."
    if (
        k + 1 < len(tokens)
        and tokens[k].lower in ("late", "early")
        and tokens[k + 1].lower in _TIME_WORDS
    ):
        k += 1  # "reported late Thursday", "said early Monday"
    if k < len(tokens) and (
        tokens[k].lower in _TIME_WORDS
        or tokens[k].lower in _PREPOSITIONS
        or tokens[k].lower
        in ("as", "when", "while", "after", "before", "during", "via", "following")
        or _is_addressee(tokens, k)
    ):
        while k < len(tokens) and (
            tokens[k].text not in (",", ".", "!", "?", ";", ":") or _in_number(tokens, k)
        ):
            if tokens[k].text[-1] in _OPENING_QUOTES or (
                tokens[k].lower == "that"
                and not (k + 1 < len(tokens) and tokens[k + 1].lower in _TIME_WORDS)
            ):
                break  # a quotation or a that-clause; not "in his speech that night"
            k += 1  # "to his 2,000 followers": the comma of a number is no clause's end
    return k


def _is_content_end(sentence: _Sentence, k: int) -> bool:
    """Token ``k`` closes a content: a comma, or a closing quotation mark."""
    token = sentence.tokens[k]
    if token.text == ",":
        return k > 0
    if token.text[-1] in _CLOSING_QUOTES:
        return sentence.quote_ending_at(token.end) is not None
    return False


def _content_before(sentence: _Sentence, boundary: Token) -> tuple[int, int] | None:
    """The content closed by ``boundary``: a quotation ending there, else the clause before."""
    quote = sentence.quote_ending_at(boundary.end)
    if quote is None and boundary.text == ",":
        quote = sentence.quote_ending_at(boundary.start)
    if quote is not None:
        lead = sentence.text[sentence.start : quote.start]
        if quote.start > sentence.start and any(ch.isalnum() for ch in lead):
            # 'Biden “has a lot of really good roles to play,” said Doyle': the words before
            # the quotation are part of what is reported (mixed).
            return sentence.start, quote.end
        return quote.start, quote.end
    if boundary.text[-1] in _CLOSING_QUOTES:
        # The marks did not pair (a typo, a quotation broken over paragraphs): the content
        # runs from the nearest opening mark before, else from the start of the sentence.
        text = sentence.text
        paragraph_start = text.rfind("\n", 0, boundary.start) + 1
        opening = max(text.rfind(mark, paragraph_start, boundary.start) for mark in '“"')
        start = opening if opening >= paragraph_start else sentence.start
        return strip_span(text, start, boundary.end)
    start = _clause_start(sentence, boundary.start)
    content = _trim_content(sentence.text, start, boundary.start)
    if content is None:
        return None
    words = sentence.words_between(*content)
    return content if len(words) >= 2 else None


_LEAD_ADVERBS = frozenset(
    {"however", "meanwhile", "still", "indeed", "moreover", "instead", "separately", "earlier",
     "later", "today", "yesterday", "now", "then", "also", "overall", "previously"}
)  # fmt: skip


def _clause_start(sentence: _Sentence, position: int) -> int:
    """Where the clause that ends at ``position`` starts: after a sentence's leading
    adverbial, or after the last semicolon before it outside quotations ("China rebuts the
    criticism; Investment, official says, helped ...")."""
    start = _after_lead_adverbial(sentence)
    semicolon = sentence.text.rfind(";", start, position)
    while semicolon >= 0 and sentence.quote_at(semicolon):
        semicolon = sentence.text.rfind(";", start, semicolon)
    return semicolon + 1 if semicolon >= 0 else start


def _after_lead_adverbial(sentence: _Sentence) -> int:
    """Start of a sentence's main clause: after a leading adverbial and its comma ("In
    Louisville on March 1, ...", "In fact, ..."), which is the reporter's, not the content."""
    tokens = sentence.tokens
    if not tokens or not (tokens[0].lower in _PREPOSITIONS or tokens[0].lower in _LEAD_ADVERBS):
        return sentence.start
    for m in range(1, min(len(tokens) - 1, 9)):
        if tokens[m].text == ",":
            following = tokens[m + 1]
            if following.capitalised or following.lower in _DETERMINERS_PRONOUNS:
                return following.start
            break
        if tokens[m].text in (".", ";", ":") or tokens[m].text[-1] in _OPENING_QUOTES:
            break
    return sentence.start


def _quotation_before(sentence: _Sentence) -> QuoteSpan | None:
    """A quotation ending right before the sentence, in the same paragraph, after ``?`` or
    ``!`` (``“Who is here?” Sanders said.`` is split into two sentences there)."""
    before = sentence.text[max(0, sentence.start - 3) : sentence.start]
    if "\n" in before:
        return None
    end = sentence.start - (len(before) - len(before.rstrip()))
    quote = sentence.quote_ending_at(end)
    if quote is None or quote.depth:
        return None
    inner_end = sentence.text[quote.inner_start : quote.inner_end].rstrip()
    return quote if inner_end.endswith(("?", "!")) else None


def _parenthetical_rest(sentence: _Sentence, boundary: int, rest: int) -> int | None:
    """``The only problem, Ms. Bigbee said, is that ...``: an attribution set between commas
    inside its content, which then runs on to the end of the sentence; the end, or None."""
    tokens = sentence.tokens
    if (
        tokens[boundary].text != ","
        or rest >= len(tokens) - 1
        or tokens[rest].text != ","
        or tokens[rest + 1].text[-1] in _OPENING_QUOTES
        or _is_participle_cue(tokens[rest + 1])
    ):
        return None  # "..., Nefzi said, adding, “...”": the participle reports again
    words_after = [t for t in tokens[rest + 1 :] if t.is_word]
    if len(words_after) < 2:
        return None
    end = _trim_content(sentence.text, tokens[rest + 1].start, sentence.end)
    return end[1] if end else None


def _is_participle_cue(token: Token) -> bool:
    """``adding``, ``saying``, ``noting``: a cue's participle, which reports on its own."""
    return token.lower.endswith("ing") and token.lower in reporting_cues()


def _split_quote_piece(sentence: _Sentence, k: int) -> tuple[int, int] | None:
    """The second part of a split quotation: ``“Part one,” she said, “part two.”``"""
    tokens = sentence.tokens
    if k < len(tokens) and tokens[k].text in (",", ":"):
        k += 1
    elif k > 0 and tokens[k - 1].text not in (",", ":"):
        return None  # "during an interview for POLITICO’s “Off Message”": not a continuation
    if k < len(tokens):
        quote = sentence.quote_starting_at(tokens[k].start)
        if quote is not None:
            return quote.start, quote.end
    return None


def _ends_clause(tokens: Sequence[Token], k: int) -> bool:
    """Nothing but the end of the sentence, a comma or a new quotation from token ``k``."""
    if k >= len(tokens):
        return True
    token = tokens[k]
    return token.text in (".", "!", "?", ",", ";", ":", "…") or token.text[-1] in _OPENING_QUOTES
