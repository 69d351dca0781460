"""Sources: the distinct speakers of an article, after merging their mentions.

Each attribution's source mention is resolved to one source of its article:

- a pronoun (``He said``, ``it added``, ``they said``) to the nearest earlier source it can
  refer to (a person for he/she, anything for it/they), a relative ``who``/``which`` to the
  source named just before it;
- a short form (``Zelenskiy said``, ``Podolyak``) to the earlier source whose name ends with it;
- the same name, or the same description (``the regional police chief``), to the same source.

A source's ``name`` is the fullest proper name among its mentions (``Mykhailo Podolyak`` from
``Ukrainian negotiator Mykhailo Podolyak``), else its fullest description.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from analysis.lexicon import load_lexicon
from analysis.tables import SOURCE_COLUMNS, conform

__all__ = [
    "article_sources",
    "mention_name",
    "resolve_sources",
    "source_columns",
]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"it", "they", "we", "i", "you"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "some",
        "several",
    ]
)
_WORD = re.compile(r"[\w’'.\-&]+")
_PLACE_PREPOSITIONS = frozenset({"in", "of", "from", "at", "for", "near"})
# Words that head an organisation's name after a title-like word: "State Department".
_ORGANIZATION_HEADS = frozenset(
    {"department", "ministry", "office", "house", "council", "agency", "committee", "court"}
)


@cache
def _title_words() -> frozenset[str]:
    """Capitalised role and nationality words that stand before a name but are not part of it."""
    titles = {word.casefold().rstrip(".") for word in load_lexicon("title_words")}
    nationalities = {word.casefold().rstrip(".") for word in load_lexicon("nationalities")}
    return frozenset(titles | nationalities)


@dataclass
class Source:
    """One resolved source: its mentions and the attributions that cite it."""

    source_id: int
    mentions: list[str] = field(default_factory=list)
    name: str = ""
    kind_hint: str = ""  # "person" when a he/she may refer to it
    attribution_ids: list[int] = field(default_factory=list)


def mention_name(mention: str) -> str:
    """The proper name in a source mention, or ``""`` when it has none.

    Examples
    --------
    >>> mention_name("Ukrainian negotiator Mykhailo Podolyak")
    'Mykhailo Podolyak'
    >>> mention_name("Liu Pengyu, spokesperson for China’s embassy in Washington,")
    'Liu Pengyu'
    >>> mention_name("A Russian delegate to the talks, Leonid Slutsky,")
    'Leonid Slutsky'
    >>> mention_name("the State Department"), mention_name("The city council in Mariupol")
    ('State Department', '')
    """
    best = ""
    for part in mention.split(",")[:3]:
        name = _part_name(part.strip())
        if len(name.split()) > len(best.split()):
            best = name
    return best


def _part_name(part: str) -> str:
    words = _WORD.findall(part)
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() and word.casefold() not in _DETERMINERS:
            run.append(word)
        else:
            break
    run.reverse()
    before = words[len(words) - len(run) - 1].casefold() if len(run) < len(words) else ""
    # Leading titles and nationalities are not part of a name ("Ukrainian President"), as long
    # as a name is left ("the State Department" keeps "State").
    while run and _is_title(run[0]):
        rest = run[1:]
        if not rest or (len(rest) == 1 and rest[0].casefold() in _ORGANIZATION_HEADS):
            break
        run = rest
    if run and run[0].endswith(("’s", "'s")):
        run.pop(0)
    if len(run) == 1 and (_is_title(run[0]) or before in _PLACE_PREPOSITIONS):
        return ""  # "Ukrainian", "Officials", or a place: "the city council in Mariupol"
    return " ".join(run)


def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in _title_words()


def _is_person_like(mention: str, name: str) -> bool:
    if name and len(name.split()) >= 2:
        return True
    lowered = mention.casefold()
    return bool(
        re.search(
            r"\b(mr|mrs|ms|dr|president|minister|spokes\w+|official|chief|"
            r"negotiator|delegate|secretary|adviser|advisor|musician|refugee|"
            r"man|woman|resident|witness)\b",
            lowered,
        )
    )


def resolve_sources(
    mentions: Sequence[str | None], antecedents: Sequence[str | None] | None = None
) -> tuple[list[int | None], list[Source]]:
    """Resolve the source mentions of one article, in text order, to sources.

    ``antecedents`` give, for a he/she mention, a person named earlier in the same sentence
    (``Russian President Vladimir Putin launched what he called ...``), which then wins over
    the previous source. Returns the source id of each mention (None for a missing mention or
    an unresolvable pronoun) and the sources.

    Examples
    --------
    >>> ids, sources = resolve_sources(
    ...     ["Ukrainian President Volodymyr Zelenskiy", "He", "Zelenskiy", "the White House"]
    ... )
    >>> ids, [s.name for s in sources]
    ([0, 0, 0, 1], ['Volodymyr Zelenskiy', 'White House'])
    """
    sources: list[Source] = []
    ids: list[int | None] = []
    recent: list[int] = []  # source ids, most recent last
    for number, mention in enumerate(mentions):
        if mention is None or not mention.strip():
            ids.append(None)
            continue
        text = mention.strip()
        lowered = text.casefold()
        target: int | None = None
        antecedent = antecedents[number] if antecedents else None
        if lowered in _PERSON_PRONOUNS and antecedent:
            target = _match_existing(sources, antecedent, antecedent)
            if target is None:
                target = len(sources)
                sources.append(Source(target, name=antecedent, kind_hint="person"))
        elif lowered in _PERSON_PRONOUNS:
            target = next((s for s in reversed(recent) if sources[s].kind_hint == "person"), None)
        elif lowered in _OTHER_PRONOUNS | _RELATIVE_PRONOUNS:
            target = recent[-1] if recent else None
        else:
            name = mention_name(text)
            target = _match_existing(sources, text, name)
            if target is None:
                target = len(sources)
                sources.append(Source(target))
            source = sources[target]
            if name and len(name) > len(source.name):
                source.name = name
            elif not source.name and not name and len(text) > len(source.name):
                source.name = _description(text)
            if _is_person_like(text, name):
                source.kind_hint = "person"
        ids.append(target)
        if target is not None:
            source = sources[target]
            if text not in source.mentions:
                source.mentions.append(text)
            source.attribution_ids.append(number)
            if target in recent:
                recent.remove(target)
            recent.append(target)
    return ids, sources


def _description(mention: str) -> str:
    head = mention.split(",")[0].strip()
    words = head.split()
    while words and words[0].casefold() in _DETERMINERS:
        words.pop(0)
    return " ".join(words)


def _match_existing(sources: Sequence[Source], mention: str, name: str) -> int | None:
    if name:
        tokens = name.split()
        for source in reversed(sources):
            known = source.name.split()
            if not known:
                continue
            if tokens == known or (len(tokens) < len(known) and known[-len(tokens) :] == tokens):
                return source.source_id
            if len(known) < len(tokens) and tokens[-len(known) :] == known:
                return source.source_id
        return None
    description = _description(mention).casefold()
    for source in reversed(sources):
        if any(_description(m).casefold() == description for m in source.mentions):
            return source.source_id
    return None


_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.\-]+[ \t]+){1,5}[A-Z][\w’'\-]+")
_SENTENCE_START = re.compile(r"[.!?][”\"’']?\s+|\n")


def _antecedent(text: str, position: int) -> str | None:
    """The last person named in the sentence before ``position``, if any."""
    window_start = max(0, position - 400)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, window_start, position)]
    start = starts[-1] if starts else window_start
    runs = list(_NAME_RUN.finditer(text, start, position))
    for run in reversed(runs):
        name = _part_name(run.group())
        if len(name.split()) >= 2:
            return name
    return None


def source_columns(
    article_id: str, attributions: dict[str, list], text: str | None = None
) -> tuple[list[int | None], dict[str, list]]:
    """Source ids for one article's attributions (column lists, in text order), and its
    ``sources`` rows as column lists. With the article ``text``, a he/she source may resolve to
    a person named earlier in its sentence."""
    mentions = [m if isinstance(m, str) else None for m in attributions["source_text"]]
    antecedents = None
    if text is not None:
        antecedents = [
            _antecedent(text, int(start))
            if mention and mention.strip().casefold() in _PERSON_PRONOUNS
            else None
            for mention, start in zip(mentions, attributions["source_start"], strict=True)
        ]
    ids, sources = resolve_sources(mentions, antecedents)
    columns = {
        "article_id": [article_id] * len(sources),
        "source_id": [source.source_id for source in sources],
        "name": [source.name or None for source in sources],
        "mentions": ["; ".join(source.mentions) for source in sources],
        "n_attributions": [len(source.attribution_ids) for source in sources],
    }
    return ids, columns


def article_sources(
    article_id: str, attributions: pd.DataFrame, text: str | None = None
) -> tuple[pd.Series, pd.DataFrame]:
    """Source ids for an article's attributions (a DataFrame in text order), and its
    ``sources`` rows (see :func:`source_columns`)."""
    columns = {
        "source_text": [None if pd.isna(m) else str(m) for m in attributions["source_text"]],
        "source_start": list(attributions["source_start"]),
    }
    ids, rows = source_columns(article_id, columns, text)
    source_ids = pd.Series(ids, index=attributions.index, dtype="Int64")
    return source_ids, conform(pd.DataFrame(rows), SOURCE_COLUMNS)
