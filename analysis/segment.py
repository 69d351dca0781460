"""Paragraphs and sentences: the ``sentences`` table.

Sentence boundaries come from nltk's Punkt, configured without any nltk data: its abbreviations,
sentence starters and orthographic context come from the project's lexicons
(``abbreviations.txt``, ``abbreviations_cased.txt``, ``sentence_starters.txt``), and it can
also be trained on the corpus being parsed (:meth:`Segmenter.trained`). Around Punkt, rules that
wire copy needs:

- Paragraphs are runs of lines separated by a blank line (or by a line break and an indent, as
  in old wire copy). Every paragraph break is a sentence boundary, except a break inside a
  sentence: the text after it starts in lower case (``several U.S.\\n\\nofficials said``). A
  capital after it starts a sentence even after an abbreviation (``in the U.S.\\n\\nFlorida Sen.
  Marco Rubio says``: all 22 such breaks in the PolNeAR and BBC texts are boundaries).
- A single line break ends a sentence when the line ends in sentence-final punctuation (and no
  abbreviation, ``U.S.\\nPresident Joe Biden``), is a heading in capitals, or is followed by a
  list item (``- ``, ``• ``, ``2) ``); otherwise it is a hard wrap inside a sentence.
- A closing quotation mark or bracket stays with its sentence; a sentence never starts with a
  lower-case letter; the byline, dateline and credits found by :mod:`analysis.metadata` are
  sentences of their own, with ``part`` saying which.

Every sentence is stripped of surrounding whitespace; sentences never overlap, are in order, and
together cover every non-whitespace character of the article.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis._nltk import punkt
from analysis.lexicon import load_lexicon, load_lexicon_table
from analysis.metadata import find_metadata
from analysis.tables import SENTENCE_COLUMNS, conform
from analysis.text import count_words, paragraph_breaks

__all__ = [
    "Segmenter",
    "article_sentences",
    "body_sentence_spans",
    "default_segmenter",
    "sentence_columns",
    "sentence_spans",
    "split_sentences",
    "words_of_sentences",
]

#: Punkt runs on pieces of at most this many characters: nltk 3.10 puts a wall-clock limit on
#: its regular expressions, and a multi-megabyte paragraph would trip it (and make the result
#: depend on machine load). Longer paragraphs are cut at the last sentence-final punctuation
#: (else whitespace) before the limit, which is then a boundary.
MAX_PIECE_CHARS = 10_000

# LINE_BREAK (tests check they agree), written to start with a character class: ``re`` then skips
# ahead to the next line-break character instead of trying the alternation at every position.
_SINGLE_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028](?:(?<=\r)\n)?")
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")
_FIRST_WORD = re.compile(r"\s*([\"“‘'«(\[]*)(\w*)")
_DOTTED_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}")
_NEVER_START = frozenset(".,;:")
# A list item at the start of a line: "- Best sound design ...", "• ...", "2) ...".
_BULLET = re.compile(r"[ \t]*(?:[-*•·▪–—]|\d{1,2}[.)])[ \t]")
# An abbreviation, white space, then a capitalised word or an opening quotation mark: a place
# where Punkt, without training, never looks for a boundary (the end of the match). Starting
# with the full stop, rather than a look-behind, lets ``re`` skip ahead to the next one.
_AFTER_ABBREVIATION = re.compile(r"\.(?=\s+[\"“‘'«]?[A-Z])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: a stripped span, its paragraph and its part."""

    start: int
    end: int
    paragraph_id: int
    part: str


@cache
def _abbreviation_kinds() -> tuple[dict[str, str], dict[str, str]]:
    """Kinds of the abbreviations: (case-folded entries, exactly cased entries)."""
    folded = {
        fields[0].casefold(): (fields[1] if len(fields) > 1 else "")
        for fields in load_lexicon_table("abbreviations")
    }
    cased = {
        fields[0]: (fields[1] if len(fields) > 1 else "")
        for fields in load_lexicon_table("abbreviations_cased")
    }
    return folded, cased


def _abbreviations() -> dict[str, str]:
    return _abbreviation_kinds()[0]


#: Kinds already looked up by :func:`abbreviation_kind` (tokens recur; started afresh when full).
_KINDS_SEEN: dict[str, str | None] = {}
_MAX_KINDS_SEEN = 100_000


def abbreviation_kind(token: str) -> str | None:
    """The lexicon kind of ``token`` if it is an abbreviation (``""`` for no particular
    kind), else ``None``. Dotted initialisms (``N.Y.``, ``a.m.``) are abbreviations."""
    try:
        return _KINDS_SEEN[token]
    except KeyError:
        pass
    folded, cased = _abbreviation_kinds()
    kind = folded.get(token.casefold())
    if kind is None:
        kind = cased.get(token)
    if kind is None and _DOTTED_INITIALISM.fullmatch(token):
        kind = ""
    if len(_KINDS_SEEN) >= _MAX_KINDS_SEEN:
        _KINDS_SEEN.clear()
    _KINDS_SEEN[token] = kind
    return kind


@cache
def _sentence_starters() -> frozenset[str]:
    return frozenset(load_lexicon("sentence_starters"))


def _lexicon_parameters() -> punkt.PunktParameters:
    params = punkt.PunktParameters()
    params.abbrev_types = {entry.casefold().rstrip(".") for entry in _abbreviations()}
    params.sent_starters = {word.casefold() for word in _sentence_starters()}
    for word in params.sent_starters:
        # Known to occur in lower case inside sentences: capitalised, it starts one.
        params.add_ortho_context(word, punkt._ORTHO_MID_LC)
    return params


class _LanguageVars(punkt.PunktLanguageVars):
    """Punkt's English patterns, compiled with the standard ``re`` module.

    nltk 3.10 runs Punkt's patterns through its ``redos`` wrapper (the ``regex`` module with a
    wall-clock limit) to defend against catastrophic backtracking on huge paragraphs. Here
    Punkt only ever sees pieces of at most :data:`MAX_PIECE_CHARS` characters, whose time
    ``benchmarks/adversarial.py`` checks, so the same patterns run on ``re``: a fifth of the
    segmentation time, and no verdict that could depend on machine load.
    """

    re_boundary_realignment = re.compile(
        punkt.PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE
    )

    def _word_tokenizer_re(self):  # noqa: ANN202 - nltk's signature
        try:
            return self._fast_word_tokenizer
        except AttributeError:
            self._fast_word_tokenizer = re.compile(
                self._word_tokenize_fmt
                % {
                    "NonWord": self._re_non_word_chars,
                    "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start,
                },
                re.UNICODE | re.VERBOSE,
            )
            return self._fast_word_tokenizer

    def period_context_re(self):  # noqa: ANN202 - nltk's signature
        try:
            return self._fast_period_context
        except AttributeError:
            self._fast_period_context = re.compile(
                self._period_context_fmt
                % {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE,
            )
            return self._fast_period_context


_NON_PUNCT = re.compile(r"[^\W\d]", re.UNICODE)
#: What nltk's Punkt counts as white space before a candidate boundary: ASCII only.
_NLTK_WHITESPACE = tuple(string.whitespace)


class _Token(punkt.PunktToken):
    """Punkt's token with its class patterns compiled by ``re`` (see :class:`_LanguageVars`)."""

    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)

    @property
    def is_non_punct(self):  # noqa: ANN201 - nltk's signature
        return _NON_PUNCT.search(self.type)


class _MemoPunkt(punkt.PunktSentenceTokenizer):
    """Punkt with nltk's sentence splitting made cheaper, giving the same spans.

    Punkt judges every candidate boundary (a ``.``, ``?`` or ``!`` followed by white space and a
    word, or by punctuation) by annotating the words of a short context around it: the word
    before the candidate, the candidate and what follows (``said. The``). The overrides below
    keep nltk 3.10's algorithm step for step and only change how it is computed:

    - The verdict on a context depends only on that context and the fixed parameters, and
      contexts recur across a corpus, so verdicts are kept (a bounded number, then started
      afresh).
    - Most contexts differ only in their first word (``said. The``, ``today. The``), so the memo
      rarely hits on them; but when that word is a plain word ending in a full stop that Punkt
      marks as a sentence break whatever follows, the verdict is known from the word alone
      (see :meth:`_breaks_whatever_follows`).
    - The word before a candidate is found with ``str.rfind`` instead of nltk's per-character
      loop, and boundaries are realigned without copying each sentence.
    """

    MAX_REMEMBERED = 200_000

    def __init__(self, params: punkt.PunktParameters):
        super().__init__(params, lang_vars=_LanguageVars(), token_cls=_Token)
        self._verdicts: dict[str, bool] = {}
        self._word_verdicts: dict[str, bool] = {}
        self._collocation_starts = frozenset(first for first, _ in params.collocations)

    def text_contains_sentbreak(self, text: str) -> bool:
        verdict = self._verdicts.get(text)
        if verdict is None:
            if len(self._verdicts) >= self.MAX_REMEMBERED:
                self._verdicts.clear()
            verdict = self._verdicts[text] = super().text_contains_sentbreak(text)
        return verdict

    def _breaks_whatever_follows(self, word: str) -> bool:
        """Whether ``word`` (letters and a final full stop, ``said.``) is a sentence break in
        any context it starts.

        Such a word is the first token of its context (nltk's word tokenizer keeps letters and
        a final full stop together), so ``text_contains_sentbreak`` is true as soon as that
        token is a break after both annotation passes, whatever the following tokens are. The
        first pass marks it a break unless it is an abbreviation; the second pass only undoes
        that for a known collocation, an initial or a number. Those checks are nltk's own,
        run on the word alone and remembered.
        """
        verdict = self._word_verdicts.get(word)
        if verdict is None:
            token = self._Token(word)
            self._first_pass_annotation(token)
            verdict = bool(
                token.sentbreak
                and not token.is_initial
                and token.type_no_period != "##number##"
                and token.type_no_period not in self._collocation_starts
            )
            if len(self._word_verdicts) >= self.MAX_REMEMBERED:
                self._word_verdicts.clear()
            self._word_verdicts[word] = verdict
        return verdict

    def _candidates(self, text: str) -> Iterator[tuple[re.Match, int]]:
        """Each candidate boundary with the start of the word before it, as nltk 3.10's
        ``_match_potential_end_contexts`` finds them (overlapping candidates dropped).

        nltk looks for the last white space before the candidate with a Python loop over the
        characters and :data:`string.whitespace` (ASCII only); ``str.rfind`` on those six
        characters finds the same index. As in nltk, white space right at the end of the
        previous candidate does not count (its index 0 reads as "none").
        """
        spaces = [space for space in _NLTK_WHITESPACE if space in text]
        previous_start = previous_stop = 0
        previous_match = None
        for match in self._lang_vars.period_context_re().finditer(text):
            match_start = match.start()
            last_space = previous_stop - 1
            for space in spaces:
                # Only after the last one found so far: the search is for the maximum.
                found = text.rfind(space, last_space + 1, match_start)
                if found > last_space:
                    last_space = found
            word_start = last_space + 1 if last_space > previous_stop else previous_start
            if previous_match is not None and previous_stop <= word_start:
                yield previous_match, previous_start
            previous_match = match
            previous_start, previous_stop = word_start, match_start
        if previous_match is not None:
            yield previous_match, previous_start

    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[re.Match, str]]:
        for match, word_start in self._candidates(text):
            yield match, text[word_start : match.end("after_tok")]

    def _is_break(self, text: str, word_start: int, match: re.Match) -> bool:
        """nltk's verdict on the candidate ``match`` whose context starts at ``word_start``."""
        end = match.end()
        if (
            end - word_start > 1
            and text[end - 1] == "."
            and text[word_start : end - 1].isalpha()
            and self._breaks_whatever_follows(text[word_start:end])
        ):
            return True
        return self.text_contains_sentbreak(text[word_start : match.end("after_tok")])

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, word_start in self._candidates(text):
            if self._is_break(text, word_start, match):
                yield slice(last_break, match.end())
                # The next sentence starts at the next word, or at the punctuation that follows.
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        # The last sentence should not contain trailing whitespace.
        yield slice(last_break, len(text.rstrip()))

    def _realign_boundaries(self, text: str, slices: Iterator[slice]) -> Iterator[slice]:
        """nltk's realignment (a closing quotation mark or bracket after a boundary joins the
        sentence before it), matching within ``text`` instead of on a copy of each sentence."""
        realign_pattern = self._lang_vars.re_boundary_realignment
        realign = 0
        slices = iter(slices)
        sentence1 = next(slices, None)
        if sentence1 is None:
            return
        for sentence2 in slices:
            start = sentence1.start + realign
            match = realign_pattern.match(text, sentence2.start, sentence2.stop)
            if match:
                yield slice(start, sentence2.start + len(match.group(0).rstrip()))
                realign = match.end() - sentence2.start
            else:
                realign = 0
                if start < sentence1.stop:
                    yield slice(start, sentence1.stop)
            sentence1 = sentence2
        start = sentence1.start + realign
        if start < sentence1.stop:
            yield slice(start, sentence1.stop)


class Segmenter:
    """Sentence boundaries for one configuration of Punkt (lexicons, optionally training).

    Use :func:`default_segmenter` for the lexicon-only configuration (deterministic per
    article, whatever else is in the corpus), or :meth:`trained` to also learn abbreviations and
    orthography from a corpus.

    Examples
    --------
    >>> seg = default_segmenter()
    >>> text = "In a call, U.S.\\nPresident Joe Biden spoke. Mr. Li left."
    >>> [text[s.start:s.end] for s in seg.sentences(text)]
    ['In a call, U.S.\\nPresident Joe Biden spoke.', 'Mr. Li left.']
    """

    def __init__(self, params: punkt.PunktParameters | None = None):
        self.params = params or _lexicon_parameters()
        self._punkt = _MemoPunkt(self.params)

    @classmethod
    def trained(cls, texts: Iterable[str]) -> Segmenter:
        """A segmenter whose Punkt is also trained on ``texts`` (unsupervised, no nltk data).

        The lexicons still apply; training adds the corpus's own abbreviations, collocations and
        orthographic context.
        """
        trainer = punkt.PunktTrainer()
        for text in texts:
            for start, end in _pieces(text, 0, len(text)):
                trainer.train(text[start:end], finalize=False)
        trainer.finalize_training()
        params = trainer.get_params()
        lexicon = _lexicon_parameters()
        params.abbrev_types |= lexicon.abbrev_types
        params.sent_starters |= lexicon.sent_starters
        for word, flags in lexicon.ortho_context.items():
            params.add_ortho_context(word, flags)
        return cls(params)

    def sentences(self, text: str, parts: Sequence[tuple[int, int, str]] = ()) -> list[Sentence]:
        """Split ``text`` into sentences.

        ``parts`` are ``(start, end, part)`` spans (byline, dateline, credits) that must each be
        one sentence; everything else is ``body``.
        """
        breaks = paragraph_breaks(text)
        cuts: set[int] = set()
        forced: set[int] = set()
        paragraph_start = 0
        for break_start, break_end in [*breaks, (len(text), len(text))]:
            if break_start > paragraph_start:
                self._paragraph_cuts(text, paragraph_start, break_start, cuts, forced)
            cuts.add(break_start)
            if text[break_end : break_end + 1].isupper():
                # a new paragraph that opens with a capital starts a sentence, whatever ends
                # the one before ("... in the U.S.\n\nFlorida Sen. Marco Rubio says ..."); in
                # lower case it goes on ("several U.S.\n\nofficials said")
                forced.add(break_start)
            paragraph_start = break_end
        for start, end, _ in parts:
            forced.update((start, end))
        kept = sorted(
            cut
            for cut in cuts | forced
            if 0 < cut < len(text) and (cut in forced or _keeps_boundary(text, cut))
        )
        if parts:
            kept = [cut for cut in kept if not _inside(cut, parts)]
        return _assemble(text, kept, [start for start, _ in breaks], parts)

    def _paragraph_cuts(
        self, text: str, start: int, end: int, cuts: set[int], forced: set[int]
    ) -> None:
        pieces = _pieces(text, start, end)
        for piece_start, piece_end in pieces:
            piece = text[piece_start:piece_end]
            for _, sentence_end in self._punkt.span_tokenize(piece):
                cuts.add(piece_start + sentence_end)
        forced.update(piece_end for _, piece_end in pieces[:-1])
        for match in _AFTER_ABBREVIATION.finditer(text, start, end):
            # Judged by _keeps_boundary like every other candidate.
            cut = match.end()
            if _final_abbreviation(text[max(start, cut - 64) : cut]) is not None:
                cuts.add(cut)
        # A line runs from the end of the previous line break, whichever kind it is ("\r\n",
        # "\r", U+2028, ...), or from the start of the paragraph.
        line_start = start
        for match in _SINGLE_LINE_BREAK.finditer(text, start, end):
            line = text[line_start : match.start()].strip()
            if _TERMINAL.search(line) or _is_heading(line) or _BULLET.match(text, match.end()):
                cuts.add(match.start())
            line_start = match.end()


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most :data:`MAX_PIECE_CHARS` characters."""
    pieces = []
    while end - start > MAX_PIECE_CHARS:
        limit = start + MAX_PIECE_CHARS
        window = text[start + MAX_PIECE_CHARS // 2 : limit]
        offset = start + MAX_PIECE_CHARS // 2
        cut = None
        for match in re.finditer(r"[.!?][\"”’')\]]*\s", window):
            cut = offset + match.end() - 1
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = offset + space if space >= 0 else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _is_heading(line: str) -> bool:
    """A line in capitals (``HARSH SANCTIONS``): a heading, a sentence of its own."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters) and len(line) <= 80


def _last_word(before: str) -> str:
    r"""The last white-space-separated token of ``before`` (what ``(\S+)\s*$`` finds, without a
    regex search that tries every position of the window), opening marks stripped."""
    words = before.rsplit(None, 1)
    return words[-1].lstrip("\"“‘'«([") if words else ""


def _final_abbreviation(before: str) -> str | None:
    """The kind of the abbreviation that ``before`` ends with, or ``None``."""
    token = _last_word(before)
    return abbreviation_kind(token) if token.endswith(".") else None


def _ends_with_number_sign(before: str) -> bool:
    """Whether ``before`` ends with the abbreviation "no." or "nos." in any capitalisation."""
    return _last_word(before).casefold() in ("no.", "nos.")


def _keeps_boundary(text: str, cut: int) -> bool:
    """Whether a candidate boundary at ``cut`` really ends a sentence."""
    if not text[cut].isspace():
        return False  # "Eric B.'s": a boundary needs white space after it
    match = _FIRST_WORD.match(text, cut)
    marks, word = match.group(1), match.group(2)
    rest = match.end(1)
    if (word[:1].islower() and not marks.endswith(("(", "["))) or text[
        rest : rest + 1
    ] in _NEVER_START:
        # A sentence does not start in lower case or with ". , ; :"; a bracket may open one
        # ("... on suspicion of rioting. (sp/eml)").
        return False
    kind = _final_abbreviation(text[max(0, cut - 64) : cut])
    if kind is None and word[:1].isdigit() and _ends_with_number_sign(text[max(0, cut - 8) : cut]):
        return False  # "team no. 225": "No." is listed with its capital only ("said no.")
    if kind is None or not (marks or word):
        return True  # no abbreviation, or what follows is no word at all ("U.S.\n\n___")
    if marks:
        # "... Harris Upham & Co. “It’s going ...”" but not "the U.S. “war of choice”"
        return kind == "name-final" or not word
    next_token = text[rest : rest + len(word) + 1]
    return (word in _sentence_starters() and kind != "title") or (
        kind != "title" and abbreviation_kind(next_token) == "honorific"
    )


def _inside(cut: int, parts: Sequence[tuple[int, int, str]]) -> bool:
    return any(start < cut < end for start, end, _ in parts)


def _assemble(
    text: str,
    cuts: list[int],
    paragraph_break_starts: list[int],
    parts: Sequence[tuple[int, int, str]],
) -> list[Sentence]:
    sentences = []
    paragraph_id = 0
    previous_end = 0
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if sentences and _has_break_between(paragraph_break_starts, previous_end, start):
            paragraph_id += 1
        part = "body"
        for part_start, part_end, name in parts:
            if part_start <= start < part_end:
                part = name
                break
        sentences.append(Sentence(start, end, paragraph_id, part))
        previous_end = end
    return sentences


def _has_break_between(break_starts: list[int], left: int, right: int) -> bool:
    index = bisect.bisect_left(break_starts, left)
    return index < len(break_starts) and break_starts[index] < right


@cache
def default_segmenter() -> Segmenter:
    """The lexicon-only segmenter, built once per process."""
    return Segmenter()


def _parts_of(row: dict) -> list[tuple[int, int, str]]:
    parts = []
    for name in ("title", "byline", "dateline", "credits"):
        start, end = row.get(f"{name}_start"), row.get(f"{name}_end")
        if start is not None and end is not None and not pd.isna(start) and not pd.isna(end):
            parts.append((int(start), int(end), name))
    return parts


def sentence_spans(
    text: str, segmenter: Segmenter | None = None, parts: Sequence | None = None
) -> list[Sentence]:
    """Sentences of one text; ``parts`` default to the metadata :func:`find_metadata` finds.

    Examples
    --------
    >>> [s.part for s in sentence_spans("By Ann Lee\\n\\nPARIS (AFP) - It rained. It stopped.")]
    ['byline', 'dateline', 'body', 'body']
    """
    if parts is None:
        meta = find_metadata(text)
        parts = [
            (*span, name)
            for name, span in (
                ("title", meta.title_span),
                ("byline", meta.byline_span),
                ("dateline", meta.dateline_span),
                ("credits", meta.credits_span),
            )
            if span
        ]
    return (segmenter or default_segmenter()).sentences(text, parts)


def body_sentence_spans(
    sentences: pd.DataFrame | dict[str, list], parts: Sequence[str] = ("body",)
) -> list[tuple[int, int, int]]:
    """``(sentence_id, start, end)`` of one article's sentence rows in ``parts`` (by default the
    body: titles, bylines, datelines and credits left out): what the extraction stages search."""
    return [
        (int(sentence_id), int(start), int(end))
        for sentence_id, start, end, part in zip(
            sentences["sentence_id"],
            sentences["start"],
            sentences["end"],
            sentences["part"],
            strict=True,
        )
        if part in parts
    ]


def sentence_columns(row: dict, segmenter: Segmenter | None = None) -> dict[str, list]:
    """The ``sentences`` rows of one ``articles`` row, as column lists (none unless its status
    is ``ok``). The pipeline builds its tables from these, one DataFrame per corpus."""
    if row.get("status") != "ok":
        return {name: [] for name in SENTENCE_COLUMNS}
    text = row["text"]
    has_metadata = any(
        f"{name}_start" in row for name in ("title", "byline", "dateline", "credits")
    )
    parts = _parts_of(row) if has_metadata else None
    sentences = sentence_spans(text, segmenter, parts)
    texts = [text[sentence.start : sentence.end] for sentence in sentences]
    return {
        "article_id": [row["article_id"]] * len(sentences),
        "sentence_id": list(range(len(sentences))),
        "paragraph_id": [sentence.paragraph_id for sentence in sentences],
        "start": [sentence.start for sentence in sentences],
        "end": [sentence.end for sentence in sentences],
        "text": texts,
        "part": [sentence.part for sentence in sentences],
        "n_words": [count_words(sentence_text) for sentence_text in texts],
    }


def words_of_sentences(text: str, sentences: dict[str, list]) -> int:
    """``count_words(text)``, from the word counts of its sentences (:func:`sentence_columns`)
    rather than by counting every word again.

    Sentences hold every character of the text but white space, and no word runs over white
    space; so unless two sentences touch (no white space between them: a word might run from
    one into the next), the text's words are the sum of theirs.

    Examples
    --------
    >>> text = "It rained. It stopped.\\n\\nThen snow."
    >>> sentences = sentence_columns({"article_id": "a", "status": "ok", "text": text})
    >>> sentences["n_words"], words_of_sentences(text, sentences)
    ([2, 2, 2], 6)
    """
    starts, ends = sentences["start"], sentences["end"]
    if any(end >= start for end, start in zip(ends[:-1], starts[1:], strict=True)):
        return count_words(text)  # sentences touch
    return sum(sentences["n_words"])


def article_sentences(row: dict, segmenter: Segmenter | None = None) -> pd.DataFrame:
    """The ``sentences`` rows of one ``articles`` row (none unless its status is ``ok``)."""
    return conform(pd.DataFrame(sentence_columns(row, segmenter)), SENTENCE_COLUMNS)


def split_sentences(articles: pd.DataFrame, segmenter: Segmenter | None = None) -> pd.DataFrame:
    """The ``sentences`` table of an ``articles`` table (from :func:`analysis.load_articles`).

    Parameters
    ----------
    articles
        The articles table; only rows with ``status == "ok"`` have sentences. A DataFrame with
        just ``article_id`` and ``text`` also works (metadata is then found here).
    segmenter
        Default: :func:`default_segmenter`. Pass ``Segmenter.trained(articles.text)`` to train
        Punkt on the corpus as well.

    Examples
    --------
    >>> import analysis
    >>> articles = analysis.load_articles(["It rained. It stopped.\\n\\nThen snow."])
    >>> split_sentences(articles)[["sentence_id", "paragraph_id", "text"]].values.tolist()
    [[0, 0, 'It rained.'], [1, 0, 'It stopped.'], [2, 1, 'Then snow.']]
    """
    if "status" not in articles.columns:
        articles = articles.assign(status="ok")
    frames = [article_sentences(row, segmenter) for row in articles.to_dict("records")]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return conform(pd.DataFrame(), SENTENCE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
