"""Loading the word lists in ``analysis/lexicons/``.

Every lexicon is a UTF-8 text file with one entry per line. Lines starting with ``#`` are the
header (what the list is for, where it came from, what was left out and why) and are skipped,
as are blank lines. An entry may carry fields after a tab (``claimed<TAB>distancing``); use
:func:`load_lexicon_table` for those.

Lexicons are package data, read through :mod:`importlib.resources` once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["lexicon_names", "load_lexicon", "load_lexicon_table"]


def lexicon_names() -> list[str]:
    """Names of the shipped lexicons (file names without ``.txt``), sorted."""
    folder = resources.files("analysis") / "lexicons"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


@cache
def _lines(name: str) -> tuple[str, ...]:
    path = resources.files("analysis") / "lexicons" / f"{name}.txt"
    if not path.is_file():
        raise ValueError(
            f"no lexicon named {name!r}; the shipped lexicons are: {', '.join(lexicon_names())}"
        )
    # A comprehension over C-level string methods: the list of first names has 20,000 lines.
    lines = map(str.rstrip, path.read_text(encoding="utf-8").splitlines())
    return tuple(line.strip(" ") for line in lines if line and not line.lstrip().startswith("#"))


def load_lexicon(name: str) -> tuple[str, ...]:
    """Return the entries of lexicon ``name`` in file order (first field of each line).

    Examples
    --------
    >>> "U.S." in load_lexicon("abbreviations")
    True
    """
    return tuple(line.split("\t", 1)[0].strip() for line in _lines(name))


def load_lexicon_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the tab-separated fields of every entry of lexicon ``name``."""
    return tuple(tuple(map(str.strip, line.split("\t"))) for line in _lines(name))
