"""The hedge classifier: a logistic regression over a lexicon candidate's context features.

:mod:`analysis.hedging` proposes candidates from its lexicon and describes each by a few
feature strings (``w=would``, ``n=have``, ``speech``, ...); a :class:`HedgeModel` decides which
of them are hedges. At run time the model is plain Python: a weight per feature string, an
intercept and a threshold, read from a small JSON file shipped as package data
(``analysis/models/hedges.json``, built by ``make train``: see ``analysis/models/README.md``).
Training (:func:`train_hedge_model`) uses scikit-learn, the ``train`` extra, imported only there.

Model selection is by document-grouped cross-validation: every setting of the grid is scored on
the documents of each fold by a model fitted on the other folds, so a setting is never judged
on a document that it was fitted on.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "FEATURE_GROUPS",
    "HedgeModel",
    "HedgeModelError",
    "default_model_path",
    "load_hedge_model",
    "train_hedge_model",
]

#: The groups of context features :mod:`analysis.hedging` can describe a candidate with
#: (``cue``, the cue itself and its category, is always used).
FEATURE_GROUPS = ("cue", "near", "clause", "others", "genre")

#: The file format; a file of another version is refused with the fix.
FORMAT_VERSION = 1

#: Digits kept for weights, intercept and threshold, so that a rebuild gives the same bytes.
DIGITS = 4

#: The grid searched by :func:`train_hedge_model` unless another is given. Every feature group
#: is always used (the L2 penalty, chosen by ``C``, weighs down an unhelpful one): choosing
#: among subsets of groups on the 129 FactBank documents picked a different subset in each
#: fold and cost about 0.005 F1 on held-out news, selection noise rather than signal. The
#: domain settings (``augment``, ``target_weight``) are left out too: in the benchmark's grouped
#: CV, selection inside the folds never chose augmentation when offered it (three dealings of
#: the folds); forcing it lowered FactBank sentence F1 (0.854-0.870 against 0.863-0.874 over
#: seven dealings) and Wikipedia's (0.813-0.820, news' view scoring it); weighting FactBank 2
#: or 4 times gained nothing (see ``models/README.md``).
DEFAULT_GRID: dict[str, tuple] = {
    "C": (0.1, 0.3, 1.0),
    "groups": (FEATURE_GROUPS,),
    "rescue": (True, False),
    "balance": (True, False),
}


class HedgeModelError(ValueError):
    """The hedge model file is missing, unreadable or of another format."""


@dataclass(frozen=True)
class HedgeModel:
    """A trained hedge classifier.

    A candidate is a hedge when ``intercept + sum(weights[f] for f in its features)`` is above
    ``threshold`` (a log-odds; features without a weight count 0).

    Attributes
    ----------
    weights
        Weight of each feature string.
    intercept, threshold
        The log-odds of a candidate with no known feature, and the log-odds above which a
        candidate is a hedge.
    groups
        The feature groups the model was trained with (see :data:`FEATURE_GROUPS`).
    rescue
        Whether candidates that the lexicon's context rules turn down are offered to the model
        too (``could not``, ``said it would``); otherwise they stay turned down.
    categories
        The hedge categories the model decides (None: every one :mod:`analysis.hedging`
        offers); the context rules decide the others.
    info
        What the model was trained on and how it scored (free-form, written to the file).

    Examples
    --------
    >>> model = HedgeModel({"w=may": 2.0, "n=be": -1.0}, intercept=-0.5, threshold=0.0)
    >>> model.score(["w=may", "p=it"]), model.is_hedge(["w=may", "n=be"])
    (1.5, True)
    """

    weights: dict[str, float]
    intercept: float
    threshold: float
    groups: tuple[str, ...] = FEATURE_GROUPS
    rescue: bool = True
    categories: tuple[str, ...] | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [g for g in self.groups if g not in FEATURE_GROUPS]
        if unknown or "cue" not in self.groups:
            raise ValueError(
                f"groups must include 'cue' and come from {FEATURE_GROUPS}, not {self.groups}"
            )

    def score(self, features: Sequence[str]) -> float:
        """The log-odds that a candidate with ``features`` is a hedge."""
        weights = self.weights
        total = self.intercept
        for feature in features:
            total += weights.get(feature, 0.0)
        return total

    def is_hedge(self, features: Sequence[str]) -> bool:
        """Whether a candidate with ``features`` is a hedge."""
        return self.score(features) > self.threshold

    def to_json(self) -> str:
        """The model as JSON text: keys sorted and numbers rounded, so equal models give equal
        bytes (what ``make train`` writes)."""
        document = {
            "format": FORMAT_VERSION,
            "kind": "hedge classifier: logistic regression over lexicon candidates",
            "groups": list(self.groups),
            "rescue": self.rescue,
            "categories": None if self.categories is None else list(self.categories),
            "intercept": _round(self.intercept),
            "threshold": _round(self.threshold),
            "info": self.info,
            "weights": {k: _round(v) for k, v in self.weights.items() if _round(v) != 0.0},
        }
        return json.dumps(document, sort_keys=True, indent=0, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str = "the hedge model") -> HedgeModel:
        """A model from :meth:`to_json`'s text; ``where`` names it in errors."""
        try:
            document = json.loads(text)
            if document.get("format") != FORMAT_VERSION:
                raise HedgeModelError(
                    f"{where} has format {document.get('format')!r}, this version reads "
                    f"{FORMAT_VERSION}: rebuild it with `make train`, or parse with hedges='rules'"
                )
            weights = {str(k): float(v) for k, v in document["weights"].items()}
            return cls(
                weights=weights,
                intercept=float(document["intercept"]),
                threshold=float(document["threshold"]),
                groups=tuple(document["groups"]),
                rescue=bool(document["rescue"]),
                categories=None
                if document["categories"] is None
                else tuple(document["categories"]),
                info=dict(document.get("info", {})),
            )
        except HedgeModelError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise HedgeModelError(
                f"{where} cannot be read ({type(error).__name__}: {error}): rebuild it with "
                "`make train`, or parse with hedges='rules'"
            ) from error


def _round(value: float) -> float:
    rounded = round(float(value), DIGITS)
    return 0.0 if rounded == 0 else rounded  # no "-0.0"


def default_model_path() -> Path:
    """Where the shipped model lives: ``analysis/models/hedges.json`` (package data)."""
    return Path(str(resources.files("analysis") / "models" / "hedges.json"))


def load_hedge_model(path: str | Path | None = None) -> HedgeModel:
    """The hedge model at ``path`` (default: the shipped one, read once per process).

    Raises
    ------
    HedgeModelError
        When the file is missing or cannot be read; the message names the file and the fix.

    Examples
    --------
    >>> model = load_hedge_model()
    >>> "cue" in model.groups
    True
    """
    if path is None:
        return _shipped_model()
    return _read_model(Path(path))


@cache
def _shipped_model() -> HedgeModel:
    return _read_model(default_model_path())


def _read_model(path: Path) -> HedgeModel:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise HedgeModelError(
            f"the hedge model {path} cannot be read ({type(error).__name__}): build it with "
            "`make train` (needs ../shared/data/uncertainty), or parse with hedges='rules'"
        ) from error
    return HedgeModel.from_json(text, where=f"the hedge model {path}")


# --- training ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Examples:
    """Labelled candidates to train on.

    Attributes
    ----------
    features
        Each candidate's feature strings, every group's (the group is the part before ``:``
        of no feature; :func:`feature_group` tells it).
    labels
        Whether each candidate is a hedge (overlaps a gold cue).
    documents
        Each candidate's document: cross-validation folds never split one.
    corpora
        Each candidate's corpus (``factbank``, ``wiki``): selection averages F1 over corpora.
    decisions
        What the lexicon's context rules decided of each candidate: ``accepted``, ``rejected``
        (offered to the model only by a setting with ``rescue``) or ``model`` (a phrase for
        the classifier only).
    missed
        ``(document, corpus)`` of each gold cue that no candidate overlaps: a false negative
        whatever the model decides.
    """

    features: list[list[str]]
    labels: list[bool]
    documents: list[str]
    corpora: list[str]
    decisions: list[str]
    missed: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.features)
        lengths = {len(self.labels), len(self.documents), len(self.corpora), len(self.decisions)}
        if lengths != {n}:
            raise ValueError("features, labels, documents, corpora and decisions must be as long")

    def subset(self, indices: Sequence[int]) -> Examples:
        """The examples at ``indices``, with the missed cues of their documents."""
        documents = {self.documents[i] for i in indices}
        return self.of_documents(documents, indices)

    def of_documents(self, documents: set[str], indices: Sequence[int] | None = None) -> Examples:
        """The examples and missed cues of ``documents``."""
        if indices is None:
            indices = [i for i, d in enumerate(self.documents) if d in documents]
        return Examples(
            [self.features[i] for i in indices],
            [self.labels[i] for i in indices],
            [self.documents[i] for i in indices],
            [self.corpora[i] for i in indices],
            [self.decisions[i] for i in indices],
            [(d, c) for d, c in self.missed if d in documents],
        )

    def categories(self) -> list[str]:
        """Each candidate's category (its ``k=`` feature)."""
        return [next((f[2:] for f in row if f.startswith("k=")), "") for row in self.features]

    def missed_by_corpus(self) -> dict[str, int]:
        """How many gold cues of each corpus no candidate overlaps."""
        counts: dict[str, int] = {}
        for _, corpus in self.missed:
            counts[corpus] = counts.get(corpus, 0) + 1
        return counts


#: The group of each feature, by the prefix before its ``=`` (or the whole name).
_FEATURE_PREFIX_GROUP = {
    "w": "cue",
    "k": "cue",
    "e": "cue",
    "a": "cue",
    "p": "near",
    "n": "near",
    "pp": "near",
    "nn": "near",
    "wp": "near",
    "wn": "near",
    "neg": "clause",
    "q": "clause",
    "cond": "clause",
    "quote": "clause",
    "speech": "clause",
    "said": "clause",
    "wspeech": "clause",
    "wcond": "clause",
    "wneg": "clause",
    "wquote": "clause",
    "wsaid": "clause",
    "emb": "clause",
    "wemb": "clause",
    "o": "others",
    "g": "genre",
    "gw": "genre",
    "ge": "genre",
}


def feature_group(feature: str) -> str:
    """The group of a feature string (``wn=would|have`` is ``near``).

    >>> feature_group("wn=would|have"), feature_group("speech")
    ('near', 'clause')
    """
    prefix = feature.split("=", 1)[0]
    try:
        return _FEATURE_PREFIX_GROUP[prefix]
    except KeyError:
        raise ValueError(f"feature {feature!r} belongs to no group: add its prefix") from None


def train_hedge_model(
    examples: Examples,
    grid: dict[str, tuple] | None = None,
    folds: int = 5,
    min_count: int = 2,
    seed: int = 0,
    select_on: str | None = None,
    min_category_candidates: int = 100,
) -> HedgeModel:
    """Select a setting by document-grouped cross-validation and fit it on all ``examples``.

    Every setting of ``grid`` (``C``: inverse regularisation; ``groups``: feature groups;
    ``rescue``: offer rule-rejected candidates; ``balance``: weigh each corpus equally; and,
    optionally, ``augment``: domain adaptation by feature augmentation, ``True`` for a shared
    copy and a corpus copy of every feature, ``"source"`` for corpus copies of the other
    corpora only, the model being ``select_on``'s view; ``target_weight``: a factor on the
    weight of ``select_on``'s candidates) is scored by the F1 of its out-of-fold decisions (on
    ``select_on``, or averaged over corpora) at the best threshold; the best setting (ties:
    the earlier in the grid) is fitted on everything.

    Parameters
    ----------
    examples
        Labelled candidates (see :class:`Examples`).
    grid
        Values to try for each setting (default :data:`DEFAULT_GRID`).
    folds
        Cross-validation folds; fewer when there are fewer documents.
    min_count
        Features seen fewer times than this in the training part are dropped.
    seed
        Seed of the solver.
    select_on
        The corpus whose F1 selects the setting and threshold (default: the average over
        corpora).
    min_category_candidates
        The model decides the candidates of a category only when the examples hold at least
        this many of it; the context rules keep deciding the others (``verification``, rare in
        the annotated data, is news' own formula).

    Returns
    -------
    HedgeModel
        ``info`` records the setting, its cross-validated F1 and the data's size.

    Examples
    --------
    >>> features = [["w=may", "k=modal", "n=rain"], ["w=may", "k=modal", "n=day"]] * 6
    >>> labels = [True, False] * 6
    >>> docs = [f"d{i // 2}" for i in range(12)]
    >>> examples = Examples(features, labels, docs, ["news"] * 12, ["accepted"] * 12)
    >>> grid = {"C": (1.0,), "groups": (("cue", "near"),), "rescue": (True,), "balance": (False,)}
    >>> model = train_hedge_model(examples, grid, folds=3, min_count=1, min_category_candidates=1)
    >>> model.is_hedge(["w=may", "n=rain"]), model.is_hedge(["w=may", "n=day"])
    (True, False)
    """
    if not examples.features:
        raise ValueError("no examples to train on: give labelled candidates")
    grid = grid or DEFAULT_GRID
    for name in ("C", "groups", "rescue", "balance"):
        if not grid.get(name):
            raise ValueError(f"grid needs at least one value for {name!r}")
    # The model decides only categories the data has enough of; the rules keep the others
    # (their decisions still count in the F1 that selects the setting).
    category_of = examples.categories()
    counts: dict[str, int] = {}
    for category in category_of:
        counts[category] = counts.get(category, 0) + 1
    categories = tuple(sorted(c for c, n in counts.items() if n >= min_category_candidates))
    if not categories:
        raise ValueError(
            f"no category has {min_category_candidates} candidates to learn from: give more "
            "examples or lower min_category_candidates"
        )
    learned = [i for i, c in enumerate(category_of) if c in categories]
    fixed = [math.inf if d == "accepted" else math.nan for d in examples.decisions]
    examples_learned = examples.subset(learned)
    splits = _group_folds(examples.documents, folds)
    # The domain settings are optional: a grid without them records none (nor changes bytes).
    domain = [name for name in ("augment", "target_weight") if name in grid]
    settings = [
        {
            "C": c,
            "groups": tuple(groups),
            "rescue": rescue,
            "balance": balance,
            **dict(zip(domain, values, strict=True)),
        }
        for groups in grid["groups"]
        for rescue in grid["rescue"]
        for balance in grid["balance"]
        for values in itertools.product(*(grid[name] for name in domain))
        for c in grid["C"]
    ]
    if select_on is None and any(
        s.get("augment", False) or s.get("target_weight", 1.0) != 1.0 for s in settings
    ):
        raise ValueError("augment and target_weight need a target corpus: give select_on")
    best: tuple[float, float, dict] | None = None
    for setting in settings:
        scores = list(fixed)
        for train_index, test_index in splits:
            training = [i for i in train_index if category_of[i] in categories]
            fitted = _fit(examples.subset(training), setting, min_count, seed, select_on)
            for i in test_index:
                if category_of[i] not in categories:
                    continue
                scores[i] = math.nan
                if setting["rescue"] or examples.decisions[i] != "rejected":
                    scores[i] = fitted.score(_selected(examples.features[i], setting["groups"]))
        f1, threshold = _best_threshold(examples, scores, select_on)
        if best is None or f1 > best[0]:
            best = (f1, threshold, setting)
    assert best is not None
    f1, threshold, setting = best
    model = _fit(examples_learned, setting, min_count, seed, select_on)
    corpora = sorted(set(examples.corpora))
    info = {
        "categories": {c: counts[c] for c in sorted(counts)},
        "setting": {**setting, "groups": list(setting["groups"])},
        "cv_candidate_f1": round(f1, DIGITS),
        "selected_on": select_on or "mean over corpora",
        "cv_folds": len(splits),
        "candidates": {c: examples.corpora.count(c) for c in corpora},
        "positives": {
            c: sum(
                1 for k, y in zip(examples.corpora, examples.labels, strict=True) if k == c and y
            )
            for c in corpora
        },
        "documents": {
            c: len({d for k, d in zip(examples.corpora, examples.documents, strict=True) if k == c})
            for c in corpora
        },
    }
    return HedgeModel(
        model.weights,
        model.intercept,
        threshold,
        setting["groups"],
        setting["rescue"],
        categories,
        info,
    )


def _selected(features: Sequence[str], groups: Sequence[str]) -> list[str]:
    return [f for f in features if feature_group(f) in groups]


def _group_folds(
    documents: Sequence[str], folds: int, shuffle: int | None = None
) -> list[tuple[list[int], list[int]]]:
    """Folds that never split a document: documents in order of first appearance, dealt
    round-robin by size (largest first), so folds are balanced and the split is fixed; with
    ``shuffle`` (a seed), documents are dealt in a shuffled order instead (another split,
    still balanced), to tell a real difference from the luck of one dealing."""
    by_document: dict[str, list[int]] = {}
    for index, document in enumerate(documents):
        by_document.setdefault(document, []).append(index)
    k = min(folds, len(by_document))
    if k < 2:
        raise ValueError(f"cross-validation needs at least 2 documents, got {len(by_document)}")
    if shuffle is None:
        order = sorted(by_document, key=lambda d: -len(by_document[d]))  # stable: ties keep order
    else:
        order = list(by_document)
        random.Random(shuffle).shuffle(order)
    loads = [0] * k
    members: list[list[int]] = [[] for _ in range(k)]
    for document in order:
        fold = min(range(k), key=lambda f: (loads[f], f))
        members[fold].extend(by_document[document])
        loads[fold] += len(by_document[document])
    everything = set(range(len(documents)))
    return [(sorted(everything - set(test)), sorted(test)) for test in members]


def group_folds(
    documents: Sequence[str], folds: int = 5, shuffle: int | None = None
) -> list[tuple[list[int], list[int]]]:
    """``(train, test)`` indices of document-grouped folds (see :func:`train_hedge_model`);
    ``shuffle``, a seed, deals the documents in a shuffled order.

    >>> group_folds(["a", "a", "b", "c"], folds=2)
    [([2, 3], [0, 1]), ([0, 1], [2, 3])]
    """
    return _group_folds(documents, folds, shuffle)


def _fit(
    examples: Examples, setting: dict, min_count: int, seed: int, target: str | None = None
) -> HedgeModel:
    """A logistic regression fitted with ``setting``; threshold 0 (probability one half).

    With ``augment``, every feature also has a copy for its candidate's corpus, and each
    corpus a bias feature (Daumé III 2007, "Frustratingly easy domain adaptation"; with
    ``"source"``, only the candidates of corpora other than ``target`` get copies, so that
    their own habits go there and ``target`` is read by the shared weights alone); the model
    returned is the ``target`` corpus's view, each shared weight plus its ``target`` copy, so
    it has the file format and run-time cost of any other. ``target_weight`` multiplies the
    weight of ``target``'s candidates.
    """
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:
        raise ImportError(
            "training the hedge model needs scikit-learn: pip install '.[train]' (make train "
            "does it)"
        ) from error
    keep = [
        i
        for i, decision in enumerate(examples.decisions)
        if setting["rescue"] or decision != "rejected"
    ]
    rows = [_selected(examples.features[i], setting["groups"]) for i in keep]
    augment = setting.get("augment", False)
    if augment:
        rows = [
            _augmented(row, examples.corpora[i])
            if augment is True or examples.corpora[i] != target
            else list(row)
            for row, i in zip(rows, keep, strict=True)
        ]
    labels = [examples.labels[i] for i in keep]
    counts: dict[str, int] = {}
    for row in rows:
        for feature in row:
            counts[feature] = counts.get(feature, 0) + 1
    known = {f for f, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform([{f: 1.0 for f in row if f in known} for row in rows])
    # liblinear takes 32-bit indices only; some scipy versions build 64-bit ones.
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    sample_weight = None
    target_weight = setting.get("target_weight", 1.0)
    if setting["balance"] or target_weight != 1.0:
        per_corpus: dict[str, int] = {}
        for i in keep:
            per_corpus[examples.corpora[i]] = per_corpus.get(examples.corpora[i], 0) + 1
        mean = len(keep) / len(per_corpus)
        sample_weight = [
            (mean / per_corpus[examples.corpora[i]] if setting["balance"] else 1.0)
            * (target_weight if examples.corpora[i] == target else 1.0)
            for i in keep
        ]
    if len(set(labels)) < 2:
        # One class only (a tiny fold): a constant model, the log-odds of that class.
        constant = 5.0 if labels and labels[0] else -5.0
        return HedgeModel({}, constant, 0.0, setting["groups"], setting["rescue"])
    classifier = LogisticRegression(C=setting["C"], solver="liblinear", random_state=seed)
    classifier.fit(matrix, labels, sample_weight=sample_weight)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, classifier.coef_[0], strict=True)}
    intercept = float(classifier.intercept_[0])
    if augment:
        weights, intercept = _domain_view(weights, intercept, target, set(examples.corpora))
    return HedgeModel(weights, intercept, 0.0, setting["groups"], setting["rescue"])


#: Between a corpus and a feature in the name of the feature's copy for that corpus.
_DOMAIN_MARK = "::"


def _augmented(row: Sequence[str], corpus: str) -> list[str]:
    """``row``'s features, each also as ``corpus``'s copy, and ``corpus``'s bias feature.

    >>> _augmented(["w=may", "n=be"], "news")
    ['w=may', 'n=be', 'news::w=may', 'news::n=be', 'news::']
    """
    own = corpus + _DOMAIN_MARK
    return [*row, *(own + f for f in row), own]


def _domain_view(
    weights: dict[str, float], intercept: float, target: str | None, corpora: set[str]
) -> tuple[dict[str, float], float]:
    """The weights and intercept of an augmented model as ``target`` sees them: each shared
    weight plus ``target``'s copy of it; other corpora's copies dropped.

    >>> _domain_view({"w=may": 1.0, "news::w=may": 0.5, "wiki::w=may": -2.0, "news::": 0.25},
    ...              -1.0, "news", {"news", "wiki"})
    ({'w=may': 1.5}, -0.75)
    """
    if target is None:
        raise ValueError("an augmented model needs its target corpus: give select_on")
    marks = tuple(corpus + _DOMAIN_MARK for corpus in sorted(corpora))
    own = target + _DOMAIN_MARK
    view: dict[str, float] = {}
    for name, weight in weights.items():
        if name == own:
            intercept += weight
        elif name.startswith(own):
            shared = name[len(own) :]
            view[shared] = view.get(shared, 0.0) + weight
        elif not name.startswith(marks):
            view[name] = view.get(name, 0.0) + weight
    return view, intercept


def _best_threshold(
    examples: Examples, scores: Sequence[float], select_on: str | None = None
) -> tuple[float, float]:
    """The threshold (log-odds) whose decisions give the best F1 averaged over corpora, and
    that F1. Candidates without a score (not offered) are decided "no"."""
    by_corpus: dict[str, tuple[list[float], list[float], list[int]]] = {}
    for score, label, corpus in zip(scores, examples.labels, examples.corpora, strict=True):
        positives, negatives, total = by_corpus.setdefault(corpus, ([], [], [0]))
        total[0] += label
        if not math.isnan(score):
            (positives if label else negatives).append(score)
    for positives, negatives, _ in by_corpus.values():
        positives.sort()
        negatives.sort()
    best = (-1.0, 0.0)
    missed = examples.missed_by_corpus()
    for step in range(-12, 13):  # -3 .. 3 in steps of 0.25
        threshold = step / 4
        total_f1 = 0.0
        for corpus, (positives, negatives, total) in by_corpus.items():
            if select_on is not None and corpus != select_on:
                continue
            tp = len(positives) - bisect.bisect_right(positives, threshold)
            fp = len(negatives) - bisect.bisect_right(negatives, threshold)
            fn = total[0] - tp + missed.get(corpus, 0)
            total_f1 += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        f1 = total_f1 / (1 if select_on is not None else len(by_corpus))
        if f1 > best[0] + 1e-12 or (abs(f1 - best[0]) <= 1e-12 and abs(threshold) < abs(best[1])):
            best = (f1, threshold)
    return best
