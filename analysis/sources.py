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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import pandas as pd

from analysis.lexicon import load_lexicon, load_lexicon_table
from analysis.segment import _sentence_starters
from analysis.tables import (
    GENDER_EVIDENCE,
    GENDERS,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    SOURCE_TYPES,
    conform,
)

__all__ = [
    "article_sources",
    "mention_name",
    "profile_source",
    "resolve_sources",
    "source_columns",
    "source_descriptor",
]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"it", "they", "we", "i", "you"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_PRONOUNS = _PERSON_PRONOUNS | _OTHER_PRONOUNS
_RESOLVED_PRONOUNS = _OTHER_PRONOUNS | _RELATIVE_PRONOUNS
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
#: Entries kept by each per-process cache of look-ups on single words and mentions: the same
#: names, roles and pronouns come back in article after article. Full, the five caches hold
#: some tens of MB; BBC (2,225 articles) fills the largest to 24,000 entries.
_CACHE_SIZE = 1 << 16


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
    return _mention_name(mention)


@lru_cache(maxsize=_CACHE_SIZE)
def _mention_name(mention: str) -> str:
    # The longest name of the first three parts, a person's winning over a body's in another
    # part ("Ann Lee, director of the Springfield Retailers Association", "Springfield
    # University's chancellor, Ann Lee"): first a name with a listed given name and no body's
    # word, then one with no body's word. A relative clause names no one ("..., which
    # includes the Ruritanian Guard,").
    parts = [part.strip() for part in mention.split(",")[:3]]
    names = [_part_name(part) for part in parts if part.split(" ", 1)[0] not in _RELATIVES]
    names = [name for name in names if name]
    if len(names) > 1:
        bodiless = [
            name
            for name in names
            if not any(map(_names_a_body, name.split())) and not _is_place(name)
        ]
        people = [name for name in bodiless if _given_name(name) in _first_names()]
        names = people or bodiless or names
    return max(names, key=lambda name: len(name.split()), default="")


_RELATIVES = frozenset({"which", "who", "whose", "that", "where"})


#: A relative clause set off without a comma: ``Ann Lee who chairs the panel``.
_RELATIVE_WORD = re.compile(r"\s(?:who|whom|whose|which)\s")

#: The first preposition after a person's name in ``NAME of|at|from|with|in BODY-OR-PLACE``.
_PERSON_PREPOSITION = re.compile(r" (?:of|at|from|with|in) ")

#: Days and months, capitalised but no names ("May" is left out: a name too).
_CALENDAR = frozenset(
    {
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("January", "February", "March", "April", "June", "July", "August"),
        *("September", "October", "November", "December"),
    }
)
#: Days named by where they fall: "the WHO report yesterday", "a poll last week".
_RELATIVE_DAYS = frozenset(
    {"today", "yesterday", "tonight", "week", "month", "year", "night", "morning", "evening"}
)
_DATE_WORDS = _CALENDAR | _RELATIVE_DAYS
#: A day or month ending a mention: "Ann Lee on Monday", "officials in March", "the centre late
#: today", "a poll published last week".
_TRAILING_DATE = re.compile(
    r"(?:\s+(?:on|last|this|next|early|late|in|from|until|since|by|through))?"
    rf"\s+(?:(?:{'|'.join(sorted(_CALENDAR))})(?:\s+\d{{1,2}})?|today|yesterday|tonight"
    r"|(?:last|this|next)\s+(?:week|month|year|night|morning|evening))\s*$"
)


def _without_date(text: str) -> str:
    """``text`` without a day or month at its end (a cheap test of its last two words first:
    the pattern is tried at every position)."""
    if _DATE_WORDS.isdisjoint(text.rsplit(None, 2)[-2:]):
        return text
    return _TRAILING_DATE.sub("", text)


def _part_name(part: str) -> str:
    part = _without_date(part)  # "Ann Lee on Monday"
    part = _RELATIVE_WORD.split(part, maxsplit=1)[0]  # "Ann Lee who chairs the panel"
    preposition = _PERSON_PREPOSITION.search(part)
    if preposition:
        head = part[: preposition.start()]
        person = _person_before_of(head)
        if not person:
            person = _name_before_body(head)
            if person and not any(map(_names_a_body, _WORD.findall(part[preposition.end() :]))):
                person = ""
        if person:
            return person  # "Sen. John Park of Ohio", "Dr. Ann Lee at Springfield General"
    words = _WORD.findall(part)
    run = _final_capitalised(words)
    before = words[len(words) - len(run) - 1].casefold() if len(run) < len(words) else ""
    # Leading titles and nationalities are not part of a name ("Ukrainian President"), as long
    # as a name is left ("the State Department" keeps "State"), nor stripped from a body's
    # name ("the National Hurricane Center", "the European Commission").
    body = before not in _PLACE_PREPOSITIONS and bool(run) and _names_a_body(run[-1])
    while run and _is_title(run[0]) and not body:
        rest = run[1:]
        if not rest or (len(rest) == 1 and rest[0].casefold() in _ORGANIZATION_HEADS):
            break
        run = rest
    if run and run[0].endswith(("’s", "'s")):
        run.pop(0)
    if not body:
        run = _after_inner_title(run)  # "Ruritanian Press Secretary Ann Lee"
    if before in _OFFICE_PREPOSITIONS and not body:
        person = _after_office(run)  # "President of Ruritania Anna Kowalska"
        if len(person) < len(run):
            return " ".join(person)
    if before in _BODY_CONNECTORS:
        span = _body_name(words, len(words) - len(run) - 1)
        if span is not None:  # "the Institute for Parks and Recreation": the whole name
            head, start = span
            while head > 0 and words[head - 1].casefold() in _BEFORE_BODY:
                head -= 1
            if head > 0 and _role(words[head - 1]):
                return ""  # "researchers from the University of X and Y", "the Speaker of"
            return " ".join(words[start:])
    if len(run) == 1 and (
        _is_title(run[0]) or before in _PLACE_PREPOSITIONS or run[0] in _sentence_starters()
    ):
        # "Ukrainian", "Officials", a place ("the city council in Mariupol"), or a word that
        # starts sentences ("Thus", "Others")
        return ""
    return " ".join(run)


#: Prepositions of an office before a name: "President of Ruritania", "Senator from Ohio",
#: "Special Envoy for Ukraine".
_OFFICE_PREPOSITIONS = frozenset({"of", "from", "for"})


def _after_office(run: list[str]) -> list[str]:
    """The person's name in the capitalised run after an office's ``of``, ``from`` or ``for``
    (``Ruritania Anna Kowalska``, ``National Parks Ann Lee``, ``House of Commons Speaker Ann
    Lee``'s ``Commons Speaker Ann Lee``): from its first given name of
    lexicons/first_names.txt, when the run does not start with one and a surname follows; else
    past a leading place (``Ohio Bo Ray``). A run without either is left whole (``Foreign
    Affairs``)."""
    if len(run) < 3 or run[0].casefold() in _first_names():
        return run
    for k in range(1, len(run) - 1):
        word = run[k]
        place = _is_place(word) or _is_place(f"{run[k - 1]} {word}")  # "South Carolina"
        if word.casefold() in _first_names() and not (_role(word) or place):
            return run[k:]
    for length in (2, 1):
        if len(run) - length >= 2 and _is_place(" ".join(run[:length])):
            return run[length:]
    return run


#: Lower-case words inside a body's name: "Department of Health and Human Services".
_BODY_CONNECTORS = frozenset({"of", "for", "and", "on", "the", "&"})
#: ... and between a role and the body it belongs to: "researchers from the University".
_BEFORE_BODY = _BODY_CONNECTORS | {"from", "at", "with", "in", "by", "a", "an"}


def _body_name(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """The run of capitalised words and connectors that ends at ``words[i]`` (a connector), as
    ``(first word, first word past its leading connectors)``, when it holds a body's word:
    ``for the Institute for Parks and`` (``Institute``); None for ``Ruritanian League for the
    Defence of`` (``League`` is no organisation word of the lists). The run goes back no
    further than the capitalised words right before its body's word (``on Thursday the
    Ruritanian Commission on``: ``Ruritanian Commission on``)."""
    found = False
    while i >= 0 and (words[i].casefold() in _BODY_CONNECTORS or words[i][:1].isupper()):
        if _role(words[i]) and not _names_a_body(words[i]):
            break  # "the Speaker of the House of Representatives": a person's office
        if found and words[i].casefold() in _BODY_CONNECTORS:
            break  # the name starts at its body's word and the capitalised words before it
        found = found or (words[i][:1].isupper() and _names_a_body(words[i]))
        i -= 1
    if not found:
        return None
    head = start = i + 1
    while words[start].casefold() in _BODY_CONNECTORS:
        start += 1
    return head, start


def _is_place(words: str) -> bool:
    """A country, nationality, capital or U.S. state, as written (``Ukraine``, ``Ohio``)."""
    return words.casefold() in _countries() or words in _us_states()


def _names_a_body(word: str) -> bool:
    """Whether a name ending in ``word`` is an organisation's: an organisation word of
    lexicons/source_roles.txt (``Commission``, ``Department``) or a body's name ending of
    lexicons/name_endings.txt (``Center``, ``Party``), not a person's surname."""
    role = _role(word)
    if role is not None:
        return role[1] == "organization"
    ending = _name_endings().get(word)
    return ending is not None and ending[2] == "organization"


def _final_capitalised(words: Sequence[str]) -> list[str]:
    """The run of capitalised words (no determiner) that ends ``words``, with the lower-case
    particles of names inside it (``Omar al-Rashid``, ``Omar bin Rashid``, ``Ludwig van Beek``:
    a particle between two capitalised words, or joined by a hyphen to one; ``de Graaf`` when
    the words start with it), and without the capitalised sentence starters that open it
    (``Afterwards Trump``, ``Only Ann Lee``: lexicons/sentence_starters.txt)."""
    start = len(words)
    while start > 0:
        word = words[start - 1]
        if word[:1].isupper():
            if word.casefold() in _DETERMINERS:
                break
        elif not (
            _PREFIXED_NAME.match(word)
            or (
                word in _NAME_PARTICLES
                and start < len(words)
                and (start == 1 or words[start - 2][:1].isupper())
            )
        ):
            break
        start -= 1
    starters = _sentence_starters()
    while start < len(words) - 1 and words[start] in starters:
        start += 1
    return list(words[start:])


#: Lower-case particles inside names (Arabic, Dutch, German, French, Spanish, Portuguese,
#: Italian), taken into a name between two capitalised words, or before one at the start.
_NAME_PARTICLES = frozenset(
    {"bin", "ibn", "bint", "van", "von", "der", "den", "de", "da", "di", "du", "del", "dos"}
)
#: A name joined to its particle by a hyphen: "al-Rashid", "el-Sisi", "ad-Din".
_PREFIXED_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z]")


def _person_before_of(head: str) -> str:
    """A person's name ending ``head``, the words before "of" in ``NAME of PLACE-OR-BODY``: two
    to four capitalised words after any titles, the first a given name of
    lexicons/first_names.txt, none a role or organisation word ("Bank of America", "the
    University of Chicago" have none), the last no body's (lexicons/name_endings.txt)."""
    run = _final_capitalised(_WORD.findall(head))
    while run and (_is_title(run[0]) or (len(run) > 2 and _role(run[0]))):
        run = run[1:]  # "Professor", "Businessman John Park"
    if len(run) == 3 and run[0].casefold() not in _first_names():
        run = run[1:]  # an occupation the lists lack: "Ecologist John Park"
    if not 2 <= len(run) <= 4 or run[0].casefold() not in _first_names():
        return ""
    if any(_role(word) or word.endswith(("’s", "'s")) for word in run):
        return ""
    if run[-1] in _name_endings():
        return ""  # a body's name: "the Unity Party of America", "Sky News of ..."
    return " ".join(run)


def _described_body(proper: str, descriptor: str) -> bool:
    """Whether a one-word name is described as a body: ``Roskosmo, the Ruritanian space
    agency``, ``Ruritex, a textile company``: the head of the description (before a
    preposition) ends in an organisation word and has no person's role (``a company
    director``). Longer names are left as persons' (``study co-author Ann Lee``)."""
    if not descriptor or " " in proper or proper.casefold() in _first_names():
        return False
    head = _HEAD_END.split(f" {descriptor.split(';')[0]} ", maxsplit=1)[0]
    roles = [role for role in map(_role, head.replace("-", " ").split()) if role]
    return bool(roles) and all(role[1] == "organization" for role in roles)


def _after_inner_title(run: list[str]) -> list[str]:
    """The name after the last title or person's role inside a capitalised run, when two or
    three words follow it and none is a title or role: ``White House Press Secretary Ann Lee``
    is ``Ann Lee``, ``Springfield Police Constable Bo Ray`` is ``Bo Ray``; ``John Major`` and
    ``Prince Bo`` are left whole."""
    for k in range(len(run) - 3, 0, -1):
        word = run[k]
        if _is_title(word) or (_role(word) or ("", ""))[1] == "person":
            rest = run[k + 1 :]
            if 2 <= len(rest) <= 3 and not any(_is_title(w) or _role(w) for w in rest):
                return rest
            break
    return run


def _name_before_body(head: str) -> str:
    """A person's name whose given name the lists lack, before a body's name (``Aldo Voss of
    the Center for Parks``): two or three capitalised words after any titles, none a role, a
    body's, a place's or a possessive."""
    run = _final_capitalised(_WORD.findall(head))
    while run and _is_title(run[0]):
        run = run[1:]
    if not 2 <= len(run) <= 3:
        return ""
    if any(_role(w) or _names_a_body(w) or _is_place(w) or w.endswith(("’s", "'s")) for w in run):
        return ""
    return " ".join(run)


@lru_cache(maxsize=_CACHE_SIZE)
def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in _title_words()


_PERSON_WORD = re.compile(
    r"\b(mr|mrs|ms|dr|president|minister|spokes\w+|official|chief|"
    r"negotiator|delegate|secretary|adviser|advisor|musician|refugee|"
    r"man|woman|resident|witness)\b"
)


def _is_person_like(mention: str, name: str) -> bool:
    if name and len(name.split()) >= 2:
        return True
    return bool(_PERSON_WORD.search(mention.casefold()))


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
        elif lowered in _RESOLVED_PRONOUNS:
            target = recent[-1] if recent else None
        else:
            name = _mention_name(text)
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


@lru_cache(maxsize=_CACHE_SIZE)
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
# One character class first, so that the engine skips straight to the candidates.
_SENTENCE_START = re.compile(r"[.!?\n](?:(?<=\n)|[”\"’']?\s+)")


def _antecedent(text: str, position: int) -> str | None:
    """The last person named in the sentence before ``position``, if any."""
    window_start = max(0, position - 400)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, window_start, position)]
    start = starts[-1] if starts else window_start
    runs = list(_NAME_RUN.finditer(text, start, position))
    for run in reversed(runs):
        name = _part_name(run.group())
        if len(name.split()) >= 2 and not _names_no_person(name):
            return name
    return None


def _names_no_person(name: str) -> bool:
    """Whether a name of two words or more is a body's or a place's (``the Springfield Parks
    Foundation``, ``NBC News``, ``New Zealand``), which no he or she refers to."""
    words = name.split()
    return (
        _is_place(name)
        or any(map(_names_a_body, words))
        or _named_body(name, [name]) is not None
        or name.casefold() in _agency_names()
    )


# --- who the source is: descriptor, kind, identification, type, gender, country -------------

# lower case only: "the WHO report" holds no relative clause
_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|which|that|whose)\b.*$", re.DOTALL)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$|^[A-Z]{1,3}&[A-Z]{1,3}$")  # "NATO", "PG&E", "AT&T"
#: Words that stand for people in the plural without ending in -s ("both said", "not everyone
#: agrees", "most say").
_PLURAL_WORDS = frozenset({"all", "both", "most", "many", "several", "some", "few", "everyone"})
# Where the head of a description ends: "spokesperson | for the company", "a statement | by".
_HEAD_END = re.compile(r"\s(?:for|of|at|in|from|with|to|on|near|by)\s")


@cache
def _roles() -> dict[str, tuple[str, str]]:
    return {
        fields[0].casefold(): (fields[1], fields[2])
        for fields in load_lexicon_table("source_roles", {1: (*SOURCE_TYPES, "-"), 2: SOURCE_KINDS})
    }


@cache
def _gendered_words() -> dict[str, tuple[str, str]]:
    return {
        fields[0].casefold(): (fields[1], fields[2])
        for fields in load_lexicon_table("gendered_words", {1: GENDERS, 2: GENDER_EVIDENCE})
    }


@cache
def _first_names() -> dict[str, str]:
    return {fields[0]: fields[1] for fields in load_lexicon_table("first_names", {1: GENDERS})}


@cache
def _countries() -> dict[str, str]:
    """Nationality words, country names and capitals (case-folded) to their country."""
    places: dict[str, str] = {}
    for fields in load_lexicon_table("nationalities"):
        places[fields[0].casefold()] = fields[1]
        places[fields[1].casefold()] = fields[1]
    for fields in load_lexicon_table("capitals"):
        places[fields[0].casefold()] = fields[1]
    return places


@cache
def _us_states() -> frozenset[str]:
    """U.S. states' names and abbreviations (``us_states.txt``), as written."""
    return frozenset(load_lexicon("us_states"))


def _given_name(proper: str) -> str | None:
    """The word of a name to look up in the first-name list, case-folded: the first that is
    followed by another word and is no title, role or place (``Virginia Sen. Tim Kaine`` gives
    ``tim``, not ``virginia``); a one-word name is its own. None when there is no such word."""
    words = proper.split()
    if len(words) == 1:
        return words[0].casefold()
    countries = _countries()
    for word in words[:-1]:
        bare = word.strip(",;:")
        place = bare.casefold() in countries or bare in _us_states()
        if bare.endswith(".") or _role(bare) or place:
            continue  # "Sen.", "Governor", "Florida", "Saudi"
        return bare.casefold()
    return None


@cache
def _agency_names() -> frozenset[str]:
    return frozenset(entry.casefold() for entry in load_lexicon("news_agencies"))


@cache
def _name_endings() -> dict[str, tuple[str, str, str]]:
    """Last words of bodies' names: (when, type, kind), lexicons/name_endings.txt."""
    table = load_lexicon_table(
        "name_endings", {1: ("any", "the"), 2: (*SOURCE_TYPES, "-"), 3: SOURCE_KINDS}
    )
    return {fields[0]: (fields[1], fields[2], fields[3]) for fields in table}


def _named_body(proper: str, mentions: Sequence[str]) -> tuple[str, str] | None:
    """(type, kind) of a name ending in a word of lexicons/name_endings.txt: "Sky News", "the
    Democratic Party"; a word marked ``the``, or a name of one word, counts only when written
    with "The" ("The Washington Post", "The Times"; not a person called Post). None for other
    names."""
    words = proper.split()
    # the last word, or its last hyphenated part: "The Las Vegas Review-Journal"
    ending = _name_endings().get(words[-1].rsplit("-", 1)[-1]) if words else None
    if ending is None:
        return None
    when, body_type, kind = ending
    if not (when == "any" and len(words) > 1):
        written = {" ".join(m.split()) for m in mentions}  # "The Times", "The Sun"
        if f"The {proper}" not in written and f"the {proper}" not in written:
            return None
    return body_type, kind


@lru_cache(maxsize=_CACHE_SIZE)
def _role(word: str) -> tuple[str, str] | None:
    """(type, kind) of a role or organisation word; a plural person role is a group."""
    lowered = word.casefold().rstrip(".")
    roles = _roles()
    if lowered in roles:
        return roles[lowered]
    for suffix in ("s", "es"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in roles:
            role_type, kind = roles[lowered[: -len(suffix)]]
            return role_type, "group" if kind == "person" else kind
    return None


@lru_cache(maxsize=_CACHE_SIZE)
def _country_of(word: str) -> str | None:
    """The country of a nationality word, country name or capital (``U.S.``, ``Russia``)."""
    countries = _countries()
    lowered = word.casefold()
    return (
        countries.get(lowered) or countries.get(lowered.rstrip(".")) or countries.get(lowered + ".")
    )


def _strip_determiners(words: list[str]) -> list[str]:
    while words and words[0].casefold() in _DETERMINERS:
        words = words[1:]
    return words


def source_descriptor(mention: str, name: str = "") -> str:
    """The role words of a source mention: what it says the source is, without the name.

    Examples
    --------
    >>> source_descriptor("Ukrainian negotiator Mykhailo Podolyak", "Mykhailo Podolyak")
    'Ukrainian negotiator'
    >>> source_descriptor("Aliev, a 23-year-old musician", "Aliev")
    '23-year-old musician'
    >>> source_descriptor("the regional police chief")
    'regional police chief'
    """
    text = _RELATIVE_CLAUSE.sub("", mention.strip()).strip(" ,")
    text = _without_date(text)  # "police on Thursday"
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    described: list[str] = []
    for piece in pieces:
        if name and name in piece:
            before = piece[: piece.index(name)].split()
            before = _strip_determiners(before)
            after = piece[piece.index(name) + len(name) :].split()
            if after[:1] not in (["of"], ["at"], ["from"], ["with"], ["in"]):
                after = []  # only an affiliation: "Ann Lee of the University of Chicago"
            if before or after:
                described.append(" ".join(before + after))
        else:
            words = _strip_determiners(piece.split())
            if words:
                described.append(" ".join(words))
    return "; ".join(described)


def _title_before(text: str, name: str) -> str:
    """Title and nationality words right before the first mention of ``name`` in ``text``:
    ``Russian President`` in ``Russian President Vladimir Putin launched``."""
    index = text.find(name)
    if index <= 0:
        return ""
    words = text[max(0, index - 80) : index].split()
    titles: list[str] = []
    for word in reversed(words):
        if _is_title(word) or (word[:1].isupper() and _role(word) is not None):
            titles.append(word)
        else:
            break
    return " ".join(reversed(titles))


def profile_source(
    name: str, mentions: Sequence[str], text: str | None = None
) -> dict[str, object]:
    """Who a source is, from its name and mentions (and the article text, for titles and
    honorifics before its first mention): descriptor, kind, identification, type, gender with
    its evidence, and country.

    Examples
    --------
    >>> profile = profile_source("Olga", ["Olga, a refugee from Kyiv,"])
    >>> [profile[k] for k in ("identification", "type", "gender", "gender_evidence")]
    ['named', 'citizen', 'female', 'name_list']
    >>> profile = profile_source("Russia’s defence ministry", ["Russia’s defence ministry"])
    >>> [profile[k] for k in ("kind", "identification", "type", "country")]
    ['organization', 'institution', 'official', 'Russia']
    """
    spoken = [m for m in mentions if m.strip().casefold() not in _PRONOUNS]
    proper = _mention_name(name) if name else ""
    proper_role = _role(proper) if proper and " " not in proper else None
    if proper_role and proper_role[1] != "organization":
        proper = ""  # "Analysts said", "Police said": a capitalised role, not a name
    descriptors = [source_descriptor(m, proper) for m in spoken]
    descriptor = own_descriptor = max(descriptors, key=len, default="")
    if proper and not descriptor and text:
        descriptor = _title_before(text, proper)
    words = []
    for word in f"{descriptor} {name}".replace("’s", " ").replace("'s", " ").split():
        word = word.strip("’',;:()\"“”")
        words.extend(filter(None, word.split("-")))  # "Russian-backed"

    # Kind and type from role words: an organisation word decides for a generic role.
    person_type = organization_type = None
    head_kind = None
    for n, word in enumerate(words):
        role = _role(word)
        if role is None or (word.casefold() == "local" and any(map(_role, words[n + 1 :]))):
            continue  # "Local officials": the adjective, not "a local"
        role_type, kind = role
        if kind == "organization":
            organization_type = organization_type or (role_type if role_type != "-" else None)
            head_kind = head_kind or "organization"
        else:
            person_type = person_type or (role_type if role_type != "-" else None)
            head_kind = (
                kind
                if head_kind in (None, "organization") and kind == "group"
                else (head_kind or kind)
            )
    countries = _countries()
    name_key = (proper or "").casefold()
    # "Saudi Arabia" is a place, though "Saudi" reads as a descriptor of "Arabia"
    is_place = name_key in countries or any(m.strip().casefold() in countries for m in spoken)
    is_acronym = bool(proper) and bool(_ACRONYM.match(proper.replace(".", "")))
    body = _named_body(proper, spoken)
    if body is not None and body[0] != "-":
        organization_type = body[0]  # "The Washington Post" is media, whatever else it says
    # "Iranian Chess Federation President": a body's office holder, a person
    holder = bool(proper) and (_role(proper.split()[-1]) or ("", ""))[1] == "person"
    named_body = (
        bool(proper)
        and not holder
        and (
            body is not None
            or is_place
            or any(_role(w) and _role(w)[1] == "organization" for w in proper.split())
            # a body's name ending before its last word: "Center for Parks" (a last word is
            # _named_body's, with its rule: "Emily Post" is a person, "The Post" a paper)
            or any(map(_names_a_body, proper.split()[:-1]))
            or proper.casefold() in _agency_names()
            or is_acronym
        )
    )
    if named_body or (proper and _described_body(proper, own_descriptor)):
        identification, kind = "institution", body[1] if body is not None else "organization"
    elif proper and text and _plural_at_sentence_starts(proper, text):
        # "Meteorologists say": a plural capitalised where sentences start, not a name
        identification, kind = "anonymous", "group"
        descriptor = descriptor or proper
    elif proper:
        identification, kind = "named", "person"
    else:
        # The head of a description is its last role word before a preposition:
        # "spokesperson for the company" is a person, "the city council in Mariupol" a body.
        head_words = _HEAD_END.split(f" {descriptor} ", maxsplit=1)[0]
        described = [w for w in head_words.replace("-", " ").split() if _role(w.strip(",.;"))]
        described = described or [w for w in words if _role(w)]
        last = _role(described[-1].strip(",.;")) if described else None
        final = _role(words[-1].strip(",.;")) if words else None
        if final is not None and final[1] == "person":
            last = final  # a description ending in a person's role: "the X Party of Y nominee"
        if last:
            kind = last[1]
        elif (
            words[-1:]
            and not words[-1][:1].islower()
            and any(w[:1].isupper() and _names_a_body(w.strip(",.;")) for w in head_words.split())
        ):
            # a body's name with no role word: "the Center for Parks" (not "the Unity Party
            # of Ruritania nominee", which ends in a person's noun the lists lack)
            kind = "organization"
        else:
            last_word = words[-1].casefold() if words else ""
            plural = last_word.endswith("s") or last_word in _PLURAL_WORDS
            kind = "group" if plural else "person"
        identification = "institution" if kind == "organization" else "anonymous"
    if is_place:
        source_type = "official"
    elif proper and proper.casefold() in _agency_names():
        source_type = "media"
    else:
        source_type = person_type or organization_type or "other"
        if kind == "organization" and organization_type:
            source_type = organization_type

    gender, evidence = _gender(proper, spoken, mentions, descriptor, text, kind)
    country = countries.get(name_key)
    if not country:  # two words ("New Zealand") before one
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        country = next(filter(None, map(_country_of, [*pairs, *words])), None)
    return {
        "descriptor": descriptor or None,
        "kind": kind,
        "identification": identification,
        "type": source_type,
        "gender": gender,
        "gender_evidence": evidence,
        "country": country,
    }


def _gender(
    proper: str,
    spoken: Sequence[str],
    mentions: Sequence[str],
    descriptor: str,
    text: str | None,
    kind: str,
) -> tuple[str, str | None]:
    """Gender and the evidence for it, strongest first; ``unknown`` without evidence."""
    if kind != "person":
        return "unknown", None
    gendered = _gendered_words()
    before_name = ""
    if proper and text:
        index = text.find(proper)
        before_name = text[max(0, index - 6) : index] if index > 0 else ""
    for mention in [*spoken, before_name]:
        for word in mention.split():
            found = gendered.get(word.casefold())
            if found and found[1] == "honorific":
                return found[0], "honorific"
    for word in descriptor.replace(";", " ").split():
        found = gendered.get(word.casefold().strip(",."))
        if found and found[1] == "noun":
            return found[0], "noun"
    pronouns = {m.strip().casefold() for m in mentions}
    if pronouns & {"he", "him"} and not pronouns & {"she", "her"}:
        return "male", "pronoun"
    if pronouns & {"she", "her"} and not pronouns & {"he", "him"}:
        return "female", "pronoun"
    first = _given_name(proper) if proper else None
    if first is not None and " " not in proper and text:
        first = _given_name_in_text(proper, text) or first
    if first in _first_names():
        return _first_names()[first], "name_list"
    return "unknown", None


def _plural_at_sentence_starts(word: str, text: str) -> bool:
    """Whether a one-word name is a plural noun, capitalised only because sentences start with
    it (``Meteorologists say ...``, ``Critics argue ...``): a word in -s (not -ss, and no given
    name of the lists) that ``text`` holds only at the starts of sentences. Written anywhere
    else, after a given name (``Ann Harris``), a title (``Senator Collins``) or in mid-sentence,
    it stays a name."""
    if (
        len(word) < 4
        or not word.endswith("s")
        or word.endswith("ss")
        or not word[0].isupper()
        or not word[1:].islower()
        or word.casefold() in _first_names()
    ):
        return False
    found = False
    for index in _whole_word_starts(word, text):
        found = True
        before = text[max(0, index - 12) : index].rstrip(" \t\xa0\"'“”‘’")
        if index > 12 and not before:
            return False  # a long run of spaces and quotation marks: not read further
        if before and before[-1] not in ".!?\n":
            return False
    return found


def _whole_word_starts(word: str, text: str) -> Iterator[int]:
    """The start of each place where ``word`` stands in ``text`` not followed by a letter, digit
    or ``_``: str.find, not a pattern compiled per word (that cost 2% of a BBC parse)."""
    index = text.find(word)
    while index >= 0:
        end = index + len(word)
        if end == len(text) or not (text[end].isalnum() or text[end] == "_"):
            yield index
        index = text.find(word, end)


def _given_name_in_text(surname: str, text: str) -> str | None:
    """The given name written before a one-word name somewhere in ``text``, case-folded:
    ``Thomas said`` after ``Susan Thomas`` is hers (a one-word name in news is mostly a
    surname, and a surname may be a given name too); None when the text has no full name with
    a given name of lexicons/first_names.txt."""
    for index in _whole_word_starts(surname, text):
        match = _WORD_BEFORE.search(text, max(0, index - 40), index) if index else None
        given = _given_name(f"{match.group(1)} {surname}") if match else None
        if given is not None and given in _first_names():
            return given
    return None


#: A capitalised word (and an initial) right before a position: ``Susan `` of ``Susan Thomas``.
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([A-Z][a-z]+)(?: [A-Z]\.)? \Z")


def source_columns(
    article_id: str,
    attributions: dict[str, list],
    text: str | None = None,
    quotes: dict[str, list] | None = None,
) -> tuple[list[int | None], dict[str, list]]:
    """Source ids for one article's attributions (column lists, in text order), and its
    ``sources`` rows as column lists. With the article ``text``, a he/she source may resolve to
    a person named earlier in its sentence, and titles before a name count as its descriptor;
    with its ``quotes`` (linked to attributions), quotations and quoted words are counted."""
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
    quoted: dict[int, list[int]] = {}
    if quotes is not None:
        for attribution_id, n_words in zip(
            quotes["attribution_id"], quotes["n_words"], strict=True
        ):
            if attribution_id is not None and not pd.isna(attribution_id):
                quoted.setdefault(int(attribution_id), []).append(int(n_words))
    sentence_ids = attributions.get("sentence_id")
    columns: dict[str, list] = {name: [] for name in SOURCE_COLUMNS if name != "article_id"}
    for source in sources:
        profile = profile_source(source.name, source.mentions, text)
        attribution_ids = [attributions["attribution_id"][i] for i in source.attribution_ids]
        words = [n for a in attribution_ids for n in quoted.get(int(a), [])]
        row = {
            "source_id": source.source_id,
            "name": source.name or None,
            **profile,
            "mentions": "; ".join(source.mentions),
            "n_attributions": len(source.attribution_ids),
            "n_quotes": len(words),
            "n_quoted_words": sum(words),
            "first_sentence_id": min(
                (int(sentence_ids[i]) for i in source.attribution_ids), default=None
            )
            if sentence_ids is not None
            else None,
        }
        for name, value in row.items():
            columns[name].append(value)
    return ids, {"article_id": [article_id] * len(sources), **columns}


def article_sources(
    article_id: str, attributions: pd.DataFrame, text: str | None = None
) -> tuple[pd.Series, pd.DataFrame]:
    """Source ids for an article's attributions (a DataFrame in text order), and its
    ``sources`` rows (see :func:`source_columns`)."""
    columns = {
        "attribution_id": list(attributions["attribution_id"]),
        "sentence_id": list(attributions["sentence_id"]),
        "source_text": [None if pd.isna(m) else str(m) for m in attributions["source_text"]],
        "source_start": list(attributions["source_start"]),
    }
    ids, rows = source_columns(article_id, columns, text)
    source_ids = pd.Series(ids, index=attributions.index, dtype="Int64")
    return source_ids, conform(pd.DataFrame(rows), SOURCE_COLUMNS)
