"""Table schemas and the bundle of tables that :func:`analysis.parse` returns.

Every table has one schema here: an ordered mapping of column name to pandas dtype. The schema
is the single source of truth for column order and types; :func:`conform` applies it, the
readers re-apply it (CSV keeps no types), and the tests assert it. Later modules register their
tables with :func:`register_table`.

Dtypes: ``string`` for text, ``Int64`` (nullable) for optional offsets and counts, ``int64``
for offsets that always exist, ``category`` with a fixed category list for closed
vocabularies. All of them round-trip through Parquet unchanged.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_STATUSES",
    "ATTRIBUTION_COLUMNS",
    "ATTRIBUTION_KINDS",
    "CUE_CATEGORIES",
    "QUOTE_COLUMNS",
    "QUOTE_KINDS",
    "SOURCE_COLUMNS",
    "SENTENCE_COLUMNS",
    "SENTENCE_PARTS",
    "GENDERS",
    "GENDER_EVIDENCE",
    "HEDGE_CATEGORIES",
    "HEDGE_COLUMNS",
    "HEDGE_POLARITIES",
    "HEDGE_VOICES",
    "SOURCE_IDENTIFICATIONS",
    "SOURCE_KINDS",
    "SOURCE_TYPES",
    "TABLE_SCHEMAS",
    "Tables",
    "conform",
    "excel_safe",
    "read_table_part",
    "read_tables",
    "register_table",
]

#: Values of ``articles.status``: ``ok`` parsed; ``empty`` no text (or only whitespace);
#: ``error`` could not be read or decoded as text (the message is in ``error``).
ARTICLE_STATUSES = ("ok", "empty", "error")

#: Values of ``sentences.part``: where in the article a sentence lies.
SENTENCE_PARTS = ("title", "byline", "dateline", "body", "credits")

ARTICLE_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "path": "string",
    "title": "string",
    "date": "string",
    "url": "string",
    "outlet": "string",
    "title_start": "Int64",
    "title_end": "Int64",
    "authors": "string",
    "byline_start": "Int64",
    "byline_end": "Int64",
    "dateline_place": "string",
    "dateline_date": "string",
    "agency": "string",
    "dateline_start": "Int64",
    "dateline_end": "Int64",
    "credits": "string",
    "credits_start": "Int64",
    "credits_end": "Int64",
    "text": "string",
    "n_chars": "int64",
    "n_words": "int64",
    "n_sentences": "Int64",
    "encoding": "string",
    "status": pd.CategoricalDtype(ARTICLE_STATUSES),
    "error": "string",
}

SENTENCE_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "sentence_id": "int64",
    "paragraph_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "part": pd.CategoricalDtype(SENTENCE_PARTS),
    "n_words": "int64",
}

#: Values of ``quotes.kind``: ``direct`` a quoted statement (a clause or more); ``partial`` a
#: few quoted words inside reported speech; ``other`` marks that quote nobody (titles,
#: nicknames, unattributed scare quotes).
QUOTE_KINDS = ("direct", "partial", "other")

#: Values of ``attributions.kind``: ``direct`` the content is a quotation; ``mixed`` reported
#: speech with quoted words in it; ``indirect`` reported speech without quotation marks.
ATTRIBUTION_KINDS = ("direct", "mixed", "indirect")

#: Values of ``attributions.cue_category`` (see ``lexicons/reporting_cues.txt``).
CUE_CATEGORIES = (
    "neutral",
    "distancing",
    "endorsing",
    "denial",
    "argumentative",
    "belief",
    "other",
)

QUOTE_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "quote_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "kind": pd.CategoricalDtype(QUOTE_KINDS),
    "n_words": "int64",
    "sentence_id": "int64",
    "attribution_id": "Int64",
    "continued": "bool",
}

ATTRIBUTION_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "attribution_id": "int64",
    "sentence_id": "int64",
    "kind": pd.CategoricalDtype(ATTRIBUTION_KINDS),
    "source_start": "Int64",
    "source_end": "Int64",
    "source_text": "string",
    "source_id": "Int64",
    "cue_start": "Int64",
    "cue_end": "Int64",
    "cue_text": "string",
    "cue_lemma": "string",
    "cue_category": pd.CategoricalDtype(CUE_CATEGORIES),
    "content_start": "Int64",
    "content_end": "Int64",
    "content_text": "string",
    "content_spans": "string",
    "is_floating": "bool",
    "via": "string",
}

#: Values of the ``sources`` table's profile columns (see ``analysis/sources.py``).
SOURCE_KINDS = ("person", "organization", "group")
SOURCE_IDENTIFICATIONS = ("named", "institution", "anonymous")
SOURCE_TYPES = ("official", "expert", "business", "civil_society", "citizen", "media", "other")
GENDERS = ("female", "male", "unknown")
GENDER_EVIDENCE = ("honorific", "noun", "pronoun", "name_list")

SOURCE_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "source_id": "int64",
    "name": "string",
    "descriptor": "string",
    "kind": pd.CategoricalDtype(SOURCE_KINDS),
    "identification": pd.CategoricalDtype(SOURCE_IDENTIFICATIONS),
    "type": pd.CategoricalDtype(SOURCE_TYPES),
    "gender": pd.CategoricalDtype(GENDERS),
    "gender_evidence": pd.CategoricalDtype(GENDER_EVIDENCE),
    "country": "string",
    "mentions": "string",
    "n_attributions": "int64",
    "n_quotes": "int64",
    "n_quoted_words": "int64",
    "first_sentence_id": "Int64",
}

#: Values of ``hedges.category`` (see ``analysis/hedging.py`` and ``lexicons/hedges.txt``).
HEDGE_CATEGORIES = (
    "modal",
    "probability",
    "evidential",
    "belief",
    "approximator",
    "hearsay",
    "distancing",
    "unnamed_source",
    "verification",
    "conditional",
    "investigation",
    "forecast",
    "booster",
)

#: Values of ``hedges.polarity`` and ``hedges.voice``.
HEDGE_POLARITIES = ("hedge", "booster")
HEDGE_VOICES = ("reporter", "source")

HEDGE_COLUMNS: dict[str, object] = {
    "article_id": "string",
    "hedge_id": "int64",
    "sentence_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "category": pd.CategoricalDtype(HEDGE_CATEGORIES),
    "polarity": pd.CategoricalDtype(HEDGE_POLARITIES),
    "voice": pd.CategoricalDtype(HEDGE_VOICES),
    "attribution_id": "Int64",
}

#: Schema of every known table, in the order tables are written.
TABLE_SCHEMAS: dict[str, dict[str, object]] = {
    "articles": ARTICLE_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "attributions": ATTRIBUTION_COLUMNS,
    "sources": SOURCE_COLUMNS,
    "hedges": HEDGE_COLUMNS,
}


def register_table(name: str, schema: Mapping[str, object]) -> None:
    """Add a table schema (used by the extraction modules that add tables)."""
    TABLE_SCHEMAS[name] = dict(schema)


def conform(frame: pd.DataFrame, schema: Mapping[str, object]) -> pd.DataFrame:
    """Return ``frame`` with the schema's columns first, in order, and with their dtypes.

    Schema columns missing from ``frame`` are added as missing values; columns not in the schema
    are kept after them, unchanged (an input table's extra columns are never dropped).

    Examples
    --------
    >>> frame = pd.DataFrame({"b": [1], "a": ["x"]})
    >>> conform(frame, {"a": "string", "c": "Int64"}).columns.tolist()
    ['a', 'c', 'b']
    """
    out = {}
    n = len(frame)
    for column, dtype in schema.items():
        if column in frame.columns:
            out[column] = frame[column].astype(dtype)
        else:
            missing_dtype = _nullable(dtype) if n else dtype
            out[column] = pd.Series([pd.NA] * n, index=frame.index, dtype=missing_dtype)
    for column in frame.columns:
        if column not in schema:
            out[column] = frame[column]
    return pd.DataFrame(out, index=pd.RangeIndex(n)) if n else pd.DataFrame(out)


def frame_from_columns(columns: Mapping[str, list], schema: Mapping[str, object]) -> pd.DataFrame:
    """``conform(pd.DataFrame(columns), schema)`` for column lists that hold exactly the
    schema's columns, built without the detour through object columns (in less than half
    the time: see :func:`_array`).

    Examples
    --------
    >>> frame = frame_from_columns({"a": ["x"], "c": [None]}, {"a": "string", "c": "Int64"})
    >>> [str(dtype) for dtype in frame.dtypes]
    ['string', 'Int64']
    """
    if set(columns) != set(schema):
        raise ValueError(
            f"columns {sorted(columns)} are not the schema's {sorted(schema)}; use conform()"
        )
    n = len(next(iter(columns.values()), []))
    if not n:
        return conform(pd.DataFrame(columns), schema)
    arrays = {column: _array(columns[column], dtype) for column, dtype in schema.items()}
    return pd.DataFrame(arrays, index=pd.RangeIndex(n), copy=False)


def _array(values: list, dtype: object) -> object:
    """``pd.array(values, dtype=dtype)``, built by pyarrow or numpy where that is faster (half
    the time for text and integers); any value those refuse, and a pandas whose ``string``
    dtype is not pyarrow's (pandas 2), take pandas' own way."""
    try:
        if dtype == "string" and _ARROW_STRINGS:
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
        if dtype == "int64":
            return np.array(values, dtype=np.int64)
        if dtype == "Int64":
            return pd.Int64Dtype().__from_arrow__(pa.array(values, type=pa.int64()))
    except (TypeError, ValueError, OverflowError, pa.ArrowException):
        pass
    if isinstance(dtype, pd.CategoricalDtype):
        _check_categories(values, dtype)
    return pd.array(values, dtype=dtype)


def _check_categories(values: list, dtype: pd.CategoricalDtype) -> None:
    """Refuse a value outside ``dtype``'s categories, which pandas would silently make
    missing (and, from pandas 4, refuse too)."""
    unknown = {value for value in set(values).difference(dtype.categories) if not pd.isna(value)}
    if unknown:
        raise ValueError(
            f"values outside the categories {list(dtype.categories)}: "
            + ", ".join(sorted(map(repr, unknown)))
        )


_ARROW_STRINGS = (
    pd.array([], dtype="string").dtype
    == pd.arrays.ArrowStringArray(pa.array([], type=pa.large_string())).dtype
)


def _nullable(dtype: object) -> object:
    return "Int64" if dtype == "int64" else dtype


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with table ``name``'s columns and dtypes."""
    schema = TABLE_SCHEMAS[name]
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in schema.items()})


class Tables(Mapping[str, pd.DataFrame]):
    """The tables of a parsed corpus, by name, in a fixed order.

    Behaves as a read-only mapping (``tables["sentences"]``) and gives attribute access
    (``tables.sentences``). Write with :meth:`to_dir`, read back with :func:`read_tables`.

    Examples
    --------
    >>> import analysis
    >>> parsed = analysis.parse(["By Jane Roe\\n\\nIt rained. Then it stopped."])
    >>> list(parsed)
    ['articles', 'sentences', 'quotes', 'attributions', 'sources', 'hedges']
    >>> parsed.sentences.text.tolist()
    ['By Jane Roe', 'It rained.', 'Then it stopped.']
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]):
        unknown = [name for name in tables if name not in TABLE_SCHEMAS]
        if unknown:
            raise ValueError(f"unknown table(s) {unknown}; known tables: {list(TABLE_SCHEMAS)}")
        self._tables = {name: tables[name] for name in TABLE_SCHEMAS if name in tables}

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; this bundle has {list(tables)}")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}: {len(frame):,} rows" for name, frame in self._tables.items())
        return f"Tables({sizes})"

    def to_dir(
        self, path: str | os.PathLike, format: str = "parquet", excel_safe: bool = False
    ) -> list[Path]:
        """Write one file per table (``path/articles.parquet``, ...) and return their paths.

        Each file is written under a temporary name and renamed into place, so an interrupted
        run never leaves a truncated table behind. ``excel_safe`` (CSV only) neutralises cells
        that a spreadsheet would run as formulas (see :func:`excel_safe`; it changes text).
        """
        if format not in ("parquet", "csv"):
            raise ValueError(f"format must be 'parquet' or 'csv', not {format!r}")
        if excel_safe and format != "csv":
            raise ValueError("excel_safe applies to CSV output only; use format='csv'")
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, frame in self._tables.items():
            target = folder / f"{name}.{format}"
            _write_atomically(frame, target, format, excel_safe)
            written.append(target)
        return written


#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells starting with ``=``, ``+``, ``-`` or ``@`` get a
    leading apostrophe, so that a spreadsheet shows them instead of running them as formulas.

    This changes the text: such a cell no longer equals ``article_text[start:end]``. Use it for
    CSV files meant for Excel or LibreOffice, not for analysis.

    Examples
    --------
    >>> excel_safe(pd.DataFrame({"text": ["=1+1", "ok", "-3 dead"], "n": [-1, 2, 3]}))
    ... # doctest: +NORMALIZE_WHITESPACE
        text  n
    0  '=1+1 -1
    1     ok  2
    2  '-3 dead  3
    """
    result = frame.copy()
    for column in result.columns:
        values = result[column]
        if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
            text = values.astype("string")
            risky = text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if risky.any():
                result[column] = text.mask(risky, "'" + text)
    return result


def _write_atomically(frame: pd.DataFrame, target: Path, format: str, excel: bool = False) -> None:
    if format == "parquet":
        _replace_atomically(target, lambda temporary: frame.to_parquet(temporary, index=False))
    else:
        table = excel_safe(frame) if excel else frame
        _replace_atomically(target, lambda temporary: table.to_csv(temporary, index=False))


def _replace_atomically(target: Path, write: Callable[[str], object]) -> None:
    """``write`` the file to a temporary name next to ``target``, then rename it into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_parquet_columns(columns: Mapping[str, list], name: str, target: Path) -> None:
    """Write table ``name``'s column lists (as :func:`frame_from_columns` takes them) as the
    Parquet file ``frame_from_columns(columns, schema).to_parquet(target, index=False)`` writes,
    with the same pandas metadata (so pandas reads back the same dtypes), but built by pyarrow
    straight from the lists: no DataFrame on the way (the five tables of a 500-article BBC batch:
    74 ms instead of 105 ms).
    Values pyarrow refuses, or that pandas would convert (see :func:`_arrow_table`), take the
    DataFrame's way.
    """
    import pyarrow.parquet as pq

    table = _arrow_table(columns, name)
    if table is None:
        frame = frame_from_columns(columns, TABLE_SCHEMAS[name])
        _write_atomically(frame, target, "parquet")
    else:
        _replace_atomically(target, lambda temporary: pq.write_table(table, temporary))


@cache
def _arrow_schema(name: str) -> pa.Schema:
    """Table ``name``'s Arrow schema, with the pandas metadata ``to_parquet`` stores."""
    return pa.Schema.from_pandas(empty_table(name), preserve_index=False)


def _arrow_table(columns: Mapping[str, list], name: str) -> pa.Table | None:
    """``pa.Table.from_pandas(frame_from_columns(columns, schema))``, or None where that could
    differ: a missing value in a non-nullable column, a category outside the schema's (an
    error there), a value pyarrow would not take as the column's type (pandas converts numbers
    to text)."""
    schema = TABLE_SCHEMAS[name]
    if set(columns) != set(schema):
        return None
    arrow_schema = _arrow_schema(name)
    arrays = []
    try:
        for field in arrow_schema:
            values = columns[field.name]
            dtype = schema[field.name]
            if isinstance(dtype, pd.CategoricalDtype):
                categories = list(dtype.categories)
                number = {category: n for n, category in enumerate(categories)}
                codes = [None if value is None else number[value] for value in values]
                arrays.append(
                    pa.DictionaryArray.from_arrays(
                        pa.array(codes, type=field.type.index_type),
                        pa.array(categories, type=field.type.value_type),
                    )
                )
                continue
            if dtype in ("int64", "bool") and any(value is None for value in values):
                return None
            arrays.append(pa.array(values, type=field.type))
    except (KeyError, TypeError, ValueError, OverflowError, pa.ArrowException):
        return None
    return pa.Table.from_arrays(arrays, schema=arrow_schema)


def read_tables(
    path: str | os.PathLike,
    tables: Iterable[str] | None = None,
    columns: Iterable[str] | None = None,
    articles: Iterable[str] | None = None,
) -> Tables:
    """Read tables written by :meth:`Tables.to_dir`, the CLI or :func:`analysis.parse_corpus`.

    A table is either one file (``path/sentences.parquet`` or ``.csv``) or a dataset folder of
    part files (``path/sentences/part-00000.parquet``, ...), read in part order, which is
    the order of the corpus.

    Parameters
    ----------
    path
        The output folder.
    tables
        Names of the tables to read; default: every known table present in the folder.
    columns
        Read only these columns of each table (those a table has).
    articles
        Read only the rows of these article ids (for Parquet, filtered while reading).

    Examples
    --------
    >>> import analysis, tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = analysis.parse(["It rained.", "It snowed."]).to_dir(out)
    >>> analysis.read_tables(out).sentences.text.tolist()
    ['It rained.', 'It snowed.']
    >>> analysis.read_tables(out, tables=["sentences"], articles=["1"]).sentences.text.tolist()
    ['It snowed.']
    """
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"no table folder at {folder}")
    wanted = list(TABLE_SCHEMAS) if tables is None else list(tables)
    unknown = [name for name in wanted if name not in TABLE_SCHEMAS]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; known tables: {list(TABLE_SCHEMAS)}")
    if isinstance(articles, str):
        raise ValueError("articles must be a list of article ids, not one string")
    ids = None if articles is None else [str(a) for a in articles]
    found = {}
    for name in wanted:
        schema = TABLE_SCHEMAS[name]
        keep = None if columns is None else [c for c in columns if c in schema]
        if keep is not None and ids is not None and "article_id" not in keep:
            read_columns = ["article_id", *keep]
        else:
            read_columns = keep
        parts = _table_files(folder, name)
        if not parts:
            if tables is not None:
                raise FileNotFoundError(f"no {name}.parquet or {name}.csv in {folder}")
            continue
        frames = [_read_file(part, read_columns, schema, ids) for part in parts]
        frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
        if ids is not None:
            frame = frame[frame["article_id"].isin(ids)].reset_index(drop=True)
            if keep is not None and "article_id" not in keep:
                frame = frame.drop(columns="article_id")
        sub_schema = {c: d for c, d in schema.items() if c in frame.columns}
        found[name] = conform(frame, sub_schema)
    return Tables(found)


def _table_files(folder: Path, name: str) -> list[Path]:
    """The files holding table ``name``: its dataset's parts in order, else its one file."""
    dataset = folder / name
    if dataset.is_dir():
        parts = sorted(dataset.glob("part-*.parquet")) or sorted(dataset.glob("part-*.csv"))
        if parts:
            return parts
    for suffix in ("parquet", "csv"):
        single = folder / f"{name}.{suffix}"
        if single.exists():
            return [single]
    return []


def read_table_part(
    part: str | os.PathLike, name: str, columns: Iterable[str] | None = None
) -> pd.DataFrame:
    """Read one file of table ``name`` (a whole table or one part of a dataset), typed."""
    schema = TABLE_SCHEMAS[name]
    keep = None if columns is None else [c for c in columns if c in schema]
    frame = _read_file(Path(part), keep, schema, None)
    return conform(frame, {c: d for c, d in schema.items() if c in frame.columns})


def _read_file(
    part: Path, columns: list[str] | None, schema: Mapping[str, object], ids: list[str] | None
) -> pd.DataFrame:
    if part.suffix == ".parquet":
        filters = [("article_id", "in", ids)] if ids is not None else None
        return pd.read_parquet(part, columns=columns, filters=filters)
    frame = pd.read_csv(part, usecols=columns, dtype=str, keep_default_na=False, na_values=[""])
    for column, dtype in schema.items():
        if dtype == "bool" and column in frame.columns:  # CSV holds "True"/"False"
            frame[column] = frame[column].map({"True": True, "False": False})
    return frame
