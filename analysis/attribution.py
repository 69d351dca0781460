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
- ``Asked about X, Liu said ...``: the question is the content of ``Asked``;
- coordinated and participial cues share the subject (``He said ... and added``, ``...,
  adding that``), and a parenthetical ``X said,`` inside its content gives one content;
- a quotation opening the next sentence of the same paragraph continues a direct quotation as
  a further content piece (``“Part one,” she said. “Part two.”``);
- headline and transcript colons (``Lynch: No outside influence``) and dash signatures after
  a quotation (``“...” ― Sonya Herridge``);
- a paragraph that is only a quotation, right after a direct quotation by X, is X's
  (``is_floating``).

Spans follow the conventions of the PolNeAR annotation (Newell, Margolin & Ruths 2018): the cue
takes its verb group (``has also said``, ``did not mention``, ``lashed out at``, ``said in a
statement``); a source keeps its appositive or relative clause and the comma closing it; a
content excludes the final period but keeps the marks and the comma inside a quotation. A report
inside another's content is part of that content, never a nested attribution of its own.

Negated or empty reports (``Neither side said what these would cover``) carry no content and are
not attributions.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Protocol

import pandas as pd

from analysis.lexicon import load_lexicon, load_lexicon_table
from analysis.quotes import QuoteSpan
from analysis.segment import abbreviation_kind, body_sentence_spans
from analysis.tables import ATTRIBUTION_COLUMNS, CUE_CATEGORIES, conform
from analysis.text import ContainingSpans, paragraph_spans, strip_span

__all__ = [
    "ATTRIBUTION_METHODS",
    "Attribution",
    "SentenceReviser",
    "article_attributions",
    "attribution_columns",
    "find_attributions",
    "link_quotes",
    "reporting_cues",
]

#: How the attributions table can be made; the first is the default: ``model``, the rules
#: revised by a trained model (:mod:`analysis.attribution_model`), or ``rules`` alone.
ATTRIBUTION_METHODS = ("model", "rules")

# Words: letters/digits with inner apostrophes, hyphens and periods; an abbreviation keeps its
# final period (checked after matching); any other character is a token of its own.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., N.Y.
    r"|\w+(?:[’'\-.&]\w+)*(?:(?<=s)[’'](?=\s\w))?\.?"  # words; plural possessive: Sanders’
    r"|[“”„«»‘’\"']+|\S"
)
# The same tokens with the white space before each: one ``findall`` gives every token and,
# from the lengths, its span (no match object per token).
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN.pattern})")

_OPENING_QUOTES = frozenset("“„«‘\"'")
_CLOSING_QUOTES = frozenset("”»’\"'")
_SENTENCE_END = frozenset({".", "!", "?", "…"})

_MAX_SUBJECT_TOKENS = 12
# How far after a sentence a quotation it introduces may start ("said:\n\n“...”").
_QUOTE_LOOKAHEAD = 200
_INITIAL = re.compile(r"[A-Z]\.")
_CONTRACTION = re.compile(
    r"(?i)(\w+?)(n[’']t)|((?:he|she|it|that|there|who|what|i|we|they|you))([’'](?:s|ve|re|ll|d|m))"
)


@cache
def _word_classes() -> dict[str, frozenset[str]]:
    """Word classes from ``lexicons/function_words.txt``."""
    classes: dict[str, set[str]] = {}
    for fields in load_lexicon_table("function_words"):
        for name in fields[1].split():
            classes.setdefault(name, set()).add(fields[0])
    return {name: frozenset(words) for name, words in classes.items()}


def _words(name: str) -> frozenset[str]:
    return _word_classes()[name]


_PRONOUNS = _words("pronoun")
_NEGATIVE_SOURCES = _words("negative")
_DETERMINERS = _words("determiner")
_NOUN_LIKE_CUES = _words("noun_cue")
_NEGATIONS = _words("negation")
_AUXILIARIES = _words("auxiliary")
_BOUND_AUXILIARIES = _words("bound_auxiliary")
_SUBJECT_STOPS = _words("subject_stop")
_NP_FUNCTION_WORDS = _words("phrase_word")
_NP_PREPOSITIONS = _words("phrase_preposition")
_PREPOSITIONS = _words("preposition")
_WH_WORDS = _words("wh")
_TIME_WORDS = _words("time")
_OBJECT_TAKING = _words("object_taking")
_ARTICLES = _words("article")
_LABELS = _words("label")
_NEEDS_CLAUSE = _words("needs_clause")
# Conjunctions and focus adverbs that open a sentence but are not part of its subject.
_APPROXIMATORS = frozenset({"about", "nearly", "almost", "roughly", "only", "some", "over"})
# Words a title-case headline may leave in lower case.
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "but", "to", "in", "on", "at", "for", "by", "as", "with"}
)
_LEADING_ADVERBS = frozenset({"yet", "but", "and", "or", "so", "even", "just", "still", "also"})
_VERB_FORMS = _words("verb")
_ROLE_NOUNS = _words("role_noun")
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it"})
# Words that open a new clause after a comma, ending the content before them.
_CLAUSE_OPENERS = frozenset(
    {"while", "as", "when", "although", "though", "which", "where", "whereas", "because",
     "before", "after", "despite", "even", "but", "who"}
)  # fmt: skip
# Unions the rules test tokens against, built once (not once per test).
_QUOTE_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES
_SUBJECT_OR_TIME = _SUBJECT_STOPS | _TIME_WORDS
_PHRASE_STOPS = _PREPOSITIONS | _TIME_WORDS | _SUBJECT_STOPS
_TIME_OR_PREPOSITION = _TIME_WORDS | _PREPOSITIONS
_APPOSITIVE_OPENERS = _DETERMINERS | {"who", "which"}
_CLAUSE_HEADS = _WH_WORDS | {"that"}
_SUBJECT_PRONOUNS = _PRONOUNS - {"it", "you"}  # "it" and "you" are as often objects
_LEAD_IN_PREPOSITIONS = _PREPOSITIONS | {"following", "to"}
_DETERMINERS_PRONOUNS = _DETERMINERS | _PRONOUNS
_PRONOUNS_ARTICLES = _PRONOUNS | _ARTICLES
_SINGLE_OBJECTS = _OBJECT_PRONOUNS | {"this", "that", "yes", "no"}
# What may stand right before a participial cue whose subject is the main clause's.
_PARTICIPLE_LEADS = frozenset(
    {",", "-", "--", "—", "–", "by", "after", "before", "while", "in", "without", "when", "and"}
)
# Cue lemmas that take "to" as a particle: "referring to", "responded to", "pointed to".
_TO_PARTICLE = frozenset({"refer", "respond", "point", "reply", "react", "object", "allude"})
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_CLAUSE_OPENER_EXCEPTIONS = frozenset({"including", "according", "something", "nothing", "thing"})
_SUBORDINATORS = frozenset(
    {"while", "although", "though", "as", "when", "if", "because", "since", "even", "whereas"}
)
_PARTICLES = _words("particle")


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
def _attribution_nouns() -> frozenset[str]:
    return frozenset(
        form.lower().replace("_", " ")
        for fields in load_lexicon_table("attribution_nouns")
        for form in fields[1].split()
    )


@cache
def _news_agencies() -> frozenset[str]:
    return frozenset(entry.casefold() for entry in load_lexicon("news_agencies"))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with their spans.

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
    position = start
    # Tokens cover every non-space character, so only white space lies between them.
    for space, word in _SPACED_TOKEN.findall(text, start, end):
        first = position + len(space)
        position = last = first + len(word)
        if (
            word[-1] == "."
            and len(word) > 1
            and word[0].isalnum()
            and abbreviation_kind(word) is None
            and not _INITIAL.fullmatch(word)
        ):
            append(Token(first, last - 1, word[:-1]))
            append(Token(last - 1, last, "."))
            continue
        contraction = ("’" in word or "'" in word) and _CONTRACTION.fullmatch(word)
        if contraction:  # "He’s", "didn’t": the auxiliary is a token of its own
            split = contraction.end(1) if contraction.group(1) else contraction.end(3)
            cut = first + split
            append(Token(first, cut, word[:split]))
            append(Token(cut, last, word[split:]))
            continue
        append(Token(first, last, word))
    return tokens


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


def _match_cue(tokens: Sequence[Token], i: int) -> _Cue | None:
    candidates = reporting_cues().get(tokens[i].lower)
    if not candidates:  # most tokens: one dict look-up
        return None
    for cue in candidates:
        n = len(cue.words)
        if n == 1 or tuple(t.lower for t in tokens[i : i + n]) == cue.words:
            return cue
    return None


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
        end -= 1
        start, end = strip_span(text, start, end)
    while start < end and text[start] in ",;:—–-":
        start += 1
        start, end = strip_span(text, start, end)
    return (start, end) if end > start else None


def _subject_left(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """Token range ``[i, j)`` of the subject ending right before token ``j`` (the cue).

    ``Liu Pengyu, spokesperson for China's embassy in Washington, said``: an appositive or a
    relative clause between commas belongs to the subject, trailing comma included.
    """
    if j == 0:
        return None
    if tokens[j - 1].text == "," and j >= 3:
        k = j - 2
        while k > 0 and tokens[k].text not in (",", ";", ":") and j - k < 30:
            if tokens[k].text[-1] in _QUOTE_MARKS:
                return None
            k -= 1
        if tokens[k].text == "," and k + 1 < j - 1:
            head = _plain_subject(tokens, k)
            if head is not None and _is_named_or_definite(tokens, *head):
                return head[0], j
        return None
    return _plain_subject(tokens, j)


def _is_named_or_definite(tokens: Sequence[Token], i: int, j: int) -> bool:
    return any(t.capitalised for t in tokens[i:j]) or tokens[i].lower in _DETERMINERS


def _plain_subject(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The noun phrase ending before token ``j``, or None.

    Without a tagger, a phrase is: a pronoun; or a run of capitalised words, determiners,
    numbers, possessives and lower-case words that starts with a determiner, a possessive, a
    number or a capitalised word (``the regional police chief``, ``Real Time host Bill Maher``,
    ``several U.S. officials``); or a bare plural (``officials``, ``authorities``).
    """
    if j == 0:
        return None
    if tokens[j - 1].text == ")":
        # "Sen. Ted Cruz (R-Tex.) said", "Michigan Attorney General Bill Schuette (R) asked"
        opening = next((m for m in range(j - 2, max(-1, j - 9), -1) if tokens[m].text == "("), None)
        if opening is None or opening == 0:
            return None
        inner = _plain_subject(tokens, opening)
        return (inner[0], j) if inner is not None and inner[1] == opening else None
    last = tokens[j - 1]
    if last.lower in _PRONOUNS:
        return j - 1, j
    if not last.is_word or last.lower in _SUBJECT_STOPS or last.lower in _ARTICLES:
        return None
    i = j - 1
    while i > 0 and j - i < _MAX_SUBJECT_TOKENS:
        previous = tokens[i - 1]
        word = previous.lower
        if previous.text in ("'s", "’s", "'", "’"):
            i -= 1
            continue
        if previous.text == "." and i >= 2 and tokens[i - 2].capitalised:
            i -= 1
            continue
        if previous.text == "&" or previous.text == "-":
            i -= 1
            continue
        if not previous.is_word or (word in _PRONOUNS and word not in _DETERMINERS):
            break
        if word in _NP_PREPOSITIONS and i >= 2 and _can_start_phrase(tokens, i):
            i -= 1  # "The city council in Mariupol", "the head of the agency"
            continue
        if word in _SUBJECT_STOPS and word not in _NP_FUNCTION_WORDS:
            break
        if word.endswith("ly") and not previous.capitalised:
            break

        if word in _TIME_WORDS:
            break
        i -= 1
    # A clock time is not part of the phrase: "9:30 p.m. New Jersey Gov. Chris Christie says".
    for m in range(i, j - 1):
        if tokens[m].lower in ("a.m.", "p.m."):
            i = m + 1
    # A bare plural at the left edge starts the phrase ("aviation experts say", "but majorities
    # in all five say"); else the phrase starts at its leftmost determiner, number, possessive
    # or capitalised word.
    if _is_bare_plural(tokens, i):
        return i, j
    start = i
    while i < j - 1 and not _can_start_phrase(tokens, i):
        i += 1
    if _can_start_phrase(tokens, i):
        # "About one in five said": an approximator before a number belongs to the phrase
        number = tokens[i].lower[:1].isdigit() or tokens[i].lower in _DETERMINERS
        if i > start and tokens[i - 1].lower in _APPROXIMATORS and number:
            return i - 1, j
        return i, j
    # A bare plural with its lower-case modifiers: "recent polls", "local officials said".
    head = tokens[j - 1]
    modifiers = [t for t in tokens[start : j - 1]]
    if (
        _is_plural_noun(head)
        and len(modifiers) <= 3
        and all(
            t.is_word and not t.capitalised and (t.lower not in _SUBJECT_STOPS or t.lower == "and")
            for t in modifiers
        )
        and (not modifiers or modifiers[0].lower != "and")
    ):
        return start, j
    return None


def _is_plural_noun(token: Token) -> bool:
    word = token.lower
    return (
        word.endswith("s")
        and not word.endswith(("ss", "'s", "’s", "us", "is"))
        and word.isalpha()
        and word not in _SUBJECT_STOPS
        and word not in _VERB_FORMS
    )


def _is_bare_plural(tokens: Sequence[Token], i: int) -> bool:
    word = tokens[i].lower
    return (
        word.endswith("s")
        and not word.endswith(("ss", "'s", "’s", "us", "is"))
        and word.isalpha()
        and not tokens[i].capitalised
        and word not in _SUBJECT_STOPS
        and word not in _DETERMINERS
        and (i == 0 or tokens[i - 1].lower in _SUBJECT_STOPS or not tokens[i - 1].is_word)
    )


def _can_start_phrase(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    word = token.lower
    if word in _PREPOSITIONS or word in ("and", "&", "of", "-") or word in _LEADING_ADVERBS:
        return False
    if word in _SUBJECT_STOPS and word not in _DETERMINERS:
        return False  # "Following the release of ...", "Despite Mr. Trump's ..."
    return (
        word in _DETERMINERS
        or token.capitalised
        or word[:1].isdigit()
        or word.endswith(("'s", "’s"))
    )


def _subject_right(tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k`` (inverted ``said Aliev, a musician``)."""
    if k >= len(tokens):
        return None
    first = tokens[k]
    continues = k + 1 < len(tokens) and tokens[k + 1].is_word
    if first.lower in _PRONOUNS and not (first.lower in _DETERMINERS and continues):
        return k, k + 1
    role_start = (
        first.is_word
        and not first.capitalised
        and first.lower not in _SUBJECT_OR_TIME
        and any(t.capitalised for t in tokens[k + 1 : k + 4])
        and not any(t.lower in _SUBJECT_STOPS or not t.is_word for t in tokens[k + 1 : k + 2])
    )
    if not first.is_word or not (_can_start_phrase(tokens, k) or role_start):
        return None
    j = k
    while j < len(tokens):
        token = tokens[j]
        inside_name = (  # the period of an initial between capitalised words: "John F. Kennedy"
            token.text == "."
            and j > k
            and tokens[j - 1].capitalised
            and j + 1 < len(tokens)
            and tokens[j + 1].capitalised
        )
        if (
            token.text in (",", ";", ":", ".", "!", "?") or token.text[-1] in _OPENING_QUOTES
        ) and not inside_name:
            break
        name_of = token.lower == "of" and j + 1 < len(tokens) and tokens[j + 1].capitalised
        stops = token.lower in _PHRASE_STOPS
        if j > k and stops and not name_of:
            break
        if (
            j > k
            and token.is_word
            and not token.capitalised
            and token.lower not in _NP_FUNCTION_WORDS
        ):
            if _looks_like_verb(token):
                break  # "Clinton | attacked Trump", "The Arizona Republican | survived ..."
            previous = tokens[j - 1]
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                previous.capitalised
                and previous.lower not in _DETERMINERS
                and not (following is not None and following.capitalised)
                and token.lower not in _ROLE_NOUNS
            ):
                break  # a name ends at a lower-case word, unless a role leads on to a name
        j += 1
    if j == k:
        return None
    # ", a 23-year-old musician" / ", who runs ..." up to the end of the clause
    if j + 1 < len(tokens) and tokens[j].text == "," and _opens_appositive(tokens[j + 1]):
        # ", a 23-year-old musician", ", publisher of The Federalist,", ", who runs ...": the
        # appositive runs to the next comma, which belongs to the source, or to the clause end.
        m = j + 1
        while m < len(tokens) and tokens[m].text not in (".", "!", "?", ";"):
            if tokens[m].text[-1] in _OPENING_QUOTES:
                break
            if tokens[m].text == ",":
                return k, m + 1
            m += 1
        return k, m
    return k, j


def _opens_appositive(token: Token) -> bool:
    """Whether a word after ``NAME,`` can open an appositive (``a musician``, ``publisher of``,
    ``who``), not a new clause or adjunct (``explaining ...``, ``for example``, ``but ...``)."""
    word = token.lower
    return (
        token.is_word
        and not (word.endswith("ing") and not token.capitalised)
        and word not in _PREPOSITIONS
        and (word not in _SUBJECT_STOPS or word in _APPOSITIVE_OPENERS)
    )


def _looks_like_verb(token: Token) -> bool:
    """A lower-case word that, after a name, is likely its verb rather than part of it."""
    word = token.lower
    return (
        (word.endswith("ed") and len(word) > 4) or word in _VERB_FORMS or word in reporting_cues()
    )


def _cue_extent(tokens: Sequence[Token], i: int, n: int, lemma: str) -> tuple[int, int]:
    """Cue tokens ``[i, i + n)`` widened to the verb group, as annotators mark it: auxiliaries,
    adverbs and negation before (``has said``, ``also said``, ``did not mention``), a particle
    after (``talked about``, ``lashed out at``) or a colon (``added:``)."""
    start = i
    if (
        tokens[i].lower == "saying"
        and i >= 3
        and tokens[i - 1].lower in _attribution_nouns()
        and tokens[i - 2].lower in ("a", "an", "the")
        and tokens[i - 3].is_word
        and not tokens[i - 3].capitalised
    ):
        start = i - 3  # "issued a statement saying", "sent a tweet saying"
    while start > 0 and (
        tokens[start - 1].lower in _BOUND_AUXILIARIES or _is_ly_adverb(tokens[start - 1])
    ):
        start -= 1
    end = i + n
    if end < len(tokens):
        following = tokens[end]
        after = tokens[end + 1] if end + 1 < len(tokens) else None
        that_follows = any(t.lower == "that" for t in tokens[end + 1 : end + 8])
        if following.text == ":" or (
            (following.lower in _PARTICLES or (following.lower == "to" and lemma in _TO_PARTICLE))
            and lemma not in ("say", "tell", "according to")
            and not (following.lower in ("on", "at", "to") and that_follows)
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


def _is_ly_adverb(token: Token) -> bool:
    word = token.lower
    return len(word) > 4 and word.endswith("ly") and word.isalpha() and not token.capitalised


def _span(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    return tokens[i].start, tokens[j - 1].end


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
            found.extend(results)
    _continue_quotations(text, sentences, quotes, found)
    found.extend(_floating(text, sentences, quotes, found))
    found.sort(key=lambda a: (a.sentence_id, a.cue[0] if a.cue else a.content[0][0]))
    return found


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


_WORD_RUN = re.compile(r"\w+")
#: :data:`_WORD_RUN` for ASCII text, encoded (the same runs; a fifth faster: see
#: :func:`analysis.text.count_words`).
_ASCII_WORD_RUN = re.compile(rb"\w+")
_DASH_CHARACTERS = frozenset("―—–-")  # the characters of every token in _DASHES
_DASH = re.compile(f"[{re.escape(''.join(sorted(_DASH_CHARACTERS)))}]")


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
        runs, letter_n = _ASCII_WORD_RUN.findall(lowered.encode("ascii")), b"n"
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
            all_runs = _ASCII_WORD_RUN.findall(whole.encode("ascii"))
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


def _continue_quotations(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    quotes: Sequence[QuoteSpan],
    found: Sequence[Attribution],
) -> None:
    """``“Part one,” she said. “Part two.”``: quotations that open the next sentences of the
    same paragraph continue a direct quotation; they become further pieces of its content."""
    paragraph_starts = [start for start, _ in paragraph_spans(text)]
    quote_at_start = {q.start: q for q in quotes if q.depth == 0}
    quote_bounds = {(q.start, q.end) for q in quotes}
    covered = {piece for a in found for piece in a.content}
    cued_sentences = {a.sentence_id for a in found}
    order = {sentence_id: n for n, (sentence_id, _, _) in enumerate(sentences)}
    for attribution in found:
        if not attribution.content or attribution.content[-1] not in quote_bounds:
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


_LEAD_ADVERBS = frozenset(
    {"however", "meanwhile", "still", "indeed", "moreover", "instead", "separately", "earlier",
     "later", "today", "yesterday", "now", "then", "also", "overall", "previously"}
)  # fmt: skip
_DASHES = frozenset({"―", "—", "–", "-", "--"})


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
    name (headline or transcript style) and a colon at the start of a sentence."""
    tokens = sentence.tokens
    if not tokens or ":" not in sentence.text[sentence.start : tokens[min(len(tokens), 7) - 1].end]:
        return None  # a colon is a token of its own: none among the first seven tokens
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
    if any(t.lower in _reporting_forms() for t in head):
        return None  # "Trump said: ..." is the cue's own construction
    if any(t.lower in _LABELS for t in head):
        return None  # "The Latest:", "Correction:", "Q:": headings, not sources
    content = _content_after(sentence, colon + 1)
    if content is None:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, colon, colon + 1),
        cue_lemma=":",
        cue_category="neutral",
        source=_span(tokens, 0, colon),
        content=content,
    )


@cache
def _reporting_forms() -> frozenset[str]:
    return frozenset(reporting_cues())


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


# What may join a new clause (with its own source and cue) to the content before it.
_CLAUSE_JOINT = re.compile(r"(?:[,;]\s*(?:and|but|while)?|\s(?:and|but|while))\s*$")


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
        if joint is None:
            continue
        comma = inner.source[0] - len(before) + joint.start()
        for outer in results:
            if outer is inner or not outer.content:
                continue
            start, end = outer.content[-1]
            if start < comma < end and end >= inner.cue[1]:
                cut = _trim_content(text, start, comma)
                if cut:
                    outer.content[-1] = cut


def _cut_overlaps(sentence: _Sentence, results: Sequence[Attribution]) -> None:
    """``X also discussed Y, the State Department said``: a content does not run on into a
    later attribution whose content comes first; it stops where that content stops."""
    for later in results:
        if not later.content or later.cue is None or later.content[0][1] > later.cue[0]:
            continue  # only attributions whose content precedes their cue
        boundary = later.content[0][1]
        for other in results:
            if other is later or not other.content:
                continue
            start, end = other.content[-1]
            if start < boundary < end and other.cue and other.cue[0] < boundary:
                cut = _trim_content(sentence.text, start, boundary)
                if cut:
                    other.content[-1] = cut


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
    clause_follows = following in ("that",) or following in _PRONOUNS or following[:1] in "“\"'"
    if (previous in _ARTICLES or previous.endswith(("'s", "’s"))) and not clause_follows:
        return False  # a noun: "the report", "Russia's request"
    if previous == "to":
        return False  # an infinitive: "wanted to say"
    if (
        token.lower in _NOUN_LIKE_CUES
        and not clause_follows
        and any(
            t.lower in _DETERMINERS or t.lower.endswith(("'s", "’s"))
            for t in tokens[max(0, i - 3) : i]
        )
    ):
        return False  # "a telephone call", "the latest report"
    # a passive participle: "the casualties reported by either side"
    return not (following == "by" and cue.words != ("according", "to") and cue.lemma != "quote")


def _attribute(
    sentence: _Sentence,
    sentence_id: int,
    i: int,
    cue: _Cue,
    earlier: Sequence[Attribution],
) -> Attribution | None:
    tokens = sentence.tokens
    if cue.words == ("according", "to"):
        return _according_to(sentence, sentence_id, i, cue)
    if cue.lemma == "quote":
        return _quoted_as_saying(sentence, sentence_id, i, cue)
    if tokens[i].lower == "asked" and (i == 0 or (i == 1 and tokens[0].lower == "when")):
        return _asked_about(sentence, sentence_id, i, cue)
    cue_start, cue_end = _cue_extent(tokens, i, len(cue.words), cue.lemma)
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
        if tokens[left - 1].lower in _AUXILIARIES or _is_ly_adverb(tokens[left - 1]):
            left -= 1
        elif 0 < _time_phrase_length(tokens, left - 1) < left:
            left -= _time_phrase_length(tokens, left - 1)
        else:
            break
    after_cue = cue_end
    via = None
    if cue.lemma in _OBJECT_TAKING:
        after_cue, via = _skip_object(tokens, cue_end)

    # Coordination and participles: "He said ... and added, “...”", "..., adding that ...":
    # the subject is that of the outermost earlier cue whose content reaches this one, else the
    # subject of the sentence.
    coordinated = left > 0 and tokens[left - 1].lower in ("and", "but")
    # "..., adding that", "by saying he'd", "- only saying that": a participle whose subject is
    # the main clause's; "he said when asked about X": a passive one.
    participle = tokens[i].lower.endswith("ing") and (
        left == 0 or tokens[left - 1].text in _PARTICIPLE_LEADS
    )
    participle = participle or (
        tokens[i].lower == "asked" and left > 0 and tokens[left - 1].lower == "when"
    )
    if coordinated and _inner_coordination(sentence, tokens, left - 1, i, cue, earlier):
        return None  # "says he’d sit Putin down and tell him": inside the content
    if coordinated or participle:
        conjunction = tokens[left - 1].start if left else tokens[i].start
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
        content = _content_after(sentence, _skip_lead_in(tokens, after_cue))
        if content is None or source_span is None:
            return None
        attribution = make(None, content, via)
        attribution.source = source_span
        return attribution

    subject = _subject_left(tokens, left)
    # "“Who is here?” Sanders said.": the quotation closed the sentence before
    if subject is not None and subject[0] == 0:
        previous_quote = _quotation_before(sentence)
        rest = _skip_trailer(tokens, after_cue)
        if previous_quote is not None and _ends_clause(tokens, rest):
            return make(subject, [(previous_quote.start, previous_quote.end)], via)
    # "“CONTENT,” SOURCE CUE ..." and "CONTENT, SOURCE CUE ..."
    if subject is not None and subject[0] > 0 and _is_content_end(sentence, subject[0] - 1):
        rest = _skip_trailer(tokens, after_cue)
        if _ends_clause(tokens, rest):
            parenthetical = _parenthetical_rest(sentence, subject[0] - 1, rest)
            if parenthetical is not None:
                head_start = _after_lead_adverbial(sentence)
                if sentence.text[head_start : tokens[subject[0] - 1].start].strip():
                    return make(subject, [(head_start, parenthetical)], via)
            content = _content_before(sentence, tokens[subject[0] - 1])
            quote_follows = _split_quote_piece(sentence, rest) is not None
            if (
                content is not None
                and quote_follows
                and (content[0], content[1]) not in {(q.start, q.end) for q in sentence.quotes}
            ):
                content = None  # "Asked about X, Liu said, “...”": the quotation is the content
            if content is not None:
                pieces = [content]
                split = _split_quote_piece(sentence, rest)
                if split:
                    pieces.append(split)
                return make(subject, pieces, via)
    # "“CONTENT,” CUE SOURCE, APPOSITIVE" (a plain verb of saying, no particle)
    plain = len(cue.words) == 1 and cue_end == i + 1 and left == cue_start
    previous_quote = _quotation_before(sentence) if left == 0 else None
    if plain and ((left > 0 and _is_content_end(sentence, left - 1)) or previous_quote is not None):
        source = _subject_right(tokens, cue_end)
        if source is not None:
            rest = _skip_trailer(tokens, source[1])
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
        return None
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
    if cue.lemma in ("speak", "talk") and cue_end == i + len(cue.words):
        return None  # "have been speaking daily": speech without content unless "spoke about X"
    if cue.lemma in _NEEDS_CLAUSE and not (
        first in ("that", ":")
        or first[:1] in _OPENING_QUOTES
        or content[0] in {(q.start, q.end) for q in sentence.quotes}
    ):
        return None  # "maintained his lead", "spoke with Garland", "voiced support"
    if (
        subject[0] > 0
        and tokens[subject[0]].lower in ("who", "which")
        and (tokens[subject[0] - 1].text == ",")
    ):
        # "Sanders, who on Tuesday endorsed Clinton, said ...": the relative clause ends at
        # its closing comma, and so does its content.
        start, end = content[-1]
        comma = next(
            (
                t.start
                for t in tokens
                if start < t.start < end and t.text == "," and not sentence.quote_at(t.start)
            ),
            None,
        )
        if comma is not None:
            cut = _trim_content(sentence.text, start, comma)
            if cut:
                content[-1] = cut
    return make(subject, content, via)


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


def _skip_lead_in(tokens: Sequence[Token], k: int) -> int:
    """Skip an adverbial between a cue and its content when a colon, a comma before a
    quotation, or ``that`` follows it: ``said in a statement: “...”``, ``said Monday that``,
    ``said Thursday during a taping in Buffalo, New York, that ...``."""
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
    ):
        return end
    return k


def _sentence_subject(tokens: Sequence[Token], before: int) -> tuple[int, int] | None:
    """The subject of the sentence's main clause, looked for before token ``before``."""
    k = 0
    # skip a leading adverbial clause or phrase ending in a comma ("In response, Trump ...")
    for m in range(min(before, 12)):
        if tokens[m].text == ",":
            k = m + 1
            break
    while k < before and not _can_start_phrase(tokens, k) and tokens[k].lower not in _PRONOUNS:
        k += 1
    if k >= before:
        return None
    return _subject_right(tokens, k)


def _parenthetical_rest(sentence: _Sentence, boundary: int, rest: int) -> int | None:
    """``The only problem, Ms. Bigbee said, is that ...``: an attribution set between commas
    inside its content, which then runs on to the end of the sentence; the end, or None."""
    tokens = sentence.tokens
    if (
        tokens[boundary].text != ","
        or rest >= len(tokens) - 1
        or tokens[rest].text != ","
        or tokens[rest + 1].text[-1] in _OPENING_QUOTES
    ):
        return None
    words_after = [t for t in tokens[rest + 1 :] if t.is_word]
    if len(words_after) < 2:
        return None
    end = _trim_content(sentence.text, tokens[rest + 1].start, sentence.end)
    return end[1] if end else None


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


def _ends_clause(tokens: Sequence[Token], k: int) -> bool:
    """Nothing but the end of the sentence, a comma or a new quotation from token ``k``."""
    if k >= len(tokens):
        return True
    token = tokens[k]
    return token.text in (".", "!", "?", ",", ";", ":", "…") or token.text[-1] in _OPENING_QUOTES


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
        j += 1
    if j == k or j - k >= 8:
        return k, None
    addressee = " ".join(t.text for t in tokens[k:j])
    via = addressee if addressee.casefold() in _news_agencies() else None
    if j < len(tokens) and tokens[j].text == "," and not _split_quote_start(tokens, j):
        return len(tokens), via  # "asked China for equipment, sparking ...": no content
    return j, via


def _split_quote_start(tokens: Sequence[Token], j: int) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1].text[-1] in _OPENING_QUOTES


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
    start = _after_lead_adverbial(sentence)
    content = _trim_content(sentence.text, start, boundary.start)
    if content is None:
        return None
    words = sentence.words_between(*content)
    return content if len(words) >= 2 else None


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


_CLAUSE_MARK = re.compile("[,;:]")


def _clause_end(sentence: _Sentence, k: int) -> int:
    """Where the clause holding token ``k`` ends: the sentence end, or, in a sentence that
    opens with a subordinate clause ("While X say Y, Z ..."), the comma closing that clause."""
    tokens = sentence.tokens
    first = tokens[0].lower if tokens else ""
    opens_subordinate = first in _SUBORDINATORS
    if k + 1 >= len(tokens):
        return sentence.end
    # Only a comma, semicolon or colon outside quotations can end the clause. Each of those
    # characters is a token of its own (no word token holds one), so they are found in the
    # text and their tokens by bisection, not by looking at every token.
    for mark in _CLAUSE_MARK.finditer(sentence.text, tokens[k + 1].start, sentence.end):
        if sentence.quote_at(mark.start()):
            continue
        m = bisect.bisect_left(tokens, mark.start(), lo=k + 1, key=_START)
        token = tokens[m]
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


def _content_after(sentence: _Sentence, k: int) -> list[tuple[int, int]] | None:
    tokens, text = sentence.tokens, sentence.text
    j = k
    while j < len(tokens) and tokens[j].text in (":", ","):
        j += 1
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


def _skip_trailer(tokens: Sequence[Token], k: int) -> int:
    """Skip what may follow a cue at the end of a clause: time and place adverbials,
    ``in a statement``, ``after crossing into Romania``, up to a comma or the end."""
    if k < len(tokens) and (_is_ly_adverb(tokens[k]) or tokens[k].lower == "then"):
        k += 1  # "wrote recently.", "said then."
    if k < len(tokens) and (
        tokens[k].lower in _TIME_WORDS
        or tokens[k].lower in _PREPOSITIONS
        or tokens[k].lower
        in ("as", "when", "while", "after", "before", "during", "via", "following")
    ):
        while k < len(tokens) and tokens[k].text not in (",", ".", "!", "?", ";", ":"):
            if tokens[k].text[-1] in _OPENING_QUOTES or tokens[k].lower == "that":
                break
            k += 1
    return k


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


def _asked_about(sentence: _Sentence, sentence_id: int, i: int, cue: _Cue) -> Attribution | None:
    """``Asked about X, Liu said ...``: the question is the content of ``asked``, whose source
    is the subject of the main clause."""
    tokens = sentence.tokens
    comma = next((m for m in range(i + 1, len(tokens)) if tokens[m].text == ","), None)
    if comma is None or comma == i + 1:
        return None
    end = i + 1
    if tokens[end].lower in _PARTICLES:
        end += 1
    content = _trim_content(sentence.text, tokens[end].start, tokens[comma].start)
    source = _subject_right(tokens, comma + 1)
    if content is None or source is None:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, i, end),
        cue_lemma=cue.lemma,
        cue_category=cue.category,
        source=_span(tokens, *source),
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


def _according_to(sentence: _Sentence, sentence_id: int, i: int, cue: _Cue) -> Attribution | None:
    tokens, text = sentence.tokens, sentence.text
    j = i + 2
    m = j
    while m < len(tokens) and tokens[m].text not in (",", ".", ";", "!", "?"):
        m += 1
    if m == j:
        return None
    source = _span(tokens, j, m)
    if i == 0 or (i == 1 and tokens[0].lower in ("but", "and")):
        after = tokens[m].end if m < len(tokens) else sentence.end
        content = _trim_content(text, after, sentence.end)
    else:
        end = tokens[i - 1].start if tokens[i - 1].text == "," else tokens[i].start
        content = _trim_content(text, sentence.start, end)
    if content is None:
        return None
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, i, i + 2),
        cue_lemma=cue.lemma,
        cue_category=cue.category,
        source=source,
        content=[content],
    )


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


def attribution_columns(
    article_id: str,
    text: str,
    sentences: pd.DataFrame | dict[str, list],
    quotes: Sequence[QuoteSpan],
    reviser: SentenceReviser | None = None,
) -> dict[str, list]:
    """The ``attributions`` rows of one article as column lists (body sentences only), by the
    rules alone or revised by a trained ``reviser`` (:func:`find_attributions`)."""
    spans = body_sentence_spans(sentences)
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
