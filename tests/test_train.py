"""``python -m analysis.train``: reading annotated data, labelling candidates, the CLI."""

from __future__ import annotations

import hashlib
import json

import pytest

from analysis.hedge_model import HedgeModel
from analysis.train import (
    UncertaintyDocument,
    cross_validation_models,
    hedge_examples,
    main,
    read_uncertainty,
)

GRID = {
    "C": (1.0,),
    "groups": (("cue", "near", "clause"),),
    "rescue": (False,),
    "balance": (False,),
}


def write_invented_data(folder) -> None:
    """Both files, in the corpus's format, of invented sentences (never the real data)."""
    folder.mkdir(parents=True, exist_ok=True)
    for corpus, name in (("news", "factbank_dev.jsonl"), ("wiki", "wiki_dev.jsonl")):
        lines = []
        for number in range(40):
            doc = f"{corpus}{number}"
            hedged = "Prices would fall if rates rose."
            plain = "The firm said prices would fall."
            start = hedged.index("would")
            lines.append({"doc_id": doc, "sent_id": "S1", "text": hedged, "uncertain": True,
                          "cues": [{"text": "would", "start": start, "end": start + 5,
                                    "type": "modal_possible"}]})  # fmt: skip
            lines.append(
                {"doc_id": doc, "sent_id": "S2", "text": plain, "uncertain": False, "cues": []}
            )
        (folder / name).write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")


def test_documents_are_read_with_sentence_and_cue_offsets(tmp_path):
    write_invented_data(tmp_path)
    documents = read_uncertainty(tmp_path)
    assert len(documents) == 80 and documents[0].key == "factbank/news0"
    first = documents[0]
    (start, end), (cue_start, cue_end) = first.sentences[1], first.cues[0][0]
    assert first.text[start:end] == "The firm said prices would fall."
    assert first.text[cue_start:cue_end] == "would" and first.uncertain == [True, False]


@pytest.mark.parametrize(
    ("line", "message"), [("not json\n", ":1: not a sentence record"), ("{}\n", ":1:")]
)
def test_a_bad_line_is_an_error_naming_file_and_line(tmp_path, line, message):
    write_invented_data(tmp_path)
    (tmp_path / "wiki_dev.jsonl").write_text(line, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_uncertainty(tmp_path)


def test_candidates_are_labelled_by_overlap_and_missed_cues_counted():
    text = "Prices may rise. Rain is due."
    assert text[7:10] == "may" and text[25:28] == "due"
    document = UncertaintyDocument(
        "news/1", "news", text, [(0, 16), (17, 29)], [True, True], [[(7, 10)], [(25, 28)]]
    )
    examples = hedge_examples([document])
    assert examples.labels == [True]  # `may`; `due` is in no lexicon entry, so no candidate
    assert examples.missed == [("news/1", "news")]


def test_cross_validation_never_predicts_a_document_with_a_model_that_saw_it(tmp_path):
    write_invented_data(tmp_path)
    documents = read_uncertainty(tmp_path)
    models = cross_validation_models(documents, folds=4, grid=GRID)
    assert set(models) == {d.key for d in documents}
    distinct = {id(m): m for m in models.values()}
    assert len(distinct) == 4
    for model in distinct.values():
        held_out = [key for key, m in models.items() if m is model]
        seen = model.info["documents"]
        assert sum(seen.values()) == len(documents) - len(held_out)


def test_train_writes_the_same_bytes_twice(tmp_path, capsys):
    write_invented_data(tmp_path / "data")
    out = tmp_path / "model.json"
    digests = []
    for _ in range(2):
        assert main(["hedges", "--data", str(tmp_path / "data"), "--out", str(out)]) == 0
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    model = HedgeModel.from_json(out.read_text(encoding="utf-8"))
    assert model.info["selected_on"] == "mean over corpora"
    assert set(model.info["data"]) == {"factbank_dev.jsonl", "wiki_dev.jsonl"}
    assert "hedge model ->" in capsys.readouterr().out


def test_train_without_the_data_says_so_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANALYSIS_SHARED_DATA", str(tmp_path / "nowhere"))
    out = tmp_path / "model.json"
    assert main(["hedges", "--out", str(out)]) == 2
    message = capsys.readouterr().err
    assert "factbank_dev.jsonl" in message and "not found" in message
    assert not out.exists()
