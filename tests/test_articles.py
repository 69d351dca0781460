"""Loading corpora: every kind of source, ids, encodings, and bad input (analysis/articles.py)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis
from analysis import ARTICLE_COLUMNS, decode_bytes, load_articles


def test_folder_ids_are_relative_paths_sorted(write, tmp_path):
    write("corpus/bbc/business/002.txt", "Second.")
    write("corpus/bbc/business/001.txt", "First.")
    write("corpus/a.txt", "Top.")
    write("corpus/notes.md", "not a .txt file")
    articles = load_articles(tmp_path / "corpus")
    assert articles["article_id"].tolist() == ["a", "bbc/business/001", "bbc/business/002"]
    assert articles["text"].tolist() == ["Top.", "First.", "Second."]
    assert articles["path"].str.endswith("001.txt").tolist() == [False, True, False]


def test_folder_ids_drop_only_the_last_suffix(write, tmp_path):
    write("corpus/a.b.txt", "Dots.")
    write("corpus/x/.txt", "A file named only by its suffix.")
    write("corpus/x/y.txt.txt", "Twice.")
    articles = load_articles(tmp_path / "corpus")
    # as Path.with_suffix(""): ".txt" alone is a name, not a suffix
    assert articles["article_id"].tolist() == ["a.b", "x/.txt", "x/y.txt"]


def test_single_file_id_is_its_stem(write):
    articles = load_articles(write("story-7.txt", "It rained."))
    assert articles["article_id"].tolist() == ["story-7"]


def test_columns_follow_the_schema():
    articles = load_articles(["It rained."])
    assert articles.columns.tolist() == list(ARTICLE_COLUMNS)
    assert str(articles["status"].dtype) == "category"
    assert str(articles["byline_start"].dtype) == "Int64"


def test_text_is_kept_exactly_with_windows_line_endings(write):
    raw = "Line one.\r\n\r\nLine two.\rOld Mac.\n"
    articles = load_articles(write("crlf.txt", raw.encode("utf-8")))
    assert articles.loc[0, "text"] == raw
    assert articles.loc[0, "n_chars"] == len(raw)


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        ("Kyiv’s mayor".encode(), "Kyiv’s mayor", "utf-8"),
        (b"\xef\xbb\xbfWith a BOM.", "With a BOM.", "utf-8-sig"),
        ("Caf\u00e9 “quoted”".encode("cp1252"), "Caf\u00e9 “quoted”", "cp1252"),
        (b"Undefined in cp1252: \x81\x8d.", "Undefined in cp1252: \x81\x8d.", "latin-1"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text", "utf-16"),
    ],
)
def test_decoding_falls_back_and_records_the_encoding(raw, text, encoding):
    assert decode_bytes(raw) == (text, encoding)


def test_non_utf8_file_is_read_and_flagged(write):
    articles = load_articles(write("old.txt", "Señor said “no”.".encode("cp1252")))
    row = articles.iloc[0]
    assert (row["status"], row["encoding"], row["text"]) == ("ok", "cp1252", "Señor said “no”.")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files_are_kept_as_empty(write, content):
    articles = load_articles(write("blank.txt", content))
    assert articles["status"].tolist() == ["empty"]
    assert articles["n_words"].tolist() == [0]


def test_binary_file_is_an_error_row_not_a_crash(write, tmp_path):
    write("corpus/good.txt", "Fine text.")
    write("corpus/image.txt", bytes(range(256)) * 40)
    articles = load_articles(tmp_path / "corpus")
    assert articles.set_index("article_id")["status"].to_dict() == {
        "good": "ok",
        "image": "error",
    }
    assert "binary" in articles.set_index("article_id").loc["image", "error"]
    assert pd.isna(articles.set_index("article_id").loc["image", "text"])


def test_unreadable_file_is_an_error_row(write, tmp_path):
    write("corpus/good.txt", "Fine text.")
    (tmp_path / "corpus" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    articles = load_articles(tmp_path / "corpus").set_index("article_id")
    assert articles.loc["dangling", "status"] == "error"
    assert "FileNotFoundError" in articles.loc["dangling", "error"]
    assert articles.loc["good", "status"] == "ok"


def test_nul_bytes_are_text_not_binary(write):
    articles = load_articles(write("nul.txt", b"A line\x00with a NUL. And more text here."))
    assert articles.loc[0, "status"] == "ok"
    assert "\x00" in articles.loc[0, "text"]


def test_five_megabyte_single_line_file_loads(write):
    raw = ("word " * 1_000_000).encode()
    articles = load_articles(write("huge.txt", raw))
    assert articles.loc[0, "n_chars"] == len(raw)
    assert articles.loc[0, "n_words"] == 1_000_000


def test_jsonl_keeps_columns_and_records_bad_lines(write):
    lines = [
        json.dumps(
            {"id": "a1", "text": "It rained.", "title": "Rain", "outlet": "X", "lang": "en"}
        ),
        "{not json",
        json.dumps({"id": "a3", "body": "no text field"}),
        json.dumps({"id": "a4", "text": None}),
    ]
    articles = load_articles(write("c.jsonl", "\n".join(lines) + "\n\n"))
    assert articles["article_id"].tolist() == ["a1", "1", "a3", "a4"]
    assert articles["status"].tolist() == ["ok", "error", "error", "empty"]
    assert articles.loc[0, "title"] == "Rain"
    assert articles.loc[0, "outlet"] == "X"
    assert articles.loc[0, "lang"] == "en"  # extra input columns are kept
    assert "not a JSON object" in articles.loc[1, "error"]
    assert "no 'text' field" in articles.loc[2, "error"]


def test_csv_without_id_uses_row_numbers(write):
    frame = pd.DataFrame({"text": ["One.", "Two."], "date": ["2022-03-14", "2022-03-15"]})
    path = write("c.csv", frame.to_csv(index=False))
    articles = load_articles(path)
    assert articles["article_id"].tolist() == ["0", "1"]
    assert articles["date"].tolist() == ["2022-03-14", "2022-03-15"]


def test_parquet_and_dataframe_sources_agree(tmp_path):
    frame = pd.DataFrame({"id": [10, 11], "text": ["One.", "Two."], "url": ["u1", "u2"]})
    frame.to_parquet(tmp_path / "c.parquet")
    from_file = load_articles(tmp_path / "c.parquet").drop(columns="path")
    from_frame = load_articles(frame).drop(columns="path")
    pd.testing.assert_frame_equal(from_file, from_frame)
    assert from_frame["article_id"].tolist() == ["10", "11"]


def test_input_column_named_like_an_output_column_is_renamed():
    articles = load_articles(pd.DataFrame({"text": ["One."], "status": ["draft"]}))
    assert articles.loc[0, "status"] == "ok"
    assert articles.loc[0, "input_status"] == "draft"


def test_list_of_strings_with_odd_items():
    articles = load_articles(["One.", None, 42, "  "])
    assert articles["status"].tolist() == ["ok", "empty", "error", "empty"]
    assert "int" in articles.loc[2, "error"]


def test_duplicate_ids_are_an_error_naming_them():
    frame = pd.DataFrame({"id": ["x", "y", "x"], "text": ["a", "b", "c"]})
    with pytest.raises(ValueError, match="repeated: 'x'"):
        load_articles(frame)


def test_table_without_text_column_is_a_clear_error():
    with pytest.raises(ValueError, match="no 'text' column"):
        load_articles(pd.DataFrame({"body": ["x"]}))


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_articles(tmp_path / "nope")


def test_unsupported_source_type_is_a_clear_error():
    with pytest.raises(TypeError, match="source must be"):
        load_articles(3.5)


def test_unmatched_quotation_marks_and_no_punctuation_parse(write, tmp_path):
    write("c/a.txt", "He said “this never closes\n\nNext paragraph")
    write("c/b.txt", "no punctuation at all just words and more words")
    articles = load_articles(tmp_path / "c")
    assert articles["status"].tolist() == ["ok", "ok"]


def test_an_article_id_column_names_the_articles_when_there_is_no_id():
    frame = pd.DataFrame({"article_id": ["doc-1", "doc-2"], "text": ["One.", "Two."]})
    assert load_articles(frame)["article_id"].tolist() == ["doc-1", "doc-2"]


def test_a_headline_line_becomes_the_title_unless_the_input_has_one():
    text = "Ad sales boost city profit\n\nQuarterly profits rose 76%, the firm said."
    detected = analysis.parse([text])
    article = detected.articles.iloc[0]
    assert article["title"] == "Ad sales boost city profit"
    assert text[article["title_start"] : article["title_end"]] == article["title"]
    sentences = detected.sentences
    assert sentences["part"].tolist() == ["title", "body"]
    # body measures leave the headline out
    hedging = analysis.article_hedging(detected)
    assert hedging["n_body_words"].tolist() == [sentences.loc[1, "n_words"]] == [7]
    given = analysis.parse(pd.DataFrame({"text": [text], "title": ["From the feed"]}))
    assert given.articles.loc[0, "title"] == "From the feed"  # the input's title wins
    assert given.sentences["part"].tolist() == ["title", "body"]  # and the line is no body


@pytest.mark.parametrize(
    "text",
    [
        "Plain news text.\n\nA second paragraph.\tTabbed.\r\n",
        "Bell\x07, escape\x1b, delete\x7f and NUL\x00 among words",
        "\x01\x02\x03\x04",
        "Non-ASCII: caf\u00e9 \x85 next-line and \x9f C1 controls, \x08 backspace",
        "\x0e",
        # two-byte characters next to the C1 range, a lone surrogate, a three-byte character
        "\u00a0 no-break, \u0100 A-macron, \ud800 surrogate, \u20ac euro, \u0080 C1",
    ],
)
def test_control_share_counts_what_the_control_pattern_matches(text):
    from analysis.articles import _CONTROL_CHARACTERS, _control_share

    expected = len(_CONTROL_CHARACTERS.findall(text)) / len(text)
    assert _control_share(text) == expected
    assert _control_share("") == 0.0
