"""Attributions, second generation: a trained layer over the rules of :mod:`analysis.attribution`.

The rules find most attributions of news writing, but they know only the cues of their lexicon
and decide by hand-written tests which uses of a cue word report something. PolNeAR's notion of
attribution is broader (``plans``, ``supports``, ``seems``, ``shows``), and whether a word is a cue
depends on its context. Three small logistic-regression scorers, trained on PolNeAR's training
split (``make train``; the model card is ``analysis/models/README.md``), revise each sentence:

1. **Which cues.** The candidates are the rules' own attributions and every word of the model's
   vocabulary (words that headed a cue in the training data often enough) that the rules did not
   use. For a vocabulary word the rules are asked what its attribution would be if it were a cue
   (:func:`analysis.attribution.constructions._attribute`, forced): its source and content, or
   none. A candidate is kept when its score passes the model's threshold. Features: the word
   and its neighbours, their shapes, whether it is inside a quotation or inside another
   attribution's content, whether the rules found it, and what the forced attribution looks
   like (a source on which side, a pronoun, the content opening with ``that``, a quotation or
   ``to``).
2. **Where the cue starts and ends.** PolNeAR's cue is the verb group (``has long argued``,
   ``called for``, ``plans to``); two scorers choose the first and the last token of the cue
   among the few tokens around the rules' extent.
3. Sources and contents stay the rules' (forced for new cues). A kept candidate without content,
   or whose cue lies inside the content of an attribution already kept, is dropped: as with the
   rules, an attribution is never nested in another.

Continued quotations and floating attributions are then found from the revised attributions,
exactly as in the rules-only mode. Everything is deterministic and runs on the CPU with plain
Python: a model is a JSON file of feature weights, and scoring a candidate is a sum of weights.

The ``via`` of a rule attribution is kept; ``cue_lemma`` of a cue outside the lexicon is the
word as written, lower-cased, and its ``cue_category`` is ``other``.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from analysis.attribution.constructions import Attribution, _attribute
from analysis.attribution.contents import (
    _content_after,
    _in_opening_clause,
    _skip_lead_in,
    _trim_content,
)
from analysis.attribution.cues import (
    _WORD_RUN,
    _ascii_word_runs,
    _Cue,
    _cue_extent,
    _match_cue,
    reporting_cues,
)
from analysis.attribution.sentences import (
    _CLAUSE_JOINT,
    _RELATIVE_PIECES,
    _cut_adjuncts,
    _cut_at_subject_end,
    _cut_before_new_clauses,
    _cut_overlaps,
)
from analysis.attribution.subjects import _subject_left
from analysis.attribution.tokens import (
    _START,
    Token,
    _is_ly_adverb,
    _Sentence,
    _span,
    tokenize,
)
from analysis.attribution.words import (
    _BOUND_AUXILIARIES,
    _CLOSING_QUOTES,
    _PREPOSITIONS,
    _PRONOUNS,
    _VERB_FORMS,
)

__all__ = [
    "MODEL_FILE",
    "AttributionModel",
    "ModelUnavailable",
    "attribution_model",
]

#: The trained model, shipped as package data (``analysis/models/``).
MODEL_FILE = "attribution.json"
#: The model format this code reads (raised when features change).
MODEL_FORMAT = 4


class ModelUnavailable(RuntimeError):
    """The trained model file is missing or unreadable."""


def _shape(text: str) -> str:
    if not text[:1].isalnum():
        return "P"
    return "C" if text[:1].isupper() else "l"


def _stem(word: str) -> str:
    """A crude stem (``pledged`` -> ``pledg``): shares evidence between a verb's forms."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _anchor(tokens: Sequence[Token], first: int, last: int) -> int:
    """The head of cue tokens ``[first, last)``: the first that is no auxiliary or adverb."""
    for i in range(first, last):
        if tokens[i].lower not in _BOUND_AUXILIARIES and not _is_ly_adverb(tokens[i]):
            return i
    return last - 1


def _bucket(distance: int) -> str:
    size = abs(distance)
    size = size if size <= 3 else (5 if size <= 5 else (9 if size <= 9 else 20))
    return f"{'-' if distance < 0 else '+'}{size}"


#: Distances beyond this all fall in :func:`_bucket`'s outermost buckets (``-20``, ``+20``).
_FAR = 10


def _by_distance(table: dict[str, float]) -> list[float]:
    """``table.get(_bucket(d), 0.0)`` for ``d`` from ``-_FAR`` to ``_FAR``, at ``d + _FAR``:
    the weight of a distance without making its bucket's name (a distance ``d`` is read at
    ``min(max(d, -_FAR), _FAR) + _FAR``)."""
    return [table.get(_bucket(d), 0.0) for d in range(-_FAR, _FAR + 1)]


#: What a pair table gives for a first part no feature has.
_NONE: dict[str, float] = {}


#: The pair templates (values ``a|b``), and whether each is keyed by its second part: the
#: model file holds them as ``{a: {b: weight}}`` (``{b: {a: weight}}``), so that scoring looks
#: ``b`` up among ``a``'s pairs without making the string ``a|b`` (see :func:`_tabulate`).
_PAIR_TEMPLATES = {
    "w|n": False,
    "p|w": True,
    "o|w": False,
    "ct|w": False,
    "a|lw": False,
    "a|inc": False,
    "eo|o2": False,
    "ea|o2": False,
    "ro|o2": False,
    "ef|eo": False,
    "ef|el": False,
    "ec|eo": False,
}


def _tabulate(weights: dict[str, float]) -> dict[str, dict]:
    """Feature weights by name (``w=said``, ``w|n=said|that``, ``cap``) as the model file holds
    them: by template, ``{"w": {"said": ...}}``; pairs nested (:data:`_PAIR_TEMPLATES`), with a
    value of more than one ``|`` entered under every way of cutting it in two, so that a
    look-up gives what the joined name would whatever the parts hold; features without a value
    under ``""``. Loading the file then builds nothing."""
    tables: dict[str, dict] = {}
    for name, weight in weights.items():
        prefix, equals, value = name.partition("=")
        if not equals:
            prefix, value = "", name
        table = tables.setdefault(prefix, {})
        if prefix not in _PAIR_TEMPLATES:
            table[value] = weight
            continue
        at = value.find("|")
        while at >= 0:
            first, second = value[:at], value[at + 1 :]
            outer, inner = (second, first) if _PAIR_TEMPLATES[prefix] else (first, second)
            table.setdefault(outer, {})[inner] = weight
            at = value.find("|", at + 1)
    return tables


def _untabulate(tables: dict[str, dict]) -> dict[str, float]:
    """The weights by feature name again (:func:`_tabulate` undone)."""
    weights: dict[str, float] = {}
    for prefix, table in tables.items():
        for key, entry in table.items():
            if prefix in _PAIR_TEMPLATES:
                for inner, weight in entry.items():
                    pair = f"{inner}|{key}" if _PAIR_TEMPLATES[prefix] else f"{key}|{inner}"
                    weights[f"{prefix}={pair}"] = weight
            else:
                weights[f"{prefix}={key}" if prefix else key] = entry
    return weights


@dataclass(slots=True)
class Candidate:
    """A possible cue in a sentence: its head token, its token extent, the attribution the rules
    give it (found or forced; ``None`` when forcing finds none) and where it came from."""

    anchor: int
    first: int
    last: int  # exclusive
    attribution: Attribution | None
    origin: str  # "rules", "forced" (the rules' constructions) or "fallback" (see _fallback)


def _reported_pieces(attribution: Attribution, cue_start: int, text: str) -> tuple[list, bool]:
    """The content pieces that tell what the content is like, and whether a raised subject
    was left out: the first piece of a sourceless content when it ends before the cue (the
    subject of ``X seems to ...``, ``X was criticized for ...``). A relative pronoun before
    the report (``which he called a disgrace``, ``what she wanted to hear``) is left out too,
    so that the content is judged by what follows the cue (3-fold CV +10 / +3 / +2 exact TP
    over judging it by the pronoun)."""
    pieces = attribution.content
    if len(pieces) > 1 and pieces[0][1] <= cue_start:
        if attribution.source is None:
            return pieces[1:], True
        if text[pieces[0][0] : pieces[0][1]].lower() in _RELATIVE_PIECES:
            return pieces[1:], False
    return pieces, False


def _content_kind(text: str, piece: tuple[int, int]) -> str:
    start, end = piece
    words = text[start:end].split(maxsplit=1)
    first = words[0].lower() if words else ""
    if first[:1] in "“\"'‘":
        return "quote"
    if first in ("that", "whether", "if", "what", "why", "how", "when", "who", "where", "to"):
        return first
    return "other"


def word_features(tokens: Sequence[Token], i: int) -> list[str]:
    """The features of a vocabulary word that need no attribution: the word, its stem and
    its neighbours (the gate's features, also part of :func:`cue_features`)."""
    word = tokens[i].lower
    previous = tokens[i - 1].lower if i > 0 else "<s>"
    following = tokens[i + 1].lower if i + 1 < len(tokens) else "</s>"
    return [
        "w=" + word,
        "stem=" + _stem(word),
        "p=" + previous,
        "p2=" + (tokens[i - 2].lower if i > 1 else "<s>"),
        "n=" + following,
        "n2=" + (tokens[i + 2].lower if i + 2 < len(tokens) else "</s>"),
        "ps=" + (_shape(tokens[i - 1].text) if i > 0 else "B"),
        "ns=" + (_shape(tokens[i + 1].text) if i + 1 < len(tokens) else "E"),
        "w|n=" + word + "|" + following,
        "p|w=" + previous + "|" + word,
        "x3=" + word[-3:],
        "x2=" + word[-2:],
        f"pos={min(i, 6)}",
    ]


def cue_features(
    sentence: _Sentence, candidate: Candidate, has_quotes: bool, contents: Sequence[tuple]
) -> list[str]:
    """The features of a cue candidate (names of indicator features)."""
    tokens, i = sentence.tokens, candidate.anchor
    word, origin = tokens[i].lower, candidate.origin
    attribution = candidate.attribution
    category = attribution.cue_category if attribution is not None else "none"
    features = word_features(tokens, i)
    features += ["o=" + origin, "o|w=" + origin + "|" + word, "cat=" + str(category)]
    if tokens[i].capitalised:
        features.append("cap")
    if sentence.quote_at(tokens[i].start) is not None:
        features.append("inq")
    if has_quotes:
        features.append("sq")
    start, end = tokens[candidate.first].start, tokens[candidate.last - 1].end
    inside = any(s <= start and end <= e for s, e in contents)
    if inside:
        features.append("incont")
    features.append(f"o|incont={origin}|{inside}")
    if attribution is None:
        features.append("noatt")
        return features
    text = sentence.text
    if attribution.source is not None:
        features.append("hassrc")
        source_start, source_end = attribution.source
        first_source = text[source_start:source_end].split(maxsplit=1)
        head = first_source[0].lower() if first_source else ""
        features.append("src0=" + head if head in _PRONOUNS else "src0s=" + _shape(head or "?"))
        words = len(text[source_start:source_end].split())
        features.append(f"srclen={min(words, 8)}")
        features.append("srcside=" + ("L" if source_start < start else "R"))
    if attribution.content:
        pieces, raised = _reported_pieces(attribution, start, text)
        if raised:
            features.append("raised")
        kind = _content_kind(text, pieces[0])
        features += ["ct=" + kind, "ct|w=" + kind + "|" + word]
        features.append("cside=" + ("L" if pieces[0][0] < start else "R"))
        features.append(f"npieces={min(len(pieces), 3)}")
    else:
        features.append("ct=none")
    return features


def left_options(tokens: Sequence[Token], first: int, anchor: int) -> list[tuple[int, list[str]]]:
    """Where the cue may start (token indexes up to its head) and each option's features."""
    options = []
    for k in range(max(0, first - 3), anchor + 1):
        features = [
            "lw=" + tokens[k].lower,
            "lout=" + (tokens[k - 1].lower if k > 0 else "<s>"),
            "lrel=" + _bucket(k - first),
            f"lnaux={min(3, anchor - k)}",
            "a|lw=" + tokens[anchor].lower + "|" + tokens[k].lower,
        ]
        if k == first:
            features.append("lrule")
        if all(
            tokens[j].lower in _BOUND_AUXILIARIES or _is_ly_adverb(tokens[j])
            for j in range(k, anchor)
        ):
            features.append("allaux")
        options.append((k, features))
    return options


def right_options(tokens: Sequence[Token], last: int, anchor: int) -> list[tuple[int, list[str]]]:
    """Where the cue may end (exclusive token indexes after its head) and their features."""
    options = []
    for k in range(anchor + 1, min(len(tokens), last + 3) + 1):
        included = " ".join(token.lower for token in tokens[anchor + 1 : k])
        outside = tokens[k] if k < len(tokens) else None
        features = [
            "rlast=" + tokens[k - 1].lower,
            "rout=" + (outside.lower if outside else "</s>"),
            "routs=" + (_shape(outside.text) if outside else "E"),
            "rrel=" + _bucket(k - last),
            f"rn={min(4, k - anchor - 1)}",
            "a|inc=" + tokens[anchor].lower + "|" + included,
            "inc=" + included,
        ]
        if k == last:
            features.append("rrule")
        options.append((k, features))
    return options


#: Words before which a content may end (``..., but ...``, ``... on Twitter``, ``... after
#: hackers ...``): conjunctions, subordinators and prepositions. A content may also end before
#: any punctuation and after a closing quotation mark (:func:`content_end_options`).
_CONTENT_END_WORDS = (
    frozenset(
        {"and", "but", "or", "while", "as", "after", "because", "when", "so", "before", "since",
         "if", "though", "although", "until", "which", "who", "whom", "where", "whereas",
         "even", "despite", "including", "according", "amid", "saying", "adding", "than",
         "that", "during", "via", "unless", "then"}
    )
    | _PREPOSITIONS
)  # fmt: skip
#: At most this many end options, the nearest to the rules' end, are scored.
_MAX_END_OPTIONS = 16

#: Words that make a clause of what comes before them in a content: frequent verb forms, the
#: forms of be, have and do, modals, and (see :func:`_first_verb`) any word in -ed or -n't. A
#: content with none of them yet (``that trials``, ``that as president``) is seldom done.
_VERBISH = _VERB_FORMS | frozenset(
    {"be", "been", "being", "am", "is", "are", "was", "were", "do", "does", "did", "have",
     "has", "had", "can", "could", "may", "might", "must", "shall", "should", "will", "would",
     "'d", "'ll", "'m", "'re", "'ve", "’d", "’ll", "’m", "’re", "’ve"}
)  # fmt: skip


#: How a content opens, for the content-end scorer (:func:`_opening`): a clause or a noun
#: phrase ends in different places (``that ... ,`` against ``to comment on ...``).
_CONTENT_OPENERS = frozenset(
    {"that", "to", "what", "how", "why", "whether", "if", "when", "where", "who", "the", "a", "an"}
)


def _opening(token: Token) -> str:
    """The content's first word if it is one of :data:`_CONTENT_OPENERS`, else ``-``."""
    return token.lower if token.lower in _CONTENT_OPENERS else "-"


def _first_verb(tokens: Sequence[Token], start: int, end: int) -> int:
    """The first token from ``start`` that looks like a verb (:data:`_VERBISH`, or a word
    ending in -ed or -n't), looked for before ``end``; else ``end``."""
    for k in range(start, end):
        word = tokens[k].lower
        if (
            word in _VERBISH
            or (len(word) > 3 and word.endswith("ed"))
            or word.endswith(("n't", "n’t"))
        ):
            return k
    return end


def _content_tokens(sentence: _Sentence, piece: tuple[int, int]) -> tuple[int, int] | None:
    """The token range ``[first, last)`` of a content piece inside the sentence, or ``None``
    when the piece is no plain clause the content scorers revise: a whole quotation (the
    rules take it as it stands), a piece that runs on past the sentence (a quotation
    opened in it), or one that ends where the subordinate clause the sentence opens with
    ends ("When Lee said it was fine, Ray left": not over into the main clause)."""
    tokens = sentence.tokens
    if not tokens or piece[1] > tokens[-1].end:
        return None
    quote = sentence.quote_starting_at(piece[0])
    if quote is not None and quote.end == piece[1]:
        return None
    first = bisect.bisect_left(tokens, piece[0], key=_START)
    last = bisect.bisect_left(tokens, piece[1], lo=first, key=_START)
    if first >= last or _closes_opening_clause(tokens, first, last):
        return None
    return first, last


def _closes_opening_clause(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the content ``[first, last)`` ends at the comma that closes the subordinate
    clause the sentence opens with (``When Lee said it was fine, Ray left``), or at the
    quotation closed by that comma (``When Lee said it was "fine," Ray left``)."""
    if not _in_opening_clause(tokens, first) or last >= len(tokens):
        return False
    if tokens[last].text == ",":
        return True
    return (
        last - first >= 3
        and tokens[last - 1].text[-1] in _CLOSING_QUOTES
        and tokens[last - 2].text == ","
    )


def content_end_options(
    sentence: _Sentence, start: int, last: int, head: str
) -> list[tuple[int, list[str]]]:
    """Where a content starting at token ``start`` may end (exclusive token indexes): the
    rules' end ``last``, the sentence end, and before a punctuation mark or a word of
    :data:`_CONTENT_END_WORDS`, or after a closing quotation mark; at most
    :data:`_MAX_END_OPTIONS`, the nearest to ``last``. Each option's features (``head``: the
    cue's head word, lower-cased)."""
    tokens = sentence.tokens
    n = len(tokens)
    places, final = _end_places(tokens, start, last)
    verb = _first_verb(tokens, start, places[-1] if places else start)
    opening = _opening(tokens[start])
    options = []
    commas, seen = 0, start  # commas in the content up to each place
    for k in places:
        while seen < k:
            commas += tokens[seen].text == ","
            seen += 1
        outside = tokens[k].lower if k < n else "</s>"
        following = tokens[k + 1].lower if k + 1 < n else "</s>"
        features = [
            "eo=" + outside,
            "el=" + tokens[k - 1].lower,
            "eo2=" + following,
            "eo|o2=" + outside + "|" + following,
            "erel=" + _bucket(k - last),
            "elen=" + _bucket(k - start),
            "ea|o2=" + head + "|" + following,
        ]
        if k == last:
            features += ["erule", "ro|o2=" + outside + "|" + following]
        if k >= final:
            features.append("esent")
        if verb >= k:
            features += ["enoverb", "enoverb|eo=" + outside]
        features += [
            "ef|eo=" + opening + "|" + outside,
            "ef|el=" + opening + "|" + tokens[k - 1].lower,
            f"ec|eo={min(commas, 2)}|{outside}",
        ]
        options.append((k, features))
    return options


def _end_places(
    tokens: Sequence[Token], start: int, last: int, stop: int | None = None
) -> tuple[list[int], int]:
    """:func:`content_end_options`' places, none after ``stop`` (where the model stops a
    content: see :func:`_content_stop`), and where the sentence ends once a final mark is
    left out (as the content's trimming does)."""
    n = len(tokens)
    places = []
    words = _CONTENT_END_WORDS
    closes = tokens[start].text[-1] in _CLOSING_QUOTES  # token k - 1 closes a quotation
    for k in range(start + 1, n):
        text = tokens[k].text
        if closes or k == last or tokens[k].lower in words or not text[:1].isalnum():
            places.append(k)
        closes = text[-1] in _CLOSING_QUOTES
    places.append(n)
    if stop is not None:
        places = [k for k in places if k <= stop]
    if len(places) > _MAX_END_OPTIONS:
        places = sorted(sorted(places, key=lambda k: abs(k - last))[:_MAX_END_OPTIONS])
    final = n
    while final > start + 1 and tokens[final - 1].text in ".!?…":
        final -= 1
    return places, final


def sentence_candidates(
    sentence: _Sentence,
    sentence_id: int,
    found: Sequence[Attribution],
    vocabulary: Iterable[str],
    gate: Callable[[Sequence[Token], int], bool] | None = None,
) -> list[Candidate]:
    """The rules' attributions of a sentence and its vocabulary words as cue candidates; with
    a ``gate``, only the vocabulary words it lets through (forcing the rules is the costly
    part, and most vocabulary words are no cue)."""
    tokens = sentence.tokens
    words = vocabulary if isinstance(vocabulary, (set, frozenset)) else set(vocabulary)
    # most tokens are no vocabulary word: one look-up each, in a comprehension
    in_vocabulary = [i for i, token in enumerate(tokens) if token.lower in words]
    if not found and not in_vocabulary:
        return []
    starts = [token.start for token in tokens]
    candidates, taken = [], []
    for attribution in found:
        if attribution.cue is None:
            continue
        first = _index_at(starts, attribution.cue[0])
        last = _index_at(starts, attribution.cue[1])
        if first >= last:
            continue
        taken.append(attribution.cue)
        anchor = _anchor(tokens, first, last)
        candidates.append(Candidate(anchor, first, last, attribution, "rules"))
    for i in in_vocabulary:
        token = tokens[i]
        if any(s <= token.start < e for s, e in taken):
            continue
        if gate is not None and not gate(tokens, i):
            continue
        lexicon_cue = _match_cue(tokens, i)
        cue = lexicon_cue or _Cue(token.lower, "other", (token.lower,))
        attribution = _attribute(sentence, sentence_id, i, cue, [], infinitives=True)
        origin = "forced"
        if attribution is not None and attribution.cue is not None:
            first = _index_at(starts, attribution.cue[0])
            last = _index_at(starts, attribution.cue[1])
        elif lexicon_cue is not None:
            continue  # the rules' verdict on their own cue stands: a negated or empty report
        else:
            first, last = _cue_extent(tokens, i, len(cue.words), cue.lemma)
            attribution = _fallback(sentence, sentence_id, first, last, cue)
            origin = "fallback"
        if first >= last or any(
            s < tokens[last - 1].end and tokens[first].start < e for s, e in taken
        ):
            continue
        taken.append((tokens[first].start, tokens[last - 1].end))
        candidates.append(Candidate(i, first, last, attribution, origin))
    return candidates


def _fallback(
    sentence: _Sentence, sentence_id: int, first: int, last: int, cue: _Cue
) -> Attribution | None:
    """For a word outside the cue lexicon that none of the rules' constructions fits: the
    subject on its left as the source, the clause after it as the content."""
    tokens = sentence.tokens
    content = _content_after(sentence, _skip_lead_in(tokens, last))
    if content is None:
        return None
    subject = _subject_left(tokens, first)
    return Attribution(
        sentence_id=sentence_id,
        cue=_span(tokens, first, last),
        cue_lemma=cue.lemma,
        cue_category=cue.category,
        source=_span(tokens, *subject) if subject else None,
        content=content,
    )


def _index_at(starts: list[int], position: int) -> int:
    """The index of the first token starting at or after ``position``."""
    return bisect.bisect_left(starts, position)


#: How many words' own weights a :class:`_WordWeights` remembers (then it starts afresh).
_WORD_CACHE_SIZE = 20_000


class _Scorer:
    """A logistic-regression scorer: intercept plus the weights of the features present.

    Built from a model file's scorer (``{"intercept": ..., "tables": ...}``, see
    :func:`_tabulate`) or from training's weights by name (``{"intercept": ...,
    "weights": ...}``). :meth:`score` takes feature names. The model's hot path scores without
    making them: ``table(prefix)`` holds the weights of the features ``prefix=value`` keyed by
    ``value`` (a feature name splits at its first ``=``, and no prefix holds one, so
    ``table(p)[v]`` is ``weights[p + "=" + v]``; a pair template's table is nested), and
    ``constant(name)`` the weight of a feature without a value (``cap``), 0.0 when it has
    none. Added in the order of the features, the same weights give the same float as
    :meth:`score`.
    """

    __slots__ = ("intercept", "_weights", "_tables")

    def __init__(self, data: dict[str, Any]):
        self.intercept = float(data["intercept"])
        # JSON gives str keys and float values already (a weight written as 1 is an int, and
        # adds as the same float): the 100,000-odd weights are used as loaded
        if "tables" in data:
            self._tables: dict[str, dict] = data["tables"]
            self._weights: dict[str, float] | None = None
        else:
            self._weights = data["weights"]
            self._tables = _tabulate(self._weights)

    @property
    def weights(self) -> dict[str, float]:
        """The weights by feature name (made on first use: training and tests ask for it)."""
        if self._weights is None:
            self._weights = _untabulate(self._tables)
        return self._weights

    def score(self, features: Iterable[str]) -> float:
        weights = self.weights
        return self.intercept + sum(weights.get(feature, 0.0) for feature in features)

    def table(self, prefix: str) -> dict:
        return self._tables.get(prefix, {})

    def constant(self, name: str) -> float:
        return self._tables.get("", {}).get(name, 0.0)

    def best(self, options: Sequence[tuple[int, list[str]]], default: int) -> int:
        return _best([(k, self.score(features)) for k, features in options], default)


def _beats(score: float, distance: int, best_score: float, best_distance: int) -> bool:
    """Whether an option (its score, its distance from the default) beats the best one so far
    (``best_distance`` -1: none yet), options coming in order: :func:`_best`'s choice, made
    one option at a time."""
    return (
        best_distance < 0
        or score > best_score
        or (score == best_score and distance < best_distance)
    )


def _best(scored: Sequence[tuple[int, float]], default: int) -> int:
    """The option of the highest score; among equal scores the nearest to ``default``, and
    among those the first (as ``max`` keeps the first of equal keys); ``default`` if none."""
    if not scored:
        return default
    return max(scored, key=lambda option: (option[1], -abs(option[0] - default)))[0]


class _WordWeights:
    """One scorer's weights of :func:`word_features`, read without making feature names.

    :meth:`total` is the sum of the weights of ``word_features(tokens, i)`` in their order,
    the same float as ``sum`` over them (the gate is only these features, and the cue
    scorer's features start with them); ``tests/test_attribution_model.py`` holds the two
    together.
    """

    __slots__ = (
        "word",
        "stem",
        "previous",
        "previous2",
        "following",
        "following2",
        "previous_shape",
        "following_shape",
        "word_following",
        "previous_word",
        "suffix3",
        "suffix2",
        "position",
        "of_word",
    )

    def __init__(self, scorer: _Scorer):
        table = scorer.table
        self.word, self.stem = table("w"), table("stem")
        self.previous, self.previous2 = table("p"), table("p2")
        self.following, self.following2 = table("n"), table("n2")
        self.previous_shape, self.following_shape = table("ps"), table("ns")
        self.word_following, self.previous_word = table("w|n"), table("p|w")
        self.suffix3, self.suffix2 = table("x3"), table("x2")
        self.position = [table("pos").get(str(n), 0.0) for n in range(7)]
        self.of_word: dict[str, tuple] = {}

    def _of_word(
        self, word: str
    ) -> tuple[float, float, float, float, dict[str, float], dict[str, float]]:
        """The weights of the word's own features (``w``, ``stem``, ``x3``, ``x2``) and of its
        pairs with the next and the previous word: the few words scored (the vocabulary, the
        lexicon's cues) recur, and are looked up once."""
        weights = self.of_word.get(word)
        if weights is None:
            if len(self.of_word) >= _WORD_CACHE_SIZE:
                self.of_word.clear()
            weights = (
                self.word.get(word, 0.0),
                self.stem.get(_stem(word), 0.0),
                self.suffix3.get(word[-3:], 0.0),
                self.suffix2.get(word[-2:], 0.0),
                self.word_following.get(word, _NONE),
                self.previous_word.get(word, _NONE),
            )
            self.of_word[word] = weights
        return weights

    def total(self, tokens: Sequence[Token], i: int) -> float:
        word = tokens[i].lower
        n = len(tokens)
        previous = tokens[i - 1].lower if i > 0 else "<s>"
        following = tokens[i + 1].lower if i + 1 < n else "</s>"
        (
            weight_word,
            weight_stem,
            weight_suffix3,
            weight_suffix2,
            with_following,
            with_previous,
        ) = self._of_word(word)
        total = 0.0
        total += weight_word
        total += weight_stem
        total += self.previous.get(previous, 0.0)
        total += self.previous2.get(tokens[i - 2].lower if i > 1 else "<s>", 0.0)
        total += self.following.get(following, 0.0)
        total += self.following2.get(tokens[i + 2].lower if i + 2 < n else "</s>", 0.0)
        total += self.previous_shape.get(_shape(tokens[i - 1].text) if i > 0 else "B", 0.0)
        total += self.following_shape.get(_shape(tokens[i + 1].text) if i + 1 < n else "E", 0.0)
        total += with_following.get(following, 0.0)
        total += with_previous.get(previous, 0.0)
        total += weight_suffix3
        total += weight_suffix2
        total += self.position[min(i, 6)]
        return total


class _CueWeights:
    """The cue scorer's weights, read without making feature names: :meth:`score` is
    ``scorer.score(cue_features(...))`` to the last bit (the same weights added in the same
    order), without building its thirty-odd strings for every candidate."""

    def __init__(self, scorer: _Scorer):
        table, constant = scorer.table, scorer.constant
        self.intercept = scorer.intercept
        self.words = _WordWeights(scorer)
        self.origin, self.category = table("o"), table("cat")
        self.origin_word = table("o|w")
        self.capitalised, self.in_quote = constant("cap"), constant("inq")
        self.sentence_quotes, self.inside = constant("sq"), constant("incont")
        origin_inside = table("o|incont")
        # keyed by (origin, inside) and by count: no f-string or str() per candidate
        self.origin_inside = {
            (origin, inside): origin_inside.get(f"{origin}|{inside}", 0.0)
            for origin in ("rules", "forced", "fallback")
            for inside in (False, True)
        }
        self.no_attribution, self.has_source = constant("noatt"), constant("hassrc")
        self.source_pronoun, self.source_shape = table("src0"), table("src0s")
        self.source_length = [table("srclen").get(str(n), 0.0) for n in range(9)]
        self.source_side = table("srcside")
        self.content_kind, self.content_kind_word = table("ct"), table("ct|w")
        self.content_side, self.raised = table("cside"), constant("raised")
        self.pieces = [table("npieces").get(str(n), 0.0) for n in range(4)]

    def score(
        self, sentence: _Sentence, candidate: Candidate, has_quotes: bool, contents: Sequence
    ) -> float:
        """The cue scorer's score of ``cue_features(sentence, candidate, ...)``; each step
        below adds what the same line of :func:`cue_features` appends."""
        tokens, i = sentence.tokens, candidate.anchor
        token = tokens[i]
        word, origin = token.lower, candidate.origin
        attribution = candidate.attribution
        category = attribution.cue_category if attribution is not None else "none"
        total = self.words.total(tokens, i)
        total += self.origin.get(origin, 0.0)
        total += self.origin_word.get(origin, _NONE).get(word, 0.0)
        total += self.category.get(str(category), 0.0)
        if token.capitalised:
            total += self.capitalised
        if sentence.quote_at(token.start) is not None:
            total += self.in_quote
        if has_quotes:
            total += self.sentence_quotes
        start, end = tokens[candidate.first].start, tokens[candidate.last - 1].end
        inside = any(s <= start and end <= e for s, e in contents)
        if inside:
            total += self.inside
        total += self.origin_inside[origin, inside]  # every origin a Candidate can have
        if attribution is None:
            return self.intercept + (total + self.no_attribution)
        text = sentence.text
        if attribution.source is not None:
            total += self.has_source
            source_start, source_end = attribution.source
            first_source = text[source_start:source_end].split(maxsplit=1)
            head = first_source[0].lower() if first_source else ""
            if head in _PRONOUNS:
                total += self.source_pronoun.get(head, 0.0)
            else:
                total += self.source_shape.get(_shape(head or "?"), 0.0)
            words = len(text[source_start:source_end].split())
            total += self.source_length[min(words, 8)]
            total += self.source_side.get("L" if source_start < start else "R", 0.0)
        if attribution.content:
            pieces, raised = _reported_pieces(attribution, start, text)
            if raised:
                total += self.raised
            kind = _content_kind(text, pieces[0])
            total += self.content_kind.get(kind, 0.0)
            total += self.content_kind_word.get(kind, _NONE).get(word, 0.0)
            total += self.content_side.get("L" if pieces[0][0] < start else "R", 0.0)
            total += self.pieces[min(len(pieces), 3)]
        else:
            total += self.content_kind.get("none", 0.0)
        return self.intercept + total


class _ExtentWeights:
    """The left and right scorers' weights, read without making feature names: the option
    :meth:`first` (:meth:`last`) picks is ``left.best(left_options(...))`` (``right.best(
    right_options(...))``), its scores the same floats, ties broken the same way."""

    def __init__(self, left: _Scorer, right: _Scorer):
        self.left_intercept, self.right_intercept = left.intercept, right.intercept
        self.left_word, self.left_outside = left.table("lw"), left.table("lout")
        self.left_relative = _by_distance(left.table("lrel"))
        self.left_auxiliaries = [left.table("lnaux").get(str(n), 0.0) for n in range(4)]
        self.anchor_left_word = left.table("a|lw")
        self.left_rule, self.all_auxiliaries = left.constant("lrule"), left.constant("allaux")
        self.right_last, self.right_outside = right.table("rlast"), right.table("rout")
        self.right_outside_shape = right.table("routs")
        self.right_relative = _by_distance(right.table("rrel"))
        self.right_count = [right.table("rn").get(str(n), 0.0) for n in range(5)]
        self.anchor_included, self.included = right.table("a|inc"), right.table("inc")
        self.right_rule = right.constant("rrule")

    def first(self, tokens: Sequence[Token], first: int, anchor: int) -> int:
        """The first token of the cue (what :func:`left_options` offers, best scored)."""
        with_anchor = self.anchor_left_word.get(tokens[anchor].lower, _NONE)
        low = max(0, first - 3)
        # the options from ``plain`` on see only auxiliaries and -ly adverbs up to the head
        plain = anchor
        while plain > low and (
            tokens[plain - 1].lower in _BOUND_AUXILIARIES or _is_ly_adverb(tokens[plain - 1])
        ):
            plain -= 1
        left_word, left_outside = self.left_word, self.left_outside
        relative, auxiliaries = self.left_relative, self.left_auxiliaries
        # the best option as _best keeps it (see _beats)
        best, best_score, best_distance = first, 0.0, -1
        outside = tokens[low - 1].lower if low > 0 else "<s>"
        for k in range(low, anchor + 1):
            word = tokens[k].lower
            total = 0.0
            total += left_word.get(word, 0.0)
            total += left_outside.get(outside, 0.0)
            total += relative[min(max(k - first, -_FAR), _FAR) + _FAR]
            total += auxiliaries[min(3, anchor - k)]
            total += with_anchor.get(word, 0.0)
            if k == first:
                total += self.left_rule
            if k >= plain:
                total += self.all_auxiliaries
            score = self.left_intercept + total
            distance = abs(k - first)
            if _beats(score, distance, best_score, best_distance):
                best, best_score, best_distance = k, score, distance
            outside = word
        return best

    def last(self, tokens: Sequence[Token], last: int, anchor: int) -> int:
        """The cue's last-plus-one token (what :func:`right_options` offers, best scored)."""
        with_anchor = self.anchor_included.get(tokens[anchor].lower, _NONE)
        n = len(tokens)
        right_last, right_outside = self.right_last, self.right_outside
        outside_shape, relative = self.right_outside_shape, self.right_relative
        counts, included_weights = self.right_count, self.included
        best, best_score, best_distance = last, 0.0, -1  # the best option (see _beats)
        included = ""
        for k in range(anchor + 1, min(n, last + 3) + 1):
            # " ".join of the lower-cased tokens anchor+1 .. k-1, grown one token at a time
            inside = tokens[k - 1].lower
            if k > anchor + 1:
                included = inside if k == anchor + 2 else included + " " + inside
            total = 0.0
            total += right_last.get(inside, 0.0)
            if k < n:
                outside = tokens[k]
                total += right_outside.get(outside.lower, 0.0)
                total += outside_shape.get(_shape(outside.text), 0.0)
            else:
                total += right_outside.get("</s>", 0.0)
                total += outside_shape.get("E", 0.0)
            total += relative[min(max(k - last, -_FAR), _FAR) + _FAR]
            total += counts[min(4, k - anchor - 1)]
            total += with_anchor.get(included, 0.0)
            total += included_weights.get(included, 0.0)
            if k == last:
                total += self.right_rule
            score = self.right_intercept + total
            distance = abs(k - last)
            if _beats(score, distance, best_score, best_distance):
                best, best_score, best_distance = k, score, distance
        return best


class _EndWeights:
    """The content-end scorer's weights, read without making feature names: the option
    :meth:`last` picks is ``scorer.best(content_end_options(...), last)``, its scores the same
    floats (the same weights added in the same order), ties broken the same way."""

    def __init__(self, scorer: _Scorer):
        table, constant = scorer.table, scorer.constant
        self.intercept = scorer.intercept
        self.outside, self.inside, self.following = table("eo"), table("el"), table("eo2")
        self.outside_following = table("eo|o2")
        self.relative, self.length = _by_distance(table("erel")), _by_distance(table("elen"))
        self.head_following = table("ea|o2")
        self.rule, self.rule_outside_following = constant("erule"), table("ro|o2")
        self.sentence_end = constant("esent")
        self.no_verb, self.no_verb_outside = constant("enoverb"), table("enoverb|eo")
        self.opening_outside, self.opening_inside = table("ef|eo"), table("ef|el")
        commas_outside = table("ec|eo")
        self.commas_outside = [commas_outside.get(str(n), _NONE) for n in range(3)]

    def last(
        self, tokens: Sequence[Token], start: int, last: int, head: str, stop: int | None = None
    ) -> int:
        """The content's last-plus-one token (what :func:`content_end_options` offers, best
        scored); with ``stop``, only the places at or before it (another report begins
        there)."""
        n = len(tokens)
        places, final = _end_places(tokens, start, last, stop)
        with_head_following = self.head_following.get(head, _NONE)
        verb = _first_verb(tokens, start, places[-1] if places else start)
        opening = _opening(tokens[start])
        with_opening_outside = self.opening_outside.get(opening, _NONE)
        with_opening_inside = self.opening_inside.get(opening, _NONE)
        commas_outside = self.commas_outside
        commas, seen = 0, start  # commas in the content up to each place, at most 2
        best, best_score, best_distance = last, 0.0, -1  # the best option (see _beats)
        for k in places:
            while commas < 2 and seen < k:
                if tokens[seen].text == ",":
                    commas += 1
                seen += 1
            outside = tokens[k].lower if k < n else "</s>"
            following = tokens[k + 1].lower if k + 1 < n else "</s>"
            inside = tokens[k - 1].lower
            total = 0.0
            total += self.outside.get(outside, 0.0)
            total += self.inside.get(inside, 0.0)
            total += self.following.get(following, 0.0)
            total += self.outside_following.get(outside, _NONE).get(following, 0.0)
            total += self.relative[min(max(k - last, -_FAR), _FAR) + _FAR]
            total += self.length[min(k - start, _FAR) + _FAR]
            total += with_head_following.get(following, 0.0)
            if k == last:
                total += self.rule
                total += self.rule_outside_following.get(outside, _NONE).get(following, 0.0)
            if k >= final:
                total += self.sentence_end
            if verb >= k:
                total += self.no_verb
                total += self.no_verb_outside.get(outside, 0.0)
            total += with_opening_outside.get(outside, 0.0)
            total += with_opening_inside.get(inside, 0.0)
            total += commas_outside[commas].get(outside, 0.0)
            score = self.intercept + total
            distance = abs(k - last)
            if _beats(score, distance, best_score, best_distance):
                best, best_score, best_distance = k, score, distance
        return best


class AttributionModel:
    """A trained model: which candidates are cues, and where each cue starts and ends.

    Build it from its JSON data (:func:`attribution_model` loads the shipped one). It is the
    ``reviser`` that :func:`analysis.attribution.find_attributions` takes.
    """

    def __init__(self, data: dict[str, Any]):
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(
                f"attribution model format {data.get('format')!r}, this code reads "
                f"{MODEL_FORMAT}: run `make train` to rebuild it"
            )
        self.vocabulary = frozenset(data["vocabulary"])
        self._ascii_vocabulary = frozenset(w.encode() for w in self.vocabulary if w.isascii())
        self.threshold = float(data["threshold"])
        self.cue = _Scorer(data["cue"])
        self.left = _Scorer(data["left"])
        self.right = _Scorer(data["right"])
        self.gate = _Scorer(data["gate"])
        self.content_end = _Scorer(data["content_end"])
        self.gate_threshold = float(data["gate"]["threshold"])
        self._logit = math.log(self.threshold / (1.0 - self.threshold))
        # the scorers' weights by feature template: scoring makes no feature names
        self._gate_words = _WordWeights(self.gate)
        self._cue_weights = _CueWeights(self.cue)
        self._extent_weights = _ExtentWeights(self.left, self.right)
        self._end_weights = _EndWeights(self.content_end)

    def passes_gate(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether vocabulary word ``i`` is worth forcing the rules on (its gate score,
        ``gate.score(word_features(tokens, i))``, reaches the gate's threshold)."""
        return self.gate.intercept + self._gate_words.total(tokens, i) >= self.gate_threshold

    def extent(
        self, tokens: Sequence[Token], first: int, last: int, anchor: int
    ) -> tuple[int, int]:
        """The cue's first and last-plus-one token, chosen around the rules' ``[first, last)``.

        Not remembered per context: the tokens around a cue include its source's name, and
        on BBC news only one cue in nine had a context seen before, too few to pay for the
        look-up.
        """
        weights = self._extent_weights
        return weights.first(tokens, first, anchor), weights.last(tokens, last, anchor)

    def content_pieces(
        self,
        sentence: _Sentence,
        attribution: Attribution,
        head: str,
        others: Sequence[Attribution] = (),
    ) -> list[tuple[int, int]]:
        """The attribution's content pieces as the model revises them: each plain clause after
        the cue given the end the content scorer likes best among :func:`content_end_options`
        (its start stays the rules'), never past the start of a report of ``others`` that
        begins after it (``Pence said it takes time but added that ...``: not up to the
        sentence end). ``head`` is the cue's head word, lower-cased."""
        tokens, text = sentence.tokens, sentence.text
        revised = []
        for piece in attribution.content:
            span = _content_tokens(sentence, piece) if piece[0] >= attribution.cue[1] else None
            if span is None:
                revised.append(piece)
                continue
            first, last = span
            stop = _content_stop(sentence, attribution, piece, last, others)
            end = self._end_weights.last(tokens, first, last, head, stop)
            if end != last:
                piece = _trim_content(text, piece[0], tokens[end - 1].end) or piece
            revised.append(piece)
        return revised

    def may_hold(self, lowered: str) -> bool:
        """Whether a lower-cased sentence holds a word of the vocabulary (its word runs, found
        as bytes in an ASCII sentence: the same runs, faster)."""
        if lowered.isascii():
            runs = _ascii_word_runs(lowered.encode("ascii"))
            return not self._ascii_vocabulary.isdisjoint(runs)
        return not self.vocabulary.isdisjoint(_WORD_RUN.findall(lowered))

    def revise(
        self, sentence: _Sentence, sentence_id: int, found: list[Attribution]
    ) -> list[Attribution]:
        """The sentence's attributions: the candidates the model keeps, with its cue extents."""
        candidates = sentence_candidates(
            sentence, sentence_id, found, self.vocabulary, self.passes_gate
        )
        if not candidates:
            return []
        tokens = sentence.tokens
        has_quotes = any(q.start < sentence.end and q.end > sentence.start for q in sentence.quotes)
        contents = [piece for a in found for piece in a.content]
        kept: list[Attribution] = []
        heads: dict[int, str] = {}  # each kept cue's head word
        found_by_rules: set[int] = set()
        for candidate in candidates:
            if self._cue_weights.score(sentence, candidate, has_quotes, contents) < self._logit:
                continue
            attribution = candidate.attribution
            if attribution is None or not attribution.content:
                continue
            first, last = self.extent(tokens, candidate.first, candidate.last, candidate.anchor)
            cue = _span(tokens, first, last)
            content = _after_cue(sentence.text, cue, attribution.content)
            if content:  # else the cue took in the whole content: it keeps the rules' extent
                attribution.cue, attribution.content = cue, content
            if attribution.cue_lemma is None:
                attribution.cue_lemma = tokens[candidate.anchor].lower
            kept.append(attribution)
            heads[id(attribution)] = tokens[candidate.anchor].lower
            if candidate.origin == "rules":
                found_by_rules.add(id(attribution))
        # which attributions nest in another is judged on the rules' contents, cut where the
        # rules cut their own (a forced cue's content, too, ends before a later clause with its
        # own report: "Carson seems to recognize it — he told the AP that ..."); the content
        # scorers then revise the boundaries of those kept
        if len(kept) > 1:
            _cut_overlaps(sentence, kept)
            _cut_before_new_clauses(sentence, kept)
            _cut_adjuncts(sentence, kept)
            _cut_at_subject_end(sentence, kept)
            _cut_forced_before_rules(sentence, kept, found_by_rules)
        kept = _without_nested(kept, found_by_rules)
        for attribution in kept:
            attribution.content = self.content_pieces(
                sentence, attribution, heads[id(attribution)], kept
            )
        return _without_nested(kept, found_by_rules)


def _after_cue(
    text: str, cue: tuple[int, int], content: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The content pieces with ``cue``, a revised cue, taken out of them: a piece the cue now
    runs into starts after it (``showing support for`` + ``for Hillary Clinton's plan``: the
    content is ``Hillary Clinton's plan``, as PolNeAR has it, where a cue and its content
    never overlap); a piece the cue takes in whole is dropped."""
    cue_start, cue_end = cue
    pieces = []
    for start, end in content:
        if cue_start <= start < cue_end:
            trimmed = _trim_content(text, cue_end, end) if end > cue_end else None
            if trimmed is None:
                continue
            start, end = trimmed
        pieces.append((start, end))
    return pieces


def _content_stop(
    sentence: _Sentence,
    attribution: Attribution,
    piece: tuple[int, int],
    last: int,
    others: Sequence[Attribution],
) -> int | None:
    """The last token index a content piece from the rules (ending before token ``last``) may
    be extended to: where the first report of ``others`` after it begins, at its source when
    that comes first (``..., and Y said``), else at its cue (``... but added``). None when
    there is none, or the rules' piece already runs over it. A report made by a participle
    after ``by`` (``He said X by arguing that ...``) is part of the content, as PolNeAR has it,
    and no stop."""
    text = sentence.text
    later = []
    for other in others:
        if other is attribution or other.cue is None or other.cue[0] <= piece[0]:
            continue
        start = other.cue[0]
        if text[max(0, start - 4) : start].endswith("by "):
            continue
        if other.source is not None and piece[0] < other.source[0] < start:
            start = other.source[0]
        later.append(start)
    if not later:
        return None
    stop = bisect.bisect_left(sentence.tokens, min(later), key=_START)
    return stop if stop >= last else None


def _cut_forced_before_rules(
    sentence: _Sentence, kept: list[Attribution], found_by_rules: set[int]
) -> None:
    """A forced cue's content ends where a later report the rules found begins, at the comma or
    conjunction joining the two (``Rubio thanked Miami and said it was great to be home``: the
    content of ``thanked`` is ``Miami``, and ``said`` keeps its own). The rules make this cut
    between their own reports as they find them; a forced cue is found after them."""
    text = sentence.text
    rules = [a for a in kept if id(a) in found_by_rules and a.cue is not None]
    for forced in kept:
        if id(forced) in found_by_rules or forced.cue is None or not forced.content:
            continue
        start, end = forced.content[-1]
        for other in rules:
            if not (forced.cue[1] <= start < other.cue[0] < end):
                continue
            boundary = other.cue[0]
            if other.source is not None and start < other.source[0] < other.cue[0]:
                boundary = other.source[0]
            before = text[max(start, boundary - 12) : boundary]
            joint = _CLAUSE_JOINT.search(before)
            if joint is None:
                continue
            cut = _trim_content(text, start, boundary - len(before) + joint.start())
            if cut:
                forced.content[-1] = cut
                start, end = cut


def _without_nested(kept: list[Attribution], found_by_rules: set[int]) -> list[Attribution]:
    """Drop the attributions whose cue lies inside another kept attribution's content (the
    rules' own never nest; a forced one may). A forced one whose content, before its cue,
    would hold the cue of one the rules found goes first (``“...,” said Mr. Trump, who is
    regarded as X``: not ``regarded`` with the quotation as its content)."""
    if len(kept) < 2:
        return kept
    rule_cues = [a.cue for a in kept if id(a) in found_by_rules and a.cue is not None]
    if rule_cues:
        kept = [
            a
            for a in kept
            if id(a) in found_by_rules
            or a.cue is None
            or not any(
                s <= c[0] and c[1] <= e and e <= a.cue[0] for s, e in a.content for c in rule_cues
            )
        ]
    pieces = [(piece, n) for n, a in enumerate(kept) for piece in a.content]
    return [
        a
        for n, a in enumerate(kept)
        if a.cue is None
        or not any(s <= a.cue[0] and a.cue[1] <= e and owner != n for (s, e), owner in pieces)
    ]


def model_path() -> Path:
    """Where the shipped model file is."""
    return Path(str(resources.files("analysis") / "models" / MODEL_FILE))


@cache
def attribution_model(path: str | None = None) -> AttributionModel:
    """The trained attribution model (cached per process).

    Raises
    ------
    ModelUnavailable
        When the file is missing or cannot be read, naming it and the two ways out.
    """
    file = Path(path) if path is not None else model_path()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return AttributionModel(data)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelUnavailable(
            f"the attribution model {file} cannot be used ({type(error).__name__}: {error}). "
            "Rebuild it with `make train` (needs ../shared/data/polnear), or parse with "
            'attribution="rules" (CLI: --attribution rules)'
        ) from error


# Training ------------------------------------------------------------------------------------

#: Training settings: a vocabulary word must have headed at least MIN_WORD_COUNT gold cues and
#: be a cue in at least MIN_WORD_PRECISION of its forced uses in the training data; C is the
#: inverse L2 strength of every scorer; a feature must occur MIN_FEATURE_COUNT times to be kept;
#: THRESHOLD is the probability a candidate needs to be kept; VOCABULARY_THRESHOLD the one
#: that chooses the vocabulary and the gate below (a lower one lets more words be forced,
#: which costs time). All were chosen on PolNeAR dev, where one threshold, 0.6, served both;
#: THRESHOLD was then chosen by 3-fold cross-validation on the training split
#: (``benchmarks/attributions.py --cv 3``, 2026-12-07; exact F1 Source / Cue / Content):
#: keeping at 0.6 0.690 / 0.675 / 0.552, at 0.7 0.679 / 0.664 / 0.548, at 0.55 0.692 / 0.678 /
#: 0.552, at 0.5 0.692 / 0.679 / 0.552 (the vocabulary chosen at 0.6; choosing it at 0.55 as
#: well gave the same F1 with 247 words instead of 199); C = 0.1 and 1 were below 0.3 on all
#: three.
MIN_WORD_COUNT = 2
MIN_WORD_PRECISION = 0.05
C = 0.3
MIN_FEATURE_COUNT = 2
THRESHOLD = 0.55
VOCABULARY_THRESHOLD = 0.6
#: The inverse L2 strength of the content-end ranking (:func:`_fit_ranking`), chosen on
#: PolNeAR dev among 0.1, 0.3 and 1.
RANKING_C = 0.3
#: The share of the vocabulary words kept by the cue scorer in the training data that the gate
#: (a scorer of the word and its neighbours alone) lets through to be forced and scored.
GATE_RECALL = 0.95
#: A vocabulary word stays a candidate only if the cue scorer keeps it rightly this often in the
#: training data, rightly in at least MIN_KEPT_PRECISION of the times it keeps it, and in at
#: least MIN_WORD_YIELD of its uses the rules do not find.
MIN_WORD_KEPT = 2
MIN_KEPT_PRECISION = 0.4
MIN_WORD_YIELD = 0.10
#: GATE_RECALL and MIN_WORD_YIELD trade recall for speed. On PolNeAR dev, going from 0.98 and
#: 0.02 to 0.95 and 0.10 left exact F1 where it was (Source 0.689 -> 0.691, Cue 0.689 -> 0.690,
#: Content 0.543 -> 0.543) and halved the model's extra work on BBC news: sentences read only
#: for the vocabulary 6,787 -> 3,212, words forced 5,828 -> 2,924.


@dataclass
class TrainingArticle:
    """One training article: its text, body sentences ``(sentence_id, start, end)``,
    quotations, and gold cue spans (``(start, end)``)."""

    text: str
    sentences: list[tuple[int, int, int]]
    quotes: list[Any]
    cues: list[tuple[int, int]]
    #: the gold content pieces of a gold cue (missing for a cue without content)
    contents: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)


class _Collector:
    """A reviser that keeps the rules' attributions and records every candidate with its
    features and labels (whether it overlaps a gold cue; which extent options match one)."""

    def __init__(self, vocabulary: frozenset[str]):
        self.vocabulary = vocabulary
        self.cues: list[tuple[int, int]] = []
        self.contents: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.end_rows: list[list[tuple[list[str], bool]]] = []
        self.cue_rows: list[tuple[list[str], bool, str, str]] = []
        self.gate_rows: list[tuple[list[str], bool, int]] = []  # with the cue row's index
        self.left_rows: list[list[tuple[list[str], bool]]] = []
        self.right_rows: list[list[tuple[list[str], bool]]] = []

    def may_hold(self, lowered: str) -> bool:
        return not self.vocabulary.isdisjoint(_WORD_RUN.findall(lowered))

    def revise(
        self, sentence: _Sentence, sentence_id: int, found: list[Attribution]
    ) -> list[Attribution]:
        tokens = sentence.tokens
        has_quotes = any(q.start < sentence.end and q.end > sentence.start for q in sentence.quotes)
        contents = [piece for a in found for piece in a.content]
        for candidate in sentence_candidates(sentence, sentence_id, found, self.vocabulary):
            start, end = tokens[candidate.first].start, tokens[candidate.last - 1].end
            gold = next((c for c in self.cues if c[0] < end and start < c[1]), None)
            features = cue_features(sentence, candidate, has_quotes, contents)
            word = tokens[candidate.anchor].lower
            self.cue_rows.append((features, gold is not None, candidate.origin, word))
            if candidate.origin != "rules":
                self.gate_rows.append(
                    (
                        word_features(tokens, candidate.anchor),
                        gold is not None,
                        len(self.cue_rows) - 1,
                    )
                )
            if gold is None:
                continue
            self.left_rows.append(
                [
                    (f, tokens[k].start == gold[0])
                    for k, f in left_options(tokens, candidate.first, candidate.anchor)
                ]
            )
            self.right_rows.append(
                [
                    (f, tokens[k - 1].end == gold[1])
                    for k, f in right_options(tokens, candidate.last, candidate.anchor)
                ]
            )
            self._content_rows(sentence, candidate, self.contents.get(gold, []))
        return found

    def _content_rows(
        self, sentence: _Sentence, candidate: Candidate, gold_pieces: list[tuple[int, int]]
    ) -> None:
        """The end options of each plain content piece after the cue (see
        :meth:`AttributionModel.content_pieces`; all of them: the stop at a later report is
        a constraint of decoding), labelled by the gold piece that overlaps it most."""
        attribution = candidate.attribution
        if attribution is None or attribution.cue is None or not gold_pieces:
            return
        tokens, text = sentence.tokens, sentence.text
        head = tokens[candidate.anchor].lower
        for piece in attribution.content:
            span = _content_tokens(sentence, piece) if piece[0] >= attribution.cue[1] else None
            if span is None:
                continue
            gold = max(gold_pieces, key=lambda g: min(g[1], piece[1]) - max(g[0], piece[0]))
            if min(gold[1], piece[1]) <= max(gold[0], piece[0]):
                continue  # no gold piece overlaps it
            first, last = span
            self.end_rows.append(
                [
                    (features, _end_of(text, piece[0], tokens[k - 1].end) == gold[1])
                    for k, features in content_end_options(sentence, first, last, head)
                ]
            )


def _end_of(text: str, start: int, end: int) -> int:
    """Where a content from ``start`` to ``end`` ends once trimmed (-1: nothing is left)."""
    trimmed = _trim_content(text, start, end)
    return trimmed[1] if trimmed is not None else -1


def _collect(articles: Sequence[TrainingArticle], vocabulary: frozenset[str]) -> _Collector:
    from analysis.attribution import find_attributions

    collector = _Collector(vocabulary)
    for article in articles:
        collector.cues = article.cues
        collector.contents = article.contents
        find_attributions(article.text, article.sentences, article.quotes, reviser=collector)
    return collector


def _fit(rows: Sequence[tuple[list[str], bool]]) -> dict[str, Any]:
    """A logistic regression on indicator features: its intercept and weights (rounded, rare
    features dropped, keys sorted), so that the same data always gives the same bytes."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(feature for features, _ in rows for feature in set(features))
    names = sorted(name for name, count in counts.items() if count >= MIN_FEATURE_COUNT)
    column = {name: n for n, name in enumerate(names)}
    indices, pointers = [], [0]
    for features, _ in rows:
        indices.extend(sorted({column[f] for f in features if f in column}))
        pointers.append(len(indices))
    matrix = csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(pointers)),
        shape=(len(rows), len(names)),
    )
    labels = np.array([label for _, label in rows], dtype=int)
    if labels.min() == labels.max():
        raise ValueError("training needs both positive and negative examples")
    regression = LogisticRegression(C=C, max_iter=5000, tol=1e-6)
    regression.fit(matrix, labels)
    weights = {
        name: round(float(weight), 5)
        for name, weight in zip(names, regression.coef_[0], strict=True)
        if round(float(weight), 5) != 0.0
    }
    return {"intercept": round(float(regression.intercept_[0]), 5), "weights": weights}


def _option_rows(groups: Sequence[list[tuple[list[str], bool]]]) -> list[tuple[list[str], bool]]:
    """The options of every choice that has a right answer among them."""
    return [row for group in groups if any(label for _, label in group) for row in group]


def train_attribution_model(articles: Sequence[TrainingArticle]) -> dict[str, Any]:
    """Train the model on ``articles``; returns its JSON data (see :class:`AttributionModel`).

    Deterministic: the same articles give the same data (and, written by
    :func:`write_model`, the same bytes). Needs scikit-learn (``pip install ".[train]"``).
    """
    from collections import Counter

    heads: Counter[str] = Counter()
    for article in articles:
        for start, end in article.cues:
            tokens = tokenize(article.text, start, end)
            if tokens:
                heads[tokens[_anchor(tokens, 0, len(tokens))].lower] += 1
    first_pass = frozenset(w for w, n in heads.items() if n >= MIN_WORD_COUNT) | frozenset(
        reporting_cues()
    )
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for _, label, origin, word in _collect(articles, first_pass).cue_rows:
        if origin != "rules":
            seen[word] += 1
            hits[word] += label
    vocabulary = frozenset(w for w in seen if hits[w] >= max(1, MIN_WORD_PRECISION * seen[w]))
    collected = _collect(articles, vocabulary)
    cue = _fit([(features, label) for features, label, _, _ in collected.cue_rows])
    gate = _fit([(features, label) for features, label, _ in collected.gate_rows])
    # The gate lets through GATE_RECALL of the vocabulary words the cue scorer keeps.
    cue_scorer, gate_scorer = _Scorer(cue), _Scorer(gate)
    logit = math.log(VOCABULARY_THRESHOLD / (1.0 - VOCABULARY_THRESHOLD))
    kept_words: Counter[str] = Counter()
    kept_right: Counter[str] = Counter()
    kept_scores = []
    for features, label, row in collected.gate_rows:
        if cue_scorer.score(collected.cue_rows[row][0]) >= logit:
            kept_words[collected.cue_rows[row][3]] += 1
            kept_right[collected.cue_rows[row][3]] += label
            kept_scores.append(gate_scorer.score(features))
    kept_scores.sort()
    index = int((1.0 - GATE_RECALL) * len(kept_scores))
    gate["threshold"] = round(kept_scores[index], 5) if kept_scores else 0.0
    # A word stays a candidate only where keeping it paid off in the training data: the cue
    # scorer kept it, rightly, at least MIN_WORD_KEPT times, and rightly in MIN_KEPT_PRECISION
    # of the times it kept it, and in MIN_WORD_YIELD of its uses: every use costs time, and
    # "to", "on", "has" head a few cues among thousands of uses.
    vocabulary = frozenset(
        w
        for w in vocabulary
        if kept_right[w] >= MIN_WORD_KEPT
        and kept_right[w] >= MIN_KEPT_PRECISION * kept_words[w]
        and kept_right[w] >= MIN_WORD_YIELD * seen[w]
    )
    return {
        "format": MODEL_FORMAT,
        "threshold": THRESHOLD,
        "vocabulary": sorted(vocabulary),
        "cue": _as_stored(cue),
        "left": _as_stored(_fit(_option_rows(collected.left_rows))),
        "right": _as_stored(_fit(_option_rows(collected.right_rows))),
        "gate": _as_stored(gate),
        "content_end": _as_stored(_fit_ranking(collected.end_rows)),
    }


def _fit_ranking(groups: Sequence[list[tuple[list[str], bool]]]) -> dict[str, Any]:
    """A scorer that ranks each choice's right option above its wrong ones: a logistic
    regression without intercept on the differences of their features (a right option's
    minus a wrong one's, every other pair turned round so that both labels occur), fitted on
    the choices that have one right option and at least one wrong. Choosing among options is
    what the scorer does, and on the content ends of PolNeAR dev this ranking chose better
    than :func:`_fit`'s option-by-option probabilities. Without such choices (training data
    without gold contents) it has no weights: every option scores the same, and the rules'
    own is kept. Deterministic, like :func:`_fit`."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    groups = [g for g in groups if 0 < sum(label for _, label in g) < len(g)]
    counts = Counter(
        feature for group in groups for features, _ in group for feature in set(features)
    )
    names = sorted(name for name, count in counts.items() if count >= MIN_FEATURE_COUNT)
    if not names:
        return {"intercept": 0.0, "weights": {}}
    column = {name: n for n, name in enumerate(names)}
    values: list[float] = []
    indices: list[int] = []
    pointers, labels = [0], []
    for group in groups:
        right = next(set(features) for features, label in group if label)
        for features, label in group:
            if label:
                continue
            sign = 1 if len(labels) % 2 == 0 else -1
            difference: dict[int, int] = {}
            for feature in right:
                if feature in column:
                    difference[column[feature]] = difference.get(column[feature], 0) + sign
            for feature in set(features):
                if feature in column:
                    difference[column[feature]] = difference.get(column[feature], 0) - sign
            for index in sorted(difference):
                if difference[index]:
                    indices.append(index)
                    values.append(float(difference[index]))
            pointers.append(len(indices))
            labels.append(1 if sign > 0 else 0)
    if len(set(labels)) < 2:
        return {"intercept": 0.0, "weights": {}}
    matrix = csr_matrix(
        (np.array(values), np.array(indices, dtype=np.int64), np.array(pointers)),
        shape=(len(labels), len(names)),
    )
    regression = LogisticRegression(C=RANKING_C, max_iter=5000, tol=1e-6, fit_intercept=False)
    regression.fit(matrix, np.array(labels, dtype=int))
    weights = {
        name: round(float(weight), 5)
        for name, weight in zip(names, regression.coef_[0], strict=True)
        if round(float(weight), 5) != 0.0
    }
    return {"intercept": 0.0, "weights": weights}


def _as_stored(scorer: dict[str, Any]) -> dict[str, Any]:
    """A fitted scorer as the model file holds it: its weights by template (:func:`_tabulate`)."""
    stored = {key: value for key, value in scorer.items() if key != "weights"}
    stored["tables"] = _tabulate(scorer["weights"])
    return stored


def weight_count(data: dict[str, Any]) -> int:
    """How many feature weights a model's scorers hold."""
    scorers = ("gate", "cue", "left", "right", "content_end")
    return sum(len(_Scorer(data[name]).weights) for name in scorers)


def write_model(data: dict[str, Any], path: str | Path) -> None:
    """Write model data as JSON with sorted keys (byte-stable)."""
    Path(path).write_text(
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
