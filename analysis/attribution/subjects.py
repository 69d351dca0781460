"""Subjects: the source of a cue (stage 3 of :mod:`analysis.attribution`).

Without a tagger, a source is a noun phrase found from its edges: left of the cue (``Liu
Pengyu, spokesperson for China's embassy in Washington, said``), right of it in an inverted
report (``said Aliev, a 23-year-old musician``), or the subject of the sentence's main clause.
Named so as not to be confused with :mod:`analysis.sources`, which resolves the sources found
here into the ``sources`` table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from analysis.attribution.cues import _match_cue, _modal_name, reporting_cues
from analysis.attribution.tokens import Token, _in_number, _is_ly_adverb
from analysis.attribution.words import (
    _ADVERBIAL_OPENERS,
    _ARTICLES,
    _AUXILIARIES,
    _CLOSING_QUOTES,
    _DASHES,
    _DETERMINERS,
    _NOT_ADVERBS,
    _NP_FUNCTION_WORDS,
    _NP_PREPOSITIONS,
    _OBJECT_PRONOUNS,
    _OPENING_QUOTES,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUOTE_MARKS,
    _ROLE_NOUNS,
    _SUBJECT_STOPS,
    _TIME_WORDS,
    _TITLE_MODIFIERS,
    _VERB_FORMS,
    _has_plural_form,
)
from analysis.sources import _roles, _us_states

_MAX_SUBJECT_TOKENS = 12
# Words before a number that belong to the phrase: "About one in five said".
_APPROXIMATORS = frozenset({"about", "nearly", "almost", "roughly", "only", "some", "over"})
#: Approximators of more than one word ("more than half", "as many as 40 percent").
_APPROXIMATOR_PHRASES = frozenset(
    {("more", "than"), ("fewer", "than"), ("less", "than"), ("at", "least"), ("at", "most"),
     ("up", "to"), ("close", "to"), ("as", "many", "as"), ("as", "much", "as"),
     ("as", "few", "as")}
)  # fmt: skip


def _approximated(tokens: Sequence[Token], i: int) -> int:
    """Where the approximators before the number at token ``i`` begin (``only about 4 in
    10``, ``as many as 40 percent``, ``more than half``); ``i`` if there are none."""
    while i > 0:
        if tokens[i - 1].lower in _APPROXIMATORS:
            i -= 1
            continue
        for length in (2, 3):
            if i >= length and tuple(t.lower for t in tokens[i - length : i]) in (
                _APPROXIMATOR_PHRASES
            ):
                i -= length
                break
        else:
            return i
    return i


# Conjunctions and focus adverbs that open a sentence but are not part of its subject.
_LEADING_ADVERBS = frozenset({"yet", "but", "and", "or", "so", "even", "just", "still", "also"})
# Unions the rules test tokens against, built once (not once per test).
_SUBJECT_OR_TIME = _SUBJECT_STOPS | _TIME_WORDS
_PHRASE_STOPS = _PREPOSITIONS | _TIME_WORDS | _SUBJECT_STOPS
_APPOSITIVE_OPENERS = _DETERMINERS | {"who", "which"}


def _subject_left(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """Token range ``[i, j)`` of the subject ending right before token ``j`` (the cue).

    ``Liu Pengyu, spokesperson for China's embassy in Washington, said``: an appositive or a
    relative clause between commas belongs to the subject, trailing comma included.
    """
    if j == 0:
        return None
    if tokens[j - 1].text in _DASHES and j >= 4:
        return _dashed_subject(tokens, j)
    closing = j - 1
    if (  # a quoted title before the comma: "Joe Scarborough, host of “Morning Joe,” said"
        j >= 4
        and tokens[j - 1].text[-1] in _CLOSING_QUOTES
        and tokens[j - 1].text[0] in _CLOSING_QUOTES
        and tokens[j - 2].text == ","
    ):
        closing = j - 2
    if tokens[closing].text == "," and closing >= 2:
        k = _appositive_start(tokens, closing, j)
        if k is None:
            return None
        if tokens[k].text == "," and k + 1 < closing:
            tag = _party_tag_comma(tokens, k)
            head = _plain_subject(tokens, tag if tag is not None else k)
            if head is not None and head[1] - head[0] == 1 and tokens[head[0]].text.isdigit():
                # an age between a name and its appositive: "Ann Lee, 21, a student, said"
                age = head[0]
                head = _plain_subject(tokens, age - 1) if tokens[age - 1].text == "," else None
            if head is not None and _is_named_or_definite(tokens, *head):
                after_age = tokens[k - 1].text.isdigit() and tokens[k + 1].lower in ("of", "from")
                if not (_opens_appositive(tokens[k + 1]) or after_age):
                    return head  # an adjunct between commas: "Warren, in particular, said"
                return _named_before(tokens, head[0]), j
        return None
    plain = _plain_subject(tokens, j)
    relative = _relative_subject(tokens, j)
    if relative is None or (plain is not None and plain[0] <= relative[0]):
        return plain
    if plain is not None and any(
        t.lower in reporting_cues() for t in tokens[relative[0] : plain[0]]
    ):
        return plain  # "a man who believes officials said": the plain phrase is the subject
    return relative  # "Voters who watched the debate said": not "the debate"


#: The relative pronouns that may open a restrictive relative clause inside a subject.
_RELATIVE_OPENERS = frozenset({"who", "whose", "that"})
#: Adverbs without -ly that end a relative clause before a verb ("who have long imagined").
_CLAUSE_ADVERBS = frozenset({"long", "otherwise", "almost", "once", "since", "too"})


def _relative_subject(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """``Democrats in Iowa who watched the debate said``, ``groups that have endorsed him
    say``: a noun phrase and its restrictive relative clause (no commas), which
    :func:`_subject_left` takes over a plain phrase inside the clause. The clause is at most a
    dozen words, all words, with a verb
    (``ways that expensive accountability reporting ...`` has none before the cue), and ends in
    no adverb (``executives who run news organizations almost universally say``)."""
    last = tokens[j - 1]
    if (
        last.lower in _SUBJECT_STOPS
        or last.lower in _AUXILIARIES
        or last.lower in _PREPOSITIONS
        or last.lower in _CLAUSE_ADVERBS
        or last.lower.endswith("ly")
    ):
        return None  # "... for fear of", "who have long imagined", "almost universally say"
    r = j - 1
    while r > 0 and j - r <= _MAX_SUBJECT_TOKENS:
        token = tokens[r]
        if not (token.text[-1].isalnum() or token.text in ("'s", "’s", "-")):
            return None  # punctuation, also at a word's end ("in the office:")
        if token.lower in _RELATIVE_OPENERS and r < j - 1:
            head = _plain_subject(tokens, r)
            if head is None or head[1] != r:
                return None
            if token.lower == "that" and not _is_plural_noun(tokens[r - 1]):
                return None  # "the report that ...", "argued that ...": a complement clause
            if not any(_looks_like_verb(t) or t.lower in _AUXILIARIES for t in tokens[r + 1 : j]):
                return None
            return head[0], j
        r -= 1
    return None


def _dashed_subject(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """``Jason Sims — a teacher from Mount Pleasant — says``, ``The three scholars -- Mr. Tribe
    and Mr. Amar -- agreed``: a subject with an aside between dashes, both dashes included."""
    close = j - 1
    if tokens[close - 1].text == tokens[close].text == "-":
        close -= 1  # "--"
    k = close - 1
    while k > 0 and close - k < 30:
        text = tokens[k].text
        if text in _DASHES:
            break
        if text[-1] in _QUOTE_MARKS or text in (";", ":", ".", "!", "?"):
            return None
        k -= 1
    if k <= 0 or tokens[k].text not in _DASHES or k + 1 >= close:
        return None
    if tokens[k - 1].text == "-" and tokens[k].text == "-":
        k -= 1
    head = _plain_subject(tokens, k)
    if head is None or not (
        _is_named_or_definite(tokens, *head) or _is_bare_plural(tokens, head[0])
    ):
        return None
    return head[0], j


_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")


def _named_before(tokens: Sequence[Token], start: int) -> int:
    """Where the subject starts whose appositive starts at ``start``: at a name before a comma
    and a role (``Mike Shields, | president of the Fund, a super PAC, said``, ``Ann Lee, | the
    head of the club, a charity, said``), else ``start`` itself."""
    m = start - 1
    while m > 0 and start - m <= 4 and tokens[m].text != ",":
        word = tokens[m]
        if (
            not word.is_word
            or word.capitalised
            or (word.lower in _SUBJECT_STOPS and word.lower != "of")
            or _looks_like_verb(word)
        ):
            return start
        m -= 1
    if m <= 0 or tokens[m].text != "," or (m == start - 1 and tokens[start].lower not in _ARTICLES):
        return start  # a role between ("president of"), or an article ("the head of")
    name = _noun_phrase_before(tokens, m)
    if (
        name is None
        or name[1] != m
        or not tokens[name[0]].capitalised
        or _opens_adverbial(tokens[name[0]])  # "Instead, Mr. Regalado, a former ..."
        or tokens[m - 1].lower in _TIME_WORDS  # "On Saturday, Senator Bernie Sanders, ..."
        or (
            name[0] > 0
            and tokens[name[0] - 1].is_word
            and tokens[name[0] - 1].lower not in ("but", "and")
        )
    ):
        return start
    return name[0]


def _party_tag_comma(tokens: Sequence[Token], k: int) -> int | None:
    """The comma before a party tag that ends at the comma ``k`` (``Graham, R-S.C., a
    senator``), whose name is then the head of the appositive; else None."""
    m = k - 1
    if m > 0 and tokens[m].text == ".":
        m -= 1  # "R-S.C" "."
    if m > 0 and _PARTY_TAG.fullmatch(tokens[m].text) and tokens[m - 1].text == ",":
        return m - 1
    return None


def _appositive_start(tokens: Sequence[Token], closing: int, j: int) -> int | None:
    """The token before the appositive that ends at the comma ``closing`` (a comma, or where
    the scan stopped), looking back over at most 30 tokens; None if a quotation mark there is
    not closed within it (``“...,” Ann Lee, a farmer, said`` is no subject). Commas inside a
    quoted title (``author of “Guns, Germs and Steel,”``) do not end the appositive."""
    inside = j - 1 != closing  # the title's closing mark lies after the comma
    quoted = inside
    k = closing - 1
    city = _city_before_state(tokens, closing)
    if city is not None:
        k = city  # "of Flint, Mich., said": the comma closes the city's state
    while k > 0 and j - k < 30:
        text = tokens[k].text
        if text[-1] in _QUOTE_MARKS and not _is_plural_possessive(tokens[k]):
            quoted = True
            if (inside and text[0] in "“„«‘") or (not inside and text[-1] in "”»’"):
                inside = not inside
            elif text[0] in "\"'" and text[-1] in "\"'":
                inside = not inside  # a straight mark: whichever the scan expects
            else:
                return None
        elif text in (",", ";", ":") and not inside:
            city = _city_before_state(tokens, k) if text == "," else None
            if city is not None:
                k = city  # "from Ava, Mo., who is ...": the state's own comma
                continue
            break
        k -= 1
    if inside:
        return None
    if quoted and k + 1 < closing:
        # a quotation within an appositive ("author of “Empire of the Fund,”", "who calls
        # Trump a “sociopath,”"), not a clause of its own ("In the email, Ash described the
        # move as a “breach,”"): the appositive opens with a determiner, who or a role word
        first = tokens[k + 1]
        role = first.is_word and not first.capitalised and not _looks_like_verb(first)
        # ... or a participle's adjunct ("Mr. Manafort, citing “the magic of Trump,” said")
        adjunct = first.lower.endswith("ing") and not first.capitalised
        if first.lower not in _APPOSITIVE_OPENERS and not (
            (role or adjunct) and first.lower not in _PRONOUNS
        ):
            return None
    return k


def _city_before_state(tokens: Sequence[Token], k: int) -> int | None:
    """For the comma ``k`` after a state that follows a city and its comma (``Ava, Mo.,``),
    the city's last token; else None."""
    for n in (1, 2, 3):
        comma = k - n - 1
        if (
            comma > 0
            and tokens[comma].text == ","
            and _is_city(tokens[comma - 1])
            and _is_state(tokens, comma + 1, k)
        ):
            return comma - 1
    return None


def _is_city(token: Token) -> bool:
    """Whether a token may end a city's name before its state (not ``Friday, Texas,``)."""
    return token.capitalised and token.lower not in _TIME_WORDS


def _is_state(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Whether tokens ``[a, b)`` are a U.S. state's name or abbreviation (``us_states.txt``)."""
    return 0 < b - a <= 3 and " ".join(t.text for t in tokens[a:b]) in _us_states()


def _is_plural_possessive(token: Token) -> bool:
    """``Sanders'``, ``voters’``: a word whose final apostrophe is a possessive, not a quote."""
    text = token.text
    return len(text) > 2 and text[-2] in "sS" and text[0].isalnum()


def _is_named_or_definite(tokens: Sequence[Token], i: int, j: int) -> bool:
    return any(t.capitalised for t in tokens[i:j]) or tokens[i].lower in _DETERMINERS


def _plain_subject(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The noun phrase ending before token ``j`` (:func:`_noun_phrase_before`), with a subject
    pronoun coordinated before it (``She and her aides say``), or None."""
    phrase = _noun_phrase_before(tokens, j)
    if phrase is not None and phrase[0] >= 2:
        k = phrase[0] - 2
        if (
            tokens[k + 1].lower == "and"
            and tokens[k].lower in _COORDINATED_PRONOUNS
            and (k == 0 or not tokens[k - 1].is_word or tokens[k - 1].lower in _SUBJECT_STOPS)
        ):
            return k, phrase[1]
    return phrase


_COORDINATED_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def _noun_phrase_before(tokens: Sequence[Token], j: int) -> tuple[int, int] | None:
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
        inner = _noun_phrase_before(tokens, opening)
        return (inner[0], j) if inner is not None and inner[1] == opening else None
    last = tokens[j - 1]
    # "a source close to him said", "people familiar with it say": the pronoun is the object
    # of a preposition inside the phrase ("her" may as well be a possessive: "on her claim")
    object_pronoun = (
        last.lower in _OBJECT_PRONOUNS
        and last.lower != "her"
        and j >= 3
        and tokens[j - 2].lower in _NP_PREPOSITIONS
    )
    if last.text == "%" and j >= 2 and tokens[j - 2].text[:1].isdigit():
        # "42% say": a share of those polled (with its approximator: "about 40% say")
        return _approximated(tokens, j - 2), j
    if last.lower in _PRONOUNS and not object_pronoun:
        if last.lower == "one" and j >= 2 and tokens[j - 2].lower == "no":
            return j - 2, j  # "no one said"
        return j - 1, j
    if not last.is_word or (
        (last.lower in _SUBJECT_STOPS or last.lower in _ARTICLES)
        and not object_pronoun
        and not _modal_name(tokens, j - 1)
    ):
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
        if previous.text == "-" and i >= 2 and _spaced(tokens, i - 1):
            break  # "CHICAGO - Rahm Emanuel said": a dateline's dash, or a dash's aside
        if previous.text == "&" or previous.text == "-" or _in_number(tokens, i - 1):
            i -= 1  # "AT&T", "Coca-Cola", "1,409 teachers"
            continue
        if previous.text == ")" and tokens[i].lower == "and":
            # "Gov. Ann Lee (D) and Gov. Bo Ray (R) said": a party tag inside a coordination
            opening = next((m for m in range(i - 2, max(0, i - 9), -1) if tokens[m].text == "("), 0)
            if opening > 0 and tokens[opening - 1].capitalised:
                i = opening
                continue
        if not previous.is_word or (word in _PRONOUNS and word not in _DETERMINERS):
            break
        if (
            word in _NP_PREPOSITIONS
            and i >= 2
            and (
                _can_start_phrase(tokens, i)
                or (object_pronoun and i == j - 1)
                # "People with direct knowledge of the talks": a bare plural before it
                or (word in ("with", "of") and _is_plural_noun(tokens[i - 2]))
                # "A poll conducted by voters in Iowa": the agent of a participle
                or (word == "by" and _is_participle(tokens[i - 2]))
            )
        ):
            i -= 1  # "The city council in Mariupol", "the head of the agency"
            continue
        if word == "like" and i >= 2 and _is_plural_noun(tokens[i - 2]):
            i -= 1  # "critics like Ann Lee say": an example of a plural noun
            continue
        if word == "that" and i >= 2 and tokens[i - 2].lower in _NP_PREPOSITIONS:
            i -= 1  # "the authors of that study": a determiner after a preposition
            continue
        if (
            word in _VERB_FORMS
            and not previous.capitalised
            and i < j - 1
            and tokens[i].lower != "by"
        ):
            # "The routine begins with Noah commenting": a verb before the phrase ends it (not
            # one right before the cue, part of its verb group: "made no mention of"; nor a
            # participle before its agent: "a panel led by Ann Lee")
            break
        if (
            word in _SUBJECT_STOPS
            and word not in _NP_FUNCTION_WORDS
            and not (i == j - 1 and _modal_name(tokens, i - 1))
        ):
            break
        if (
            word.endswith("ly")
            and not previous.capitalised
            and word not in _NOT_ADVERBS
            # "The newly created party", "a widely shared video": an adverb of a participle
            # inside the phrase
            and not _participle_modifier(tokens, i)
        ):
            break

        if (
            word in _TIME_WORDS
            and not (
                word in _DETERMINERS and tokens[i].lower not in _TIME_WORDS | {"past", "coming"}
            )
            and not (i >= 2 and tokens[i - 2].lower in _ARTICLES)  # "An earlier report"
        ):
            # "on Monday Ann Lee said"; but "this source said" ("this" before no time word)
            # and "a poll released last week found" (the time of a participle in the phrase)
            m = i - 1
            while m > 0 and tokens[m - 1].lower in _TIME_WORDS:
                m -= 1
            if not (m > 0 and _is_participle(tokens[m - 1])):
                break
        i -= 1
    # A clock time is not part of the phrase: "9:30 p.m. New Jersey Gov. Chris Christie says".
    for m in range(i, j - 1):
        if tokens[m].lower in ("a.m.", "p.m."):
            i = m + 1
    # A conjunction at the left edge joins the clause, not the phrase (", and aides say").
    while i < j - 1 and tokens[i].lower in _LEADING_ADVERBS:
        i += 1
    # A bare plural at the left edge starts the phrase ("aviation experts say", "but majorities
    # in all five say"); else the phrase starts at its leftmost determiner, number, possessive
    # or capitalised word.
    if _is_bare_plural(tokens, i):
        return i, j
    start = i
    while i < j - 1 and not _can_start_phrase(tokens, i):
        if (
            tokens[i + 1].lower in _NP_PREPOSITIONS
            and _is_plural_noun(tokens[i])
            and all(t.is_word and t.lower not in _SUBJECT_STOPS for t in tokens[start:i])
        ):
            return start, j  # "pro-life members of the party said": not "the party"
        i += 1
    if _can_start_phrase(tokens, i):
        # "About one in five said", "only 49 percent said", "about two-thirds of voters":
        # an approximator before a number belongs to the phrase
        word = tokens[i].lower
        number = word[:1].isdigit() or (
            word.split("-")[0] in _DETERMINERS and word not in _ARTICLES
        )
        approximated = _approximated(tokens, i) if number else i
        if approximated < i:
            return approximated, j
        if i > start and tokens[i - 1].lower in _TITLE_MODIFIERS and tokens[i].capitalised:
            return i - 1, j  # "former President Bill Clinton said"
        if i > start and tokens[i].capitalised and _opens_with_role(tokens, start, i):
            return start, j  # "“...,” spokesman Stuart Roy said"
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
    # A headline's bare singular role: "..., analyst says", "But expert says", "former rival
    # says" (a person's role, at most two lower-case words before it, opening the clause).
    if (
        head.lower in _person_roles()
        and not head.capitalised
        and len(modifiers) <= 2
        and all(
            t.is_word and not t.capitalised and t.lower not in _SUBJECT_STOPS for t in modifiers
        )
        and (
            start == 0 or not tokens[start - 1].is_word or tokens[start - 1].lower in ("but", "and")
        )
    ):
        return start, j
    return None


@cache
def _person_roles() -> frozenset[str]:
    """The roles one person holds (``source_roles.txt``, kind ``person``, as
    :mod:`analysis.sources` reads it)."""
    return frozenset(word for word, (_, kind) in _roles().items() if kind == "person")


def _opens_with_role(tokens: Sequence[Token], start: int, i: int) -> bool:
    """Whether the lower-case words ``[start, i)`` before a name are its role (``spokesman``,
    ``political scientist``, ``super PAC spokeswoman``): they follow a quotation or a comma and
    end in a noun rather than an adverb or a verb."""
    before = tokens[start - 1].text if start > 0 else ""
    last = tokens[i - 1]
    return (
        (before == "," or (before != "" and before[-1] in _QUOTE_MARKS))
        and i - start <= 4
        and all(
            t.is_word
            and t.lower not in _PHRASE_STOPS
            and t.lower not in _LEADING_ADVERBS
            and t.lower not in _PRONOUNS
            and t.lower not in ("and", "&", "of")
            for t in tokens[start:i]
        )
        and not last.lower.endswith(("ly", "ing"))
        and not _looks_like_verb(last)
    )


def _is_participle(token: Token) -> bool:
    """A lower-case past participle (``released``, ``filed``), not an auxiliary."""
    word = token.lower
    return (
        word.endswith("ed")
        and word.isalpha()
        and not token.capitalised
        and word not in _SUBJECT_STOPS
    )


def _is_plural_noun(token: Token) -> bool:
    word = token.lower
    return (
        _has_plural_form(word)
        and word.isalpha()
        and word not in _SUBJECT_STOPS
        and word not in _VERB_FORMS
    )


def _is_bare_plural(tokens: Sequence[Token], i: int) -> bool:
    word = tokens[i].lower
    return (
        _has_plural_form(word)  # "officials said", "people familiar with the matter said"
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
        # "Following the release of ...", "Despite Mr. Trump's ..."; but a capitalised word
        # after a word is a name: "said Will Doyle", "Rep. Mark Walker"; and so is a modal's
        # spelling before a form no modal takes: "May said"
        return (token.capitalised and i > 0 and tokens[i - 1].is_word) or _modal_name(tokens, i)
    return (
        word in _DETERMINERS
        or token.capitalised
        or word[:1].isdigit()
        or ("-" in word and word.split("-")[0] in _DETERMINERS)  # "two-thirds"
        or word.endswith(("'s", "’s"))
    )


def _subject_right(
    tokens: Sequence[Token], k: int, inverted: bool = False
) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k`` (inverted ``said Aliev, a musician``).

    ``inverted``: the phrase follows its cue and must end its clause (the caller checks), so
    lower-case nouns after a name belong to it (``said Republican party boss Reince Priebus``,
    ``said another Twitter user, Ann Lee``); it still ends at a verb or an ``-ly`` adverb."""
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
        and any(t.capitalised for t in tokens[k + 1 : k + 5])
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
            and (
                tokens[j + 1].capitalised
                # an abbreviation's period before a closing bracket: "Butterfield (D-N.C.)"
                or (tokens[j + 1].text == ")" and any(t.text == "(" for t in tokens[k:j]))
            )
        )
        if (
            token.text in (",", ";", ":", ".", "!", "?") or token.text[-1] in _OPENING_QUOTES
        ) and not inside_name:
            break
        name_of = token.lower == "of" and (  # "Jane Smith of (the) Urban Institute"
            (j + 1 < len(tokens) and tokens[j + 1].capitalised)
            or (j + 2 < len(tokens) and tokens[j + 1].lower == "the" and tokens[j + 2].capitalised)
        )
        if inverted and j > k and _opens_postmodifier(tokens, j):
            # "said a Mexican official who was not authorized to speak", "said the base chief
            # known as Bob", "said one adviser to Bill Clinton": to the end of the clause
            end = j
            while end < len(tokens) and tokens[end].text not in (",", ";", ":", ".", "!", "?"):
                if tokens[end].text[-1] in _QUOTE_MARKS:
                    break  # "who ... described it as “...”": not a source's end
                end += 1
            if end < len(tokens) and tokens[end].text[-1] in _QUOTE_MARKS:
                break
            return k, end
        stops = token.lower in _PHRASE_STOPS
        names_joined = (  # "Bernie Sanders and Ted Cruz": two names, one phrase
            token.lower == "and"
            and tokens[j - 1].capitalised
            and j + 1 < len(tokens)
            and tokens[j + 1].capitalised
            and tokens[j + 1].lower not in _PRONOUNS
        )
        if j > k and stops and not name_of and not names_joined:
            break
        if (
            j > k
            and token.is_word
            and not token.capitalised
            and token.lower not in _NP_FUNCTION_WORDS
        ):
            if (
                _looks_like_verb(token)
                and not (inverted and tokens[j - 1].lower in _DETERMINERS)
                and not _participle_modifier(tokens, j)
            ):
                # "Clinton | attacked Trump", "The Arizona Republican | survived ..."; but
                # "said one unaligned strategist"
                break
            if inverted:
                if _is_ly_adverb(token):
                    break  # "said Obama | angrily"
                j += 1
                continue
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
    if (
        j + 1 < len(tokens)
        and tokens[j].text == ","
        and _opens_appositive(tokens[j + 1])
        and not _participle_adjunct(tokens, j + 1)
    ):
        # ", a 23-year-old musician", ", publisher of The Federalist,", ", who runs ...": the
        # appositive runs to the clause end, through further appositives and relative clauses
        # (", a lawyer for the club, who has sued ..."), or to a comma before anything else,
        # which belongs to the source.
        if inverted and _relative_report(tokens, j + 1):
            return k, j  # "said Mr. Ekovich, who noted that ...": a report of its own
        m = j + 1
        while m < len(tokens) and tokens[m].text not in (".", "!", "?", ";"):
            if tokens[m].text[-1] in _OPENING_QUOTES:
                break
            if tokens[m].text == "," and not (
                m + 1 < len(tokens)
                and (_opens_appositive(tokens[m + 1]) or _place_follows(tokens, m))
            ):
                return k, m + 1
            if tokens[m].text == "," and inverted and _relative_report(tokens, m + 1):
                return k, m  # "said Ann Lee, a lawyer, who spoke on condition of anonymity"
            m += 1
        return k, m
    return k, j


def _relative_report(tokens: Sequence[Token], m: int) -> bool:
    """Whether a relative clause opens at token ``m`` (``who``, ``whose``, ``which``) that
    reports something itself, with a plain reporting cue (``say``, ``add``, ``speak``, ...) or
    ``anonymity`` before the clause ends: ``said Mr. Ekovich, who noted that ...``, ``said the
    woman, who spoke on condition of anonymity``. PolNeAR ends an inverted source before such
    a clause (40 of 49 in train) and keeps any other (``said Robert Reich, who served as
    labor secretary``: 121 of 190)."""
    if m >= len(tokens) or tokens[m].lower not in ("who", "whose", "which"):
        return False
    for n in range(m + 1, len(tokens)):
        if tokens[n].text in (",", ".", "!", "?", ";", ":"):
            return False
        if tokens[n].lower == "anonymity":
            return True  # "who requested anonymity to discuss ..."
        cue = _match_cue(tokens, n)
        if cue is not None and cue.category == "neutral":
            return True  # "who said", "who added", "who spoke on condition ..."
    return False


def _participle_modifier(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is a participle used as an adjective of its phrase, not the verb:
    after an article, or after an article and an adverb ("A leaked memo", "The newly created
    party")."""
    if not tokens[k].lower.endswith("ed") or tokens[k].capitalised or k == 0:
        return False
    if tokens[k - 1].lower in _ARTICLES:
        return True
    return k >= 2 and _is_ly_adverb(tokens[k - 1]) and tokens[k - 2].lower in _ARTICLES


def _spaced(tokens: Sequence[Token], m: int) -> bool:
    """Whether token ``m`` has white space on both sides (a dash, not a hyphen)."""
    return tokens[m - 1].end < tokens[m].start and (
        m + 1 >= len(tokens) or tokens[m].end < tokens[m + 1].start
    )


def _participle_adjunct(tokens: Sequence[Token], m: int) -> bool:
    """Whether the lower-case words from token ``m`` to the clause end close on an ``-ing``
    word (``said Ann Lee, half joking.``): an adjunct of the report, not an appositive."""
    end = m
    while end < len(tokens) and tokens[end].is_word and not tokens[end].capitalised:
        if tokens[end].lower in ("a", "an", "the"):
            return False  # "said Ann Lee, a woman living nearby."
        end += 1
    return (
        end > m
        and tokens[end - 1].lower.endswith("ing")
        and (end == len(tokens) or tokens[end].text in (".", "!", "?", ";", ","))
    )


def _place_follows(tokens: Sequence[Token], m: int) -> bool:
    """Whether the comma ``m`` is followed by where a person is from, after their age
    (``said Ann Lee, 20, of Jacksonville, Fla.``), or by a city's state (``..., Fla.``)."""
    after = tokens[m + 1]
    if after.lower in ("of", "from") and tokens[m - 1].text.isdigit() and tokens[m - 2].text == ",":
        return True
    end = next((n for n in range(m + 1, min(len(tokens), m + 5)) if tokens[n].text == ","), None)
    if end is None:
        end = m + 1
        while end < len(tokens) and end - m <= 3 and tokens[end].is_word:
            end += 1
    return _is_city(tokens[m - 1]) and _is_state(tokens, m + 1, end)


def _opens_postmodifier(tokens: Sequence[Token], j: int) -> bool:
    """Whether token ``j``, after a noun phrase that follows its cue, opens a relative clause
    (``who ...``), ``known as`` or a role's complement (``adviser to``, ``spokesman for``, ``a
    source with knowledge of``, ``familiar with``, ``the owner of a shop that ...``), which
    belong to the source."""
    word = tokens[j].lower
    if word in ("who", "whose"):
        return True
    if j + 1 >= len(tokens):
        return False
    following = tokens[j + 1]
    if word == "known":
        return following.lower == "as"
    if _is_participle(tokens[j]) and following.lower in _PREPOSITIONS:
        return True  # "said one Republican involved in the planning", "based in Lyon"
    previous = tokens[j - 1]
    return (
        word in ("to", "for", "with", "of")
        and previous.is_word
        and not previous.capitalised
        and previous.lower not in _TIME_WORDS
        and (following.capitalised or following.lower in _DETERMINERS)
    )


def _opens_appositive(token: Token) -> bool:
    """Whether a word after ``NAME,`` can open an appositive (``a musician``, ``publisher of``,
    ``who``), not a new clause or adjunct (``explaining ...``, ``for example``, ``but ...``)."""
    word = token.lower
    if word in _INCLUDING:
        return True  # "Several fact checkers, including The Washington Post, have ..."
    return (
        token.is_word
        and not (word.endswith("ing") and not token.capitalised)
        and word not in _PREPOSITIONS
        and (word not in _SUBJECT_STOPS or word in _APPOSITIVE_OPENERS)
    )


#: Words opening an aside that PolNeAR keeps in the subject it follows (8 of 8 "including",
#: and every "like" and "among", in the train split).
_INCLUDING = frozenset({"including", "like", "among"})


def _looks_like_verb(token: Token) -> bool:
    """A lower-case word that, after a name, is likely its verb rather than part of it."""
    word = token.lower
    return (
        (word.endswith("ed") and len(word) > 4) or word in _VERB_FORMS or word in reporting_cues()
    )


def _sentence_subject(tokens: Sequence[Token], before: int) -> tuple[int, int] | None:
    """The subject of the sentence's main clause, looked for before token ``before``."""
    k = _after_clock_time(tokens)
    # skip a leading adverbial clause or phrase ending in a comma ("In response, Trump ...",
    # "Two days later, ...", "Speaking in Ohio, ..."); not the comma after a subject ("Emanuel
    # fired his chief, Garry McCarthy, acknowledging ...", "Trump, in a relaxed mood, ...")
    comma = next((m for m in range(k, min(before, k + 12)) if tokens[m].text == ","), None)
    if comma is not None:
        lead = [t for t in tokens[k:comma] if t.is_word]
        adverbial = (
            bool(lead)
            and (
                _opens_adverbial(lead[0])  # "In response,", "Speaking in Ohio,"
                or lead[-1].lower in _TIME_WORDS
                or lead[-1].lower == "ago"  # "Two days later,"
                or _is_ly_adverb(lead[-1])  # "Most recently,"
                # a short phrase with no verb and no name alone: "Back in Washington,"; not
                # "Trump, in a relaxed mood, ..." or "Emanuel fired his chief, Ann Lee, ..."
                or (
                    len(lead) <= 4
                    and not all(t.capitalised for t in lead)
                    and not any(_looks_like_verb(t) for t in lead[1:])
                )
            )
        )
        if adverbial:
            k = comma + 1
    # an opening time phrase without its comma: "By Sunday afternoon she had ...", "On
    # Tuesday Clinton ..."
    if k < before and tokens[k].lower in _PREPOSITIONS:
        m = k + 1
        while m < before and (tokens[m].lower in _TIME_WORDS or tokens[m].text.isdigit()):
            m += 1
        if m > k + 1:
            k = m
    while k < before and not _can_start_phrase(tokens, k) and tokens[k].lower not in _PRONOUNS:
        k += 1
    if k >= before:
        return None
    return _subject_right(tokens, k)


def _after_clock_time(tokens: Sequence[Token]) -> int:
    """The first token after a clock time that opens a sentence (``9:34 p.m. Donald Trump
    has ...``, a live blog's time stamp, ``11:00 am –``); 0 if there is none."""
    if len(tokens) < 4 or not tokens[0].text.isdigit() or tokens[1].text != ":":
        return 0
    k = 3 if tokens[2].text.isdigit() else 0
    if 0 < k < len(tokens) and tokens[k].lower.rstrip(".") in ("a.m", "p.m", "am", "pm"):
        k += 1
    if 0 < k < len(tokens) and tokens[k].text in _DASHES:
        k += 1
    return k


def _opens_adverbial(token: Token) -> bool:
    """Whether a sentence's first token opens an adverbial before its subject: a preposition,
    a subordinator or sentence adverb, a time word, a number, a participle (``Speaking``)."""
    word = token.lower
    return (
        word in _PREPOSITIONS
        or word in _ADVERBIAL_OPENERS
        or word in _TIME_WORDS
        or word[:1].isdigit()
        or word.endswith("ing")
        or _is_ly_adverb(token)
    )
