"""nltk's Punkt sentence tokenizer, imported without the rest of nltk (:func:`_import_punkt`)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType

__all__ = ["punkt"]

#: The packages above Punkt, whose ``__init__`` imports the whole of nltk.
_PACKAGES = ("nltk", "nltk.tokenize")


class _DeferredPackage(ModuleType):
    """An nltk package whose ``__init__`` has not run yet: its submodules import as usual, and
    the first look-up of anything else runs the real ``__init__`` (nltk's first, as a plain
    ``import nltk`` would) and answers from it. A later ``import nltk`` thus gets the whole
    package, with the very Punkt module this package uses."""

    _quiet = False  # while Punkt itself is imported: a missing name is just missing

    def __getattr__(self, name: str):  # noqa: ANN204 - whatever the package holds
        if _DeferredPackage._quiet:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        for package in _PACKAGES:  # outermost first, the order of a plain import
            module = sys.modules.get(package)
            if isinstance(module, _DeferredPackage):
                module.__class__ = ModuleType
                module.__spec__.loader.exec_module(module)
        return getattr(self, name)


def _import_punkt() -> ModuleType:
    """nltk's Punkt module, without running ``nltk/__init__.py``.

    ``import nltk`` (which any nltk import runs first) imports the whole package: its corpus
    readers, parsers, taggers and, whenever they are installed (as in most research
    environments), ``scipy.stats`` and scikit-learn. That is 0.25 s at the start of every
    process and every worker for Punkt, which needs eight small modules of nltk. So the two
    packages above Punkt are put in place without their ``__init__`` (see
    :class:`_DeferredPackage`), and only Punkt and what it imports are loaded. Code that
    uses nltk afterwards gets all of it, on first use.
    """
    loaded = sys.modules.get("nltk.tokenize.punkt")
    if loaded is not None:
        return loaded
    for name in _PACKAGES:
        if name not in sys.modules:
            package = importlib.util.module_from_spec(importlib.util.find_spec(name))
            package.__class__ = _DeferredPackage
            sys.modules[name] = package
            parent, _, child = name.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, package)
    _DeferredPackage._quiet = True
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        _DeferredPackage._quiet = False


punkt = _import_punkt()
