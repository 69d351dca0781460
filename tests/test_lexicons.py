"""Every lexicon is documented data: a header, entries, no duplicates (analysis/lexicons/)."""

from __future__ import annotations

from importlib import resources

import pytest

from analysis.lexicon import lexicon_names, load_lexicon, load_lexicon_table

NAMES = lexicon_names()


def test_lexicons_are_shipped():
    assert {"abbreviations", "abbreviations_cased", "sentence_starters", "news_agencies"} <= set(
        NAMES
    )


@pytest.mark.parametrize("name", NAMES)
def test_header_says_what_and_where_from(name):
    text = (resources.files("analysis") / "lexicons" / f"{name}.txt").read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 3
    joined = " ".join(header).lower()
    assert "source" in joined or "from" in joined
    assert "left out" in joined


@pytest.mark.parametrize("name", NAMES)
def test_entries_are_unique(name):
    entries = load_lexicon(name)
    assert entries
    assert len(entries) == len(set(entries))


def test_abbreviation_kinds_are_a_closed_set():
    kinds = {row[1] for row in load_lexicon_table("abbreviations") if len(row) > 1}
    assert kinds <= {"honorific", "title", "name-final"}


def test_unknown_lexicon_is_a_clear_error():
    with pytest.raises(ValueError, match="no lexicon named"):
        load_lexicon("nonexistent")


def _edited(monkeypatch, name, lines):
    """Lexicon ``name`` as if a researcher had edited it to hold ``lines``."""
    from analysis import lexicon

    real = lexicon._lines
    monkeypatch.setattr(lexicon, "_lines", lambda asked: lines if asked == name else real(asked))


def test_a_typo_in_a_field_is_an_error_naming_the_file_and_entry(monkeypatch):
    _edited(monkeypatch, "cues", ("say\tneutral\tsay said", "claim\tdistancnig\tclaimed"))
    with pytest.raises(
        ValueError,
        match=r"lexicons/cues.txt: the entry 'claim' has 'distancnig' in field 2, "
        r"expected one of: distancing, neutral",
    ):
        load_lexicon_table("cues", {1: ("neutral", "distancing"), 2: None})
    assert load_lexicon_table("cues", {2: None})[1] == ("claim", "distancnig", "claimed")


def test_a_missing_field_is_an_error_naming_the_entry(monkeypatch):
    _edited(monkeypatch, "cues", ("say\tneutral\tsay said", "claim distancing claimed"))
    with pytest.raises(ValueError, match=r"the entry 'claim distancing claimed' has 1 field\(s\)"):
        load_lexicon_table("cues", {2: None})


@pytest.mark.parametrize(
    ("name", "line", "load"),
    [
        ("reporting_cues", "claim\tdistancnig\tclaimed", "analysis.attribution:reporting_cues"),
        ("source_roles", "minister\tofficial\tpeople", "analysis.sources:_roles"),
        ("gendered_words", "mr\tmale\ttitle", "analysis.sources:_gendered_words"),
        ("first_names", "alex\tboth", "analysis.sources:_first_names"),
    ],
)
def test_the_pipeline_refuses_a_lexicon_value_its_tables_cannot_hold(monkeypatch, name, line, load):
    # A kind outside a table's categories would otherwise become a missing value there.
    import importlib

    module, _, function = load.partition(":")
    loader = getattr(importlib.import_module(module), function)
    _edited(monkeypatch, name, (line,))
    loader.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"lexicons/{name}.txt: the entry"):
            loader()
    finally:
        loader.cache_clear()
