"""A folder of hostile files, parsed with the command line: one articles row per file, no
crash, only random bytes fail, and every span of every table indexes its article's text."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.cli import main

BODY = "Officials said “up to 40 people may have died”, the ministry added. "

HOSTILE: dict[str, bytes] = {
    "utf8.txt": BODY.encode("utf-8"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + BODY.encode("utf-8"),
    "utf16_bom.txt": BODY.encode("utf-16"),
    "cp1252.txt": "Señor Díaz said “no”, she added.".encode("cp1252"),
    "latin1.txt": "Caf\u00e9 owner said: \x81 prices rose.".encode("latin-1"),
    "crlf.txt": b'First line, he said.\r\n\r\nSecond: "quoted" here.\r\n',
    "old_mac.txt": b"Old Mac line.\rAnother, she said.\r",
    "nul_bytes.txt": b"Text with\x00NUL bytes, he said.\x00",
    "zero_width.txt": "Zero\u200bwidth, non\u00a0breaking, \u2060the mayor said.".encode(),
    "rtl.txt": "الوزير قال «نعم». המשרד אמר ״לא״. Officials said yes.".encode(),
    "emoji.txt": "Fans said 😀 “we won 🏆”, reportedly. 👍🏽".encode(),
    "markup.txt": b"<html><body><p>The <b>minister</b> said &quot;no&quot;.</p></body></html>",
    "broken_quotes.txt": "He said “it is ‘over\" and ’then« it » wasn't'.".encode(),
    "one_long_line.txt": ("word " * 20_000).encode(),
    "only_marks.txt": ('"' * 5_000 + "“‘«" * 1_000).encode(),
    "empty.txt": b"",
    "blank.txt": b" \n\t \r\n",
    "random_bytes.txt": bytes(range(256)) * 40,
}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name, content in HOSTILE.items():
        (folder / name).write_bytes(content)
    out = tmp_path_factory.mktemp("out") / "tables"
    assert main(["parse", str(folder), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    return analysis.read_tables(out)


def test_every_file_is_one_articles_row(parsed):
    ids = parsed.articles["article_id"].tolist()
    assert sorted(ids) == sorted(name[:-4] for name in HOSTILE)


def test_only_random_bytes_fail_and_failures_say_why(parsed):
    statuses = parsed.articles.set_index("article_id")["status"]
    assert statuses["random_bytes"] == "error"
    assert statuses["empty"] == "empty" and statuses["blank"] == "empty"
    others = statuses.drop(["random_bytes", "empty", "blank"])
    assert (others == "ok").all(), others[others != "ok"]
    errors = parsed.articles.set_index("article_id")["error"]
    assert errors["random_bytes"] and pd.isna(errors["utf8"])


def test_every_span_indexes_its_article_text(parsed):
    texts = parsed.articles.set_index("article_id")["text"]
    for row in parsed.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in parsed.quotes.itertuples():
        assert row.text in texts[row.article_id][row.start : row.end]
    for row in parsed.hedges.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in parsed.attributions.itertuples():
        text = texts[row.article_id]
        for role in ("source", "cue", "content"):
            start = getattr(row, f"{role}_start")
            if not pd.isna(start):
                assert text[int(start) : int(getattr(row, f"{role}_end"))] == getattr(
                    row, f"{role}_text"
                )


def test_text_is_kept_exactly_as_decoded(parsed):
    texts = parsed.articles.set_index("article_id")["text"]
    assert texts["utf16_bom"] == BODY
    assert texts["crlf"].count("\r\n") == 3
    assert "\x00" in texts["nul_bytes"]
    assert texts["cp1252"].startswith("Señor Díaz said “no”")
