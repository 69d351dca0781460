"""Build step for the optional compiled modules (everything else is in ``pyproject.toml``).

Cython compiles the modules of the parsing pipeline, unchanged, into C extensions, which parse
a corpus about 1.2 times as fast with the same results. Each extension is optional: without
Cython or a C compiler, or with ``ANALYSIS_PURE_PYTHON=1`` set at build time, a module is not
compiled and runs as plain Python. Next to the extensions, ``analysis/_compiled.json`` records
the SHA-256 of the source each was compiled from; ``analysis/_compiled.py`` runs the source
instead of an extension whose source has changed since.
"""

from __future__ import annotations

import importlib.util
import json
import os
from logging import INFO
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

#: The modules compiled, named below ``analysis`` (``attribution.cues`` is a module of the
#: ``analysis.attribution`` package, whose ``__init__`` only gathers its stages and stays Python):
#: the parsing pipeline, where a corpus spends its time. The others (tables, figures, the CLI)
#: spend theirs in pandas, matplotlib or I/O.
COMPILED = (
    "text",
    "lexicon",
    "metadata",
    "articles",
    "segment",
    "quotes",
    "attribution.words",
    "attribution.tokens",
    "attribution.cues",
    "attribution.subjects",
    "attribution.contents",
    "attribution.constructions",
    "attribution.sentences",
    "attribution.table",
    "attribution_model",
    "sources",
    "hedge_model",
    "hedging",
    "pipeline",
)
#: Where Cython writes the C it generates.
BUILD_DIR = "build/cython"


def _load_manifest_helpers():  # noqa: ANN202 - a module
    """``analysis/_manifest.py``, loaded by its path: the one copy of the manifest's name, of
    how it is read and of a source's digest, shared with ``analysis/_compiled.py`` (importing
    the package here would install its import finder into the build)."""
    spec = importlib.util.spec_from_file_location("_analysis_manifest", "analysis/_manifest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_manifest = _load_manifest_helpers()
#: Written in the package's folder: the SHA-256 of the source each extension was compiled from.
MANIFEST = _manifest.MANIFEST


class BuildAndRecord(build_ext):
    """``build_ext`` on every core, then ``_compiled.json`` for the extensions that built."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def build_extension(self, extension: Extension) -> None:
        # Extension(optional=True) is not enough: setuptools lets some compiler errors through.
        try:
            super().build_extension(extension)
        except Exception as error:  # noqa: BLE001 - no (working) C compiler: this module stays Python
            self.warn(f"{extension.name} not compiled, it runs as plain Python: {error}")

    def run(self) -> None:
        # An extension that may not be what its source compiles to now is removed first: if
        # compiling the new source fails (each extension is optional), no stale extension is
        # left to pass as current. Modification times alone would miss a source replaced by
        # an older file (a copy that keeps its date), so the recorded digest decides too.
        for extension in self.extensions:
            target = Path(self.get_ext_fullpath(extension.name))
            source = _source(extension)
            if target.exists() and (
                target.stat().st_mtime < source.stat().st_mtime
                or _manifest.read_manifest(self._package_folder(extension)).get(_name(extension))
                != _digest(source)
            ):
                target.unlink()
        if self.extensions:
            self._remove_orphans(self._package_folder(self.extensions[0]))
        super().run()
        built = {}
        folder = None
        for extension in self.extensions:
            target = Path(self.get_ext_fullpath(extension.name))
            if target.exists():
                folder = self._package_folder(extension)
                built[_name(extension)] = _digest(_source(extension))
        if folder is not None:
            manifest = {"modules": dict(sorted(built.items()))}
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")

    def _package_folder(self, extension: Extension) -> Path:
        """The folder of the ``analysis`` package the extension is built into (``analysis/``,
        also for ``analysis/attribution/cues.*.so``), where the manifest lives."""
        target = Path(self.get_ext_fullpath(extension.name))
        return target.parents[_name(extension).count(".")]

    def _remove_orphans(self, folder: Path) -> None:
        # An extension of a module no longer compiled (or no longer there: attribution.py
        # became the package attribution/) would still be importable, or be taken for one.
        compiled = {_name(extension) for extension in self.extensions}
        for name, path in _manifest.extension_files(folder).items():
            if name not in compiled:
                self.announce(f"removing {path}: {name} is not compiled", INFO)
                path.unlink()


def _source(extension: Extension) -> Path:
    return Path(extension.name.replace(".", "/") + ".py")


def _name(extension: Extension) -> str:
    """The module's name below ``analysis``: ``text``, ``attribution.cues``."""
    return extension.name.partition(".")[2]


_digest = _manifest.source_digest


def extensions() -> list[Extension]:
    if os.environ.get("ANALYSIS_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    modules = [
        Extension(module, [module.replace(".", "/") + ".py"])
        for module in (f"analysis.{name}" for name in COMPILED)
    ]
    # Cython too regenerates C only from a source newer than it. Each generated C file has a
    # stamp beside it, the digest of the source it came from: C without a matching stamp is
    # removed first, so that Cython generates it again from the source as it is now.
    digests = {}
    for extension in modules:
        digests[extension.name] = digest = _digest(_source(extension))
        generated = Path(BUILD_DIR) / _source(extension).with_suffix(".c")
        stamp = generated.with_suffix(".c.sha256")
        if generated.exists() and (not stamp.exists() or stamp.read_text() != digest):
            generated.unlink()
    compiled = cythonize(
        modules,
        build_dir=BUILD_DIR,
        nthreads=os.cpu_count() or 1,
        quiet=True,
        compiler_directives={
            "language_level": 3,
            "binding": True,  # functions keep their signatures, docstrings and doctests
            "annotation_typing": False,  # annotations stay hints: Python's semantics exactly
            "autotestdict": False,  # doctests are found once, on the functions themselves
        },
    )
    for extension in compiled:
        extension.optional = True  # cythonize's copies lose it
    for extension in modules:
        generated = Path(BUILD_DIR) / _source(extension).with_suffix(".c")
        generated.with_suffix(".c.sha256").write_text(digests[extension.name])
    return compiled


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildAndRecord})
