"""The word classes the attribution rules test tokens against (stage 0 of
:mod:`analysis.attribution`).

Closed classes of function words (pronouns, determiners, auxiliaries, time words, ...) from
``lexicons/function_words.txt``, loaded once at import, and the quotation marks. Sets that only
one stage uses live in that stage's module.
"""

from __future__ import annotations

from functools import cache

from analysis.lexicon import load_lexicon_table

_OPENING_QUOTES = frozenset("“„«‘\"'")
_CLOSING_QUOTES = frozenset("”»’\"'")


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
#: The object forms of the personal pronouns (a closed class, not a lexicon's to edit).
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it"})
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
_QUESTION_TAKING = _words("question_taking")
_TITLE_MODIFIERS = _words("title_modifier")
_IRREGULAR_PLURALS = _words("plural")
_ARTICLES = _words("article")
_LABELS = _words("label")
_NEEDS_CLAUSE = _words("needs_clause")
_VERB_FORMS = _words("verb")
_ROLE_NOUNS = _words("role_noun")
_PARTICLES = _words("particle")
_RAISING = _words("raising")
_PASSIVE_RAISING = _words("passive_raising")
_ISSUING_VERBS = _words("issuing_verb")
_MODIFYING_PLURALS = _words("modifying_plural")
_ADVERBIAL_OPENERS = _words("adverbial_opener")
_NOT_ADVERBS = _words("not_adverb")
_EXPERIENCERS = _words("experiencer")
_AS_TAKING = _words("as_taking")
# Unions the rules test tokens against, built once (not once per test); those one stage alone
# uses are built in its module.
_QUOTE_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES
#: Dash tokens ("--" is one token in a signature line, two "-" tokens elsewhere).
_DASHES = frozenset({"―", "—", "–", "-", "--"})


def _has_plural_form(word: str) -> bool:
    """``officials``, or a plural without a final -s (``people``, ``police``); not ``press``,
    ``Trump's``, ``bus``, ``analysis``."""
    return word in _IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "'s", "’s", "us", "is"))
    )


_CLAUSE_HEADS = _WH_WORDS | {"that"}
