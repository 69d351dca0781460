"""Parsing a corpus in batches into a Parquet dataset (analysis/corpus.py, analysis/cluster.py)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.corpus import MANIFEST, parse_corpus

#: Small invented articles that exercise every table (quotes, attributions, sources), plus an
#: empty and an undecodable one, so that batches hold every status.
ARTICLES = [
    "LONDON (Reuters) - Prices rose, the bank said. “It is fine,” Ann Lee told reporters.",
    "By Jane Roe\n\nShares fell. “We are worried,” said Tom Brown, a trader.\n\nHe added that "
    "the market “would recover”.",
    "",
    "The minister denied the report. According to officials, talks will resume on Monday.",
    "“No comment,” a spokeswoman said.\n\n“We will see,” she added.",
    "It rained. Then it stopped.",
    "WASHINGTON (AP) — The senator said he would vote against the bill.",
]


def _write_corpus(folder, copies=2):
    texts = {}
    for copy in range(copies):
        for number, text in enumerate(ARTICLES):
            path = folder / f"part{copy}" / f"{number:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            texts[path] = text
    (folder / "part1" / "bad.txt").write_bytes(bytes(range(256)) * 10)
    return folder


def _assert_same_tables(left, right):
    assert list(left) == list(right)
    for name in left:
        assert_frame_equal(left[name], right[name], obj=name)


@pytest.fixture
def corpus(tmp_path):
    return _write_corpus(tmp_path / "corpus")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("batch_size", [1, 3, 100])
def test_dataset_equals_parse_row_for_row(corpus, tmp_path, workers, batch_size):
    out = tmp_path / "out"
    summary = parse_corpus(corpus, out, workers=workers, batch_size=batch_size)
    expected = analysis.parse(corpus)
    _assert_same_tables(analysis.read_tables(out), expected)
    assert summary.articles == len(expected.articles)
    assert summary.batches == -(-len(expected.articles) // batch_size)
    assert summary.statuses == expected.articles["status"].value_counts().to_dict()
    assert summary.rows == {name: len(expected[name]) for name in analysis.pipeline.ARTICLE_TABLES}


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_table_inputs_stream_into_the_same_tables(tmp_path, suffix):
    frame = pd.DataFrame(
        {"id": [f"a{i}" for i in range(len(ARTICLES))], "text": ARTICLES, "outlet": "Wire"}
    )
    path = tmp_path / f"corpus.{suffix}"
    if suffix == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path)
    out = tmp_path / "out"
    parse_corpus(path, out, workers=2, batch_size=2)
    _assert_same_tables(analysis.read_tables(out), analysis.parse(path))


def test_csv_format_reads_back_like_parquet(corpus, tmp_path):
    parse_corpus(corpus, tmp_path / "csv", workers=1, batch_size=4, format="csv")
    parse_corpus(corpus, tmp_path / "parquet", workers=1, batch_size=4)
    assert sorted(p.name for p in (tmp_path / "csv" / "quotes").iterdir())[0] == "part-00000.csv"
    from_csv = analysis.read_tables(tmp_path / "csv")
    from_parquet = analysis.read_tables(tmp_path / "parquet")
    for name in ("sentences", "quotes", "attributions", "sources"):
        assert_frame_equal(from_csv[name], from_parquet[name], obj=name)


def test_read_tables_selects_columns_and_articles(corpus, tmp_path):
    out = tmp_path / "out"
    parse_corpus(corpus, out, workers=1, batch_size=3)
    wanted = ["part0/001", "part1/004"]
    tables = analysis.read_tables(out, tables=["sentences"], columns=["text"], articles=wanted)
    expected = analysis.parse(corpus).sentences
    expected = expected[expected["article_id"].isin(wanted)][["text"]].reset_index(drop=True)
    assert list(tables) == ["sentences"]
    assert_frame_equal(tables.sentences, expected)


def test_finished_batches_are_not_redone(corpus, tmp_path):
    out = tmp_path / "out"
    first = parse_corpus(corpus, out, workers=1, batch_size=4)
    part = out / "sentences" / "part-00001.parquet"
    before = part.stat().st_mtime_ns
    again = parse_corpus(corpus, out, workers=1, batch_size=4)
    assert again.batches_skipped == again.batches == first.batches
    assert again.rows == first.rows and again.statuses == first.statuses
    assert part.stat().st_mtime_ns == before


def test_an_interrupted_run_resumes_from_its_manifest(corpus, tmp_path):
    out = tmp_path / "out"
    parse_corpus(corpus, out, workers=1, batch_size=4)
    manifest = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    # As if the run had stopped while writing batch 2: its manifest line cut short.
    (out / MANIFEST).write_text("\n".join(manifest[:2]) + "\n" + manifest[2][:10])
    resumed = parse_corpus(corpus, out, workers=2, batch_size=4)
    assert resumed.batches_skipped == 2
    assert resumed.batches == len(manifest)
    _assert_same_tables(analysis.read_tables(out), analysis.parse(corpus))
    assert [json.loads(line)["batch"] for line in (out / MANIFEST).read_text().splitlines()] == (
        list(range(len(manifest)))
    )


def test_a_changed_input_is_parsed_again_and_stale_parts_go(corpus, tmp_path):
    out = tmp_path / "out"
    parse_corpus(corpus, out, workers=1, batch_size=2)
    (corpus / "part0" / "000.txt").write_text("Everything changed, he said.", encoding="utf-8")
    for extra in (corpus / "part1").glob("*.txt"):
        extra.unlink()
    summary = parse_corpus(corpus, out, workers=1, batch_size=2)
    # Batch 0 holds the changed text, and the last batch lost its second article.
    assert summary.batches_skipped == summary.batches - 2
    _assert_same_tables(analysis.read_tables(out), analysis.parse(corpus))
    assert len(list((out / "articles").iterdir())) == summary.batches


def test_duplicate_ids_across_batches_are_an_error(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "x", "text": "One."}\n{"id": "x", "text": "Two."}\n')
    with pytest.raises(ValueError, match="repeated: 'x'"):
        parse_corpus(path, tmp_path / "out", workers=1, batch_size=1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"batch_size": 0}, "batch_size"),
        ({"workers": 0}, "workers"),
        ({"format": "xlsx"}, "format"),
        ({"engine": "spark"}, "engine"),
        ({"attribution": "guess"}, "attribution must be one of"),
        ({"hedges": "guess"}, "hedges must be one of"),
    ],
)
def test_invalid_arguments_say_what_to_do(tmp_path, arguments, message):
    with pytest.raises(ValueError, match=message):
        parse_corpus(["It rained."], tmp_path / "out", **arguments)


def test_dask_engine_on_a_local_cluster_equals_one_process(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster),
    ):
        summary = parse_corpus(corpus, tmp_path / "dask", batch_size=3, engine="dask")
    parse_corpus(corpus, tmp_path / "one", workers=1, batch_size=3)
    assert summary.batches == -(-summary.articles // 3)
    _assert_same_tables(
        analysis.read_tables(tmp_path / "dask"), analysis.read_tables(tmp_path / "one")
    )
    _assert_same_tables(analysis.read_tables(tmp_path / "dask"), analysis.parse(corpus))


def test_dask_engine_without_a_client_says_how_to_start_one(tmp_path):
    pytest.importorskip("distributed")
    with pytest.raises(ValueError, match="Client"):
        parse_corpus(["It rained."], tmp_path / "out", engine="dask")


def test_a_trained_segmenter_reaches_the_workers(corpus, tmp_path):
    parse_corpus(corpus, tmp_path / "out", workers=2, batch_size=3, train_segmenter=True)
    expected = analysis.parse(corpus, train_segmenter=True)
    _assert_same_tables(analysis.read_tables(tmp_path / "out"), expected)


def test_progress_bar_counts_articles(corpus, tmp_path, capsys):
    summary = parse_corpus(corpus, tmp_path / "out", workers=1, batch_size=4, progress=True)
    assert summary.articles == len(analysis.parse(corpus).articles)
