"""The notebooks' corpus parameter and parse cache."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import workspace


def test_the_environment_overrides_the_corpus_parameter(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path))
    assert workspace.corpus_parameter("../seeds") == tmp_path
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="does not exist"):
        workspace.corpus_parameter("../seeds")


def test_parse_cached_reuses_tables_until_the_corpus_changes(tmp_path, write):
    corpus = write("corpus/a.txt", "Prices may rise, officials said.")
    cache = tmp_path / "cache"
    first = workspace.parse_cached(corpus.parent, cache, progress=False)
    second = workspace.parse_cached(corpus.parent, cache, progress=False)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])
    assert len(list(cache.iterdir())) == 1
    write("corpus/a.txt", "Prices fell.")
    third = workspace.parse_cached(corpus.parent, cache, progress=False)
    assert third.sentences["text"].tolist() == ["Prices fell."]
    assert len(list(cache.iterdir())) == 2
    assert not [p for p in cache.iterdir() if "partial" in p.name]


@pytest.mark.parametrize(
    "edited", ["pipeline.py", "attribution/cues.py", "lexicons/cues.txt", "models/model.json"]
)
def test_the_code_fingerprint_changes_with_any_module_lexicon_or_model(
    tmp_path, monkeypatch, edited
):
    # A module of a subpackage (analysis/attribution/) counts as much as a top-level one: an
    # edited rule must not reuse tables parsed by the old one.
    package = tmp_path / "analysis"
    for name in ["__init__.py", "pipeline.py", "attribution/__init__.py", "attribution/cues.py",
                 "lexicons/cues.txt", "models/model.json"]:  # fmt: skip
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(f"# {name}\n")
    monkeypatch.setattr(workspace.resources, "files", lambda name: package)
    before = workspace._code_fingerprint()
    assert workspace._code_fingerprint() == before
    (package / edited).write_text("# edited\n")
    assert workspace._code_fingerprint() != before


def test_pick_article_checks_the_id(tmp_path, write):
    corpus = write("corpus/a.txt", "One.")
    parsed = workspace.parse_cached(corpus.parent, tmp_path / "cache", progress=False)
    assert workspace.pick_article(parsed) == "a"
    assert workspace.pick_article(parsed, "a") == "a"
    with pytest.raises(ValueError, match="no article 'b'"):
        workspace.pick_article(parsed, "b")


def test_the_coded_sample_is_the_corpus_when_coded_else_the_default(write, monkeypatch):
    monkeypatch.delenv("ANALYSIS_CODING", raising=False)
    coded = write("coded/a.ann", "").parent
    plain = write("plain/a.txt", "One.").parent
    assert workspace.coding_parameter(coded, "../seeds") == coded
    with pytest.warns(UserWarning, match="plain holds no hand coding"):
        assert workspace.coding_parameter(plain, coded) == coded
    monkeypatch.setenv("ANALYSIS_CODING", str(coded))
    assert workspace.coding_parameter(plain, "../seeds") == coded
    monkeypatch.setenv("ANALYSIS_CODING", str(plain))
    with pytest.raises(ValueError, match="holds no .ann file"):
        workspace.coding_parameter(coded, "../seeds")
