r"""Attributions in BRAT standoff (``.ann`` files), the format of PolNeAR and of the brat tool.

:func:`read_brat` turns ``.ann`` files into a table with one row per attribution event (the
offsets of its source, cue and content); :func:`write_brat` turns an ``attributions`` table
back into ``.ann`` files, each beside a copy of its article's text, that brat can open, so that
results can be checked, or corrected, by eye.

The format, as PolNeAR writes it (``<TAB>`` is a tab)::

    T1<TAB>Source 0 8<TAB>Jane Roe
    T2<TAB>Cue 9 13<TAB>said
    T3<TAB>Content 14 22;30 39<TAB>the vote was close
    T4<TAB>Attribution 9 13<TAB>said
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

A ``T`` line is a span: an id, a label and its offsets (``start end``, pieces of a
discontinuous span separated by ``;``), then the text it covers (the pieces joined by a space).
Offsets are character offsets into the article text read as UTF-8 with no newline translation
(``open(path, encoding="utf-8", newline="")``). Labels are ``Source``, ``Cue``, ``Content``,
``Attribution`` (the trigger of an event, duplicating its cue), ``Discuss`` and ``Discard``. An
``E`` line is an event: its ``type:trigger`` first, then its arguments ``role:span``. Events of
type ``Attribution-no-source`` have no ``Source``, and an event may lack its ``Content`` or
``Cue`` too.

Beyond PolNeAR, this project codes quotations, hedges and a few labels in the same files, so that
one brat folder holds a whole hand coding (:func:`write_brat_config` writes the brat
configuration that declares them)::

    T5<TAB>Quote 30 45<TAB>“very close”
    T6<TAB>Hedge 50 55<TAB>might
    A1<TAB>Kind E1 indirect
    A2<TAB>CueCategory E1 neutral
    A3<TAB>SourceType T1 official
    A4<TAB>QuoteKind T5 partial
    A5<TAB>HedgeCategory T6 modal
    A6<TAB>Voice T6 reporter

A ``Quote`` span is a quotation with its marks (as in the ``quotes`` table); a ``Hedge`` span a
hedging, distancing or boosting cue (as in the ``hedges`` table). An ``A`` line is a brat
attribute: its name, the annotation it qualifies and its value. The attributes, what they
qualify and their values are in :data:`BRAT_ATTRIBUTES`: ``Kind`` and ``CueCategory`` qualify
an attribution event (the values of ``attributions.kind`` and ``attributions.cue_category``),
``SourceType`` a ``Source`` span (``sources.type``), ``QuoteKind`` a ``Quote`` (``quotes.kind``),
``HedgeCategory`` and ``Voice`` a ``Hedge`` (``hedges.category``, ``hedges.voice``; a hedge's
polarity follows from its category). Every attribute is optional: a coder who codes spans only
leaves them out.

Problems are named by file and line. A malformed line, an event referring to a span that is not
there, a label, event type or attribute this module does not know (:data:`BRAT_SPAN_LABELS`,
:data:`BRAT_EVENT_TYPES`, :data:`BRAT_ATTRIBUTES`), an attribute value outside its list, and,
when the article text is given, an offset past its end or a span whose text in the file is not
the article's text at its offsets (compared with runs of white space made one space) are
errors; with ``errors="warn"`` each is instead a :class:`BratWarning` and the annotation it
spoils (the line, the span, the event that needs the span) is left out, the rest read.
Relation (``R``), normalisation (``N``) and modifier (``M``) lines and brat notes are skipped.
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from analysis.tables import (
    ATTRIBUTION_KINDS,
    CUE_CATEGORIES,
    HEDGE_CATEGORIES,
    HEDGE_POLARITIES,
    HEDGE_VOICES,
    QUOTE_KINDS,
    SOURCE_TYPES,
    conform,
)

__all__ = [
    "BRAT_ATTRIBUTES",
    "BRAT_ATTRIBUTION_COLUMNS",
    "BRAT_EVENT_TYPES",
    "BRAT_HEDGE_COLUMNS",
    "BRAT_QUOTE_COLUMNS",
    "BRAT_SPAN_LABELS",
    "BratWarning",
    "annotation_conf",
    "format_spans",
    "list_brat_files",
    "parse_spans",
    "read_brat",
    "read_brat_tables",
    "visual_conf",
    "write_brat",
    "write_brat_config",
]

#: Event types that are attributions.
BRAT_EVENT_TYPES = ("Attribution", "Attribution-no-source")

#: Span labels: PolNeAR's (``Discuss`` and ``Discard`` belong to no event and are skipped),
#: and this project's ``Quote`` and ``Hedge``.
BRAT_SPAN_LABELS = (
    "Source",
    "Cue",
    "Content",
    *BRAT_EVENT_TYPES,
    "Discuss",
    "Discard",
    "Quote",
    "Hedge",
)

#: brat attributes: name -> (what it qualifies: ``"event"`` an attribution event, else a span
#: label; the values it may take).
BRAT_ATTRIBUTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Kind": ("event", ATTRIBUTION_KINDS),
    "CueCategory": ("event", CUE_CATEGORIES),
    "SourceType": ("Source", SOURCE_TYPES),
    "QuoteKind": ("Quote", QUOTE_KINDS),
    "HedgeCategory": ("Hedge", HEDGE_CATEGORIES),
    "Voice": ("Hedge", HEDGE_VOICES),
}

#: Columns and dtypes of the table :func:`read_brat` returns (see its docstring).
BRAT_ATTRIBUTION_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "annotator": "string",
    "attribution_id": "int64",
    "source_start": "Int64",
    "source_end": "Int64",
    "cue_start": "Int64",
    "cue_end": "Int64",
    "content_start": "Int64",
    "content_end": "Int64",
    "source_spans": "string",
    "cue_spans": "string",
    "content_spans": "string",
    "source_text": "string",
    "cue_text": "string",
    "content_text": "string",
    "kind": pd.CategoricalDtype(ATTRIBUTION_KINDS),
    "cue_category": pd.CategoricalDtype(CUE_CATEGORIES),
    "source_type": pd.CategoricalDtype(SOURCE_TYPES),
}

_SPAN_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "annotator": "string",
    "start": "int64",
    "end": "int64",
    "spans": "string",
    "text": "string",
}

#: Columns of the ``quotes`` table :func:`read_brat_tables` returns: one row per ``Quote`` span.
BRAT_QUOTE_COLUMNS: dict[str, object] = {
    **dict(list(_SPAN_COLUMNS.items())[:2]),
    "quote_id": "int64",
    **dict(list(_SPAN_COLUMNS.items())[2:]),
    "kind": pd.CategoricalDtype(QUOTE_KINDS),
}

#: Columns of the ``hedges`` table :func:`read_brat_tables` returns: one row per ``Hedge`` span.
BRAT_HEDGE_COLUMNS: dict[str, object] = {
    **dict(list(_SPAN_COLUMNS.items())[:2]),
    "hedge_id": "int64",
    **dict(list(_SPAN_COLUMNS.items())[2:]),
    "category": pd.CategoricalDtype(HEDGE_CATEGORIES),
    "polarity": pd.CategoricalDtype(HEDGE_POLARITIES),
    "voice": pd.CategoricalDtype(HEDGE_VOICES),
}

_ROLES = {"source": "Source", "cue": "Cue", "content": "Content"}
# The table column each attribute fills, per kind of row.
_ATTRIBUTE_COLUMNS = {
    "Kind": "kind",
    "CueCategory": "cue_category",
    "SourceType": "source_type",
    "QuoteKind": "kind",
    "HedgeCategory": "category",
    "Voice": "voice",
}
# An annotation line starts with its id and a tab; any other line continues the text of the
# line before it (PolNeAR's span texts keep the article's line breaks).
_ANNOTATION_LINE = re.compile(r"[A-Z]+\d+\t")
_NOTE_LINE = re.compile(r"#\d*\t")  # brat's AnnotatorNotes: not attributions
_SPAN_FIELD = re.compile(r"(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)")
_PIECE = re.compile(r"([0-9]+) ([0-9]+)")
_ARGUMENT = re.compile(r"([^:\s]+):([A-Z]+\d+)")
_ROLE_NUMBER = re.compile(r"\d+$")  # PolNeAR numbers a second content argument "Content2"
_NEWLINES = re.compile(r"[\r\n]")
_WHITE_SPACE = re.compile(r"\s+")


class BratWarning(UserWarning):
    """A problem in a BRAT file, left out of what was read (``errors="warn"``); the message
    names the file and the line."""


def parse_spans(spans: str) -> list[tuple[int, int]]:
    """Parse BRAT-style offsets ``"start end;start end"`` into ``(start, end)`` pieces.

    Raises ``ValueError`` for anything else, or for a piece that ends before it starts.

    Examples
    --------
    >>> parse_spans("14 22;30 39")
    [(14, 22), (30, 39)]
    """
    pieces = []
    for piece in str(spans).split(";"):
        match = _PIECE.fullmatch(piece.strip())
        if match is None:
            raise ValueError(f"spans must look like 'start end;start end', not {spans!r}")
        start, end = int(match[1]), int(match[2])
        if start > end:
            raise ValueError(f"a span piece ends before it starts: {piece.strip()!r} in {spans!r}")
        pieces.append((start, end))
    return pieces


def format_spans(pieces: Iterable[tuple[int, int]]) -> str:
    """Write ``(start, end)`` pieces as BRAT-style offsets, the inverse of :func:`parse_spans`.

    Examples
    --------
    >>> format_spans([(14, 22), (30, 39)])
    '14 22;30 39'
    """
    return ";".join(f"{int(start)} {int(end)}" for start, end in pieces)


@dataclass
class _Span:
    label: str
    pieces: list[tuple[int, int]]
    surface: str
    line: int


@dataclass
class _Event:
    identifier: str
    event_type: str
    trigger: str
    arguments: list[tuple[str, str]]
    line: int


@dataclass
class _Attribute:
    name: str
    target: str
    value: str | None
    line: int


@dataclass
class _Annotations:
    """What one ``.ann`` file holds, by id and in file order."""

    spans: dict[str, _Span] = field(default_factory=dict)
    events: list[_Event] = field(default_factory=list)
    attributes: list[_Attribute] = field(default_factory=list)
    # ids of annotations left out (errors="warn"), and the line that defined them
    left_out: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the file's lines, for messages


Report = Callable[[str], None]


def _reporter(errors: str) -> Report:
    """What to do with a problem: raise it (``"raise"``) or warn and go on (``"warn"``)."""
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")

    def report(message: str) -> None:
        if errors == "raise":
            raise ValueError(message)
        warnings.warn(message, BratWarning, stacklevel=4)

    return report


def _where(path: Path, number: int, what: str, line: str) -> str:
    shown = line if len(line) <= 80 else line[:77] + "..."
    return f"{path}, line {number}: {what}: {shown!r}"


def _parse_ann(path: Path, report: Report) -> _Annotations:
    """The span, event and attribute lines of one ``.ann`` file."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final line break ends the last line; it starts no new one
    found = _Annotations(lines=lines)
    continued: _Span | None = None
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not _ANNOTATION_LINE.match(line):
            if continued is not None and not _NOTE_LINE.match(line):
                continued.surface += "\n" + line
            else:
                continued = None
            continue
        continued = None
        identifier, _, rest = line.partition("\t")
        if identifier in seen:
            report(_where(path, number, f"{identifier} is defined twice", line))
            continue
        seen.add(identifier)
        kind = identifier.rstrip("0123456789")
        if kind == "T":
            continued = _read_span_line(path, number, line, identifier, rest, found, report)
        elif kind == "E":
            _read_event_line(path, number, line, identifier, rest, found, report)
        elif kind == "A":
            _read_attribute_line(path, number, line, rest, found, report)
        # Other kinds (R relations, N normalisations, M modifiers) carry nothing read here.
    return found


def _read_span_line(
    path: Path,
    number: int,
    line: str,
    identifier: str,
    rest: str,
    found: _Annotations,
    report: Report,
) -> _Span | None:
    field_, _, surface = rest.partition("\t")
    match = _SPAN_FIELD.fullmatch(field_.strip())
    if match is None:
        report(
            _where(
                path, number, "a span line must be 'T<n><TAB><label> <start> <end><TAB>text'", line
            )
        )
        found.left_out[identifier] = number
        return None
    try:
        pieces = parse_spans(match[2])
    except ValueError as error:
        report(_where(path, number, str(error), line))
        found.left_out[identifier] = number
        return None
    if match[1] not in BRAT_SPAN_LABELS:
        report(
            _where(
                path,
                number,
                f"unknown label {match[1]!r} (known: {', '.join(BRAT_SPAN_LABELS)})",
                line,
            )
        )
        found.left_out[identifier] = number
        return None
    span = _Span(match[1], pieces, surface, number)
    found.spans[identifier] = span
    return span


def _read_event_line(
    path: Path,
    number: int,
    line: str,
    identifier: str,
    rest: str,
    found: _Annotations,
    report: Report,
) -> None:
    arguments = []
    for token in rest.split():
        match = _ARGUMENT.fullmatch(token)
        if match is None:
            report(
                _where(path, number, f"an event argument must be 'Role:T<n>', not {token!r}", line)
            )
            return
        arguments.append((match[1], match[2]))
    if not arguments:
        report(_where(path, number, "an event line needs at least 'Type:T<n>'", line))
        return
    (event_type, trigger), *rest_arguments = arguments
    if event_type not in BRAT_EVENT_TYPES:
        report(
            _where(
                path,
                number,
                f"unknown event type {event_type!r} (known: {', '.join(BRAT_EVENT_TYPES)})",
                line,
            )
        )
        found.left_out[identifier] = number
        return
    found.events.append(_Event(identifier, event_type, trigger, rest_arguments, number))


def _read_attribute_line(
    path: Path, number: int, line: str, rest: str, found: _Annotations, report: Report
) -> None:
    fields = rest.split()
    if len(fields) not in (2, 3):
        report(_where(path, number, "an attribute line must be 'A<n><TAB>Name T<n> value'", line))
        return
    name, target = fields[0], fields[1]
    value = fields[2] if len(fields) == 3 else None
    if name not in BRAT_ATTRIBUTES:
        report(
            _where(
                path,
                number,
                f"unknown attribute {name!r} (known: {', '.join(BRAT_ATTRIBUTES)})",
                line,
            )
        )
        return
    values = BRAT_ATTRIBUTES[name][1]
    if value not in values:
        report(
            _where(path, number, f"{name} must be one of {', '.join(values)}, not {value!r}", line)
        )
        return
    found.attributes.append(_Attribute(name, target, value, number))


def _check_against_text(
    path: Path, found: _Annotations, text: str | None, lines: list[str], report: Report
) -> None:
    """Drop (or refuse) spans that do not fit the article text: past its end, or whose text in
    the file is not the article's at their offsets."""
    if text is None:
        return
    for identifier, span in list(found.spans.items()):
        end = max(piece_end for _, piece_end in span.pieces)
        if end > len(text):
            problem = (
                f"offset {end} lies beyond the end of the text ({len(text)} characters); "
                "is it the text this file annotates?"
            )
        else:
            expected = " ".join(text[start:stop] for start, stop in span.pieces)
            if (
                _WHITE_SPACE.sub(" ", expected).strip()
                == _WHITE_SPACE.sub(" ", span.surface).strip()
            ):
                continue
            shown = expected if len(expected) <= 40 else expected[:37] + "..."
            problem = (
                f"the span's text is not the article's text at {format_spans(span.pieces)} "
                f"({shown!r}); is it the text this file annotates?"
            )
        report(_where(path, span.line, problem, lines[span.line - 1]))
        del found.spans[identifier]
        found.left_out[identifier] = span.line


def _missing_target(path: Path, found: _Annotations, target: str, number: int, line: str) -> str:
    if target in found.left_out:
        what = f"refers to {target}, left out above (line {found.left_out[target]})"
    else:
        what = f"the event refers to {target}, which is not a span line of this file"
    return _where(path, number, what, line)


def _annotator(article_id: str, file: Path, text_folder: Path) -> str | None:
    """``abc`` for PolNeAR's ``<stem>_abc.ann`` when no text is named after the full stem."""
    if "_" not in file.stem:
        return None
    if file.with_suffix(".txt").exists() or (text_folder / f"{article_id}.txt").exists():
        return None
    return file.stem.rsplit("_", 1)[1]


def _ann_files(path: Path) -> list[tuple[str, Path, Path]]:
    """(article_id, .ann file, sibling text folder) for a file or every ``.ann`` below a folder."""
    if path.is_dir():
        files = sorted(path.rglob("*.ann"), key=lambda p: p.relative_to(path).as_posix())
        return [
            (file.relative_to(path).with_suffix("").as_posix(), file, path.parent / "text")
            for file in files
        ]
    if path.is_file():
        return [(path.stem, path, path.parent.parent / "text")]
    raise FileNotFoundError(f"no .ann file or folder at {path}")


def _texts_by_id(text: str | Mapping[str, str] | pd.DataFrame | None) -> Any:
    if isinstance(text, pd.DataFrame):
        missing = [c for c in ("article_id", "text") if c not in text.columns]
        if missing:
            raise ValueError(
                f"text as a DataFrame needs the columns 'article_id' and 'text'; it lacks {missing}"
            )
        return {
            str(k): v
            for k, v in zip(text["article_id"], text["text"], strict=True)
            if isinstance(v, str)
        }
    return text


def _article_text(
    texts: Any, article_id: str, annotator: str | None, file: Path
) -> tuple[bool, str | None]:
    """(found, text): the text for one file; ``found`` is false when a mapping lacks it."""
    if texts is None or isinstance(texts, str):
        return True, texts
    if article_id in texts:
        return True, texts[article_id]
    bare = article_id.removesuffix(f"_{annotator}") if annotator else None
    if bare is not None and bare in texts:
        return True, texts[bare]
    return False, None


def _role_columns(role: str, spans: list[_Span], text: str | None) -> dict[str, Any]:
    if not spans:
        return {}
    pieces = sorted({piece for span in spans for piece in span.pieces})
    start, end = pieces[0][0], max(piece_end for _, piece_end in pieces)
    surface = text[start:end] if text is not None else " ".join(span.surface for span in spans)
    return {
        f"{role}_start": start,
        f"{role}_end": end,
        f"{role}_spans": format_spans(pieces),
        f"{role}_text": surface,
    }


def _attribute_values(
    path: Path, found: _Annotations, lines: list[str], report: Report
) -> dict[str, dict[str, str]]:
    """Attribute values by the id they qualify, checked against what that id is."""
    event_ids = {event.identifier for event in found.events}
    values: dict[str, dict[str, str]] = {}
    for attribute in found.attributes:
        qualifies = BRAT_ATTRIBUTES[attribute.name][0]
        target = attribute.target
        if qualifies == "event":
            fits = target in event_ids
            wanted = "an attribution event (E<n>)"
        else:
            fits = target in found.spans and found.spans[target].label == qualifies
            wanted = f"a {qualifies} span"
        if not fits:
            if target in found.left_out:
                what = f"qualifies {target}, left out above (line {found.left_out[target]})"
            else:
                what = f"{attribute.name} qualifies {wanted}, and {target} is not one"
            report(_where(path, attribute.line, what, lines[attribute.line - 1]))
            continue
        values.setdefault(target, {})[_ATTRIBUTE_COLUMNS[attribute.name]] = attribute.value
    return values


def _read_file(
    file: Path, article_id: str, annotator: str | None, text: str | None, report: Report
) -> dict[str, list[dict[str, Any]]]:
    """The attribution, quote and hedge rows of one ``.ann`` file."""
    found = _parse_ann(file, report)
    lines = found.lines
    _check_against_text(file, found, text, lines, report)
    values = _attribute_values(file, found, lines, report)
    rows: dict[str, list[dict[str, Any]]] = {"attributions": [], "quotes": [], "hedges": []}
    for event in found.events:
        targets = [event.trigger, *(target for _, target in event.arguments)]
        missing = [target for target in targets if target not in found.spans]
        if missing:
            report(_missing_target(file, found, missing[0], event.line, lines[event.line - 1]))
            continue
        by_role: dict[str, list[_Span]] = {role: [] for role in _ROLES}
        source_ids = []
        for name, target in event.arguments:
            role = _ROLE_NUMBER.sub("", name).lower()
            if role in by_role:
                by_role[role].append(found.spans[target])
            if role == "source":
                source_ids.append(target)
        if not by_role["cue"]:
            # The trigger duplicates the cue (in 99.96% of PolNeAR's events that have both the
            # spans are identical); a few events have only the trigger.
            by_role["cue"] = [found.spans[event.trigger]]
        row: dict[str, Any] = {
            "article_id": article_id,
            "annotator": annotator,
            "attribution_id": len(rows["attributions"]),
        }
        for role, role_spans in by_role.items():
            row.update(_role_columns(role, role_spans, text))
        row.update(values.get(event.identifier, {}))
        for source_id in source_ids:
            row.update(values.get(source_id, {}))
        rows["attributions"].append(row)
    for identifier, span in found.spans.items():
        table = {"Quote": "quotes", "Hedge": "hedges"}.get(span.label)
        if table is None:
            continue
        start, end = span.pieces[0][0], max(piece_end for _, piece_end in span.pieces)
        row = {
            "article_id": article_id,
            "annotator": annotator,
            f"{table[:-1]}_id": 0,  # numbered in text order below
            "start": start,
            "end": end,
            "spans": format_spans(span.pieces),
            "text": text[start:end] if text is not None else span.surface,
            **values.get(identifier, {}),
        }
        if table == "hedges" and row.get("category") is not None:
            row["polarity"] = "booster" if row["category"] == "booster" else "hedge"
        rows[table].append(row)
    for table in ("quotes", "hedges"):
        rows[table].sort(key=lambda row: (row["start"], row["end"]))
        for number, row in enumerate(rows[table]):
            row[f"{table[:-1]}_id"] = number
    return rows


def read_brat_tables(
    path: str | os.PathLike,
    text: str | Mapping[str, str] | pd.DataFrame | None = None,
    errors: str = "raise",
) -> dict[str, pd.DataFrame]:
    r"""Read every attribution, quotation and hedge of one ``.ann`` file or a folder of them.

    Parameters
    ----------
    path, text
        As for :func:`read_brat`.
    errors
        ``"raise"`` (default): a problem in a file is a ``ValueError`` naming the file and the
        line. ``"warn"``: it is a :class:`BratWarning` instead, the annotation it spoils is left
        out and the rest is read; a file whose text is missing from ``text`` is left out whole.

    Returns
    -------
    dict of pandas.DataFrame
        ``attributions`` (what :func:`read_brat` returns), ``quotes`` (one row per ``Quote``
        span: :data:`BRAT_QUOTE_COLUMNS`) and ``hedges`` (one row per ``Hedge`` span:
        :data:`BRAT_HEDGE_COLUMNS`). Quotes and hedges are numbered (``quote_id``,
        ``hedge_id``) in text order per file; ``start`` and ``end`` are a span's outer bounds,
        ``spans`` its pieces, ``text`` the text between the bounds (or the file's surface text
        without ``text``), and the label columns (``kind``; ``category``, ``voice``) come from
        the span's attributes, missing where it has none. A hedge's ``polarity`` is
        ``booster`` for the ``booster`` category, else ``hedge``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.ann").write_text(
    ...     "T1\tQuote 9 18\t“so-so”\nA1\tQuoteKind T1 partial\n"
    ...     "T2\tHedge 0 5\tMaybe\nA2\tHedgeCategory T2 probability\n",
    ...     encoding="utf-8",
    ... )
    >>> tables = read_brat_tables(folder)
    >>> tables["quotes"][["text", "kind"]].values.tolist()
    [['“so-so”', 'partial']]
    >>> tables["hedges"][["start", "end", "category", "polarity"]].values.tolist()
    [[0, 5, 'probability', 'hedge']]
    """
    report = _reporter(errors)
    root = Path(path)
    files = _ann_files(root)
    if isinstance(text, str) and len(files) > 1:
        raise ValueError(
            f"{root} holds {len(files)} .ann files: pass `text` as a mapping from article id "
            "to text (or an articles DataFrame), not a single string"
        )
    texts = _texts_by_id(text)
    rows: dict[str, list[dict[str, Any]]] = {"attributions": [], "quotes": [], "hedges": []}
    for article_id, file, text_folder in files:
        annotator = _annotator(article_id, file, text_folder)
        found, article_text = _article_text(texts, article_id, annotator, file)
        if not found:
            bare = article_id.removesuffix(f"_{annotator}") if annotator else None
            tried = repr(article_id) + (f" or {bare!r}" if bare else "")
            report(
                f"no text for {file} (looked up {tried}); add the article text it annotates to "
                "`text` (for a folder: as <stem>.txt beside the .ann file), or leave `text` out"
            )
            continue
        for table, table_rows in _read_file(
            file, article_id, annotator, article_text, report
        ).items():
            rows[table].extend(table_rows)
    schemas = {
        "attributions": BRAT_ATTRIBUTION_COLUMNS,
        "quotes": BRAT_QUOTE_COLUMNS,
        "hedges": BRAT_HEDGE_COLUMNS,
    }
    return {
        table: conform(pd.DataFrame(rows[table], columns=list(schema)), schema)
        for table, schema in schemas.items()
    }


def read_brat(
    path: str | os.PathLike,
    text: str | Mapping[str, str] | pd.DataFrame | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    r"""Read attribution events from one ``.ann`` file or every ``.ann`` file below a folder.

    Parameters
    ----------
    path
        An ``.ann`` file, or a folder searched recursively for them (in sorted order).
    text
        The annotated article text, to take each role's text from and to check the file
        against: a string (for one file), or a mapping (or a DataFrame with ``article_id`` and
        ``text`` columns, like the ``articles`` table) from article id to text. Without it,
        each role's text is the surface text written in the ``.ann`` file, unchecked.
    errors
        ``"raise"`` (default) or ``"warn"``: see :func:`read_brat_tables`.

    Returns
    -------
    pandas.DataFrame
        One row per ``Attribution`` or ``Attribution-no-source`` event, in file order, with
        the columns of :data:`BRAT_ATTRIBUTION_COLUMNS`:

        =================================  =========================================================
        ``article_id``                     the file's stem; for a folder, its path relative to the
                                           folder without suffix (``nyt/a12``), as for
                                           :func:`analysis.load_articles`
        ``annotator``                      for PolNeAR's ``<stem>_<annotator>.ann`` names: the part
                                           after the last ``_``, when neither ``<full stem>.txt``
                                           beside the file nor ``../text/<full stem>.txt`` exists;
                                           else missing. ``article_id`` keeps the full stem.
        ``attribution_id``                 0, 1, ... per file, in the order of the events
        ``{role}_start``, ``{role}_end``   outer bounds of the role's span (``Int64``, missing when
                                           the event has no such argument), for ``source``,
                                           ``cue``, ``content``
        ``{role}_spans``                   every piece, ``"start end;start end"``, sorted (several
                                           arguments of one role, as PolNeAR's ``Content`` and
                                           ``Content2``, are merged)
        ``{role}_text``                    ``text[start:end]`` when ``text`` is given, else the
                                           ``.ann`` surface text (pieces joined by a space)
        ``kind``, ``cue_category``         the event's ``Kind`` and ``CueCategory`` attributes
                                           (categories as in the ``attributions`` table), missing
                                           where it has none
        ``source_type``                    its ``Source`` span's ``SourceType`` attribute (the
                                           categories of ``sources.type``)
        =================================  =========================================================

        An event without a ``Cue`` argument takes its trigger span as the cue (the trigger
        duplicates the cue by definition).

    Raises
    ------
    ValueError
        With ``errors="raise"``, for any problem listed in the module docstring (a malformed
        line, an event referring to an undefined span, an unknown label or attribute, an offset
        beyond the end of the given text, a span text that is not the article's), naming the
        file and the line.

    Notes
    -----
    Lines that do not start with an annotation id (``T3<TAB>``) continue the surface text of
    the span line above them (span texts may contain line breaks) and are otherwise skipped,
    as are brat notes (``#1<TAB>AnnotatorNotes ...``), relation and normalisation lines.
    ``Discuss`` and ``Discard`` spans belong to no event; ``Quote`` and ``Hedge`` spans are read
    by :func:`read_brat_tables`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.ann").write_text(
    ...     "T1\tSource 0 8\tJane Roe\nT2\tCue 9 13\tsaid\nT3\tContent 14 24\tit rained.\n"
    ...     "T4\tAttribution 9 13\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
    ...     encoding="utf-8",
    ... )
    >>> table = read_brat(folder / "a1.ann")
    >>> table[["article_id", "source_text", "cue_start", "content_spans"]].values.tolist()
    [['a1', 'Jane Roe', 9, '14 24']]
    """
    return read_brat_tables(path, text, errors)["attributions"]


def list_brat_files(path: str | os.PathLike) -> pd.DataFrame:
    """Every ``.ann`` file of a folder (or the one file), with the article id :func:`read_brat`
    gives it and the text file it annotates.

    Returns
    -------
    pandas.DataFrame
        ``article_id`` and ``annotator`` (as in :func:`read_brat`), ``ann_path`` and
        ``text_path``: ``<stem>.txt`` beside the ``.ann`` file, else PolNeAR's
        ``../text/<stem>.txt`` (with or without the ``_<annotator>`` suffix), else missing.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text("Ann said so.", encoding="utf-8")
    >>> _ = (folder / "a1.ann").write_text("", encoding="utf-8")
    >>> files = list_brat_files(folder)
    >>> files["article_id"].tolist(), Path(files["text_path"][0]).name
    (['a1'], 'a1.txt')
    """
    rows = []
    for article_id, file, text_folder in _ann_files(Path(path)):
        annotator = _annotator(article_id, file, text_folder)
        candidates = [file.with_suffix(".txt"), text_folder / f"{article_id}.txt"]
        if annotator:
            candidates.append(text_folder / f"{article_id.removesuffix('_' + annotator)}.txt")
        text_file = next((candidate for candidate in candidates if candidate.is_file()), None)
        rows.append(
            {
                "article_id": article_id,
                "annotator": annotator,
                "ann_path": str(file),
                "text_path": None if text_file is None else str(text_file),
            }
        )
    columns = ["article_id", "annotator", "ann_path", "text_path"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _pieces(row: Mapping[str, Any], prefix: str) -> list[tuple[int, int]] | None:
    """A row's pieces: from ``{prefix}spans`` if given, else ``{prefix}start``/``{prefix}end``."""
    spans = row.get(f"{prefix}spans")
    if not _missing(spans) and str(spans).strip():
        return sorted(parse_spans(spans))
    start, end = row.get(f"{prefix}start"), row.get(f"{prefix}end")
    if _missing(start) and _missing(end):
        return None
    if _missing(start) or _missing(end):
        raise ValueError(f"{prefix}start and {prefix}end must both be given or both be missing")
    return [(int(start), int(end))]


def _span_line(identifier: str, label: str, pieces: list[tuple[int, int]], text: str) -> str:
    surface = _NEWLINES.sub(" ", " ".join(text[start:end] for start, end in pieces))
    return f"{identifier}\t{label} {format_spans(pieces)}\t{surface}"


class _AnnWriter:
    """The lines of one ``.ann`` file, numbering spans and attributes as they are added and
    checking every span against the article text."""

    def __init__(self, text: str):
        self.text = text
        self.lines: list[str] = []
        self.n_spans = 0
        self.n_attributes = 0

    def span(self, label: str, pieces: list[tuple[int, int]], where: str, what: str) -> str:
        for start, end in pieces:
            if not 0 <= start < end <= len(self.text):
                raise ValueError(
                    f"{where}: the {what} piece {start}-{end} is empty or lies outside the "
                    f"text ({len(self.text)} characters); fix or drop the row"
                )
        self.n_spans += 1
        identifier = f"T{self.n_spans}"
        self.lines.append(_span_line(identifier, label, pieces, self.text))
        return identifier

    def attribute(self, name: str, target: str, value: Any, where: str) -> None:
        if _missing(value):
            return
        allowed = BRAT_ATTRIBUTES[name][1]
        if str(value) not in allowed:
            raise ValueError(
                f"{where}: {_ATTRIBUTE_COLUMNS[name]} {value!r} is not one of "
                f"{', '.join(allowed)}; fix or drop the row"
            )
        self.n_attributes += 1
        self.lines.append(f"A{self.n_attributes}\t{name} {target} {value}")

    def content(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def _ann_text(
    article_id: str,
    text: str,
    attributions: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    hedges: list[dict[str, Any]],
) -> str:
    """The ``.ann`` content for one article's rows (checked against its text)."""
    writer = _AnnWriter(text)
    for event_number, row in enumerate(attributions, 1):
        where = f"article {article_id!r}, attribution {row.get('attribution_id', event_number - 1)}"
        span_ids: dict[str, str] = {}
        pieces_by_role: dict[str, list[tuple[int, int]]] = {}
        for role, label in _ROLES.items():
            try:
                pieces = _pieces(row, f"{role}_")
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None
            if pieces is None:
                continue
            span_ids[role] = writer.span(label, pieces, where, role)
            pieces_by_role[role] = pieces
        if "cue" not in span_ids:
            raise ValueError(f"{where}: has no cue, and a brat event needs one as its trigger")
        # brat requires a trigger's label to be its event's type (PolNeAR does the same).
        event_type = BRAT_EVENT_TYPES[0] if "source" in span_ids else BRAT_EVENT_TYPES[1]
        trigger = writer.span(event_type, pieces_by_role["cue"], where, "cue")
        arguments = [f"{event_type}:{trigger}"]
        arguments += [
            f"{_ROLES[r]}:{span_ids[r]}" for r in ("content", "cue", "source") if r in span_ids
        ]
        event = f"E{event_number}"
        writer.lines.append(f"{event}\t" + " ".join(arguments))
        writer.attribute("Kind", event, row.get("kind"), where)
        writer.attribute("CueCategory", event, row.get("cue_category"), where)
        if "source" in span_ids:
            writer.attribute("SourceType", span_ids["source"], row.get("source_type"), where)
    for label, rows, attributes in (
        ("Quote", quotes, {"QuoteKind": "kind"}),
        ("Hedge", hedges, {"HedgeCategory": "category", "Voice": "voice"}),
    ):
        for number, row in enumerate(rows):
            number = row.get(f"{label.lower()}_id", number)
            where = f"article {article_id!r}, {label.lower()} {number}"
            try:
                pieces = _pieces(row, "")
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None
            if pieces is None:
                raise ValueError(f"{where}: has no start and end")
            identifier = writer.span(label, pieces, where, label.lower())
            for name, column in attributes.items():
                writer.attribute(name, identifier, row.get(column), where)
    return writer.content()


def _write_text_atomically(target: Path, content: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _relative_path(article_id: str) -> PurePosixPath:
    relative = PurePosixPath(article_id)
    if not article_id or relative.is_absolute() or ".." in relative.parts:
        raise ValueError(
            f"article id {article_id!r} cannot name a file inside the output folder; "
            "give the articles ids without '..' or a leading '/'"
        )
    return relative


def _rows_by_article(
    name: str, frame: pd.DataFrame | None, texts: Mapping[str, str], order: str
) -> dict[str, list[dict[str, Any]]]:
    """A table's rows per written article, in ``order``; rows of other articles are refused."""
    by_article: dict[str, list[dict[str, Any]]] = {article_id: [] for article_id in texts}
    if frame is None:
        return by_article
    if "article_id" not in frame.columns:
        raise ValueError(f"{name} lacks the column(s) ['article_id']")
    if order in frame.columns:
        frame = frame.sort_values(["article_id", order], kind="stable")
    unknown = []
    for row in frame.to_dict("records"):
        article_id = str(row["article_id"])
        if article_id in by_article:
            by_article[article_id].append(row)
        else:
            unknown.append(article_id)
    if unknown:
        shown = ", ".join(map(repr, sorted(set(unknown))[:5]))
        raise ValueError(
            f"{name} of article(s) {shown} that are not among the articles written "
            "(those with status 'ok'); pass those articles too, or drop their rows"
        )
    return by_article


def write_brat(
    attributions: pd.DataFrame,
    articles: pd.DataFrame,
    out_dir: str | os.PathLike,
    quotes: pd.DataFrame | None = None,
    hedges: pd.DataFrame | None = None,
) -> list[Path]:
    r"""Write attributions (and quotations, hedges) as brat files: ``<article_id>.ann`` beside
    ``<article_id>.txt``.

    One ``.ann`` file (empty if the article has nothing to write) and a copy of the text for
    every article whose ``status`` is ``"ok"`` (every article, if there is no ``status``
    column); ids with ``/`` make subfolders. Per attribution, in ``attribution_id`` order: a
    ``Source`` span line (if it has a source), ``Cue``, ``Content`` (its pieces from
    ``content_spans`` when given, else ``content_start``/``content_end``; likewise
    ``source_spans`` and ``cue_spans`` if the table has them), the trigger (a copy of the cue,
    labelled with the event type) and the event, of type ``Attribution``, or
    ``Attribution-no-source`` when there is no source; then its ``Kind`` and ``CueCategory``
    attributes and its source's ``SourceType``, from the columns ``kind``, ``cue_category`` and
    ``source_type`` where the table has them and they are not missing. Attributions without a
    cue (floating quotation paragraphs) have no trigger for a brat event and are left out.
    Then a ``Quote`` span per row of ``quotes`` (with ``QuoteKind`` from ``kind``) and a
    ``Hedge`` span per row of ``hedges`` (``HedgeCategory`` from ``category``, ``Voice`` from
    ``voice``), each from ``spans``, else ``start`` and ``end``. A span line's text is its
    pieces' text joined by a space, line breaks replaced by spaces. Each file is written under a
    temporary name and then renamed into place; texts are written without newline
    translation, so the offsets hold. The format is described in the module docstring.

    Parameters
    ----------
    attributions
        An ``attributions`` table (or :func:`read_brat`'s): ``article_id``, ``cue_start``,
        ``cue_end``, and optionally the source and content columns and the label columns.
    articles
        The ``articles`` table, or any DataFrame with ``article_id`` and ``text``.
    out_dir
        The folder to write into (created if needed).
    quotes, hedges
        Optionally the ``quotes`` and ``hedges`` tables (or :func:`read_brat_tables`'), to
        write too.

    Returns
    -------
    list of pathlib.Path
        The ``.ann`` files written, in the order of ``articles``. ``read_brat_tables(out_dir)``
        reads them back with the same spans and labels.

    Raises
    ------
    ValueError
        For missing columns, rows of articles that are not written, a span that is empty or
        lies outside its text, or a label outside its categories. Nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> articles = pd.DataFrame({"article_id": ["a1"], "text": ["Jane Roe said it rained."]})
    >>> attributions = pd.DataFrame({
    ...     "article_id": ["a1"], "source_start": [0], "source_end": [8],
    ...     "cue_start": [9], "cue_end": [13], "content_start": [14], "content_end": [24],
    ... })
    >>> out = tempfile.mkdtemp()
    >>> [path.name for path in write_brat(attributions, articles, out)]
    ['a1.ann']
    >>> print(Path(out, "a1.ann").read_text(encoding="utf-8").replace("\t", " | "), end="")
    T1 | Source 0 8 | Jane Roe
    T2 | Cue 9 13 | said
    T3 | Content 14 24 | it rained.
    T4 | Attribution 9 13 | said
    E1 | Attribution:T4 Content:T3 Cue:T2 Source:T1
    """
    for name, frame, needed in (
        ("articles", articles, ("article_id", "text")),
        ("attributions", attributions, ("article_id", "cue_start", "cue_end")),
        ("quotes", quotes, ("article_id",)),
        ("hedges", hedges, ("article_id",)),
    ):
        missing = [] if frame is None else [c for c in needed if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks the column(s) {missing}")
    # A floating attribution has no cue, so no trigger for a brat event: it is left out.
    attributions = attributions[attributions["cue_start"].notna()]
    written_articles = articles
    if "status" in articles.columns:
        written_articles = articles[articles["status"].astype("string") == "ok"]
    texts = {
        str(article_id): "" if _missing(text) else str(text)
        for article_id, text in zip(
            written_articles["article_id"], written_articles["text"], strict=True
        )
    }
    attribution_rows = _rows_by_article("attributions", attributions, texts, "attribution_id")
    quote_rows = _rows_by_article("quotes", quotes, texts, "quote_id")
    hedge_rows = _rows_by_article("hedges", hedges, texts, "hedge_id")
    # Everything is checked before the first file is written.
    contents = {
        article_id: (
            _relative_path(article_id),
            _ann_text(
                article_id,
                texts[article_id],
                attribution_rows[article_id],
                quote_rows[article_id],
                hedge_rows[article_id],
            ),
        )
        for article_id in texts
    }
    folder = Path(out_dir)
    written = []
    for article_id, (relative, ann) in contents.items():
        target = folder / f"{relative}.ann"
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_text_atomically(folder / f"{relative}.txt", texts[article_id])
        _write_text_atomically(target, ann)
        written.append(target)
    return written


_CONFIG_HEADER = (
    "# brat configuration for coding attributions, quotations and hedges, written by the\n"
    "# analysis package (analysis/brat.py: write_brat_config). Format as documented at\n"
    "# https://brat.nlplab.org/configuration.html and in brat's own annotation.conf and\n"
    "# visual.conf (github.com/nlplab/brat).\n"
)

# Colours: Okabe & Ito's palette, as in the figures and analysis.display.
_COLOURS = {
    "Source": "#56B4E9",
    "Cue": "#E69F00",
    "Content": "#F0E442",
    "Quote": "#fff1c2",
    "Hedge": "#009E73",
    "Attribution": "#CC79A7",
    "Attribution-no-source": "#CC79A7",
    "Discuss": "#dddddd",
    "Discard": "#dddddd",
}
_DISPLAY_LABELS = {
    "Source": "Source | Src",
    "Cue": "Cue",
    "Content": "Content | Cnt",
    "Quote": "Quotation | Quote | Q",
    "Hedge": "Hedge | H",
    "Attribution": "Attribution | Attr",
    "Attribution-no-source": "Attribution (no source) | Attr-ns",
    "Discuss": "Discuss | Disc",
    "Discard": "Discard | Dcrd",
}


def annotation_conf() -> str:
    r"""The text of brat's ``annotation.conf`` for this format: its span labels, the two
    attribution events and the attributes with their values (from :data:`BRAT_ATTRIBUTES`).

    Examples
    --------
    >>> events = annotation_conf().split("[events]")[1].split("[attributes]")[0]
    >>> print(events.strip().replace("\t", " | "))
    Attribution | Source?:Source, Cue?:Cue, Content*:Content
    Attribution-no-source | Cue?:Cue, Content*:Content
    """
    entities = [label for label in BRAT_SPAN_LABELS if label not in BRAT_EVENT_TYPES]
    attributes = [
        f"{name}\tArg:{'<EVENT>' if qualifies == 'event' else qualifies}, Value:{'|'.join(values)}"
        for name, (qualifies, values) in BRAT_ATTRIBUTES.items()
    ]
    return (
        _CONFIG_HEADER
        + "\n[entities]\n"
        + "# Discuss and Discard: PolNeAR's marks for spans to talk over or to drop.\n"
        + "\n".join(entities)
        + "\n\n[relations]\n"
        + "# Spans may overlap in any way (a quotation inside a content, a cue and its trigger).\n"
        + "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
        + "\n[events]\n"
        + f"{BRAT_EVENT_TYPES[0]}\tSource?:Source, Cue?:Cue, Content*:Content\n"
        + f"{BRAT_EVENT_TYPES[1]}\tCue?:Cue, Content*:Content\n"
        + "\n[attributes]\n"
        + "\n".join(attributes)
        + "\n"
    )


def visual_conf() -> str:
    """The text of brat's ``visual.conf``: display labels and colours for each span label."""
    labels = [f"{label} | {_DISPLAY_LABELS[label]}" for label in BRAT_SPAN_LABELS]
    drawing = [f"{label}\tbgColor:{_COLOURS[label]}" for label in BRAT_SPAN_LABELS]
    return (
        _CONFIG_HEADER
        + "\n[labels]\n"
        + "\n".join(labels)
        + "\n\n[drawing]\n"
        + "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:black\n"
        + "ARC_DEFAULT\tcolor:black, dashArray:-\n"
        + "\n".join(drawing)
        + "\n"
    )


def write_brat_config(out_dir: str | os.PathLike) -> list[Path]:
    """Write ``annotation.conf`` and ``visual.conf`` into ``out_dir``, so that brat opens the
    folder's ``.ann`` files with this module's labels, events and attributes.

    brat looks for its configuration in the folder of the documents and then in every folder
    above it, so one pair at the top of a sample serves its subfolders too.

    Examples
    --------
    >>> import tempfile
    >>> [path.name for path in write_brat_config(tempfile.mkdtemp())]
    ['annotation.conf', 'visual.conf']
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in (("annotation.conf", annotation_conf()), ("visual.conf", visual_conf())):
        _write_text_atomically(folder / name, content)
        written.append(folder / name)
    return written
