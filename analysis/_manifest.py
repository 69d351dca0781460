"""What ``setup.py`` and :mod:`analysis._compiled` both need to know about compiled modules:
the manifest's name and how it is read, a source's digest, and the extensions in a folder.

One copy for both. ``setup.py`` runs before the package can be imported (and importing
``analysis`` would install its import finder into the build), so it loads this file by its
path; it must therefore import nothing from the package, only the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

__all__ = ["MANIFEST", "extension_files", "read_manifest", "source_digest"]

#: Written by ``setup.py`` in the package's folder: ``{"modules": {name: sha256}}``, each name
#: below the package (``text``, ``attribution.cues`` for a module of a subpackage).
MANIFEST = "_compiled.json"


def source_digest(path: Path) -> str:
    """The SHA-256 of a module's source file: what the manifest records."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """The source digests recorded in ``folder``'s manifest; empty when there is none, or it
    cannot be read, so that nothing is taken as compiled from its current source."""
    try:
        return dict(json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))["modules"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def extension_files(folder: Path) -> dict[str, Path]:
    """Every compiled extension below ``folder``, by its module name below the package
    (``text``, ``attribution.cues``)."""
    found = {}
    for root, subfolders, files in os.walk(folder):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        prefix = Path(root).relative_to(folder).parts
        for file in files:
            suffix = next((s for s in EXTENSION_SUFFIXES if file.endswith(s)), None)
            if suffix is not None:
                found[".".join((*prefix, file[: -len(suffix)].split(".", 1)[0]))] = Path(root, file)
    return found
