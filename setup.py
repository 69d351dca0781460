"""Build step for the optional compiled modules (everything else is in ``pyproject.toml``).

Cython compiles the modules of the parsing pipeline, unchanged, into C extensions, which parse
a corpus about 1.2 times as fast with the same results. Each extension is optional: without
Cython or a C compiler, or with ``ANALYSIS_PURE_PYTHON=1`` set at build time, a module is not
compiled and runs as plain Python. Next to the extensions, ``analysis/_compiled.json`` records
the SHA-256 of the source each was compiled from; ``analysis/_compiled.py`` runs the source
instead of an extension whose source has changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

#: The modules compiled: the parsing pipeline, where a corpus spends its time. The others
#: (tables, figures, the CLI) spend theirs in pandas, matplotlib or I/O.
COMPILED = (
    "text",
    "lexicon",
    "metadata",
    "articles",
    "segment",
    "quotes",
    "attribution",
    "sources",
    "hedging",
    "pipeline",
)


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
        # An extension older than its source is removed first: if compiling the new source
        # fails (each extension is optional), no stale extension is left to pass as current.
        for extension in self.extensions:
            target = Path(self.get_ext_fullpath(extension.name))
            source = Path(extension.name.replace(".", "/") + ".py")
            if target.exists() and target.stat().st_mtime < source.stat().st_mtime:
                target.unlink()
        super().run()
        built = {}
        folder = None
        for extension in self.extensions:
            target = Path(self.get_ext_fullpath(extension.name))
            if target.exists():
                folder = target.parent
                source = Path(extension.name.replace(".", "/") + ".py")
                built[extension.name.rpartition(".")[2]] = hashlib.sha256(
                    source.read_bytes()
                ).hexdigest()
        if folder is not None:
            manifest = {"modules": dict(sorted(built.items()))}
            (folder / "_compiled.json").write_text(json.dumps(manifest, indent=1) + "\n")


def extensions() -> list[Extension]:
    if os.environ.get("ANALYSIS_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    modules = [Extension(f"analysis.{name}", [f"analysis/{name}.py"]) for name in COMPILED]
    compiled = cythonize(
        modules,
        build_dir="build/cython",
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
    return compiled


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildAndRecord})
