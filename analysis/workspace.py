"""What the notebooks need around the library: their corpus parameter and a parse cache.

The notebooks take their corpus as a parameter (``CORPUS = "../seeds"``, papermill style) that
the environment variable ``ANALYSIS_CORPUS`` overrides (``make figures CORPUS=...`` sets it);
the validation notebook takes a coded sample (``ANALYSIS_CODING``, else the corpus when it is
one, else the seed's coding).
Parsing a corpus of thousands of articles takes a while, so :func:`parse_cached` keeps the
tables as Parquet under a cache folder, keyed by the corpus's content *and* by the code and
lexicons that parsed it: editing a lexicon or the library gives a fresh parse, never stale
tables.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from importlib import resources
from pathlib import Path

from analysis.pipeline import parse
from analysis.tables import Tables, read_tables

__all__ = [
    "coding_parameter",
    "corpus_label",
    "corpus_parameter",
    "parse_cached",
    "pick_article",
]

#: Environment variables that override the notebooks' parameters.
CORPUS_VARIABLE = "ANALYSIS_CORPUS"
CACHE_VARIABLE = "ANALYSIS_CACHE"
CODING_VARIABLE = "ANALYSIS_CODING"


def corpus_parameter(default: str | os.PathLike) -> Path:
    """The corpus a notebook should read: ``$ANALYSIS_CORPUS`` when set, else ``default``.

    Raises ``ValueError`` (naming both) when the path does not exist.
    """
    configured = os.environ.get(CORPUS_VARIABLE)
    path = Path(configured) if configured else Path(default)
    if not path.exists():
        where = f"${CORPUS_VARIABLE}={configured}" if configured else f"CORPUS={default}"
        raise ValueError(f"the corpus {path} does not exist ({where}); give a file or folder")
    return path


def _is_coded(path: Path) -> bool:
    return path.is_dir() and any(path.rglob("*.ann"))


def coding_parameter(corpus: str | os.PathLike, default: str | os.PathLike) -> Path:
    """The coded sample the validation notebook scores the tool against: a folder of ``.txt``
    files with their hand-coded ``.ann`` beside them.

    ``$ANALYSIS_CODING`` when set; else ``corpus`` when it holds ``.ann`` files (a coded
    sample parses like any corpus: the loader reads its ``.txt`` files); else ``default``, with
    a warning saying so (``make figures CORPUS=...`` on a corpus nobody coded still runs).
    Raises ``ValueError`` when the folder chosen holds no ``.ann`` file.
    """
    configured = os.environ.get(CODING_VARIABLE)
    if configured:
        path, where = Path(configured), f"${CODING_VARIABLE}={configured}"
    elif _is_coded(Path(corpus)):
        return Path(corpus)
    else:
        path, where = Path(default), f"the default {default}"
        warnings.warn(
            f"{corpus} holds no hand coding (.ann files): validating against {default} instead; "
            f"set {CODING_VARIABLE} to a coded sample (python -m analysis sample)",
            stacklevel=2,
        )
    if not _is_coded(path):
        raise ValueError(f"{path} ({where}) holds no .ann file; give a folder of coded articles")
    return path


def corpus_label(path: str | os.PathLike) -> str:
    """A short name for figure notes: the corpus folder's or file's name."""
    path = Path(path).resolve()
    return path.name or str(path)


def _code_fingerprint() -> str:
    """A hash of the library's code, lexicons and trained models: a new version parses afresh."""
    digest = hashlib.sha256()
    package = resources.files("analysis")
    subpackages = sorted(  # analysis/attribution/: the rules' stages
        (item for item in package.iterdir() if item.joinpath("__init__.py").is_file()),
        key=lambda p: p.name,
    )
    for folder in (package, *subpackages, package / "lexicons", package / "models"):
        if not folder.is_dir():
            continue
        prefix = f"{folder.name}/" if folder in subpackages else ""
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.is_file() and item.name.endswith((".py", ".txt", ".json", ".crfsuite")):
                digest.update((prefix + item.name).encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()


def _corpus_fingerprint(path: Path) -> str:
    """A hash of every file of the corpus (relative names and bytes)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(str(file.relative_to(path) if file != path else file.name).encode())
        digest.update(b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda handle=handle: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def parse_cached(
    source: str | os.PathLike,
    cache_dir: str | os.PathLike | None = None,
    progress: bool = True,
) -> Tables:
    """:func:`analysis.parse` of a corpus on disk, cached as Parquet.

    Parameters
    ----------
    source
        A corpus file or folder (anything :func:`analysis.load_articles` reads from disk).
    cache_dir
        Where cached tables live; default ``$ANALYSIS_CACHE``, else ``.analysis-cache`` in the
        current folder. Each parse is a sub-folder named by a hash of the corpus's bytes and of
        the library's code and lexicons; delete the folder to reclaim the space.
    progress
        Show a progress bar while parsing.
    """
    path = Path(source)
    if not path.exists():
        raise ValueError(f"the corpus {path} does not exist")
    root = Path(cache_dir or os.environ.get(CACHE_VARIABLE) or ".analysis-cache")
    key = hashlib.sha256((_corpus_fingerprint(path) + _code_fingerprint()).encode()).hexdigest()[
        :20
    ]
    folder = root / key
    if not folder.is_dir():
        # Written aside and renamed whole, so an interrupted parse never looks cached.
        partial = root / f".{key}.partial-{os.getpid()}"
        parse(path, progress=progress).to_dir(partial)
        os.replace(partial, folder)
    # Read back even after a fresh parse, so that both runs hand over identical tables.
    return read_tables(folder)


def pick_article(tables, article_id: str | None = None) -> str:
    """The article a close-up notebook shows: ``article_id`` when given (checked), else the
    first article that parsed."""
    articles = tables["articles"]
    ids = articles["article_id"].astype("string")
    if article_id:
        if not (ids == str(article_id)).any():
            raise ValueError(
                f"no article {article_id!r} in this corpus; some ids: {', '.join(ids.head(5))}"
            )
        return str(article_id)
    parsed = ids[articles["status"] == "ok"]
    if parsed.empty:
        raise ValueError("no article of this corpus parsed (see the articles table's status)")
    return str(parsed.iloc[0])
