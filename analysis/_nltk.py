"""nltk's Punkt sentence tokenizer, imported as cheaply as nltk allows (:func:`_import_punkt`)."""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["punkt"]


def _import_punkt() -> ModuleType:
    """nltk's Punkt module, imported without nltk's optional SciPy and scikit-learn bridges.

    ``import nltk`` (which any nltk import runs first) imports the whole package, and with it
    ``scipy.stats`` and scikit-learn whenever they are installed, as they are in most research
    environments: 0.5-1 s at the start of every process and every worker, for collocation
    statistics and classifier wrappers this package never uses. nltk treats both as optional
    (each import is guarded by ``except ImportError``), so they are hidden while nltk loads and
    restored at once: the process imports SciPy and scikit-learn normally afterwards. Only
    those two nltk helpers (``nltk.metrics.association``'s Fisher test, ``SklearnClassifier``)
    stay without them in a process that imported nltk first through this package.
    """
    hidden = (
        [] if "nltk" in sys.modules else [m for m in ("scipy", "sklearn") if m not in sys.modules]
    )
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment] - makes "import scipy" fail fast
    try:
        from nltk.tokenize import punkt
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return punkt


punkt = _import_punkt()
