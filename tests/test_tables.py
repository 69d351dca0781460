"""The table bundle, schemas and round trips (analysis/tables.py)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis
from analysis.tables import TABLE_SCHEMAS, conform, frame_from_columns, write_parquet_columns

CORPUS = [
    "By Ann Lee\n\nPARIS, May 2 (Reuters) - It rained. “Very hard,” he said.\r\n\r\nIt stopped.",
    "",
    "Caf\u00e9 owners said so.\n\n(Reporting by Bo Ray; Editing by Cy Dee)",
]


@pytest.fixture(scope="module")
def parsed():
    return analysis.parse(CORPUS)


def test_bundle_holds_tables_in_order(parsed):
    assert list(parsed) == [
        "articles",
        "sentences",
        "quotes",
        "attributions",
        "sources",
        "hedges",
    ]
    assert parsed["sentences"] is parsed.sentences
    assert "articles: 3 rows" in repr(parsed)
    with pytest.raises(AttributeError, match="no table 'paragraphs'"):
        _ = parsed.paragraphs


@pytest.mark.parametrize("name", list(TABLE_SCHEMAS))
def test_tables_follow_their_schema(parsed, name):
    frame = parsed[name]
    schema = TABLE_SCHEMAS[name]
    assert frame.columns.tolist()[: len(schema)] == list(schema)
    for column, dtype in schema.items():
        assert frame[column].dtype == pd.api.types.pandas_dtype(dtype), column


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_round_trip_is_unchanged(parsed, tmp_path, fmt):
    written = parsed.to_dir(tmp_path, format=fmt)
    assert sorted(p.name for p in written) == sorted(f"{name}.{fmt}" for name in TABLE_SCHEMAS)
    back = analysis.read_tables(tmp_path)
    for name in parsed:
        expected = parsed[name]
        if fmt == "csv":  # CSV cannot tell an empty string from a missing value
            expected = expected.replace({"text": {"": pd.NA}})
        pd.testing.assert_frame_equal(back[name], expected)


def test_read_some_tables_and_columns(parsed, tmp_path):
    parsed.to_dir(tmp_path)
    back = analysis.read_tables(tmp_path, tables=["sentences"], columns=["article_id", "text"])
    assert list(back) == ["sentences"]
    assert back.sentences.columns.tolist() == ["article_id", "text"]


def test_no_temporary_files_are_left_behind(parsed, tmp_path):
    parsed.to_dir(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{name}.parquet" for name in TABLE_SCHEMAS
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p, d: p.to_dir(d, format="xlsx"), "format must be"),
        (lambda p, d: analysis.read_tables(d / "missing"), "no table folder"),
        (lambda p, d: analysis.read_tables(d, tables=["nonsense"]), "unknown table"),
        (lambda p, d: analysis.Tables({"nonsense": pd.DataFrame()}), "unknown table"),
    ],
)
def test_bad_arguments_are_clear_errors(parsed, tmp_path, call, message):
    with pytest.raises((ValueError, FileNotFoundError), match=message):
        call(parsed, tmp_path)


def test_conform_keeps_extra_columns_after_the_schema():
    frame = conform(pd.DataFrame({"extra": [1], "b": ["x"]}), {"a": "Int64", "b": "string"})
    assert frame.columns.tolist() == ["a", "b", "extra"]
    assert frame["a"].isna().all()


@pytest.mark.parametrize("name", [name for name in TABLE_SCHEMAS if name != "articles"])
@pytest.mark.parametrize("rows", [slice(None), slice(0)])  # every row, and none
def test_frames_built_from_columns_equal_conformed_ones(parsed, name, rows):
    # the pipeline's fast construction, on real rows with missing values (sources, offsets)
    columns = {c: parsed[name][c].iloc[rows].astype(object).tolist() for c in TABLE_SCHEMAS[name]}
    columns = {c: [None if pd.isna(v) else v for v in values] for c, values in columns.items()}
    expected = conform(pd.DataFrame(columns), TABLE_SCHEMAS[name])
    pd.testing.assert_frame_equal(frame_from_columns(columns, TABLE_SCHEMAS[name]), expected)


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([7, 8], "string"),  # numbers where text belongs: pyarrow refuses them, pandas converts
        (["x", "\ud800"], "string"),  # a lone surrogate, which UTF-8 cannot hold
        ([1, 2**70], "Int64"),  # too large for int64: pandas' own error or value
        ([1.0, None], "Int64"),
        ([3, 4], "int64"),
    ],
)
def test_frames_from_columns_fall_back_to_pandas_for_odd_values(values, dtype):
    def build(function):
        try:
            return function()
        except Exception as error:  # noqa: BLE001 - both ways must fail alike
            return type(error)

    fast = build(lambda: frame_from_columns({"a": values}, {"a": dtype}))
    slow = build(lambda: conform(pd.DataFrame({"a": values}), {"a": dtype}))
    if isinstance(slow, type):
        assert fast is slow
    else:
        pd.testing.assert_frame_equal(fast, slow)


def _columns_of(frame, name):
    columns = {c: frame[c].astype(object).tolist() for c in TABLE_SCHEMAS[name]}
    return {c: [None if pd.isna(v) else v for v in values] for c, values in columns.items()}


@pytest.mark.parametrize("name", [name for name in TABLE_SCHEMAS if name != "articles"])
@pytest.mark.parametrize("rows", [slice(None), slice(0)])
def test_parquet_written_from_columns_is_the_dataframe_s(parsed, tmp_path, name, rows):
    # parse_corpus writes the article tables straight from column lists: pandas must read back
    # what DataFrame.to_parquet would have written, dtypes and metadata included
    columns = _columns_of(parsed[name].iloc[rows], name)
    write_parquet_columns(columns, name, tmp_path / "fast.parquet")
    frame_from_columns(columns, TABLE_SCHEMAS[name]).to_parquet(
        tmp_path / "slow.parquet", index=False
    )
    fast = pq.read_schema(tmp_path / "fast.parquet")
    assert fast.equals(pq.read_schema(tmp_path / "slow.parquet"), check_metadata=True)
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "fast.parquet"), pd.read_parquet(tmp_path / "slow.parquet")
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kind", "retracted"),  # a category the schema does not have: an error both ways
        ("text", 7),  # a number where text belongs: pandas converts it
        ("attribution_id", 2**70),  # beyond int64
        ("continued", None),  # missing where the column cannot be
        ("quote_id", None),
    ],
)
def test_parquet_from_columns_falls_back_to_pandas_for_odd_values(parsed, tmp_path, column, value):
    columns = _columns_of(parsed["quotes"], "quotes")
    columns[column][0] = value

    def write(function, path):
        try:
            function(path)
            return pd.read_parquet(path)
        except Exception as error:  # noqa: BLE001 - both ways must fail alike
            return type(error)

    frame = write(lambda path: write_parquet_columns(columns, "quotes", path), tmp_path / "f")
    slow = write(
        lambda path: frame_from_columns(columns, TABLE_SCHEMAS["quotes"]).to_parquet(
            path, index=False
        ),
        tmp_path / "s",
    )
    if isinstance(slow, type):
        assert frame is slow
    else:
        pd.testing.assert_frame_equal(frame, slow)


def test_a_value_outside_a_columns_categories_is_an_error_not_missing():
    schema = {"kind": pd.CategoricalDtype(["direct", "partial"])}
    with pytest.raises(ValueError, match=r"categories \['direct', 'partial'\]: 'retracted'$"):
        frame_from_columns({"kind": ["direct", "retracted", None, float("nan")]}, schema)
    frame = frame_from_columns({"kind": ["direct", None, "partial"]}, schema)
    assert frame["kind"].isna().tolist() == [False, True, False]


def test_frames_from_columns_need_exactly_the_schema_columns():
    with pytest.raises(ValueError, match="use conform"):
        frame_from_columns({"a": [1]}, {"a": "Int64", "b": "string"})


def test_n_sentences_counts_sentence_rows(parsed):
    counts = parsed.sentences.groupby("article_id").size()
    articles = parsed.articles.set_index("article_id")
    assert articles.loc["0", "n_sentences"] == counts["0"]
    assert pd.isna(articles.loc["1", "n_sentences"])  # empty: not segmented
