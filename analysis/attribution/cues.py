"""Cues: the reporting verbs and phrases (stage 2 of :mod:`analysis.attribution`).

The cue lexicon (``lexicons/reporting_cues.txt``, :func:`reporting_cues`), a cue matched at a
token and widened to its verb group as annotators mark it (``has also said``, ``lashed out
at``), whether a cue word is used as a reporting verb here (not ``the report``, not inside a
quotation), and the cheap pre-test that lets a sentence without a possible cue skip
tokenisation altogether.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analysis.attribution.tokens import Token, _introduces_quotation, _is_ly_adverb, _Sentence
from analysis.attribution.words import (
    _ARTICLES,
    _AS_TAKING,
    _AUXILIARIES,
    _BOUND_AUXILIARIES,
    _DETERMINERS,
    _ISSUING_VERBS,
    _MODIFYING_PLURALS,
    _NOUN_LIKE_CUES,
    _OPENING_QUOTES,
    _PARTICLES,
    _PREPOSITIONS,
    _PRONOUNS,
    _TIME_WORDS,
    _VERB_FORMS,
    _has_plural_form,
)
from analysis.lexicon import load_lexicon_table
from analysis.quotes import QuoteSpan
from analysis.tables import CUE_CATEGORIES

# Cue lemmas that take "to" as a particle: "referring to", "responded to", "pointed to".
_TO_PARTICLE = frozenset({"refer", "respond", "point", "reply", "react", "object", "allude"})

_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


@dataclass(frozen=True)
class _Cue:
    lemma: str
    category: str
    words: tuple[str, ...]


@cache
def reporting_cues() -> dict[str, list[_Cue]]:
    """Cue forms by their first word (lower case): ``{"said": [_Cue("say", ...)], ...}``."""
    cues: dict[str, list[_Cue]] = {}
    for fields in load_lexicon_table("reporting_cues", {1: CUE_CATEGORIES, 2: None}):
        lemma, category, forms = fields[0], fields[1], fields[2].split()
        for form in forms:
            words = tuple(form.lower().split("_"))
            cues.setdefault(words[0], []).append(_Cue(lemma, category, words))
    for entries in cues.values():
        entries.sort(key=lambda cue: -len(cue.words))  # longest match first
    return cues


@cache
def _reporting_forms() -> frozenset[str]:
    return frozenset(reporting_cues())


@cache
def _attribution_nouns() -> frozenset[str]:
    return frozenset(
        form.lower().replace("_", " ")
        for fields in load_lexicon_table("attribution_nouns")
        for form in fields[1].split()
    )


def _match_cue(tokens: Sequence[Token], i: int) -> _Cue | None:
    candidates = reporting_cues().get(tokens[i].lower)
    if not candidates:  # most tokens: one dict look-up
        return None
    for cue in candidates:
        n = len(cue.words)
        if n == 1 or tuple(t.lower for t in tokens[i : i + n]) == cue.words:
            return cue
    return None


def _as_reported_by(tokens: Sequence[Token], i: int) -> int | None:
    """The token that opens ``as (first) reported by X`` around the cue at token ``i``, or
    None."""
    if i + 2 >= len(tokens) or tokens[i + 1].lower != "by" or tokens[i].lower != "reported":
        return None
    k = i - 1
    if k >= 0 and tokens[k].lower in ("first", "originally", "previously"):
        k -= 1
    return k if k >= 0 and tokens[k].lower == "as" else None


#: Modal verbs that are also names ("Theresa May said", "George Will wrote").
_MODAL_NAMES = frozenset({"may", "will"})


def _modal_name(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is a name spelt like a modal: capitalised, and followed (adverbs
    aside) by a cue in a form a modal cannot take ("May said", "Will also wrote"; not "May
    say", "Will tell")."""
    token = tokens[k]
    if not token.capitalised or token.lower not in _MODAL_NAMES:
        return False
    m = k + 1
    while m < len(tokens) and (
        tokens[m].lower in ("also", "later", "then") or _is_ly_adverb(tokens[m])
    ):
        m += 1
    cue = _match_cue(tokens, m) if m < len(tokens) else None
    return cue is not None and tokens[m].lower != cue.lemma.split()[0]


def _in_verb_group(tokens: Sequence[Token], k: int, auxiliaries: frozenset[str]) -> bool:
    """Whether token ``k``, left of a cue, belongs to its verb group: one of ``auxiliaries``
    (not a name spelt like a modal: "Theresa May said"), an ``-ly`` adverb, or the "since" of
    a perfect tense ("She has since said"; not "since announcing", "since he said")."""
    word = tokens[k].lower
    if word in auxiliaries:
        return not _modal_name(tokens, k)
    if word == "since":
        return k > 0 and tokens[k - 1].lower in ("has", "have", "had")
    return _is_ly_adverb(tokens[k])


def _cue_extent(tokens: Sequence[Token], i: int, n: int, lemma: str) -> tuple[int, int]:
    """Cue tokens ``[i, i + n)`` widened to the verb group, as annotators mark it: auxiliaries,
    adverbs and negation before (``has said``, ``also said``, ``did not mention``), a particle
    after (``talked about``, ``lashed out at``) or a colon (``added:``)."""
    start = i
    if tokens[i].lower.endswith("ing"):
        start = _statement_opening(tokens, i)
    while start > 0 and _in_verb_group(tokens, start - 1, _BOUND_AUXILIARIES):
        start -= 1
    end = i + n
    if end < len(tokens):
        following = tokens[end]
        after = tokens[end + 1] if end + 1 < len(tokens) else None
        that_follows = any(t.lower == "that" for t in tokens[end + 1 : end + 8])
        # "wrote on Reddit, “...”": a place where it was said, then the quotation
        quote_follows = any(
            _introduces_quotation(tokens, m) for m in range(end + 2, min(len(tokens), end + 7))
        )
        if following.text == ":" or (
            (following.lower in _PARTICLES or (following.lower == "to" and lemma in _TO_PARTICLE))
            and lemma not in ("say", "tell", "according to")
            and not (following.lower in ("on", "at", "to") and (that_follows or quote_follows))
            and not (after and (after.lower in _TIME_WORDS or after.text[:1].isdigit()))
            and not (after and after.lower in ("least", "most", "all", "once", "times", "first"))
        ):
            end += 1
        elif (
            lemma in ("express", "voice", "raise")
            and following.is_word
            and not following.capitalised
            and after is not None
            and after.lower in ("that", "about", "over", "for", "with", "at")
        ):
            end += (
                1 if after.lower == "that" else 2
            )  # "expressed concern that", "voiced support for"
        elif following.lower in _DAYS and lemma != "say":
            end += 1  # "announced Tuesday" (but "said | Tuesday", as annotators mark it)
        elif (
            following.lower == "in"
            and end + 2 < len(tokens)
            and tokens[end + 1].lower in ("a", "an", "his", "her", "their", "its")
            and tokens[end + 2].lower in _attribution_nouns()
            and (lemma != "say" or tokens[end + 2].lower.startswith("statement"))
        ):
            end += 3  # "said in a statement", "wrote in an email" (but "said | in an interview")
    return start, end


def _statement_opening(tokens: Sequence[Token], i: int) -> int:
    """Where a participle cue's verb group starts when a statement is issued with it: "issued
    a statement saying", "released a statement Wednesday evening, saying", "issued statements
    condemning", "sent a fundraising email saying" (PolNeAR's cue); else ``i`` itself."""
    k = i - 1
    while k > 0 and (tokens[k].text == "," or tokens[k].lower in _TIME_WORDS):
        k -= 1  # "a statement Thursday, saying"
    if k < 1 or tokens[k].lower not in _attribution_nouns():
        return i
    k -= 1
    if (
        k > 0
        and tokens[k].is_word
        and not tokens[k].capitalised
        and tokens[k - 1].lower in _ARTICLES
    ):
        k -= 1  # an adjective: "a fundraising email"
    if tokens[k].lower in ("a", "an", "the"):
        k -= 1
    verb = tokens[k].lower if k >= 0 and not tokens[k].capitalised else ""
    if verb in _reporting_forms():
        return i  # "denied the report, saying": two reports
    if verb in _ISSUING_VERBS or (verb.endswith("ed") and verb.isalpha()):
        return k
    return i


#: How a report was made, after "by": "said by telephone" is no passive participle.
_MEDIA = frozenset(
    {"telephone", "phone", "email", "e-mail", "text", "video", "videoconference", "satellite"}
)


def _by_medium(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` (after "by") names a medium, not an agent."""
    return k < len(tokens) and tokens[k].lower in _MEDIA


def _as_follows(tokens: Sequence[Token], k: int, strict: bool = False) -> bool:
    """Whether a noun phrase of at most eight words and then "as" follow token ``k`` (``see
    Clinton as the stronger candidate``), or a poll's verdict (``view him favorably``), with
    no punctuation between; ``strict``, with no verb form either (for a form that is also a
    noun: ``the grim view of the climate comes as ...``)."""
    for m in range(k + 1, min(len(tokens), k + 9)):
        previous = tokens[m - 1]
        if not previous.text[-1].isalnum() or previous.lower in _BALLOTS:
            return False  # "cast their votes as polls closed": "as" is a conjunction
        if strict and (previous.lower in _VERB_FORMS or previous.lower in _AUXILIARIES):
            return False  # "the grim view of the climate comes as ...": a clause between
        if tokens[m].lower == "as" or tokens[m].lower in _VERDICTS:
            return True
    return False


_BALLOTS = frozenset({"vote", "votes", "ballot", "ballots"})
_VERDICTS = frozenset(
    {"favorably", "unfavorably", "favourably", "unfavourably", "positively", "negatively"}
)


def _is_cue_use(sentence: _Sentence, i: int, cue: _Cue) -> bool:
    """Whether the cue word at token ``i`` is used as a reporting verb here."""
    tokens = sentence.tokens
    token = tokens[i]
    if sentence.quote_at(token.start):
        return False  # words inside a quotation are the source's, not the reporter's
    if (
        token.capitalised
        and i > 0
        and tokens[i - 1].text not in _OPENING_QUOTES
        and not sentence.title_case
    ):
        return False  # "the United States", "Call of Duty"; but "Fiorina Endorses Cruz"
    previous = tokens[i - 1].lower if i else ""
    following = tokens[i + len(cue.words)].lower if i + len(cue.words) < len(tokens) else ""
    clause_follows = (
        following in ("that",)
        or following in _PRONOUNS
        or following[:1] in "“\"'"
        # "Some view Trump's nomination as a takeover": a verb, not "some view"
        or (token.lower in _AS_TAKING and _as_follows(tokens, i + len(cue.words), strict=True))
    )
    if (previous in _ARTICLES or previous.endswith(("'s", "’s"))) and not clause_follows:
        return False  # a noun: "the report", "Russia's request"
    if previous == "to":
        return False  # an infinitive: "wanted to say"
    # a name's report closing its clause ("..., the Chicago Tribune reports."), or a vehicle's
    # report ("a poll shows", "the lawsuit claims"): the verb, agreeing with its subject
    named_report = (
        i > 0
        and token.lower.endswith(("s", "ed"))
        and (
            (
                tokens[i - 1].capitalised
                and (
                    following in ("", ".", ",", ";", "!", "?")
                    # "The Washington Times reports Beck will endorse ...": a named subject
                    # of a clause follows
                    or _name_then_auxiliary(tokens, i + len(cue.words))
                )
            )
            or tokens[i - 1].lower in _attribution_nouns()
        )
    )
    if (
        token.lower in _NOUN_LIKE_CUES
        and not clause_follows
        and not named_report
        and not (
            _plural_head(tokens[i - 1] if i else None)
            # "the jobs report was released", "a records request from": a compound noun
            and following not in _AUXILIARIES
            and following not in _PREPOSITIONS
        )
        and any(
            t.lower in _DETERMINERS or t.lower.endswith(("'s", "’s"))
            for t in tokens[max(0, i - 3) : i]
        )
    ):
        return False  # "a telephone call", "the latest report"
    if cue.lemma == "put it" and not (following in (",", ":", ".") or following[:1] in "“\"'"):
        return False  # "as she put it, ..."; not "put it on the table"
    if token.lower in _NOUN_LIKE_CUES and following in ("are", "were"):
        return False  # a plural noun before its verb: "The New York Times reports are long"
    if token.lower in _NOUN_LIKE_CUES and following in _reporting_forms():
        return False  # a noun before the verb: "FEC reports show", "the claims say"
    # a passive participle: "the casualties reported by either side"; but "Asked by Matt
    # Lauer whether ..." names who asked
    return not (
        following == "by"
        and not _by_medium(tokens, i + len(cue.words) + 1)
        and _as_reported_by(tokens, i) is None  # "As reported by X, ..." names its source
        and cue.words != ("according", "to")
        and cue.lemma != "quote"
        and not (token.lower == "asked" and (i == 0 or previous == "when"))
    )


def _name_then_auxiliary(tokens: Sequence[Token], k: int) -> bool:
    """Token ``k`` begins a capitalised name (up to three words) followed by an auxiliary."""
    m = k
    while m < len(tokens) and m < k + 3 and tokens[m].capitalised:
        m += 1
    return k < m < len(tokens) and tokens[m].lower in _AUXILIARIES


def _plural_head(token: Token | None) -> bool:
    """A lower-case plural in -s right before a noun-like cue, which is then its verb:
    "several polls show", "the reports show" (not "the latest report", "a news report")."""
    if token is None or token.capitalised:
        return False
    word = token.lower
    return (
        word.isalpha()
        and word.endswith("s")
        and _has_plural_form(word)
        and word not in _MODIFYING_PLURALS
    )


_WORD_RUN = re.compile(r"\w+")

#: :data:`_WORD_RUN` for ASCII text, encoded (the same runs; a fifth faster: see
#: :func:`analysis.text.count_words`).
_ASCII_WORD_RUN = re.compile(rb"\w+")

#: Every byte that is not a word character of a bytes pattern (``[A-Za-z0-9_]``) as a space.
_NON_WORD_TO_SPACE = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == ord("_")) else ord(" ")
    for byte in range(256)
)


def _ascii_word_runs(data: bytes) -> list[bytes]:
    """``_ASCII_WORD_RUN.findall(data)``, four times faster: every other byte becomes a space,
    and ``split`` cuts the rest at the spaces."""
    return data.translate(_NON_WORD_TO_SPACE).split()


_DASH_CHARACTERS = frozenset("―—–-")  # the characters of every token in words._DASHES


@cache
def _cue_words() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]], tuple[str, ...]]:
    """What :func:`_may_attribute` looks for, from the cue lexicon:

    - first words that may be a cue by themselves (a one-word cue, or a phrase with inner
      punctuation, which word runs cannot check);
    - the other first words, with the rest of each of their phrases (``hit`` → ``out``), which
      must follow as whole word runs;
    - first words with inner punctuation (``e-mailed``), looked for in the text itself.
    """
    alone, phrases = set(), {}
    for word, entries in reporting_cues().items():
        if any(len(cue.words) == 1 or not all(w.isalnum() for w in cue.words) for cue in entries):
            alone.add(word)
        else:
            phrases[word] = tuple(cue.words[1:] for cue in entries)
    punctuated = tuple(word for word in reporting_cues() if not word.isalnum())
    return frozenset(alone), phrases, punctuated


@cache
def _ascii_cue_words() -> tuple[frozenset[bytes], dict[bytes, tuple[tuple[bytes, ...], ...]]]:
    """The first two of :func:`_cue_words` in bytes, for ASCII sentences: what only non-ASCII
    text can hold is left out."""
    alone, phrases, _ = _cue_words()
    ascii_phrases = {
        word.encode(): tuple(
            tuple(w.encode() for w in rest) for rest in rests if all(w.isascii() for w in rest)
        )
        for word, rests in phrases.items()
        if word.isascii()
    }
    return frozenset(w.encode() for w in alone if w.isascii()), ascii_phrases


def _may_attribute(text: str, start: int, end: int, nearby: Sequence[QuoteSpan]) -> bool:
    """Whether the rules can find anything in ``text[start:end]``: a cheap test that lets most
    sentences without a cue skip tokenisation.

    It errs on the side of yes: every rule needs a token that starts a cue outside the
    quotations (words inside one are the source's, never a cue: :func:`_is_cue_use`), a colon,
    or a dash right after a quotation.
    """
    lowered = text[start:end].lower()
    if ":" in lowered:
        return True
    for quote in nearby:  # a dash signature: a dash is the first thing after a quotation
        after = quote.end
        while after < end and text[after].isspace():
            after += 1
        if start <= after < end and text[after] in _DASH_CHARACTERS:
            return True
    if not _has_cue_word(lowered, lowered):
        return False
    outside = _outside_quotations(text, start, end, nearby)
    return outside is None or _has_cue_word(outside.lower(), lowered)


def _outside_quotations(text: str, start: int, end: int, nearby: Sequence[QuoteSpan]) -> str | None:
    """``text[start:end]`` with the inside of every quotation replaced by a space (so that no
    word run spans it), or None when no quotation's inside reaches into it."""
    pieces, position = [], start
    for quote in sorted(nearby, key=_INNER_START):
        inner_start, inner_end = max(quote.inner_start, position), min(quote.inner_end, end)
        if inner_start < inner_end:
            pieces.append(text[position:inner_start])
            position = inner_end
    if not pieces:
        return None
    pieces.append(text[position:end])
    return " ".join(pieces)


_INNER_START = operator.attrgetter("inner_start")


def _has_cue_word(lowered: str, whole: str) -> bool:
    """Whether the lower-cased ``lowered`` may hold a token that starts a cue: a word run that
    starts a cue (a run minus its last letter covers ``could|n’t``), or the first word of a
    phrase such as ``hit out`` whose other words follow it somewhere in ``whole`` (the
    lower-cased sentence ``lowered`` is part of), or a first word with inner punctuation."""
    alone, phrases, punctuated = _cue_words()
    in_bytes = whole.isascii() and lowered.isascii()  # the same runs, found faster
    if in_bytes:
        alone, phrases = _ascii_cue_words()
        runs, letter_n = _ascii_word_runs(lowered.encode("ascii")), b"n"
    else:
        runs, letter_n = _WORD_RUN.findall(lowered), "n"
    if not alone.isdisjoint(runs):
        return True
    first_words = phrases.keys() & runs
    if first_words:
        # Tokens that spell a phrase are word runs with only white space between them.
        if whole is lowered:
            all_runs = runs
        elif in_bytes:
            all_runs = _ascii_word_runs(whole.encode("ascii"))
        else:
            all_runs = _WORD_RUN.findall(whole)
        for word in first_words:
            for at in (n for n, run in enumerate(all_runs) if run == word):
                if any(
                    tuple(all_runs[at + 1 : at + 1 + len(rest)]) == rest for rest in phrases[word]
                ):
                    return True
    if ("n’t" in whole or "n't" in whole) and any(
        run.endswith(letter_n) and (run[:-1] in alone or run[:-1] in phrases) for run in runs
    ):
        return True  # a contraction's first token: "could|n’t" is the run "couldn"
    return any(word in lowered for word in punctuated)
