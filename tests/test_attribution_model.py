"""The trained attribution layer (analysis/attribution_model.py): loading, training, errors."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import attribution_model as model_module
from analysis.articles import iter_records
from analysis.attribution import find_attributions
from analysis.attribution.constructions import Attribution
from analysis.attribution.tokens import _Sentence
from analysis.attribution_model import (
    _CONTENT_END_WORDS,
    _FAR,
    _MAX_END_OPTIONS,
    _NONE,
    MODEL_FORMAT,
    AttributionModel,
    ModelUnavailable,
    TrainingArticle,
    _after_cue,
    _bucket,
    _by_distance,
    _content_tokens,
    _cut_forced_before_rules,
    _end_places,
    _Scorer,
    _tabulate,
    _untabulate,
    _without_nested,
    attribution_model,
    content_end_options,
    cue_features,
    left_options,
    model_path,
    right_options,
    sentence_candidates,
    train_attribution_model,
    word_features,
    write_model,
)
from analysis.pipeline import Methods, parse_records
from analysis.quotes import find_quotes

HOSTILE = [
    '"' * 2_000,
    "“‘«\"'»’”" * 200,
    "Word " * 2_000,
    "said " * 2_000,
    "and the minister said " * 300,
    "(" * 300 + "x" + ")" * 300,
    "“‘" * 200 + "x" + "’”" * 200,
    "U.S. Mr. e.g. ... " * 300,
]


def _article(marked: str) -> TrainingArticle:
    """An invented training article: ``[...]`` marks the gold cues and ``{...}`` the content
    of the cue on its line, one sentence per line."""
    cues, text, position = [], "", 0
    contents, content_start, line_cue = {}, 0, None
    for piece in re.split(r"(\[[^\]]+\]|[{}])", marked):
        if piece == "{":
            content_start = position
            continue
        if piece == "}":
            contents[line_cue] = [(content_start, position)]
            continue
        if piece.startswith("["):
            cues.append((position, position + len(piece) - 2))
            line_cue = cues[-1]
            piece = piece[1:-1]
        text += piece
        position += len(piece)
    sentences, start = [], 0
    for number, line in enumerate(text.split("\n")):
        sentences.append((number, start, start + len(line)))
        start += len(line) + 1
    return TrainingArticle(text, sentences, find_quotes(text), cues, contents)


TRAINING = [
    _article(
        "Ann Lee [said] prices rose.\nTom Brown [plans] to run again.\n"
        "The plans were dropped on Monday.\nShe [argued] that wages fell.\n"
        "“We will win,” the mayor [said].\nThe city [plans] to build a bridge.\n"
        "Those plans cost a lot.\nHe [believes] the vote was fair."
    ),
    _article(
        "The company [said] sales fell.\nOfficials [plan] to meet in May.\n"
        "Their plan failed.\nA spokesman [said] the talks went well.\n"
        "The union [plans] a strike.\nNew plans emerged.\nShe [wants] a recount."
    ),
    _article(
        "Ann Lee [said] {prices rose}, but she did not say why.\n"
        "Tom Brown [said] {wages fell}, while others disagreed.\n"
        "The mayor [said] {the bridge was safe}, and the vote was fair.\n"
        "A spokesman [said] {the talks went well} on Monday.\n"
        "She [said] {the firm would grow}, though few agreed.\n"
        "Officials [said] {the plan, which was new, would work}."
    ),
]


def test_the_shipped_model_loads_offline_and_parses():
    model = attribution_model()
    assert isinstance(model, AttributionModel)
    assert model.vocabulary and 0 < model.threshold < 1
    parsed = analysis.parse(["“We will win,” the mayor said. Ann Lee said prices rose."])
    table = parsed.attributions
    text = parsed.articles.loc[0, "text"]
    assert table["cue_text"].tolist() == ["said", "said"]
    for row in table.itertuples():
        for role in ("source", "cue", "content"):
            start, end = getattr(row, f"{role}_start"), getattr(row, f"{role}_end")
            assert text[start:end] == getattr(row, f"{role}_text")


def test_training_gives_the_same_bytes_twice(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(train_attribution_model(TRAINING), first)
    write_model(train_attribution_model(TRAINING), second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert set(data) == {
        "format",
        "threshold",
        "vocabulary",
        "cue",
        "left",
        "right",
        "gate",
        "content_end",
    }
    assert _Scorer(data["cue"]).weights, "the cue scorer learned nothing"
    assert _Scorer(data["content_end"]).weights, "the content-end scorer learned nothing"


def test_training_without_gold_contents_keeps_the_rules_content_ends():
    data = train_attribution_model(TRAINING[:2])  # cues only
    assert data["content_end"] == {"intercept": 0.0, "tables": {}}
    model = AttributionModel(data)
    text = "Ann Lee said prices rose, but wages fell."
    (found,) = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert [text[s:e] for s, e in found.content] == ["prices rose, but wages fell"]


def test_a_trained_model_revises_sentences():
    model = AttributionModel(train_attribution_model(TRAINING))
    text = "Ann Lee said prices rose."
    found = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert [text[a.cue[0] : a.cue[1]] for a in found] == ["said"]


@pytest.mark.parametrize(
    "content", [None, "{not json", '{"format": 999}', '{"format": 2}', '{"format": 3}']
)
def test_a_missing_or_unreadable_model_is_an_error_naming_it_and_the_fix(tmp_path, content):
    path = tmp_path / "attribution.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelUnavailable) as raised:
        attribution_model(str(path))
    message = str(raised.value)
    assert str(path) in message
    assert "make train" in message and 'attribution="rules"' in message


def test_parse_stops_before_the_first_article_when_the_model_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(model_module, "model_path", lambda: tmp_path / "gone.json")
    attribution_model.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match="gone.json"):
            analysis.parse(["Ann Lee said prices rose."])
        # the rules alone need no model
        rules = analysis.parse(["Ann Lee said prices rose."], attribution="rules")
        assert rules.attributions["cue_text"].tolist() == ["said"]
    finally:
        attribution_model.cache_clear()


def test_a_model_file_given_to_the_methods_is_the_one_used(tmp_path):
    data = json.loads(model_module.model_path().read_text(encoding="utf-8"))
    data["threshold"] = 0.999999  # keeps nothing
    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps(data), encoding="utf-8")
    texts = ["Ann Lee said prices rose."]
    shipped = parse_records(iter_records(texts), methods=Methods())
    assert shipped.attributions["cue_text"].tolist() == ["said"]
    given = parse_records(iter_records(texts), methods=Methods(attribution_file=str(strict)))
    assert given.attributions.empty
    gone = Methods(attribution_file=str(tmp_path / "gone.json"))
    with pytest.raises(ModelUnavailable, match="gone.json"):
        parse_records(iter_records(texts), methods=gone)
    with pytest.raises(ValueError, match="attribution_file"):
        Methods(attribution="rules", attribution_file=str(strict))


@pytest.mark.parametrize("method", analysis.ATTRIBUTION_METHODS)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_inputs_give_valid_tables_in_both_modes(text, method):
    parsed = analysis.parse([text], attribution=method)
    assert parsed.articles.loc[0, "status"] == "ok"
    for row in parsed.attributions.itertuples():
        for role in ("source", "cue", "content"):
            start = getattr(row, f"{role}_start")
            if start is not None and start == start:
                assert text[start : getattr(row, f"{role}_end")] == getattr(row, f"{role}_text")


def test_the_cli_says_which_model_is_missing_and_what_to_do(tmp_path, monkeypatch, capsys):
    from analysis.cli import main

    corpus = tmp_path / "a.txt"
    corpus.write_text("Ann Lee said prices rose.", encoding="utf-8")
    monkeypatch.setattr(model_module, "model_path", lambda: tmp_path / "gone.json")
    attribution_model.cache_clear()
    try:
        code = main(["parse", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"])
    finally:
        attribution_model.cache_clear()
    assert code == 2
    error = capsys.readouterr().err
    assert "gone.json" in error and "make train" in error and "--attribution rules" in error


# The scoring without feature names (_WordWeights, _CueWeights, _ExtentWeights) must give the
# very floats and choices of the feature names that training writes: the model's output may not
# change by a byte when its scoring gets faster.


class _CheckingReviser:
    """Revises like ``model`` after checking, for every candidate and token of the sentence,
    that the fast scores equal the feature-name scores; counts what it checked."""

    def __init__(self, model: AttributionModel):
        self.model = model
        self.candidates = self.tokens = self.content_ends = 0

    def may_hold(self, lowered: str) -> bool:
        return self.model.may_hold(lowered)

    def revise(self, sentence, sentence_id, found):
        model, tokens = self.model, sentence.tokens
        for i in range(len(tokens)):
            expected = model.gate.score(word_features(tokens, i))
            assert model.gate.intercept + model._gate_words.total(tokens, i) == expected
            self.tokens += 1
        has_quotes = any(q.start < sentence.end and q.end > sentence.start for q in sentence.quotes)
        contents = [piece for a in found for piece in a.content]
        for candidate in sentence_candidates(sentence, sentence_id, found, model.vocabulary):
            features = cue_features(sentence, candidate, has_quotes, contents)
            fast = model._cue_weights.score(sentence, candidate, has_quotes, contents)
            assert fast == model.cue.score(features), features
            first, last, anchor = candidate.first, candidate.last, candidate.anchor
            assert model._extent_weights.first(tokens, first, anchor) == model.left.best(
                left_options(tokens, first, anchor), first
            )
            assert model._extent_weights.last(tokens, last, anchor) == model.right.best(
                right_options(tokens, last, anchor), last
            )
            self.candidates += 1
            attribution = candidate.attribution
            if attribution is None or attribution.cue is None:
                continue
            for piece in attribution.content:
                span = _content_tokens(sentence, piece)
                if span is None or piece[0] < attribution.cue[1]:
                    continue
                head = tokens[anchor].lower
                options = content_end_options(sentence, span[0], span[1], head)
                fast = model._end_weights.last(tokens, span[0], span[1], head)
                assert fast == model.content_end.best(options, span[1])
                self.content_ends += 1
        return model.revise(sentence, sentence_id, found)


def _check_fast_scoring(model: AttributionModel, text: str) -> _CheckingReviser:
    checking = _CheckingReviser(model)
    sentences = [(0, 0, len(text))]
    with_checks = find_attributions(text, sentences, find_quotes(text), reviser=checking)
    plain = find_attributions(text, sentences, find_quotes(text), reviser=model)
    assert with_checks == plain
    return checking


SCORED = [
    "Ann Lee said prices rose.",
    "“We will win,” the mayor said.",
    "He has long argued that wages fell, the union said.",
    "Officials plan to meet in May, according to a spokesman.",
    "She told reporters he would resign, but aides denied it.",
    "The firm also said on Monday it would cut 200 jobs.",
    "Critics called for an inquiry | he warned | it added.",
    "“Prices,” he said, “will rise.” They believe the vote was fair.",
    "“Enough,” said Ann Lee, who also told the BBC it was over.",
    "Ann Lee said prices rose, but wages fell on Monday, while the union (a big one) was silent.",
    "He said “prices” rose — and then fell — after the vote, the mayor said.",
]


@pytest.mark.parametrize("text", SCORED)
@pytest.mark.parametrize("which", ["shipped", "fixture"])
def test_scoring_without_feature_names_gives_the_same_scores_and_extents(text, which):
    model = (
        attribution_model()
        if which == "shipped"
        else AttributionModel(train_attribution_model(TRAINING))
    )
    checking = _check_fast_scoring(model, text)
    assert checking.candidates > 0 and checking.tokens > 0  # something was compared


_WORDS = st.sampled_from(
    [
        "said",
        "Said",
        "told",
        "plans",
        "has",
        "also",
        "long",
        "argued",
        "that",
        "to",
        "he",
        "She",
        "Ann",
        "Lee",
        "officials",
        "quickly",
        "the",
        "|",
        "“",
        "”",
        '"',
        ",",
        ".",
        "—",
        "would",
        "according",
        "believes",
        "on",
        "Monday",
        "U.S.",
        "it",
        "added",
        "not",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=25))
def test_scoring_without_feature_names_agrees_on_any_word_sequence(words):
    _check_fast_scoring(attribution_model(), " ".join(words))


def _tied_model(left: dict, right: dict, content_end: dict | None = None) -> AttributionModel:
    """A hand-made model whose extent options tie: only the rules' own extent is weighed."""
    return AttributionModel(
        {
            "format": MODEL_FORMAT,  # weights by name, as training makes them, are read too
            "threshold": 0.5,
            "vocabulary": ["argued", "said"],
            "cue": {"intercept": 5.0, "weights": {}},
            "left": {"intercept": 0.0, "weights": left},
            "right": {"intercept": 0.0, "weights": right},
            "gate": {"intercept": 0.0, "weights": {}, "threshold": 0.0},
            "content_end": {"intercept": 0.0, "weights": content_end or {}},
        }
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [({}, {}), ({"lrule": -5.0}, {"rrule": -5.0}), ({"lrule": -5.0, "lrel=-1": 0.0}, {})],
)
def test_tied_extent_options_are_broken_as_max_breaks_them(left, right):
    # options at the same distance on either side of the rules' extent tie on both keys:
    # max() keeps the first, and so must the scoring without feature names
    checking = _check_fast_scoring(_tied_model(left, right), "Ann Lee has said that wages fell.")
    assert checking.candidates > 0


def test_stored_tables_answer_as_the_feature_names_do():
    weights = {
        "w|n=said|that": 1.0,
        "w|n=a||": 2.0,
        "w|n=|x|y": 3.0,
        "p|w=plan|to": 4.0,
        "w=said": 5.0,
        "w==": 6.0,
        "cap": 7.0,
    }
    tables = _tabulate(weights)
    assert _untabulate(tables) == weights
    scorer = _Scorer({"intercept": 0.0, "tables": json.loads(json.dumps(tables))})
    following, previous = scorer.table("w|n"), scorer.table("p|w")
    words = ["said", "that", "a", "", "|", "x", "y", "x|y", "|x", "plan", "to", "none"]
    for first in words:
        for second in words:
            pair = first + "|" + second
            assert following.get(first, _NONE).get(second, 0.0) == weights.get("w|n=" + pair, 0.0)
            assert previous.get(second, _NONE).get(first, 0.0) == weights.get("p|w=" + pair, 0.0)
    assert scorer.table("w") == {"said": 5.0, "=": 6.0}
    assert (scorer.constant("cap"), scorer.constant("inq")) == (7.0, 0.0)
    assert scorer.weights == weights


def test_distance_weights_are_the_bucket_weights():
    table = {_bucket(d): float(d) for d in (-20, -9, -5, -3, -1, 0, 2, 5, 9, 20)}
    weights = _by_distance(table)
    for distance in range(-40, 41):
        read = weights[min(max(distance, -_FAR), _FAR) + _FAR]
        assert read == table.get(_bucket(distance), 0.0)


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("prices rose, officials argued.", True),  # ASCII: found as bytes
        ("nothing here at all.", False),
        ("café owners argued", True),  # not ASCII: found as text
        ("the avisé one", True),  # a vocabulary word that is not ASCII
        ("naïve but empty", False),
    ],
)
def test_may_hold_finds_the_vocabulary_words_in_ascii_and_other_text(sentence, holds):
    data = json.loads(model_path().read_text(encoding="utf-8"))
    data["vocabulary"] = [*data["vocabulary"], "avisé"]
    model = AttributionModel(data)
    assert set(re.findall(r"\w+", sentence)) & model.vocabulary or not holds
    assert model.may_hold(sentence) is holds


# Content boundaries: the end of a content after its cue is chosen by the content-end scorer among
# a few places.


def _sentence(text: str) -> _Sentence:
    return _Sentence(text, 0, len(text), find_quotes(text))


def _rules_attribution(text: str):
    (attribution,) = find_attributions(text, [(0, 0, len(text))], find_quotes(text))
    return attribution


def _end_options(text: str):
    """The sentence, the rules' content's first and last-plus-one token, and the content's
    end options (the cue being "said")."""
    sentence = _sentence(text)
    first, last = _content_tokens(sentence, _rules_attribution(text).content[0])
    return sentence, first, last, content_end_options(sentence, first, last, "said")


def test_content_end_options_are_the_clause_breaks_after_the_content_start():
    text = "Ann Lee said prices rose, but wages fell on Monday."
    sentence, first, _, options = _end_options(text)
    ends = [text[sentence.tokens[first].start : sentence.tokens[k - 1].end] for k, _ in options]
    assert ends == [
        "prices rose",  # before the comma
        "prices rose,",  # before "but" (the trimming drops the comma)
        "prices rose, but wages fell",  # before "on"
        "prices rose, but wages fell on Monday",  # the rules' end, the sentence's
        "prices rose, but wages fell on Monday.",  # the end of the tokens
    ]
    assert [("erule" in f, "esent" in f) for _, f in options] == [
        (False, False),
        (False, False),
        (False, False),
        (True, True),
        (False, True),
    ]


def test_a_long_sentence_offers_only_the_end_options_nearest_the_rules_end():
    text = "Ann Lee said " + ", ".join(f"item {n}" for n in range(40)) + "."
    _, _, last, options = _end_options(text)
    assert len(options) == _MAX_END_OPTIONS
    assert any(k == last for k, _ in options)


_PRICES = "Ann Lee said prices rose, but wages fell on Monday."
_OPENING = "Ann Lee said that prices rose in May."
_COMMAS = "Ann Lee said that, like him, Bo Ray had lost votes, and the talks failed in May."
_NO_VERB = "Ann Lee said that as mayor, Bo Ray would be firm with the unions."


@pytest.mark.parametrize(
    ("text", "weights", "content"),
    [
        (_PRICES, {}, "prices rose, but wages fell on Monday"),  # no weights: the rules' end
        (_PRICES, {"eo=,": 5.0}, "prices rose"),  # before a comma
        (_PRICES, {"eo=on": 5.0}, "prices rose, but wages fell"),  # before a trailing "on ..."
        (_PRICES, {"eo2=but": -5.0, "eo=,": 2.0}, "prices rose, but wages fell on Monday"),
        # the content's opening word, with the word after the place or the last one in it
        (_OPENING, {}, "that prices rose in May"),
        (_OPENING, {"ef|eo=that|in": 5.0}, "that prices rose"),
        (_OPENING, {"ef|el=that|rose": 5.0}, "that prices rose"),
        (_OPENING, {"ef|eo=-|in": 5.0}, "that prices rose in May"),  # another opening only
        # the commas before the place: alike they tie, and the one nearest the rules' end wins
        (_COMMAS, {"eo=,": 5.0}, "that, like him, Bo Ray had lost votes"),
        (_COMMAS, {"ec|eo=0|,": 5.0}, "that"),  # the comma with none before it
        (_COMMAS, {"ec|eo=1|,": 5.0}, "that, like him"),  # the comma with one before it
        # a content with no verb yet ("that as mayor") weighed down: it runs on
        (_NO_VERB, {"eo=,": 5.0}, "that as mayor"),
        (_NO_VERB, {"eo=,": 5.0, "enoverb": -8.0}, _NO_VERB[13:-1]),
        (_NO_VERB, {"eo=,": 5.0, "enoverb|eo=,": -8.0}, _NO_VERB[13:-1]),
    ],
)
def test_the_content_end_scorer_chooses_where_the_content_ends(text, weights, content):
    model = _tied_model({}, {}, weights)
    (found,) = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert [text[s:e] for s, e in found.content] == [content]
    _check_fast_scoring(model, text)


@pytest.mark.parametrize(
    ("cue", "content", "expected"),
    [
        ("showing support for", "for the plan", ["the plan"]),  # the cue ran into it
        ("showing support", "for the plan", ["for the plan"]),  # it did not
        ("showing support for the plan", "for the plan", []),  # nothing is left
    ],
)
def test_a_content_starts_after_a_cue_the_model_extended_into_it(cue, content, expected):
    text = "Ann Lee was showing support for the plan."
    start = text.index("showing")
    pieces = [(text.index(content), text.index(content) + len(content))]
    pieces = _after_cue(text, (start, start + len(cue)), pieces)
    assert [text[s:e] for s, e in pieces] == expected


def test_the_model_never_gives_a_content_that_overlaps_its_cue():
    # the right-extent scorer made to take the word after the cue ("for"), which the rules'
    # content starts with
    model = _tied_model({}, {"rrel=+1": 5.0})
    text = "Ann Lee said for now the plan stands."
    (found,) = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert text[found.cue[0] : found.cue[1]] == "said for"
    assert all(found.cue[1] <= start for start, _ in found.content)


def test_a_cue_that_would_take_in_its_whole_content_keeps_the_rules_extent():
    model = _tied_model({}, {"rrel=+2": 5.0})  # "said no" would leave "no" no content
    text = "Ann Lee said no."
    (found,) = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert text[found.cue[0] : found.cue[1]] == "said"
    assert [text[s:e] for s, e in found.content] == ["no"]


def test_content_end_options_say_whether_the_content_has_a_verb_yet():
    text = "Ann Lee said that as mayor, Bo Ray would be firm with the unions."
    sentence, first, _, options = _end_options(text)
    tokens = sentence.tokens
    no_verb = {
        text[tokens[first].start : tokens[k - 1].end]: "enoverb" in features
        for k, features in options
    }
    # "that as mayor" has no verb yet: a clause is seldom done there ("would" makes one)
    assert no_verb["that as mayor"] is True
    assert no_verb["that as mayor, Bo Ray would be firm"] is False
    at_comma = next(f for k, f in options if k < len(tokens) and tokens[k].text == ",")
    assert "enoverb|eo=," in at_comma


def test_content_end_options_say_how_the_content_opens():
    sentence, _, _, options = _end_options("Ann Lee said that prices rose in May.")
    options, tokens = dict(options), sentence.tokens
    before_in = next(k for k in options if k < len(tokens) and tokens[k].lower == "in")
    # the opening word with the word after the place and with the content's last word
    assert {"ef|eo=that|in", "ef|el=that|rose"} <= set(options[before_in])
    # a content that opens with no listed word: "-"
    _, _, _, options = _end_options("Ann Lee said prices rose in May.")
    assert all(any(f.startswith("ef|eo=-|") for f in features) for _, features in options)


def test_content_end_options_count_the_commas_before_each_place():
    text = _COMMAS
    sentence, first, _, options = _end_options(text)
    tokens = sentence.tokens
    counted = {
        text[tokens[first].start : tokens[k - 1].end]: next(
            f for f in features if f.startswith("ec|eo=")
        )
        for k, features in options
    }
    assert counted["that"] == "ec|eo=0|,"
    assert counted["that, like him"] == "ec|eo=1|,"
    assert counted["that, like him, Bo Ray had lost votes"] == "ec|eo=2|,"
    assert counted["that, like him, Bo Ray had lost votes,"] == "ec|eo=2|and"  # at most 2


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # a later report of the same source: the first content stops before "but added"
        (
            "Ann Lee said prices rose but added that wages fell.",
            {"said": "prices rose", "added": "that wages fell"},
        ),
        # a later report with its own source: it stops before that source
        (
            "Ann Lee said prices rose, and Bo Park said wages fell.",
            {"said": "prices rose", "Bo Park said": "wages fell"},
        ),
        # a report made "by arguing" is part of the content (PolNeAR's reading): it runs on,
        # and the report inside it is dropped as nested
        (
            "Ann Lee said prices rose by arguing that wages fell.",
            {"said": "prices rose by arguing that wages fell"},
        ),
    ],
)
def test_the_content_end_scorer_does_not_run_a_content_over_a_later_report(text, contents):
    # weights that favour the sentence end above every other place
    model = _tied_model({}, {}, {"esent": 10.0})
    found = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    got = {
        # a cue, or a source and a cue where the first source is not repeated
        (text[a.source[0] : a.cue[1]] if a.source and a.source[0] > 0 else text[slice(*a.cue)]): (
            " … ".join(text[s:e] for s, e in a.content)
        )
        for a in found
    }
    for cue, content in contents.items():
        assert got[cue] == content
    # whatever is kept, no cue lies inside another attribution's content
    for a in found:
        for b in found:
            assert b is a or not any(s <= a.cue[0] < e for s, e in b.content)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=2, max_size=25), st.data())
def test_end_places_are_the_places_their_definition_names(words, data):
    # the loop of _end_places against its definition, written as plainly as it reads
    tokens = _sentence(" ".join(words)).tokens
    n = len(tokens)
    start = data.draw(st.integers(0, n - 1))
    last = data.draw(st.integers(start + 1, n))
    expected = [
        k
        for k in range(start + 1, n + 1)
        if k in (last, n)
        or not tokens[k].text[:1].isalnum()
        or tokens[k].lower in _CONTENT_END_WORDS
        or tokens[k - 1].text[-1] in "”»’\"'"
    ]
    if len(expected) > _MAX_END_OPTIONS:
        expected = sorted(sorted(expected, key=lambda k: abs(k - last))[:_MAX_END_OPTIONS])
    assert _end_places(tokens, start, last)[0] == expected


def test_a_forced_cue_ends_its_content_before_a_later_report():
    # "plans" is no lexicon cue: the model forces it, and its content, read by the rules, would
    # run over the later report, which was then dropped as nested in it
    model = AttributionModel(train_attribution_model(TRAINING))
    text = "The city plans to build a bridge — Ann Lee said the vote was fair."
    found = find_attributions(text, [(0, 0, len(text))], find_quotes(text), reviser=model)
    assert [text[a.cue[0] : a.cue[1]] for a in found] == ["plans", "said"]
    assert text[slice(*found[0].content[0])] == "to build a bridge"


def _spanned(text: str, cue: str, content: str, source: str | None = None) -> Attribution:
    start, content_start = text.index(cue), text.index(content)
    source_start = text.index(source) if source else 0
    return Attribution(
        0,
        (start, start + len(cue)),
        cue,
        "neutral",
        source=(source_start, source_start + len(source)) if source else None,
        content=[(content_start, content_start + len(content))],
    )


@pytest.mark.parametrize(
    "text, forced_cue, rules_cue, rules_source, content",
    [
        # a report coordinated with the forced verb: "thanked" keeps its object only
        (
            "Rubio thanked the crowd and said it was great to be home.",
            "thanked",
            "said",
            "Rubio",
            "the crowd",
        ),
        # a report with its own subject, joined by a comma and a conjunction
        (
            "Ann Lee praised the plan, but Bo Park said it was weak.",
            "praised",
            "said",
            "Bo Park",
            "the plan",
        ),
        # no comma or conjunction before the report: nothing to cut at
        (
            "Ann Lee praised the plan Bo Park said was weak.",
            "praised",
            "said",
            "Bo Park",
            "the plan Bo Park said was weak",
        ),
    ],
)
def test_a_forced_content_ends_before_a_coordinated_report_of_the_rules(
    text, forced_cue, rules_cue, rules_source, content
):
    # the rules cut an earlier report's content where a coordinated one begins, as they find
    # them in order; a forced cue comes after the rules' reports and must get the same cut
    # (it used to keep the whole rest of the sentence, and the rules' report, nested in it,
    # was dropped)
    forced = _spanned(text, forced_cue, text[text.index(forced_cue) + len(forced_cue) + 1 : -1])
    after = text[text.index(rules_cue) + len(rules_cue) + 1 : -1]
    found = _spanned(text, rules_cue, after, rules_source)
    _cut_forced_before_rules(_sentence(text), [forced, found], {id(found)})
    assert text[slice(*forced.content[0])] == content
    assert text[slice(*found.content[0])] == after
    # the forced report no longer holds the rules' one, so neither is dropped as nested
    kept = _without_nested([forced, found], {id(found)})
    assert kept == ([forced] if forced.content[0][1] > found.cue[0] else [forced, found])


def test_a_forced_cue_does_not_take_a_quotation_from_the_rules_report_before_it():
    # "regarded" (forced by the model) would take the quotation before it, which the rules gave
    # to "said"; the rules' report stays and the forced one goes
    text = "“We will win,” said Ann Lee, who is regarded as a leader."
    said = _spanned(text, "said", "“We will win,”")
    regarded = _spanned(text, "is regarded", text[: text.index(" who")])
    assert _without_nested([said, regarded], {id(said)}) == [said]
    # a forced cue whose content comes after it keeps its place over a report inside that
    # content ("Trump unleashed a series of tweets criticizing X": PolNeAR's cue is the outer)
    text = "Trump unleashed a series of tweets criticizing the judge."
    outer = _spanned(text, "unleashed", "a series of tweets criticizing the judge")
    inner = _spanned(text, "criticizing", "the judge")
    assert _without_nested([inner, outer], {id(inner)}) == [outer]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Ann Lee visited the studio to say she would run.", "Ann Lee", "she would run"),
        (
            "Bo Park took to the radio to say that taxes would rise.",
            "Bo Park",
            "that taxes would rise",
        ),
    ],
)
def test_an_infinitive_cue_is_a_candidate_for_the_model_only(text, source, content):
    # a report by an infinitive ("went on the radio to say ...") takes the main clause's
    # subject; the rules turn a cue after "to" down ("wanted to say" is more often no report),
    # so only the trained layer, forcing a vocabulary word, sees it
    assert find_attributions(text, [(0, 0, len(text))], find_quotes(text)) == []
    (candidate,) = sentence_candidates(_sentence(text), 0, [], {"say"})
    attribution = candidate.attribution
    assert candidate.origin == "forced"
    assert text[slice(*attribution.source)] == source
    assert text[slice(*attribution.cue)] == "say"
    assert [text[s:e] for s, e in attribution.content] == [content]
