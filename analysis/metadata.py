"""Article metadata found in the text itself: headline, byline, dateline and credits.

Each is recognised by its general shape, near the top (byline, dateline) or at the end
(credits) of an article, and returned with its character span; what is not there is ``None``,
never guessed.

- headline (title): the first paragraph, when it is one short line (at most
  :data:`TITLE_MAX_WORDS` words) whose first word is not in lower case (``iTunes`` and ``$1m``
  are fine), that does not end like a clause (``,``, ``;``, ``:``) nor with a full stop unless
  it is in title case (``Only 24 Percent of Donors Are Small.``), ends in an ellipsis or has a
  dateline after it (``Stein removed from debate site.`` above ``HEMPSTEAD, N.Y. (AP) —``), is
  no byline or dateline itself, and
  is followed by more text: ``Ad sales boost Time Warner profit`` above its article, as BBC,
  Wikinews and many scraped corpora store it.
- byline: a line of its own starting with ``By`` followed by names (``By Pavel Polityuk and
  Natalia Zinets``, ``By JANE DOE, Associated Press Writer``). Role words and agencies after the
  names are not authors.
- dateline: the start of the first paragraphs, up to a dash: ``LVIV, Ukraine, March 14
  (Reuters) –``, ``WASHINGTON (AP) —``, ``Washington (AFP) –``, ``NEW YORK, Feb 26 -``,
  ``(CNN) —``. A place in capitals is a dateline by itself; a place in mixed case needs an
  agency from ``lexicons/news_agencies.txt`` in parentheses.
- credits: a closing paragraph such as ``(Reporting by ...; Writing by ...; Editing by ...)``,
  ``Additional reporting by ...`` or ``... contributed to this report.``
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis.lexicon import load_lexicon
from analysis.text import paragraph_spans, strip_span

__all__ = ["ArticleMetadata", "find_metadata"]

#: A headline has at most this many words (BBC's longest has 12; a sentence-long line without
#: a full stop is more often a lede whose stop is missing).
TITLE_MAX_WORDS = 20
_CLAUSE_FINAL = frozenset(",;:")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
     "over", "the", "to", "up", "via", "vs", "with"}
)  # fmt: skip


def _title_case(words: list[str]) -> bool:
    """Whether nearly every word of a line but the small ones is capitalised (``Only 24
    Percent of Clinton’s Donors Are Small``): a headline, even with a full stop."""
    words = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


#: How many leading paragraphs may hold the byline and the dateline (a title line may come
#: first), and how many trailing ones the credits.
HEAD_PARAGRAPHS = 3
TAIL_PARAGRAPHS = 3

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = rf"(?:{_MONTH}[ ]\d{{1,2}}|\d{{1,2}}[ ]{_MONTH})(?:,?[ ]\d{{4}})?"
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_WORD = r"[A-Z][\w'’.\-]*"
# A region after the place ("LVIV, Ukraine", "AUSTIN, Texas", "PARIS, France"): capitalised
# words that are not the month of the date that may follow.
_REGION = rf"(?:,[ ](?!{_MONTH}[ ]\d)(?:{_WORD})(?:[ ]{_WORD}){{0,2}})"
_DASH = r"[ \t]*(?:--|-|–|—)(?=[ \t])"
_AGENCY = r"\((?P<agency>[^()\n]{1,40})\)"

_DATELINE_CAPS = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}{_REGION}{{0,2}})"
    rf"(?:,[ ](?P<date>{_DATE}))?(?:[ ]*{_AGENCY})?{_DASH}"
)
# With neither date nor agency ("WASHINGTON — The president"), only a long dash followed by a
# capitalised word counts: "NATO - the alliance" is not a dateline.
_BARE_DATELINE_REST = re.compile(r"[ \t]*(?:--|–|—)[ \t]+[\"“‘'(]?[A-Z0-9]")
_DATELINE_MIXED = re.compile(
    rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}{_REGION}{{0,2}})"
    rf"(?:,[ ](?P<date>{_DATE}))?[ ]*{_AGENCY}{_DASH}"
)
_DATELINE_AGENCY_ONLY = re.compile(rf"{_AGENCY}{_DASH}")

_BYLINE = re.compile(r"By[ \t]+(?P<names>[^\n\r]{2,200})", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.|de|da|del|della|der|van|von|la|le|al|el|bin|ibn|dos|du)"
)
# Words after the names in a byline that describe the job, not the person.
_ROLE_WORDS = frozenset(
    {
        "writer", "writers", "correspondent", "correspondents", "editor", "editors",
        "reporter", "reporters", "staff", "press", "contributor", "columnist",
        "special", "senior", "chief", "bureau",
    }
)  # fmt: skip
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# "By Ann Lee in London": where the author writes from is not part of the name.
_BYLINE_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w'’.\- ]*$")

_CREDIT_WORDS = (
    r"(?:Additional[ ]reporting|Reporting|Writing|Written|Editing|Edited|Compiled|"
    r"Produced|Research|Graphics|Translation|Translated)"
)
_CREDITS_PARENTHESISED = re.compile(rf"\((?=[^()]*\b{_CREDIT_WORDS}\b[^()]*\bby\b)[^()]+\)", re.I)
_CREDITS_PLAIN = re.compile(rf"{_CREDIT_WORDS}[ ]by\b[^\n\r]*", re.I)
_CREDITS_CONTRIBUTED = re.compile(
    r"[^\n\r]{3,300}\bcontributed(?:[ ]reporting)?[ ]to[ ]this[ ](?:report|story|article)\.?",
    re.I,
)
# How a "... contributed to this report." paragraph ends: checked first, so that the search for
# "contributed" runs only in the rare closing paragraph that can hold one.
_CONTRIBUTED_END = re.compile(r"(?:report|story|article)\.?\Z", re.I)
_CONTRIBUTED_END_LENGTH = len("article.")


@dataclass(frozen=True)
class ArticleMetadata:
    """What :func:`find_metadata` recognised; every span is ``(start, end)`` into the text."""

    authors: tuple[str, ...] = ()
    title_span: tuple[int, int] | None = None
    byline_span: tuple[int, int] | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None
    agency: str | None = None
    dateline_span: tuple[int, int] | None = None
    credits_span: tuple[int, int] | None = None


@cache
def _agencies() -> frozenset[str]:
    return frozenset(entry.casefold() for entry in load_lexicon("news_agencies"))


def _head_paragraphs(text: str, limit: int) -> list[tuple[int, int]]:
    """The first ``limit`` paragraphs, looking only at the start of the text."""
    window = text[: 4000 * limit]
    return paragraph_spans(window)[:limit]


def _tail_paragraphs(text: str, limit: int) -> list[tuple[int, int]]:
    """The last ``limit`` paragraphs, looking only at the end of the text."""
    window_start = max(0, len(text) - 4000)
    spans = [(s + window_start, e + window_start) for s, e in paragraph_spans(text[window_start:])]
    if window_start and spans:
        spans = spans[1:]  # the first one may be cut by the window
    return spans[-limit:]


def _authors(names: str) -> tuple[str, ...]:
    """Names in a byline's text, or ``()`` when the text is not a list of names."""
    authors = []
    names = _BYLINE_PLACE.sub("", names.strip().rstrip("."))
    for chunk in _NAME_SEPARATORS.split(names):
        tokens = chunk.split()
        if not tokens:
            continue
        name_tokens = []
        for i, token in enumerate(tokens):
            word = token.strip(",.").casefold()
            phrases = (" ".join(tokens[i : i + k]).strip(",.").casefold() for k in (1, 2, 3))
            if word in _ROLE_WORDS or any(phrase in _agencies() for phrase in phrases):
                break
            if not _NAME_TOKEN.fullmatch(token):
                return ()
            name_tokens.append(token)
        if len(name_tokens) > 5:
            return ()
        if len(name_tokens) >= 2 or (name_tokens and not authors and len(tokens) == 1):
            authors.append(" ".join(name_tokens))
    return tuple(authors)


def _find_byline(text: str, paragraphs: list[tuple[int, int]]):
    for start, end in paragraphs:
        line_end = start + len(text[start:end].splitlines()[0])
        match = _BYLINE.match(text, start, line_end)
        if match and match.end() == line_end:
            authors = _authors(match.group("names"))
            if authors:
                return authors, strip_span(text, start, line_end)
    return None


def _find_title(text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The headline: the first paragraph, if it is a short line that does not end like a
    sentence (see the module docstring), followed by another paragraph."""
    if len(paragraphs) < 2:
        return None
    start, end = strip_span(text, *paragraphs[0])
    line = text[start:end]
    words = line.split()
    core = line.rstrip("”’\"'»)")  # "'My memories of Marley...'"
    last = core[-1:]
    if (
        "\n" in line
        or "\r" in line
        or not words
        or len(words) > TITLE_MAX_WORDS
        or (words[0][:1].isalpha() and words[0].islower())
        or last in _CLAUSE_FINAL
        or _BYLINE.match(line)
        or _find_dateline(text, [(start, end)], start)
    ):
        return None
    if last == "." and not (
        core.endswith(("...", "…"))
        or _title_case(words)
        or _find_dateline(text, paragraphs[1:2], paragraphs[1][0])
    ):
        return None  # a one-line lede, unless a dateline follows it
    return start, end


def _find_dateline(text: str, paragraphs: list[tuple[int, int]], after: int):
    for start, end in paragraphs:
        if start < after:
            continue
        for pattern in (_DATELINE_CAPS, _DATELINE_MIXED, _DATELINE_AGENCY_ONLY):
            match = pattern.match(text, start, end)
            if not match:
                continue
            groups = match.groupdict()
            agency = groups.get("agency")
            needs_known_agency = pattern is not _DATELINE_CAPS
            if needs_known_agency and (agency or "").casefold() not in _agencies():
                continue
            bare = not (agency or groups.get("date"))
            if bare and not _BARE_DATELINE_REST.match(text, match.end("place"), end):
                continue
            return groups.get("place"), groups.get("date"), agency, (start, match.end())
    return None


def _find_credits(text: str, paragraphs: list[tuple[int, int]], after: int):
    for start, end in reversed(paragraphs):
        if start < after:
            break
        for pattern in (_CREDITS_PARENTHESISED, _CREDITS_PLAIN, _CREDITS_CONTRIBUTED):
            if pattern is _CREDITS_CONTRIBUTED and not _CONTRIBUTED_END.search(
                text, max(start, end - _CONTRIBUTED_END_LENGTH), end
            ):
                continue
            match = pattern.fullmatch(text, start, end)
            if match:
                return start, end
    return None


def find_metadata(text: str) -> ArticleMetadata:
    """Recognise the headline, byline, dateline and credits of one article.

    Examples
    --------
    >>> text = "By Ann Lee\\n\\nPARIS, May 2 (Reuters) - It rained.\\n\\n(Editing by Bo Li)"
    >>> meta = find_metadata(text)
    >>> meta.authors, meta.dateline_place, meta.dateline_date, meta.agency
    (('Ann Lee',), 'PARIS', 'May 2', 'Reuters')
    >>> meta.credits_span
    (49, 67)
    >>> find_metadata("Shares fall in Tokyo\\n\\nShares fell on Monday.").title_span
    (0, 20)
    """
    head = _head_paragraphs(text, HEAD_PARAGRAPHS + 1)
    if not head:
        return ArticleMetadata()
    title = _find_title(text, head)
    head = head[1:] if title else head[:HEAD_PARAGRAPHS]
    byline = _find_byline(text, head)
    head_end = byline[1][1] if byline else (title[1] if title else 0)
    dateline = _find_dateline(text, head, head_end)
    if dateline:
        head_end = dateline[3][1]
    credits_span = _find_credits(text, _tail_paragraphs(text, TAIL_PARAGRAPHS), head_end)
    place, date, agency, dateline_span = dateline or (None, None, None, None)
    return ArticleMetadata(
        authors=byline[0] if byline else (),
        title_span=title,
        byline_span=byline[1] if byline else None,
        dateline_place=place,
        dateline_date=date,
        agency=agency,
        dateline_span=dateline_span,
        credits_span=credits_span,
    )
