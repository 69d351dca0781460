"""Loading the word lists in ``analysis/lexicons/``.

Every lexicon is a UTF-8 text file with one entry per line. Lines starting with ``#`` are the
header (what the list is for, where it came from, what was left out and why) and are skipped,
as are blank lines. An entry may carry fields after a tab (``claimed<TAB>distancing``); use
:func:`load_lexicon_table` for those.

Lexicons are package data, read through :mod:`importlib.resources` once per process.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
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


def load_lexicon_table(
    name: str, choices: Mapping[int, Collection[str] | None] | None = None
) -> tuple[tuple[str, ...], ...]:
    """Return the tab-separated fields of every entry of lexicon ``name``.

    ``choices`` maps a field's position to the values it may take (``{1: ("male", "female")}``;
    None: any value, but the field must be there). An entry with a value outside them, or
    without the field, is a ``ValueError`` naming the file and the entry, so that a typo in an
    edited lexicon stops the run where it is instead of turning into missing values in a table.

    Examples
    --------
    >>> load_lexicon_table("reporting_cues", {1: ("neutral",)})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: lexicons/reporting_cues.txt: the entry ... in field 2, expected one of: neutral
    """
    rows = tuple(tuple(map(str.strip, line.split("\t"))) for line in _lines(name))
    for position, allowed in (choices or {}).items():
        short = next((row for row in rows if len(row) <= position), None)
        if short is not None:
            raise ValueError(
                f"lexicons/{name}.txt: the entry {short[0]!r} has {len(short)} field(s), "
                f"expected at least {position + 1} (separated by tabs)"
            )
        if allowed is None:
            continue
        allowed = frozenset(allowed)
        if not {row[position] for row in rows} <= allowed:
            row = next(row for row in rows if row[position] not in allowed)
            raise ValueError(
                f"lexicons/{name}.txt: the entry {row[0]!r} has {row[position]!r} in field "
                f"{position + 1}, expected one of: {', '.join(sorted(allowed))}"
            )
    return rows
