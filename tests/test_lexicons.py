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
