"""Sources (analysis/sources.py): merging mentions into the distinct speakers of an article."""

from __future__ import annotations

import pytest

import analysis
from analysis.sources import mention_name, resolve_sources


def sources(text: str) -> list[tuple[str, int]]:
    table = analysis.parse([text]).sources
    return list(zip(table["name"], table["n_attributions"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun resolves to the person quoted before it
        ("Ann Lee said prices rose. She added that wages fell.", [("Ann Lee", 2)]),
        # a short form resolves to the full name
        (
            "Finance Minister Ann Lee said prices rose. Lee said wages fell.",
            [("Ann Lee", 2)],
        ),
        # "it" resolves to the organisation
        ("The ministry said prices rose. It added that wages fell.", [("ministry", 2)]),
        # a he/she resolves to a person named earlier in the same sentence
        ("President Bo Ray launched what he called a reform.", [("Bo Ray", 1)]),
        # different people stay different
        (
            "Ann Lee said prices rose. Bo Ray said wages fell.",
            [("Ann Lee", 1), ("Bo Ray", 1)],
        ),
    ],
)
def test_mentions_merge(text, expected):
    assert sources(text) == expected


def test_attributions_carry_their_source_id():
    parsed = analysis.parse(["Ann Lee said prices rose. She added that wages fell."])
    assert parsed.attributions["source_id"].tolist() == [0, 0]
    assert parsed.sources["mentions"].tolist() == ["Ann Lee; She"]


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Ukrainian negotiator Mykhailo Podolyak", "Mykhailo Podolyak"),
        ("U.S. Secretary of State Antony Blinken", "Antony Blinken"),
        ("Liu Pengyu, spokesperson for China’s embassy in Washington,", "Liu Pengyu"),
        ("A Russian delegate to the talks, Leonid Slutsky,", "Leonid Slutsky"),
        ("the State Department", "State Department"),
        ("the regional police chief", ""),
        ("The city council in Mariupol", ""),
        ("several U.S. officials", ""),
    ],
)
def test_mention_names(mention, name):
    assert mention_name(mention) == name


def test_unresolvable_pronoun_has_no_source():
    ids, found = resolve_sources(["He"])
    assert ids == [None]
    assert found == []
