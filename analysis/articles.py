"""Loading a corpus into the ``articles`` table.

:func:`load_articles` accepts one ``.txt`` file, a folder of them, a ``.jsonl`` / ``.csv`` /
``.parquet`` table with a ``text`` column, a DataFrame, or a list of strings, and returns one row
per input, in input order. Nothing is dropped: unreadable inputs become rows with ``status`` =
``"error"`` and the reason in ``error``; empty ones get ``status`` = ``"empty"``.

Text is kept exactly as stored (UTF-8 with a leading BOM removed, no newline translation, no
normalisation) so that every offset in every table indexes ``articles.text``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.metadata import find_metadata
from analysis.tables import ARTICLE_COLUMNS, conform
from analysis.text import count_words

__all__ = ["TABLE_SUFFIXES", "decode_bytes", "iter_records", "load_articles", "make_article_row"]

#: Suffixes read as tables (one article per row); any other single file is read as text.
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}

#: Input columns kept as the articles table's own columns.
INPUT_COLUMNS = ("id", "text", "title", "date", "url", "outlet")

#: Share of control characters above which decoded bytes are taken for a binary file.
BINARY_CONTROL_SHARE = 0.10

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) other than
#: the white space of text, \t \n \v \f \r (U+0009-U+000D); one regex, not a loop per character.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: The ASCII ones among them, as bytes (in UTF-8 every other byte of a character is above 0x7F).
_ASCII_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
#: The others (U+0080-U+009F) in UTF-8: 0xC2 only ever starts a character of two bytes.
_C1_CONTROL_BYTES = re.compile(rb"\xc2[\x80-\x9f]")


class _Unreadable(ValueError):
    """An input that cannot be taken for text; its message goes into ``articles.error``."""


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a file's bytes to text and name the encoding used.

    UTF-8 (a leading BOM removed) first; UTF-16 when the file starts with its BOM; then cp1252,
    then latin-1, which decodes anything. Bytes that decode only to a mass of control
    characters are binary and raise ``ValueError``.

    Examples
    --------
    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    """
    text = encoding = None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw.decode(codec), codec
            except UnicodeDecodeError as error:
                raise _Unreadable(f"starts with a {codec} byte-order mark but: {error}") from None
            break
    if text is None:
        for codec in ("utf-8", "cp1252", "latin-1"):
            try:
                text, encoding = raw.decode(codec), codec
                break
            except UnicodeDecodeError:
                continue
    if text and encoding == "utf-16" and text[:1] == "\ufeff":
        text = text[1:]
    share = _control_share(text)
    if share > BINARY_CONTROL_SHARE:
        raise _Unreadable(
            f"binary content, not text: {share:.0%} of the characters are control characters"
        )
    return text, encoding


def _control_share(text: str) -> float:
    """The share of control characters (:data:`_CONTROL_CHARACTERS`) in the text's first
    64 kB, counted in its UTF-8 bytes: ``bytes.translate`` deletes the ASCII ones, and a search
    for the pairs :data:`_C1_CONTROL_BYTES` finds the others. The same count as the regular
    expression on the text, many times faster."""
    if not text:
        return 0.0
    sample = text[:65536]
    encoded = sample.encode("utf-8", "surrogatepass")
    ascii_controls = len(encoded) - len(encoded.translate(None, _ASCII_CONTROL_BYTES))
    return (ascii_controls + len(_C1_CONTROL_BYTES.findall(encoded))) / len(sample)


def _text_record(article_id: str, path: Path) -> dict[str, Any]:
    record: dict[str, Any] = {"article_id": article_id, "path": str(path)}
    try:
        record["text"], record["encoding"] = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as error:
        record["error"] = (
            f"{type(error).__name__}: {error}" if isinstance(error, OSError) else str(error)
        )
    return record


def _table_record(row: dict[str, Any], number: int, path: str | None) -> dict[str, Any]:
    """A record from one table row: known columns kept, extra ones kept under their names."""
    record: dict[str, Any] = {"path": path}
    # `id` is the documented name; `article_id` (our own tables' name) is read as well.
    identifier = row.get("id")
    if _missing(identifier):
        identifier = row.get("article_id")
    record["article_id"] = str(number) if _missing(identifier) else str(identifier)
    for column in ("title", "date", "url", "outlet"):
        value = row.get(column)
        record[column] = None if _missing(value) else str(value)
    text = row.get("text")
    if _missing(text):
        record["text"] = ""
    elif isinstance(text, bytes):
        try:
            record["text"], record["encoding"] = decode_bytes(text)
        except ValueError as error:
            record["error"] = str(error)
    elif isinstance(text, str):
        record["text"] = text
    else:
        record["error"] = f"the text column holds a {type(text).__name__}, not text"
    extra = {k: v for k, v in row.items() if k not in INPUT_COLUMNS}
    for column, value in extra.items():
        record[f"input_{column}" if column in ARTICLE_COLUMNS else column] = value
    return record


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _iter_table_rows(frame: pd.DataFrame, first: int, path: str | None) -> Iterator[dict]:
    if "text" not in frame.columns:
        where = path or "the DataFrame"
        raise ValueError(
            f"{where} has no 'text' column (columns: {list(frame.columns)}); a table corpus needs "
            "one text column, plus optional id, title, date, url and outlet columns"
        )
    for offset, row in enumerate(frame.to_dict("records")):
        yield _table_record(row, first + offset, path)


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    number = 0
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(f"a JSON {type(row).__name__}, not an object")
            except ValueError as error:
                yield {
                    "article_id": str(number),
                    "path": str(path),
                    "error": f"line {line_number} is not a JSON object: {error}",
                }
            else:
                if "text" not in row:
                    yield {
                        "article_id": str(row.get("id", number)),
                        "path": str(path),
                        "error": f"line {line_number} has no 'text' field",
                    }
                else:
                    yield _table_record(row, number, str(path))
            number += 1


def _iter_csv(path: Path, chunk_rows: int = 10_000) -> Iterator[dict[str, Any]]:
    first = 0
    reader = pd.read_csv(
        path, dtype=str, keep_default_na=False, na_values=[""], chunksize=chunk_rows
    )
    for chunk in reader:
        yield from _iter_table_rows(chunk, first, str(path))
        first += len(chunk)


def _iter_parquet(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    first = 0
    for batch in parquet.iter_batches(batch_size=10_000):
        chunk = batch.to_pandas()
        yield from _iter_table_rows(chunk, first, str(path))
        first += len(chunk)


def iter_records(source: Any) -> Iterator[dict[str, Any]]:
    """Yield one raw record per input article, lazily, in input order.

    A record is a dict with ``article_id`` and either ``text`` (plus ``encoding``) or ``error``,
    and whatever metadata the input carried. :func:`make_article_row` turns it into a row.
    """
    if isinstance(source, pd.DataFrame):
        yield from _iter_table_rows(source, 0, None)
        return
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            files = [(file.relative_to(path).as_posix(), file) for file in path.rglob("*.txt")]
            files.sort(key=itemgetter(0))
            for relative, file in files:
                # the relative path without its suffix: with_suffix("").as_posix(), sliced
                yield _text_record(relative[: len(relative) - len(file.suffix)], file)
            return
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {path}")
        kind = TABLE_SUFFIXES.get(path.suffix.lower())
        if kind == "jsonl":
            yield from _iter_jsonl(path)
        elif kind == "csv":
            yield from _iter_csv(path)
        elif kind == "parquet":
            yield from _iter_parquet(path)
        else:
            yield _text_record(path.stem, path)
        return
    if isinstance(source, Iterable) and not isinstance(source, (bytes, dict)):
        for number, item in enumerate(source):
            if not isinstance(item, (str, bytes)) and not _missing(item):
                yield {
                    "article_id": str(number),
                    "error": f"item {number} is a {type(item).__name__}, not text",
                }
            else:
                yield _table_record({"text": item}, number, None)
        return
    raise TypeError(
        "source must be a path to a .txt file, a folder, a .jsonl/.csv/.parquet file, a pandas "
        f"DataFrame with a 'text' column, or a list of strings, not {type(source).__name__}"
    )


def make_article_row(record: dict[str, Any], words: bool = True) -> dict[str, Any]:
    """Complete one raw record into an ``articles`` row: status, counts and metadata.

    With ``words=False`` an ``ok`` row's ``n_words`` is left ``None``, for a caller that
    counts the words of its sentences anyway (:func:`analysis.pipeline.parse_article`).
    """
    row = dict(record)
    text = row.get("text")
    if row.get("error") is not None:
        row["status"], row["text"] = "error", None
    elif text is None or not text.strip():
        row["status"], row["text"] = "empty", text or ""
    else:
        row["status"] = "ok"
    text = row["text"] or ""
    row["n_chars"] = len(text)
    row["n_words"] = (count_words(text) if words else None) if row["status"] == "ok" else 0
    if row["status"] == "ok":
        meta = find_metadata(text)
        row["authors"] = "; ".join(meta.authors) or None
        for name in ("title", "byline", "dateline", "credits"):
            span = getattr(meta, f"{name}_span")
            row[f"{name}_start"], row[f"{name}_end"] = span or (None, None)
        title = row.get("title")
        if meta.title_span and (title is None or (not isinstance(title, str) and pd.isna(title))):
            row["title"] = text[slice(*meta.title_span)]  # a title from the input wins
        row["credits"] = text[slice(*meta.credits_span)] if meta.credits_span else None
        row["dateline_place"] = meta.dateline_place
        row["dateline_date"] = meta.dateline_date
        row["agency"] = meta.agency
    return row


def articles_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Build the ``articles`` table from rows; duplicate ids are an error that names them."""
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(ARTICLE_COLUMNS))
    frame = conform(frame, ARTICLE_COLUMNS)
    duplicated = frame["article_id"][frame["article_id"].duplicated()].unique().tolist()
    if duplicated:
        shown = ", ".join(map(repr, duplicated[:10]))
        more = f" and {len(duplicated) - 10} more" if len(duplicated) > 10 else ""
        raise ValueError(
            f"article ids must be unique; repeated: {shown}{more}. Give the table an 'id' "
            "column of unique values, or load folders whose relative paths differ."
        )
    return frame


def load_articles(source: Any) -> pd.DataFrame:
    """Load a corpus as the ``articles`` table (one row per input, nothing dropped).

    Parameters
    ----------
    source
        A ``.txt`` file (id: its stem); a folder (every ``*.txt`` below it, sorted; id: the path
        relative to the folder without suffix, ``bbc/business/001``); a ``.jsonl``, ``.csv`` or
        ``.parquet`` file, or a DataFrame, with a ``text`` column and optional ``id``, ``title``,
        ``date``, ``url``, ``outlet`` columns (id: the ``id`` column, else the row number); or
        a list of strings (id: the position).

    Returns
    -------
    pandas.DataFrame
        The ``articles`` table (columns in :data:`analysis.tables.ARTICLE_COLUMNS`, then any
        extra input columns). ``n_sentences`` is filled by :func:`analysis.parse`.

    Examples
    --------
    >>> articles = load_articles(["WASHINGTON (AP) — It rained.", "   "])
    >>> articles[["article_id", "dateline_place", "agency", "status"]].values.tolist()
    [['0', 'WASHINGTON', 'AP', 'ok'], ['1', <NA>, <NA>, 'empty']]
    """
    return articles_frame([make_article_row(record) for record in iter_records(source)])
