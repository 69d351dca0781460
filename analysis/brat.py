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
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from analysis.tables import conform

__all__ = [
    "BRAT_ATTRIBUTION_COLUMNS",
    "BRAT_EVENT_TYPES",
    "format_spans",
    "parse_spans",
    "read_brat",
    "write_brat",
]

#: Event types that are attributions; events of any other type are ignored.
BRAT_EVENT_TYPES = ("Attribution", "Attribution-no-source")

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
}

_ROLES = {"source": "Source", "cue": "Cue", "content": "Content"}
# An annotation line starts with its id and a tab; any other line continues the text of the
# line before it (PolNeAR's span texts keep the article's line breaks).
_ANNOTATION_LINE = re.compile(r"[A-Z]+\d+\t")
_NOTE_LINE = re.compile(r"#\d*\t")  # brat's AnnotatorNotes: not attributions
_SPAN_FIELD = re.compile(r"(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)")
_PIECE = re.compile(r"([0-9]+) ([0-9]+)")
_ARGUMENT = re.compile(r"([^:\s]+):([A-Z]+\d+)")
_ROLE_NUMBER = re.compile(r"\d+$")  # PolNeAR numbers a second content argument "Content2"
_NEWLINES = re.compile(r"[\r\n]")


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
    event_type: str
    trigger: str
    arguments: list[tuple[str, str]]
    line: int


def _malformed(path: Path, number: int, what: str, line: str) -> ValueError:
    shown = line if len(line) <= 80 else line[:77] + "..."
    return ValueError(f"{path}, line {number}: {what}: {shown!r}")


def _parse_ann(path: Path) -> tuple[dict[str, _Span], list[_Event]]:
    """The span and event lines of one ``.ann`` file, by id and in file order."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final line break ends the last line; it starts no new one
    spans: dict[str, _Span] = {}
    events: list[_Event] = []
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
            raise _malformed(path, number, f"{identifier} is defined twice", line)
        seen.add(identifier)
        kind = identifier.rstrip("0123456789")
        if kind == "T":
            field, _, surface = rest.partition("\t")
            match = _SPAN_FIELD.fullmatch(field.strip())
            if match is None:
                raise _malformed(
                    path,
                    number,
                    "a span line must be 'T<n><TAB><label> <start> <end><TAB>text'",
                    line,
                )
            try:
                pieces = parse_spans(match[2])
            except ValueError as error:
                raise _malformed(path, number, str(error), line) from None
            spans[identifier] = _Span(match[1], pieces, surface, number)
            continued = spans[identifier]
        elif kind == "E":
            arguments = []
            for token in rest.split():
                match = _ARGUMENT.fullmatch(token)
                if match is None:
                    raise _malformed(
                        path, number, f"an event argument must be 'Role:T<n>', not {token!r}", line
                    )
                arguments.append((match[1], match[2]))
            if not arguments:
                raise _malformed(path, number, "an event line needs at least 'Type:T<n>'", line)
            (event_type, trigger), *rest_arguments = arguments
            events.append(_Event(event_type, trigger, rest_arguments, number))
        # Other kinds (A attributes, R relations, N normalisations, M modifiers) carry nothing
        # an attribution needs.
    return spans, events


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


def _article_text(texts: Any, article_id: str, annotator: str | None, file: Path) -> str | None:
    if texts is None or isinstance(texts, str):
        return texts
    if article_id in texts:
        return texts[article_id]
    bare = article_id.removesuffix(f"_{annotator}") if annotator else None
    if bare is not None and bare in texts:
        return texts[bare]
    tried = repr(article_id) + (f" or {bare!r}" if bare else "")
    raise ValueError(
        f"no text for {file} (looked up {tried}); add it to `text`, or leave `text` out"
    )


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


def _file_rows(
    file: Path, article_id: str, annotator: str | None, text: str | None
) -> list[dict[str, Any]]:
    spans, events = _parse_ann(file)
    if text is not None:
        for span in spans.values():
            end = max(piece_end for _, piece_end in span.pieces)
            if end > len(text):
                raise ValueError(
                    f"{file}, line {span.line}: offset {end} lies beyond the end of the text "
                    f"({len(text)} characters); is it the text this file annotates?"
                )
    rows = []
    for event in events:
        if event.event_type not in BRAT_EVENT_TYPES:
            continue
        for _, target in [("trigger", event.trigger), *event.arguments]:
            if target not in spans:
                raise ValueError(
                    f"{file}, line {event.line}: the event refers to {target}, "
                    "which is not a span line of this file"
                )
        by_role: dict[str, list[_Span]] = {role: [] for role in _ROLES}
        for name, target in event.arguments:
            role = _ROLE_NUMBER.sub("", name).lower()
            if role in by_role:
                by_role[role].append(spans[target])
        if not by_role["cue"]:
            # The trigger duplicates the cue (in 99.96% of PolNeAR's events that have both the
            # spans are identical); a few events have only the trigger.
            by_role["cue"] = [spans[event.trigger]]
        row: dict[str, Any] = {
            "article_id": article_id,
            "annotator": annotator,
            "attribution_id": len(rows),
        }
        for role, role_spans in by_role.items():
            row.update(_role_columns(role, role_spans, text))
        rows.append(row)
    return rows


def read_brat(
    path: str | os.PathLike,
    text: str | Mapping[str, str] | pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Read attribution events from one ``.ann`` file or every ``.ann`` file below a folder.

    Parameters
    ----------
    path
        An ``.ann`` file, or a folder searched recursively for them (in sorted order).
    text
        The annotated article text, to take each role's text from: a string (for one file), or
        a mapping (or a DataFrame with ``article_id`` and ``text`` columns, like the
        ``articles`` table) from article id to text. Without it, each role's text is the
        surface text written in the ``.ann`` file.

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
        =================================  =========================================================

        An event without a ``Cue`` argument takes its trigger span as the cue (the trigger
        duplicates the cue by definition).

    Raises
    ------
    ValueError
        For a malformed span or event line, an event referring to an undefined span, or an
        offset beyond the end of the given text, naming the file and the line.

    Notes
    -----
    Lines that do not start with an annotation id (``T3<TAB>``) continue the surface text of
    the span line above them (span texts may contain line breaks) and are otherwise skipped,
    as are brat notes (``#1<TAB>AnnotatorNotes ...``), attribute, relation and normalisation
    lines, and events of other types. ``Discuss`` and ``Discard`` spans belong to no event.

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
    root = Path(path)
    files = _ann_files(root)
    if isinstance(text, str) and len(files) > 1:
        raise ValueError(
            f"{root} holds {len(files)} .ann files: pass `text` as a mapping from article id "
            "to text (or an articles DataFrame), not a single string"
        )
    texts = _texts_by_id(text)
    rows = []
    for article_id, file, text_folder in files:
        annotator = _annotator(article_id, file, text_folder)
        article_text = _article_text(texts, article_id, annotator, file)
        rows.extend(_file_rows(file, article_id, annotator, article_text))
    frame = pd.DataFrame(rows, columns=list(BRAT_ATTRIBUTION_COLUMNS))
    return conform(frame, BRAT_ATTRIBUTION_COLUMNS)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _role_pieces(row: Mapping[str, Any], role: str) -> list[tuple[int, int]] | None:
    """A row's pieces for ``role``: from ``{role}_spans`` if given, else start and end."""
    spans = row.get(f"{role}_spans")
    if not _missing(spans) and str(spans).strip():
        return sorted(parse_spans(spans))
    start, end = row.get(f"{role}_start"), row.get(f"{role}_end")
    if _missing(start) and _missing(end):
        return None
    if _missing(start) or _missing(end):
        raise ValueError(f"{role}_start and {role}_end must both be given or both be missing")
    return [(int(start), int(end))]


def _span_line(identifier: str, label: str, pieces: list[tuple[int, int]], text: str) -> str:
    surface = _NEWLINES.sub(" ", " ".join(text[start:end] for start, end in pieces))
    return f"{identifier}\t{label} {format_spans(pieces)}\t{surface}"


def _ann_text(article_id: str, text: str, rows: list[dict[str, Any]]) -> str:
    """The ``.ann`` content for one article's attribution rows (checked against its text)."""
    lines: list[str] = []
    n_spans = 0
    for event_number, row in enumerate(rows, 1):
        where = f"article {article_id!r}, attribution {row.get('attribution_id', event_number - 1)}"
        span_ids: dict[str, str] = {}
        pieces_by_role: dict[str, list[tuple[int, int]]] = {}
        for role, label in _ROLES.items():
            try:
                pieces = _role_pieces(row, role)
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None
            if pieces is None:
                continue
            for start, end in pieces:
                if not 0 <= start < end <= len(text):
                    raise ValueError(
                        f"{where}: the {role} piece {start}-{end} is empty or lies outside the "
                        f"text ({len(text)} characters); fix or drop the row"
                    )
            n_spans += 1
            span_ids[role] = f"T{n_spans}"
            pieces_by_role[role] = pieces
            lines.append(_span_line(span_ids[role], label, pieces, text))
        if "cue" not in span_ids:
            raise ValueError(f"{where}: has no cue, and a brat event needs one as its trigger")
        # brat requires a trigger's label to be its event's type (PolNeAR does the same).
        event_type = BRAT_EVENT_TYPES[0] if "source" in span_ids else BRAT_EVENT_TYPES[1]
        n_spans += 1
        lines.append(_span_line(f"T{n_spans}", event_type, pieces_by_role["cue"], text))
        arguments = [f"{event_type}:T{n_spans}"]
        arguments += [
            f"{_ROLES[r]}:{span_ids[r]}" for r in ("content", "cue", "source") if r in span_ids
        ]
        lines.append(f"E{event_number}\t" + " ".join(arguments))
    return "".join(line + "\n" for line in lines)


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


def write_brat(
    attributions: pd.DataFrame, articles: pd.DataFrame, out_dir: str | os.PathLike
) -> list[Path]:
    r"""Write attributions as brat files: ``<article_id>.ann`` beside ``<article_id>.txt``.

    One ``.ann`` file (empty if the article has no attributions) and a copy of the text for
    every article whose ``status`` is ``"ok"`` (every article, if there is no ``status``
    column); ids with ``/`` make subfolders. Per attribution, in ``attribution_id`` order: a
    ``Source`` span line (if it has a source), ``Cue``, ``Content`` (its pieces from
    ``content_spans`` when given, else ``content_start``/``content_end``; likewise
    ``source_spans`` and ``cue_spans`` if the table has them), the trigger (a copy of the cue,
    labelled with the event type) and the event, of type ``Attribution``, or
    ``Attribution-no-source`` when there is no source. Attributions without a cue (floating
    quotation paragraphs) have no trigger for a brat event and are left out. A span line's
    text is its pieces' text joined by a space, line breaks replaced by spaces. Each file is
    written under a temporary name and then renamed into place; texts are written without
    newline translation, so the offsets hold.

    Parameters
    ----------
    attributions
        An ``attributions`` table (or :func:`read_brat`'s): ``article_id``, ``cue_start``,
        ``cue_end``, and optionally the source and content columns.
    articles
        The ``articles`` table, or any DataFrame with ``article_id`` and ``text``.
    out_dir
        The folder to write into (created if needed).

    Returns
    -------
    list of pathlib.Path
        The ``.ann`` files written, in the order of ``articles``. ``read_brat(out_dir)`` reads
        them back with the same spans.

    Raises
    ------
    ValueError
        For missing columns, attributions of articles that are not written, or a span that is
        empty or lies outside its text. Nothing is written then.

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
    ):
        missing = [column for column in needed if column not in frame.columns]
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
    rows_by_article: dict[str, list[dict[str, Any]]] = {article_id: [] for article_id in texts}
    ordered = attributions
    if "attribution_id" in attributions.columns:
        ordered = attributions.sort_values(["article_id", "attribution_id"], kind="stable")
    unknown = []
    for row in ordered.to_dict("records"):
        article_id = str(row["article_id"])
        if article_id in rows_by_article:
            rows_by_article[article_id].append(row)
        else:
            unknown.append(article_id)
    if unknown:
        shown = ", ".join(map(repr, sorted(set(unknown))[:5]))
        raise ValueError(
            f"attributions of article(s) {shown} that are not among the articles written "
            "(those with status 'ok'); pass those articles too, or drop their attributions"
        )
    # Everything is checked before the first file is written.
    contents = {
        article_id: (_relative_path(article_id), _ann_text(article_id, texts[article_id], rows))
        for article_id, rows in rows_by_article.items()
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
