"""The command line (analysis/cli.py)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis.cli import main
from conftest import REPO


def test_parse_writes_one_dataset_folder_per_table(write, tmp_path, capsys):
    write("corpus/a.txt", "It rained. It stopped.")
    write("corpus/b.txt", b"")
    write("corpus/c.txt", bytes(range(256)) * 10)
    out = tmp_path / "out"
    assert main(["parse", str(tmp_path / "corpus"), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["_manifest.jsonl", *analysis.TABLE_SCHEMAS]
    )
    for name in analysis.TABLE_SCHEMAS:
        assert [p.name for p in (out / name).iterdir()] == ["part-00000.parquet"]
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("3 articles (1 ok, 1 empty, 1 failed), 2 sentences")
    assert analysis.read_tables(out).articles["status"].tolist() == ["ok", "empty", "error"]


def test_several_inputs_and_csv(write, tmp_path):
    first = write("one.txt", "First.")
    second = write("two.jsonl", '{"id": "j1", "text": "Second one."}\n')
    out = tmp_path / "out"
    assert main(["parse", str(first), str(second), "--out", str(out), "--format", "csv"]) == 0
    articles = analysis.read_tables(out).articles
    assert articles["article_id"].tolist() == ["one", "j1"]


def test_missing_input_is_exit_code_2(tmp_path, capsys):
    code = main(["parse", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_duplicate_ids_are_exit_code_2(write, tmp_path, capsys):
    first = write("a/x.txt", "One.")
    second = write("b/x.txt", "Two.")
    code = main(["parse", str(first), str(second), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "repeated: 'x'" in capsys.readouterr().err


def test_python_dash_m_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "parse", "seeds", "--out", str(tmp_path), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 article (1 ok, 0 empty, 0 failed)")


def test_usage_error_is_exit_code_2():
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "parse"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2


def test_brat_output_opens_as_standoff(write, tmp_path):
    corpus = write("corpus/wire/a.txt", "“It is fine,” Ann Lee said. Prices rose, the bank said.")
    out, brat = tmp_path / "out", tmp_path / "brat"
    assert main(["parse", str(corpus.parent.parent), "--out", str(out), "--brat", str(brat)]) == 0
    assert (brat / "wire" / "a.ann").exists() and (brat / "wire" / "a.txt").exists()
    gold = analysis.read_brat(brat, text={"wire/a": corpus.read_text(encoding="utf-8")})
    predicted = analysis.read_tables(out).attributions
    assert sorted(gold["cue_text"]) == sorted(predicted["cue_text"])
    assert sorted(gold["source_text"]) == sorted(predicted["source_text"])


def test_brat_output_leaves_out_floating_attributions(write, tmp_path):
    corpus = write("c/a.txt", "“It is fine,” Ann Lee said.\n\n“We will rebuild.”")
    out, brat = tmp_path / "out", tmp_path / "brat"
    assert main(["parse", str(corpus), "--out", str(out), "--brat", str(brat), "--quiet"]) == 0
    attributions = analysis.read_tables(out).attributions
    assert attributions["is_floating"].tolist() == [False, True]
    gold = analysis.read_brat(brat / "a.ann", text=corpus.read_text(encoding="utf-8"))
    assert len(gold) == 1


def test_workers_and_batches_give_the_tables_of_parse(write, tmp_path):
    for number, text in enumerate(["“It is fine,” Ann Lee said.", "", "Prices rose, he said."]):
        write(f"corpus/{number}.txt", text)
    out = tmp_path / "out"
    arguments = ["parse", str(tmp_path / "corpus"), "--out", str(out), "--quiet"]
    assert main([*arguments, "--workers", "2", "--batch-size", "1"]) == 0
    assert sorted(p.name for p in (out / "sentences").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    expected = analysis.parse(tmp_path / "corpus")
    for name, frame in analysis.read_tables(out).items():
        assert frame.equals(expected[name]), name


def test_a_rerun_resumes_and_reports_the_whole_corpus(write, tmp_path, capsys):
    write("corpus/a.txt", "It rained, she said.")
    write("corpus/b.txt", "It snowed.")
    arguments = ["parse", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--quiet"]
    assert main([*arguments, "--batch-size", "1"]) == 0
    assert main([*arguments, "--batch-size", "1"]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("2 articles (2 ok, 0 empty, 0 failed), 2 sentences, 0 quotes, 1")


@pytest.mark.parametrize("option", ["--workers", "--batch-size"])
@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_counts_must_be_positive_integers(tmp_path, capsys, option, value):
    with pytest.raises(SystemExit) as stop:
        main(["parse", "seeds", "--out", str(tmp_path / "out"), option, value])
    assert stop.value.code == 2
    assert "positive integer" in capsys.readouterr().err


def test_a_folder_the_tool_did_not_write_is_refused_unless_overwrite(write, tmp_path, capsys):
    write("corpus/a.txt", "It rained.")
    out = tmp_path / "out"
    mine = write("out/notes.md", "my notes")
    args = ["parse", str(tmp_path / "corpus"), "--out", str(out), "--quiet"]
    assert main(args) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.md"]
    assert main([*args, "--overwrite"]) == 0
    assert mine.read_text() == "my notes"  # never deleted
    assert main(args) == 0  # now it holds the tool's manifest: a rerun resumes


def test_strict_stops_with_exit_code_1_on_a_failed_article(write, tmp_path, capsys):
    write("corpus/a.txt", "It rained.")
    write("corpus/b.txt", bytes(range(256)) * 10)  # random bytes: the only thing that fails
    args = ["parse", str(tmp_path / "corpus"), "--quiet"]
    assert main([*args, "--out", str(tmp_path / "lenient")]) == 0
    assert "1 failed" in capsys.readouterr().out
    assert main([*args, "--out", str(tmp_path / "strict"), "--strict"]) == 1
    assert "article 'b' failed" in capsys.readouterr().err


def test_excel_safe_csv_neutralises_formulas(write, tmp_path):
    write("corpus/a.txt", "=HYPERLINK(1) was typed. -5 degrees were forecast.")
    out = tmp_path / "out"
    args = ["parse", str(tmp_path / "corpus"), "--out", str(out), "--format", "csv", "--quiet"]
    assert main([*args, "--excel-safe"]) == 0
    text = (out / "sentences" / "part-00000.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(1) was typed." in text and "'-5 degrees were forecast." in text
    assert (
        main(["parse", str(tmp_path / "corpus"), "--out", str(tmp_path / "p"), "--excel-safe"]) == 2
    )


@pytest.mark.parametrize("option", ["--attribution", "--hedges"])
def test_an_unknown_method_is_exit_code_2(write, tmp_path, capsys, option):
    corpus = write("corpus/a.txt", "It rained, she said.")
    with pytest.raises(SystemExit) as stopped:
        main(["parse", str(corpus), "--out", str(tmp_path / "out"), option, "guess"])
    assert stopped.value.code == 2
    assert "invalid choice: 'guess'" in capsys.readouterr().err


# --- sample and score: the validation workflow ------------------------------------------------


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_sample_writes_a_brat_folder_to_code_and_never_overwrites_it(write, tmp_path, capsys):
    for number in range(5):
        write(f"corpus/t{number}.txt", f"Ann {number} said it rained.")
    arguments = ["sample", str(tmp_path / "corpus"), "--n", "3", "--seed", "2", "--out"]
    assert main([*arguments, str(tmp_path / "one")]) == 0
    assert "3 articles written to" in capsys.readouterr().out
    assert main([*arguments, str(tmp_path / "two")]) == 0
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # the same seed, the same files
    assert len(list((tmp_path / "one").glob("*.ann"))) == 3
    assert (tmp_path / "one" / "annotation.conf").is_file()
    assert main([*arguments, str(tmp_path / "one")]) == 2
    assert "not an empty folder" in capsys.readouterr().err


def test_sample_stratifies_a_parse_output_and_prefills_predictions(write, tmp_path, capsys):
    lines = [
        f'{{"id": "{outlet}{number}", "outlet": "{outlet}", "text": "“It may rain,” Ann said."}}'
        for outlet, count in (("x", 4), ("y", 2))
        for number in range(count)
    ]
    corpus = write("corpus.jsonl", "\n".join(lines) + "\n")
    assert main(["parse", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    sample = tmp_path / "sample"
    arguments = ["sample", str(tmp_path / "out"), "--n", "3", "--by", "outlet", "--out"]
    assert main([*arguments, str(sample), "--with-predictions"]) == 0
    assert "3 articles from 2 outlet strata written" in capsys.readouterr().out
    listed = pd.read_csv(sample / "sample.csv")
    assert listed["stratum"].value_counts().to_dict() == {"x": 2, "y": 1}
    coding = analysis.read_coding(sample)
    assert len(coding["attributions"]) == 3 and len(coding["quotes"]) == 3


GOLD_ANN = (
    "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 18\tit rained\n"
    "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


def test_score_prints_the_table_and_each_problem_once(write, tmp_path, capsys):
    write("coded/a.txt", "Ann said it rained.")
    write("coded/a.ann", GOLD_ANN + "T5\tQuote 0 80\tAnn\n")  # a bad line
    out = tmp_path / "out"
    assert main(["parse", str(tmp_path / "coded"), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    table = tmp_path / "scores.csv"
    arguments = [str(tmp_path / "coded"), str(out), "--quotes", "--csv", str(table)]
    assert main(["score", *arguments]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines()[1].split()[:5] == ["Source", "exact", "1.000", "1.000", "1.000"]
    warnings = [line for line in printed.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "a.ann, line 6: offset 80 lies beyond" in warnings[0]
    scores = pd.read_csv(table)
    assert scores["role"].tolist() == ["Source"] * 2 + ["Cue"] * 2 + ["Content"] * 2 + ["Quote"] * 2


def test_score_usage_errors_are_exit_code_2(write, tmp_path, capsys):
    coded = write("coded/a.ann", GOLD_ANN).parent
    write("coded/a.txt", "Ann said it rained.")
    assert main(["score", str(coded), str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    other = write("other/b.ann", "").parent
    write("other/b.txt", "Bo.")
    assert main(["score", str(coded), str(other)]) == 2
    assert "no article in common" in capsys.readouterr().err
