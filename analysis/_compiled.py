"""The compiled modules, and when the Python source runs instead.

An installation may hold the parsing pipeline's modules twice: as Python source and compiled
by Cython (``setup.py``; about 1.2 times as fast, with the same results). Python's import
system prefers the compiled extension whenever one exists, even when its source has been
edited since. Installed first thing by :mod:`analysis`, this finder keeps that from ever
running stale code: a module runs compiled only while its source is exactly the one it was
compiled from (a SHA-256 recorded at build time, in ``_compiled.json``); otherwise its source
runs, with a warning saying how to compile it again. ``ANALYSIS_PURE_PYTHON=1`` runs every
module from source (to profile or debug them line by line).

Where nothing is compiled (no Cython or C compiler at installation) the finder is not installed
at all.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path

from analysis._manifest import MANIFEST, extension_files, read_manifest, source_digest

__all__ = ["MANIFEST", "SourceWhenStale", "install", "module_status"]

_PURE_VARIABLE = "ANALYSIS_PURE_PYTHON"


class SourceWhenStale(MetaPathFinder):
    """Import ``<package>.<name>`` from its source when its compiled extension is stale (or
    ``pure``); leave fresh compiled modules to Python's own finder, which picks them. ``name``
    is dotted for a module of a subpackage (``attribution.cues``: ``attribution/cues.py``)."""

    def __init__(self, package: str, folder: Path, digests: dict[str, str], pure: bool = False):
        self.package = package
        self.folder = folder
        self.digests = digests
        self.pure = pure
        self.status: dict[str, str] = {}

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:  # noqa: ANN001
        if not fullname.startswith(f"{self.package}."):
            return None
        name = fullname[len(self.package) + 1 :]
        if name not in self.digests:
            return None
        source = self.folder.joinpath(*name.split(".")).with_suffix(".py")
        if not source.is_file():
            self.status[name] = "compiled"
            return None  # an installation without sources: only the extension can run
        if self.pure:
            self.status[name] = f"source ({_PURE_VARIABLE} is set)"
        elif source_digest(source) == self.digests[name]:
            self.status[name] = "compiled"
            return None
        else:
            self.status[name] = "source (not what was compiled)"
            warnings.warn(
                f"{source} is not the source its compiled extension was built from (it has "
                "changed since), so it runs as plain Python (slower, same results) until it is "
                "compiled again: run `make setup`, or `pip install -e .` in the project folder",
                stacklevel=2,
            )
        return importlib.util.spec_from_file_location(fullname, source)


def install(package: str, folder: Path) -> SourceWhenStale | None:
    """Put a :class:`SourceWhenStale` first on ``sys.meta_path`` for ``package`` if ``folder``
    (or a subpackage's folder in it) holds compiled modules, and return it; None when it holds
    none.

    An extension missing from the manifest (or every one, if the manifest is missing or
    unreadable) cannot be shown to match its source, so its source runs.
    """
    extensions = extension_files(folder)
    if not extensions and not (folder / MANIFEST).is_file():
        return None
    recorded = read_manifest(folder)
    digests = {name: recorded.get(name, "") for name in extensions}
    finder = SourceWhenStale(package, folder, digests, pure=bool(os.environ.get(_PURE_VARIABLE)))
    sys.meta_path.insert(0, finder)
    return finder


_finder = install(__package__, Path(__file__).parent)


def module_status() -> dict[str, str]:
    """How each module that has a compiled version runs in this process: ``compiled`` or
    ``source (...)`` with the reason, for those imported so far, by their name below
    ``analysis`` (``pipeline``, ``attribution.cues``).

    Examples
    --------
    >>> import analysis.pipeline
    >>> all(how == "compiled" or how.startswith("source (") for how in module_status().values())
    True
    """
    return dict(_finder.status) if _finder is not None else {}
