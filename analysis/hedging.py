"""Hedging, distancing and boosting language: the ``hedges`` table.

A hedge is a span of an article that makes a statement less certain (``may``, ``probably``,
``could not independently verify``, ``up to 180``) or that distances the reporter from it
(``what he called``, scare quotes); a booster makes it more certain (``clearly``, ``no doubt``).
Cues come from ``lexicons/hedges.txt``, where each phrase carries its category and the context
rule that decides when a match is a cue (``about`` only before a quantity, ``could`` not in
``could not``, ``until`` only before a clause). One scan per article finds candidates (a
phrase's first word, or its first two where the second is fixed, as one prefix-factored
pattern); each candidate is then tried against its phrases longest first, inside its sentence,
so a multi-word cue is one span.

Two methods decide which candidates are cues (:data:`HEDGE_METHODS`). ``"rules"``: each
phrase's context rule. ``"model"``, the default: for the categories a trained classifier
covers (:mod:`analysis.hedge_model`; modal, probability, evidential, belief, conditional,
hearsay in the shipped model), a logistic regression over the candidate's context (the cue,
its neighbours, negation, a condition, a quotation, speech verbs, the sentence's other cues,
whether the article reports speech at all) decides; the rules decide the other categories.
Phrases with the rule ``model`` are candidates for the classifier only. The lexicon proposes
and names every cue either way.

Each hedge also gets a *voice*: ``source`` when it lies inside a quotation or inside the content
of an attribution (the uncertainty is the quoted person's: ``“I think we will ...”``), and
``reporter`` otherwise (``Reuters could not independently verify ...``).

Columns of ``hedges``:

================  ========  ================================================================
column            dtype     meaning
================  ========  ================================================================
article_id        string    the article
hedge_id          int64     0, 1, ... in text order within the article
sentence_id       int64     the sentence holding the cue
start, end        int64     character span; ``text == article_text[start:end]``
text              string    the cue as written
category          category  one of :data:`HEDGE_CATEGORIES`
polarity          category  ``hedge`` or ``booster``
voice             category  ``reporter`` or ``source``
attribution_id    Int64     the attribution whose quotation or content holds the cue, or whose
                            reporting cue it is (``she claimed``); empty otherwise
================  ========  ================================================================
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from analysis.hedge_model import FEATURE_GROUPS, HedgeModel, load_hedge_model
from analysis.lexicon import load_lexicon_table
from analysis.quotes import QuoteSpan
from analysis.segment import body_sentence_spans
from analysis.tables import HEDGE_CATEGORIES
from analysis.text import ContainingSpans

__all__ = [
    "HEDGE_CATEGORIES",
    "HEDGE_METHODS",
    "UNCERTAINTY_CATEGORIES",
    "HedgeSpan",
    "find_hedges",
    "hedge_candidates",
    "hedge_columns",
]

#: The categories that mark a statement as uncertain in the sense of the Szeged Uncertainty
#: Corpus (approximators, hearsay-free distancing, unnamed sources and boosters are not).
UNCERTAINTY_CATEGORIES = frozenset(
    {
        "modal",
        "probability",
        "evidential",
        "belief",
        "conditional",
        "investigation",
        "forecast",
        "hearsay",
        "verification",
    }
)

#: How the hedges table can be made; the first is the default.
HEDGE_METHODS = ("model", "rules")

#: A quotation of at most this many words inside a sentence counts as scare quotes.
SCARE_QUOTE_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class HedgeSpan:
    """One cue: its character span, category and polarity."""

    start: int
    end: int
    category: str
    polarity: str = "hedge"


# --- the lexicon, compiled ----------------------------------------------------------------

_APOSTROPHE = "['’]"
_BOUNDARY_BEFORE = r"(?<![\w\-])"
_BOUNDARY_AFTER = r"(?![\w\-])"
_GAP = re.compile(r"<(\d)-(\d)>")


def _word_pattern(word: str) -> str:
    return re.escape(word).replace("'", _APOSTROPHE).replace(r"\-", r"[\-\s]?")


def _token_pattern(token: str, first: bool) -> str:
    """A phrase word as a pattern, with the whitespace that leads to it."""
    optional = token.startswith("[") and token.endswith("]")
    if optional:
        token = token[1:-1]
    gap = _GAP.fullmatch(token)
    if gap:
        low, high = gap.groups()
        return rf"(?:\s+[\w'’.\-]+){{{low},{high}}}?"
    parts = []
    for alternative in token.split("|"):
        lead = "" if first else (r"\s*" if alternative.startswith("n'") else r"\s+")
        parts.append(lead + _word_pattern(alternative))
    pattern = "(?:" + "|".join(parts) + ")"
    return f"(?:{pattern})?" if optional else pattern


@dataclass(frozen=True, slots=True)
class _Entry:
    phrase: str
    category: str
    rule: str
    source: str  # the phrase's regular expression, compiled on first use
    first_words: frozenset[str]
    single: bool  # one plain word: the candidate match is the whole phrase

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """A phrase's pattern, compiled once per process and only when a text has its first word:
    compiling all of them up front took a few tenths of a second in every process."""
    return re.compile(source, re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    tokens = phrase.split(" ")
    body = "".join(_token_pattern(t, first=(i == 0)) for i, t in enumerate(tokens))
    return _BOUNDARY_BEFORE + body + _BOUNDARY_AFTER


def _first_word_key(word: str) -> str:
    """How a phrase's first word is looked up: lower case, no hyphens or spaces."""
    return re.sub(r"[\s\-]", "", word.lower().replace("’", "'"))


def _trie_pattern(words: Iterable[str]) -> str:
    """One alternation of ``words`` factored by common prefixes, so the engine does not try
    every word at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        return {" ": r"\s+", _JOIN_TIGHT: r"\s*"}.get(char) or _word_pattern(char)

    def build(node: dict) -> str:
        branches = [piece(char) + build(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]  # no group around a run of single letters: half the compile time
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body  # a word may end here or go on

    return build(trie)


_JOIN_TIGHT = "\x01"  # joins a word and a contracted negation: "did" + "n't"


def _alternatives(token: str) -> list[str] | None:
    """The words a phrase token can be, or None for a gap (``<1-4>``)."""
    if _GAP.fullmatch(token):
        return None
    return token.strip("[]").split("|")


def _leads(entry: _Entry) -> set[str]:
    """The strings a phrase can start with: its first word, or its first two words."""
    tokens = entry.phrase.split(" ")
    firsts = tokens[0].split("|")
    if len(tokens) == 1:
        return set(firsts)
    seconds = _alternatives(tokens[1])
    if seconds is not None and tokens[1].startswith("["):  # optional: or the word after it
        after = _alternatives(tokens[2]) if len(tokens) > 2 else None
        seconds = None if after is None or tokens[2].startswith("[") else seconds + after
    if seconds is None:
        return set(firsts)
    return {
        first + (_JOIN_TIGHT if second.startswith("n'") else " ") + second
        for first in firsts
        for second in seconds
    }


def _candidate_key(word: str, known: Mapping[str, object]) -> tuple[str, int]:
    """A candidate's look-up key (its first word) and the length of that first word."""
    whole = _first_word_key(word)
    if whole in known:  # a one-word phrase written with a space or hyphen: "so called"
        return whole, len(word)
    first = word.split(maxsplit=1)[0]
    for negation in ("n't", "n’t", "N'T", "N’T"):
        if first.endswith(negation) and len(first) > len(negation):
            first = first[: -len(negation)]
            break
    return _first_word_key(first), len(first)


@cache
def _lexicon() -> tuple[str, tuple[_Entry, ...], dict[str, tuple[int, ...]]]:
    """The candidate pattern's source (any phrase's first word, in lower case), the entries,
    and entries by first word.

    Entries of one first word are in the order to try them: longer phrases first. The pattern
    is compiled where it is used (:func:`_folded_candidates`, and :func:`_candidates` for the
    rare text that cannot be searched lower-cased): compiling it takes a few hundredths of a
    second, once for each way.
    """
    entries = []
    for fields in load_lexicon_table("hedges"):
        if len(fields) != 3:
            raise ValueError(f"lexicons/hedges.txt: expected phrase, category, rule in {fields}")
        phrase, category, rule = fields
        if category not in HEDGE_CATEGORIES:
            raise ValueError(f"lexicons/hedges.txt: unknown category {category!r} for {phrase!r}")
        if rule not in _RULES:
            raise ValueError(f"lexicons/hedges.txt: unknown rule {rule!r} for {phrase!r}")
        first = phrase.split(" ")[0]
        if first.startswith(("[", "<")):
            raise ValueError(f"lexicons/hedges.txt: {phrase!r} must start with a plain word")
        entries.append(
            _Entry(
                phrase,
                category,
                rule,
                _phrase_pattern(phrase),
                frozenset(first.split("|")),
                " " not in phrase and not first.startswith(("[", "<")),
            )
        )
    entries.sort(key=lambda e: -len(e.phrase.split(" ")))
    by_first_word: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        for word in entry.first_words:
            by_first_word.setdefault(_first_word_key(word), []).append(index)
    # Candidates are a phrase's first two words where it has a fixed second word, so that
    # "of course" does not stop at every "of". A word may run into a contracted negation.
    leads = {lead.lower() for entry in entries for lead in _leads(entry)}
    candidates = _BOUNDARY_BEFORE + _trie_pattern(leads) + r"(?:(?![\w\-])|(?=n['’]t\b))"
    return candidates, tuple(entries), {w: tuple(i) for w, i in by_first_word.items()}


@cache
def _candidates() -> re.Pattern[str]:
    """The candidate pattern, case-insensitive, for text as it is written."""
    return re.compile(_lexicon()[0], re.IGNORECASE)


@cache
def _folded_candidates() -> re.Pattern[str]:
    """The candidate pattern, case-sensitive, for text already in lower case.

    The pattern is written in lower case (phrases are lower-cased into it), so on a lower-cased
    copy of a text it finds what the case-insensitive pattern finds on the text itself.
    """
    return re.compile(_lexicon()[0])


#: The characters among the first 256 that can be in a word (``\w``) or join one (``-``).
_LATIN1_WORD = "".join(chr(c) for c in range(256) if chr(c).isalnum() or chr(c) in "_-")


@cache
def _after_gap_candidates() -> re.Pattern[str]:
    """The folded candidate pattern led by the character before the candidate.

    ``re`` tries a pattern that starts with a look-behind at every position of a text; one that
    starts with a character class it skips to by itself, a character at a time, and a third
    faster. The class is every character among the first 256 that is neither a word character
    nor a hyphen, and every character above them (:func:`_next_candidate` turns down the word
    characters among those).
    """
    body = _folded_candidates().pattern.removeprefix(_BOUNDARY_BEFORE)
    return re.compile(f"[^{re.escape(_LATIN1_WORD)}]{body}")


def _next_candidate(
    haystack: str,
    candidates: re.Pattern[str],
    after_gap: re.Pattern[str] | None,
    position: int,
    end: int,
) -> tuple[int, int] | None:
    """The span of the first candidate in ``haystack[position:end]``: what
    ``candidates.search`` finds, found faster with ``after_gap`` when it is given."""
    if after_gap is None:
        found = candidates.search(haystack, position, end)
        return found.span() if found else None
    found = candidates.match(haystack, position, end)  # nothing before it to lead it
    if found:
        return found.span()
    while found := after_gap.search(haystack, position, end):
        gap = haystack[found.start()]
        if gap < "\u0100" or not (gap.isalnum() or gap == "_"):
            return found.start() + 1, found.end()
        position = found.start() + 1  # a word character: no candidate right after it
    return None


# Characters that a case-insensitive ``i`` or ``s`` matches but that ``str.lower`` leaves alone.
_FOLD_EXCEPTIONS = ("ı", "ſ")


def _candidate_scan(text: str) -> tuple[str, re.Pattern[str]]:
    """The text to search for candidates, and the pattern to search it with.

    A case-sensitive search of the lower-cased text finds the same matches at the same offsets
    as the case-insensitive pattern on ``text`` and takes about half the time (the regex engine
    compares characters without folding them). That holds when lower-casing maps every
    character to one character (then offsets agree, and word characters stay word characters)
    and the text has no dotless ``ı`` or long ``ſ``; otherwise ``text`` is searched as it is.
    """
    lowered = text.lower()
    if len(lowered) == len(text) and not any(c in text for c in _FOLD_EXCEPTIONS):
        return lowered, _folded_candidates()
    return text, _candidates()


# --- context rules ------------------------------------------------------------------------

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|"
    "dozens|half|third|thirds|quarter|quarters|fifth|tenth|double|twice|triple|score|scores"
)
_MAGNITUDE = r"(?:\s*(?:%|percent|per\s+cent|hundred|thousand|million|billion|trillion|bn|m)\b)?"
_QUANTITY = re.compile(
    r"\s+(?:(?:a|an|the)\s+)?"
    rf"(?:[$£€¥]\s?\d[\d,.]*|\d[\d,.]*|(?:{_NUMBER_WORDS})\b)"
    rf"(?:[\s\-]+(?:{_NUMBER_WORDS})\b)*{_MAGNITUDE}",
    re.IGNORECASE,
)
_NEGATION_AFTER = re.compile(r"\s+(?:not|never)\b|\s*n['’]t\b", re.IGNORECASE)
_REACHED_AFTER = re.compile(r"\s+(?:be|have\s+been)\s+reached\b", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"\s+(?:i|we|you|he|she|it|they|God)\b", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"\s+(?:\d|now\b|then\b|recently\b|later\b|last\b|this\b|next\b|the\s+(?:end|middle|"
    r"beginning|start|close|weekend|following|next|last|early|late|summer|spring|autumn|"
    r"fall|winter)\b|early\b|late\b|mid\b|mid-|further\s+notice\b|yesterday\b|today\b|"
    r"tomorrow\b|tonight\b|after\b|at\s+least\b|about\b|(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day\b|(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b)",
    re.IGNORECASE,
)
_CLAUSE_WORDS = re.compile(r"[\w'’.\-]+|[,;:.!?—–()]")
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "there"})
_FINITE_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "gets",
        "got",
        "becomes",
        "became",
    ]
)
_TO_AFTER = re.compile(r"\s+to\b", re.IGNORECASE)
_POSSIBLE_DEGREE_BEFORE = re.compile(
    r"(?:\bas\s+[\w\-]+\s+as|\w+est|\bbest|\bworst|\bmost|\bleast|\bmade|\bmakes?|"
    r"\bmaking|\bwhenever|\bwherever|\bwhere|\bwhen|\bif)\s+$",
    re.IGNORECASE,
)
_KNOWN_OUTCOME_BEFORE = re.compile(r"(?:\bthan|\bas)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_TO_THAT_AFTER = re.compile(
    r"\s+(?:to|that|as\s+if|as\s+though|likely|unlikely|increasingly|certain)\b", re.IGNORECASE
)
_DETERMINER_BEFORE = re.compile(
    r"(?:^|[^\w])(?:a|an|the|this|that|these|those|his|her|its|their|our|my|your|no|any|"
    r"every|each|main|prime|chief|key)\s+$",
    re.IGNORECASE,
)
_CONTEXT = 400  # characters a rule may look back or ahead within its sentence
_RELATIVE_BEFORE = re.compile(r"(?:^|[^\w])(?:that|which|who)\s+$", re.IGNORECASE)
_SPEECH_WORDS = (
    "said", "says", "say", "told", "tells", "announced", "added", "stated", "promised", "pledged",
    "vowed", "agreed", "warned", "insisted", "indicated", "confirmed", "predicted", "decided",
    "hoped", "planned", "reported", "declared", "argued", "threatened", "assured", "ruled",
    "signaled", "signalled", "wrote", "noted", "explained", "hinted", "announcement", "statement",
    "guarantee", "guarantees", "promise", "promises",
)  # fmt: skip
#: Whether a text reports anyone's words at all, the classifier's ``genre`` features: news
#: almost always does (118 of FactBank's 129 documents), encyclopaedic prose seldom (213 of the
#: Wikipedia corpus's 3,071), and the two use the same cues differently (Wikipedia's narrative
#: ``would``: ``Weiss would receive the electric chair in 1944``). Part of the model's feature
#: definition, so kept here rather than in ``lexicons/``: a change needs ``make train``. A wider
#: list (``reported``, ``announced``, ``added``, ``stated``, ``spokesman``) was no better.
#: Searched in the lower-cased text (faster than ``re.IGNORECASE``: 15 against 22 µs per BBC
#: article).
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b")
# Factored by common prefixes: a case-insensitive alternation of plain words is tried word by
# word at every position, and a sentence is searched whole for these (twice as fast).
_SPEECH_VERB = re.compile(r"\b" + _trie_pattern(_SPEECH_WORDS) + r"\b", re.IGNORECASE)
_CONDITION = re.compile(
    r"(?<![\w\-])(?:if|unless|provided|otherwise|in\s+case|in\s+the\s+event)(?![\w\-])",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]| - ")
_AT_BEFORE = re.compile(r"(?<![\w\-])at\s+$", re.IGNORECASE)
_UNTIL = re.compile(r"(?<![\w\-])until(?![\w\-])", re.IGNORECASE)
_NEGATION_BEFORE = re.compile(
    r"(?:^|[^\w])(?:not|never|no|hardly|n['’]t)\s*$|n['’]t\s+$", re.IGNORECASE
)
_SENTENCE_INITIAL = re.compile(r"(?:^|[.!?:;\"“”‘’'(\[\-—–]\s*|\n\s*)$")

#: A rule looks at the match in its sentence and returns the cue's end (it may extend the span)
#: or ``None`` when the match is not a cue in this context.
_Rule = Callable[[str, int, int, int, int], "int | None"]


def _rule_any(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    return end


def _rule_quantity(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    match = _QUANTITY.match(text, end, s_end)
    return match.end() if match else None


def _rule_may(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    if text[start] == "m":
        return end
    # A capitalised "May" is the month, except a wish or question at a sentence start.
    initial = start == s_start or _SENTENCE_INITIAL.search(text, max(s_start, start - 3), start)
    return end if initial and _PRONOUN_AFTER.match(text, end, s_end) else None


def _rule_could(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    if _NEGATION_AFTER.match(text, end, s_end) or _REACHED_AFTER.match(text, end, s_end):
        return None
    return end


def _rule_would(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    if _NEGATION_AFTER.match(text, end, s_end):
        return None  # refusals: "would not comment", "wouldn't identify"
    before = text[max(s_start, start - 12) : start]
    if _RELATIVE_BEFORE.search(before):
        return None  # "a deal that would create": a description, not a hypothesis
    # Look at most a few hundred characters around: enough for any real sentence, and bounded
    # on a run-on "sentence" that repeats "would" thousands of times.
    near_start, near_end = max(s_start, start - _CONTEXT), min(s_end, start + _CONTEXT)
    if _speech_verb_between(text, s_start, s_end, near_start, start) and not _CONDITION.search(
        text, near_start, near_end
    ):
        return None  # "said it would": the future of reported speech
    return end


def _speech_verb_between(text: str, s_start: int, s_end: int, start: int, end: int) -> bool:
    """Whether a speech verb lies wholly in ``text[start:end]``, inside the sentence
    ``text[s_start:s_end]``: what ``_SPEECH_VERB.search(text, start, end)`` tells when ``end``
    is the start of a hedge word (never just after a letter).

    The verbs are whole words, so they never overlap: they are found once per sentence, and each
    ``would`` of a sentence that repeats it thousands of times costs a bisection, not a search.
    """
    starts, ends = _speech_verbs(text, s_start, s_end)
    first = bisect.bisect_left(starts, start)
    return first < len(starts) and ends[first] <= end


@lru_cache(maxsize=4)
def _speech_verbs(text: str, s_start: int, s_end: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the speech verbs of one sentence (a few sentences are remembered)."""
    matches = [m.span() for m in _SPEECH_VERB.finditer(text, s_start, s_end)]
    return [a for a, _ in matches], [b for _, b in matches]


def _rule_until(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    if _TIME_AFTER.match(text, end, s_end):
        return None
    # A clause follows: a subject pronoun, or a verb-like word before the next punctuation.
    words = _CLAUSE_WORDS.findall(text, end, min(s_end, end + 80))
    if words and words[0].lower() in _SUBJECT_PRONOUNS:
        return end
    for word in words[1:8]:
        if word in ",;:.!?—–()":
            break
        lower = word.lower()
        if lower in _FINITE_WORDS or (word.islower() and lower.endswith(("s", "ed"))):
            return end
    return None


def _rule_possible(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    if _TO_AFTER.match(text, end, s_end):
        return None  # "possible to travel": ability, not likelihood
    before = text[max(s_start, start - 40) : start]
    return None if _POSSIBLE_DEGREE_BEFORE.search(before) else end


def _rule_expected(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    before = text[max(s_start, start - 12) : start]
    return None if _KNOWN_OUTCOME_BEFORE.search(before) else end


def _rule_verb(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    before = text[max(s_start, start - 8) : start]
    return None if _DETERMINER_BEFORE.search(before) else end


def _rule_to_that(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    return end if _TO_THAT_AFTER.match(text, end, s_end) else None


def _rule_condition(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    # "If talks fail, prices will rise": the consequence of a condition is as uncertain as the
    # condition; the same word with no condition near is plain future.
    if _rule_verb(text, start, end, s_start, s_end) is None or _AT_BEFORE.search(
        text, max(s_start, start - 4), start
    ):
        return None  # a noun: "the will of the people", "at will"
    near_start, near_end = max(s_start, start - _CONTEXT), min(s_end, end + _CONTEXT)
    for condition in _CONDITION.finditer(text, near_start, near_end):
        # not inside the condition itself: "If the government will cooperate, ..."
        if condition.start() > start or _CLAUSE_BREAK.search(text, condition.end(), start):
            return end
    # "until" is a condition before a clause ("until Iraq complies"), not before a time.
    for until in _UNTIL.finditer(text, near_start, near_end):
        if _rule_until(text, until.start(), until.end(), s_start, s_end) is not None:
            return end
    return None


def _rule_model(text: str, start: int, end: int, s_start: int, s_end: int) -> int | None:
    return None  # never a cue by the rules: a candidate for the classifier only


_RULES: dict[str, _Rule] = {
    "-": _rule_any,
    "quantity": _rule_quantity,
    "may": _rule_may,
    "could": _rule_could,
    "would": _rule_would,
    "until": _rule_until,
    "verb": _rule_verb,
    "to_that": _rule_to_that,
    "possible": _rule_possible,
    "expected": _rule_expected,
    "condition": _rule_condition,
    "model": _rule_model,
}


# --- finding cues ---------------------------------------------------------------------------


def _negated(text: str, start: int, s_start: int) -> bool:
    return bool(_NEGATION_BEFORE.search(text[max(s_start, start - 12) : start]))


def find_hedges(
    text: str,
    spans: Iterable[tuple[int, int]] | None = None,
    method: str = HEDGE_METHODS[0],
    model: HedgeModel | None = None,
) -> list[HedgeSpan]:
    """The lexical hedge and booster cues of ``text``, sentence by sentence.

    Parameters
    ----------
    text
        The article text.
    spans
        ``(start, end)`` of each sentence to search (context rules never look past a
        sentence); the whole text is one sentence when omitted.
    method
        ``"model"`` (default): the lexicon proposes candidates and the trained classifier
        (:mod:`analysis.hedge_model`) decides those in the categories it was trained on (its
        ``categories``); the context rules decide the others (approximators, distancing,
        unnamed sources, boosters, and uncertainty categories the data has too few of).
        ``"rules"``: the context rules decide every candidate.
    model
        The classifier for ``method="model"`` (default: the shipped one,
        :func:`analysis.hedge_model.load_hedge_model`).

    Returns
    -------
    list of HedgeSpan
        In text order, not overlapping. A booster after a negation (``not definitely``) is
        returned as a ``probability`` hedge.

    Raises
    ------
    analysis.hedge_model.HedgeModelError
        With ``method="model"``, when the shipped model file is missing or unreadable.

    Examples
    --------
    >>> text = "Up to 180 people may have died, officials said, but that could not be verified."
    >>> [(text[h.start:h.end], h.category) for h in find_hedges(text, method="rules")]
    [('Up to 180', 'approximator'), ('may', 'modal'), ('could not be verified', 'verification')]
    >>> text = "Prices may fall, the bank said."
    >>> [text[h.start:h.end] for h in find_hedges(text)]
    ['may']
    """
    if method not in HEDGE_METHODS:
        raise ValueError(f"method must be one of {HEDGE_METHODS}, not {method!r}")
    if method == "rules":
        if model is not None:
            raise ValueError("a model is used only with method='model': drop model= or set it")
        return [
            _apply(entry, text, start, end, s_start)
            for start, end, entry, accepted, s_start, _ in _scan(text, spans, rescue=False)
            if accepted  # not the phrases for the classifier only
        ]
    model = model or load_hedge_model()
    proposals = _scan(text, spans, rescue=model.rescue)
    found: list[HedgeSpan] = []
    decided = model.categories
    for (start, end, entry, accepted, s_start, _), features in zip(
        proposals,
        _proposal_features(
            text, proposals, model.groups, UNCERTAINTY_CATEGORIES if decided is None else decided
        ),
        strict=True,
    ):
        if features is None:  # outside the model's categories: the rules decided
            if accepted:
                found.append(_apply(entry, text, start, end, s_start))
        elif model.is_hedge(features):
            found.append(HedgeSpan(start, end, entry.category, "hedge"))
    return found


#: A lexicon match: start, end, entry, whether its context rule accepts it, and its sentence.
_Proposal = tuple[int, int, _Entry, bool, int, int]


def _scan(text: str, spans: Iterable[tuple[int, int]] | None, rescue: bool) -> list[_Proposal]:
    """Every match of a lexicon phrase that its context rule accepts, in text order and not
    overlapping; and where no phrase is accepted at a candidate, the longest match in an
    uncertainty category that is for the classifier only (rule ``model``) or, with ``rescue``,
    that its rule turned down (span as matched)."""
    _, entries, by_first_word = _lexicon()
    haystack, candidates = _candidate_scan(text)
    after_gap = _after_gap_candidates() if candidates is _folded_candidates() else None
    sentences = [(0, len(text))] if spans is None else list(spans)
    found: list[_Proposal] = []
    if not sentences:
        return found
    keys = _KEY_CACHE
    rules = _RULES
    index = 0
    s_start, s_end = sentences[0]
    end_of_text = sentences[-1][1]
    position = s_start
    # One scan over the text; each candidate is then judged inside its own sentence. A
    # candidate that is no cue gives way after its first word (its second may start one).
    while True:
        candidate = _next_candidate(haystack, candidates, after_gap, position, end_of_text)
        if candidate is None:
            break
        start, candidate_end = candidate
        if start >= s_end:
            while index < len(sentences) and sentences[index][1] <= start:
                index += 1
            if index == len(sentences):
                break
            s_start, s_end = sentences[index]
            if start < s_start:
                position = s_start
                continue
        word = text[start:candidate_end]  # as written: look-up keys keep their case rules
        known = keys.get(word)
        if known is None:
            known = keys.setdefault(word, _candidate_key(word, by_first_word))
        key, first_length = known
        proposal = None
        turned_down = None
        for entry_index in by_first_word[key]:
            entry = entries[entry_index]
            if entry.single:
                end = start + first_length
                if end > s_end or (end < s_end and (text[end].isalnum() or text[end] in "_-")):
                    continue  # "couldn't": the word runs on
            else:
                match = entry.pattern.match(text, start, s_end)
                if not match:
                    continue
                end = match.end()
            end_of_cue = rules[entry.rule](text, start, end, s_start, s_end)
            if end_of_cue is not None:
                proposal = (start, end_of_cue, entry, True, s_start, s_end)
                break
            if (
                turned_down is None
                and (rescue or entry.rule == "model")
                and entry.category in UNCERTAINTY_CATEGORIES
            ):
                turned_down = (start, end, entry, False, s_start, s_end)
        if proposal is not None:
            found.append(proposal)
            position = proposal[1]
        else:
            if turned_down is not None:
                found.append(turned_down)
            position = start + first_length
    return found


#: Candidates seen so far, with their look-up key and first word's length (a few thousand).
_KEY_CACHE: dict[str, tuple[str, int]] = {}


def _apply(entry: _Entry, text: str, start: int, end: int, s_start: int) -> HedgeSpan:
    """The cue of an accepted match: a negated booster is a ``probability`` hedge."""
    if entry.category == "booster":
        if _negated(text, start, s_start):
            return HedgeSpan(start, end, "probability", "hedge")
        return HedgeSpan(start, end, "booster", "booster")
    return HedgeSpan(start, end, entry.category, "hedge")


# --- what the classifier sees -------------------------------------------------------------

_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
#: :data:`_TOKEN` with the white space before it (:meth:`_SentenceMarks.of`).
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN.pattern})")
_QUESTION_END = re.compile(r"\?[\s\"”’')\]]*$")
_HAS_DIGIT = re.compile(r"\d")
_CONDITION_WORDS = frozenset({"if", "unless", "provided", "otherwise"})
_SPEECH_WORD_SET = frozenset(_SPEECH_WORDS)
#: The tokens :meth:`_SentenceMarks.of` notes, lower-cased: condition words (with the last
#: words of ``in case`` and ``in the event``), speech verbs and quotation marks.
_MARKED_WORDS = _CONDITION_WORDS | _SPEECH_WORD_SET | {"case", "event", "“", "”", '"'}


@lru_cache(maxsize=1 << 16)
def _token(word: str) -> str:
    """A word as a feature: lower case, straight apostrophe, any number as ``<num>``
    (remembered: the words around the candidates recur from article to article)."""
    word = word.lower().replace("’", "'")
    return "<num>" if _HAS_DIGIT.search(word) else word


_EMBEDDING_WORDS = frozenset({"how", "why", "whether"})


@dataclass(frozen=True, slots=True)
class _SentenceMarks:
    """One sentence's words (and punctuation marks), with where its condition words, speech
    verbs and quotation marks are: found in one pass per sentence, so that each candidate
    costs a few bisections (a run-on sentence of thousands of candidates stays linear)."""

    starts: list[int]
    words: list[str]  # as written
    conditions: list[tuple[int, int]]  # if, unless, provided, otherwise, in case, in the event
    speech: list[tuple[int, int]]  # said, told, announced, ...
    opening: list[int]  # “
    closing: list[int]  # ”
    straight: list[int]  # "
    question: bool

    @classmethod
    def of(cls, text: str, s_start: int, s_end: int) -> _SentenceMarks:
        # Only white space lies between two tokens (a character is a word character, white
        # space or a mark of its own), so one ``findall`` gives every token and, from the
        # lengths, its start (no match object per token).
        pairs = _SPACED_TOKEN.findall(text, s_start, s_end)
        words = [word for _, word in pairs]
        starts: list[int] = []
        append = starts.append
        position = s_start
        for space, word in pairs:
            position += len(space)
            append(position)
            position += len(word)
        conditions: list[tuple[int, int]] = []
        speech: list[tuple[int, int]] = []
        marks: dict[str, list[int]] = {"“": [], "”": [], '"': []}
        lowered = [word.lower() for word in words]
        # most tokens are none of the words looked for: one look-up each, in a comprehension
        for n in [n for n, lower in enumerate(lowered) if lower in _MARKED_WORDS]:
            lower, start = lowered[n], starts[n]
            end = start + len(words[n])
            before = lowered[n - 1] if n > 0 else ""
            if lower in _CONDITION_WORDS:
                conditions.append((start, end))
            elif lower in _SPEECH_WORD_SET:
                speech.append((start, end))
            elif lower in marks:
                marks[lower].append(start)
            elif lower == "case" and before == "in":
                conditions.append((starts[n - 1], end))
            elif lower == "event" and before == "the" and n > 1 and lowered[n - 2] == "in":
                conditions.append((starts[n - 2], end))
        return cls(
            starts,
            words,
            conditions,
            speech,
            marks["“"],
            marks["”"],
            marks['"'],
            bool(_QUESTION_END.search(text, max(s_start, s_end - 8), s_end)),
        )

    def neighbours(self, start: int, end: int) -> tuple[str, str, str, str]:
        """The two words before ``start`` and the two from ``end``, as features."""
        first = bisect.bisect_left(self.starts, start)
        after = bisect.bisect_left(self.starts, end)
        words, n = self.words, len(self.words)
        return (
            _token(words[first - 2]) if first > 1 else "<s>",
            _token(words[first - 1]) if first > 0 else "<s>",
            _token(words[after]) if after < n else "</s>",
            _token(words[after + 1]) if after + 1 < n else "</s>",
        )

    def embedded(self, start: int) -> bool:
        """An embedded question or a purpose among the four words before ``start``: ``how``,
        ``why``, ``whether``, ``so that`` (``wondering how he could have``, ``so that he could
        be held``): a modal there is ability or purpose more often than doubt."""
        first = bisect.bisect_left(self.starts, start)
        before = [word.lower() for word in self.words[max(0, first - 4) : first]]
        return any(
            word in _EMBEDDING_WORDS or (word == "so" and before[n + 1 : n + 2] == ["that"])
            for n, word in enumerate(before)
        )

    @staticmethod
    def _any_within(spans: list[tuple[int, int]], low: int, high: int) -> bool:
        index = bisect.bisect_left(spans, (low, low))
        return index < len(spans) and spans[index][1] <= high

    def condition_near(self, low: int, start: int, end: int, high: int) -> bool:
        """A condition wholly in ``[low, start)`` or in ``[end, high)``."""
        return self._any_within(self.conditions, low, start) or self._any_within(
            self.conditions, end, high
        )

    def speech_within(self, low: int, high: int) -> bool:
        """A speech verb wholly in ``[low, high)``."""
        return self._any_within(self.speech, low, high)

    def in_quotation(self, low: int, start: int) -> bool:
        """More opening than closing curly quotes, or an odd number of straight ones, in
        ``[low, start)``."""

        def count(positions: list[int]) -> int:
            return bisect.bisect_left(positions, start) - bisect.bisect_left(positions, low)

        return count(self.opening) > count(self.closing) or count(self.straight) % 2 == 1


def _proposal_features(
    text: str,
    proposals: Sequence[_Proposal],
    groups: Sequence[str],
    categories: Collection[str] = UNCERTAINTY_CATEGORIES,
) -> list[list[str] | None]:
    """Each proposal's features for the classifier, or None for one outside ``categories``
    (the rules decide it).

    Groups (see :data:`analysis.hedge_model.FEATURE_GROUPS`): ``cue`` the cue as written in
    lower case, its category and whether its rule turned it down; ``near`` the two words on
    each side, and the cue with each adjacent one; ``clause`` negation, a question, an
    embedded question or purpose just before it (``how``, ``so that``), a condition within a
    few hundred characters in the sentence, a quotation or a speech verb before or after it
    (the voice), each also paired with the cue; ``others`` the categories of the sentence's
    other accepted cues; ``genre`` whether ``text`` reports speech anywhere (``said``,
    ``says``, ``told``, ``according to``), alone and paired with the cue and with its lexicon
    entry, so that news and other prose can mark the same cue at different rates.
    """
    near = "near" in groups
    clause = "clause" in groups
    others = "others" in groups
    # Categories of each sentence's accepted cues, counted once per sentence.
    by_sentence: dict[int, dict[str, int]] = {}
    if others:
        for _, _, entry, accepted, s_start, _ in proposals:
            if accepted:
                counts = by_sentence.setdefault(s_start, {})
                counts[entry.category] = counts.get(entry.category, 0) + 1
    genre = ""
    if "genre" in groups and proposals:
        genre = "reported" if _REPORTED.search(text.lower()) else "unreported"
    marks: _SentenceMarks | None = None
    marks_of = -1
    result: list[list[str] | None] = []
    for start, end, entry, accepted, s_start, s_end in proposals:
        category = entry.category
        if category not in categories:
            result.append(None)
            continue
        cue = _token(" ".join(text[start:end].split()))
        features = ["w=" + cue, "k=" + category, "e=" + entry.phrase]
        if not accepted:
            features.append("a=" + cue)
        if genre:
            features += ["g=" + genre, "gw=" + genre + "|" + cue]
            features.append("ge=" + genre + "|" + entry.phrase)
        if (near or clause) and (marks is None or marks_of != s_start):
            marks, marks_of = _SentenceMarks.of(text, s_start, s_end), s_start
        if near:
            pp, p, n, nn = marks.neighbours(start, end)
            features += ["p=" + p, "pp=" + pp, "n=" + n, "nn=" + nn]
            features += ["wp=" + cue + "|" + p, "wn=" + cue + "|" + n]
        if clause:
            near_start, near_end = max(s_start, start - _CONTEXT), min(s_end, end + _CONTEXT)
            if _negated(text, start, s_start) or _NEGATION_AFTER.match(text, end, s_end):
                features += ["neg", "wneg=" + cue]
            if marks.question:
                features.append("q")
            if marks.embedded(start):
                features += ["emb", "wemb=" + cue]
            if marks.condition_near(near_start, start, end, near_end):
                features += ["cond", "wcond=" + cue]
            if marks.in_quotation(near_start, start):
                features += ["quote", "wquote=" + cue]
            if marks.speech_within(near_start, start):
                features += ["speech", "wspeech=" + cue]
            if marks.speech_within(end, near_end):
                features += ["said", "wsaid=" + cue]
        if others:
            counts = by_sentence.get(s_start, {})
            for other, count in counts.items():
                if count > (1 if accepted and other == category else 0):
                    features.append("o=" + other)
        result.append(features)
    return result


def hedge_candidates(
    text: str, spans: Iterable[tuple[int, int]] | None = None, rescue: bool = True
) -> list[tuple[int, int, str, bool, list[str]]]:
    """The candidates the classifier decides on, with every feature group: ``(start, end,
    category, what the rules decided, features)``, in text order; the rules' decision is
    ``accepted``, ``rejected`` (offered to the model only with ``rescue``) or ``model`` (a
    phrase for the classifier only). What the model is trained on (:mod:`analysis.train`).

    Examples
    --------
    >>> [(c[2], c[3], c[4][:2]) for c in hedge_candidates("He could not come.")]
    [('modal', 'rejected', ['w=could', 'k=modal'])]
    """
    proposals = _scan(text, spans, rescue=rescue)
    features = _proposal_features(text, proposals, FEATURE_GROUPS)
    return [
        (start, end, entry.category, _decision(entry, accepted), found)
        for (start, end, entry, accepted, _, _), found in zip(proposals, features, strict=True)
        if found is not None
    ]


def _decision(entry: _Entry, accepted: bool) -> str:
    if accepted:
        return "accepted"
    return "model" if entry.rule == "model" else "rejected"


# --- the table -----------------------------------------------------------------------------


def _parse_spans(value: str | None) -> list[tuple[int, int]]:
    if not value:
        return []
    return [tuple(int(x) for x in piece.split()) for piece in value.split(";")]  # type: ignore[misc]


def _is_scare_quote(text: str, quote: QuoteSpan, s_start: int, s_end: int) -> bool:
    """A few quoted words inside a sentence, not a name or a title."""
    inner = text[quote.inner_start : quote.inner_end]
    words = re.findall(r"\w[\w'’\-]*", inner)
    if not words or len(words) > SCARE_QUOTE_MAX_WORDS:
        return False
    if re.search(r"[.!?,;:]\s*$", inner):
        return False  # a clause, quoted
    if all(w[0].isupper() or not w[0].isalpha() for w in words):
        return False  # names, titles, slogans in title case
    before = text[s_start : quote.start].strip()
    after = text[quote.end : s_end].strip(" .!?\"”’'")
    return bool(before) and bool(after or before)


def hedge_columns(
    article_id: str,
    text: str,
    sentences: dict[str, list],
    quotes: Sequence[QuoteSpan],
    attributions: dict[str, list],
    method: str = HEDGE_METHODS[0],
) -> dict[str, list]:
    """The ``hedges`` rows of one article as column lists (body sentences only), found by
    ``method`` (one of :data:`HEDGE_METHODS`).

    ``sentences`` and ``attributions`` are the article's column lists (as built by the
    pipeline); ``quotes`` its quotation spans (:func:`analysis.find_quotes`).
    """
    if method not in HEDGE_METHODS:
        raise ValueError(f"method must be one of {HEDGE_METHODS}, not {method!r}")
    body = body_sentence_spans(sentences)
    cues = find_hedges(text, [(s, e) for _, s, e in body], method=method)
    taken = sorted((c.start, c.end) for c in cues)

    def overlaps(start: int, end: int) -> bool:
        index = bisect.bisect_left(taken, (end, end))
        return index > 0 and taken[index - 1][1] > start

    extra: list[HedgeSpan] = []
    sentence_starts = [s for _, s, _ in body]

    def in_body(start: int, end: int) -> bool:
        index = bisect.bisect_right(sentence_starts, start) - 1
        return index >= 0 and end <= body[index][2]

    # Reporting cues of the distancing kind: "she claimed", "he insisted" (in a body sentence:
    # the title's and dateline's are not read for hedges).
    for start, end, category in zip(
        attributions["cue_start"],
        attributions["cue_end"],
        attributions["cue_category"],
        strict=True,
    ):
        if (
            category == "distancing"
            and start is not None
            and in_body(start, end)
            and not overlaps(start, end)
        ):
            extra.append(HedgeSpan(start, end, "distancing"))
            bisect.insort(taken, (start, end))
    # Scare quotes: a few quoted words inside a sentence.
    for quote in quotes:
        index = bisect.bisect_right(sentence_starts, quote.start) - 1
        if index < 0:
            continue
        _, s_start, s_end = body[index]
        if quote.dangling or quote.end > s_end or overlaps(quote.start, quote.end):
            continue
        if _is_scare_quote(text, quote, s_start, s_end):
            extra.append(HedgeSpan(quote.start, quote.end, "distancing"))
            bisect.insort(taken, (quote.start, quote.end))
    scare = {(h.start, h.end) for h in extra if h.category == "distancing"}
    cues = sorted(cues + extra, key=lambda c: (c.start, c.end))

    # Voice: inside a quotation or an attribution's content, the cue is the source's.
    quote_spans = sorted((q.start, q.end) for q in quotes)
    contents: list[tuple[int, int, int]] = []
    cue_spans: list[tuple[int, int, int]] = []
    for attribution_id, spans, cue_start, cue_end in zip(
        attributions["attribution_id"],
        attributions["content_spans"],
        attributions["cue_start"],
        attributions["cue_end"],
        strict=True,
    ):
        for start, end in _parse_spans(spans):
            contents.append((start, end, int(attribution_id)))
        if cue_start is not None:
            cue_spans.append((int(cue_start), int(cue_end), int(attribution_id)))
    contents.sort()
    cue_spans.sort()
    holders = ContainingSpans((s, e, (s, a)) for s, e, a in contents)

    columns: dict[str, list] = {
        name: []
        for name in (
            "sentence_id",
            "start",
            "end",
            "text",
            "category",
            "polarity",
            "voice",
            "attribution_id",
        )
    }
    for cue in cues:
        index = bisect.bisect_right(sentence_starts, cue.start) - 1
        in_quote = _inside(quote_spans, cue.start, cue.end) and (cue.start, cue.end) not in scare
        # The latest-starting content that holds the cue (cues come in text order).
        held = holders.containing(cue.start, cue.end)
        attribution = max(held)[1] if held else None
        if attribution is None:
            attribution = _overlapping(cue_spans, cue.start, cue.end)
            voice = "source" if in_quote else "reporter"
        else:
            voice = "source"
        columns["sentence_id"].append(body[index][0])
        columns["start"].append(cue.start)
        columns["end"].append(cue.end)
        columns["text"].append(text[cue.start : cue.end])
        columns["category"].append(cue.category)
        columns["polarity"].append(cue.polarity)
        columns["voice"].append(voice)
        columns["attribution_id"].append(attribution)
    return {
        "article_id": [article_id] * len(cues),
        "hedge_id": list(range(len(cues))),
        **columns,
    }


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _overlapping(spans: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    """The attribution whose reporting cue overlaps ``start:end`` (cue spans sorted)."""
    index = bisect.bisect_left(spans, (end, 0, 0)) - 1
    while index >= 0 and spans[index][1] > start:
        if spans[index][0] < end:
            return spans[index][2]
        index -= 1
    return None
