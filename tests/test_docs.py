"""The documentation stays true to the code: every column of every table is described in
docs/tables.md, and every relative link of the README and of docs/ leads to a file."""

from __future__ import annotations

import re

import pytest

from analysis.tables import TABLE_SCHEMAS
from conftest import REPO

TABLES_DOC = REPO / "docs" / "tables.md"


def _table_section(name: str) -> str:
    text = TABLES_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^### `{name}`.*?(?=^##)", text + "\n##", flags=re.S | re.M)
    assert match, f"docs/tables.md has no section '### `{name}`'"
    return match.group(0)


@pytest.mark.parametrize("table", sorted(TABLE_SCHEMAS))
def test_every_column_is_documented(table):
    section = _table_section(table)
    missing = [column for column in TABLE_SCHEMAS[table] if f"`{column}`" not in section]
    assert not missing, f"docs/tables.md, {table}: undocumented columns {missing}"


def _links(path):
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" not in target:
            yield target


@pytest.mark.parametrize(
    "page", ["README.md", *sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("docs/*.md"))]
)
def test_relative_links_lead_to_files(page):
    path = REPO / page
    broken = [link for link in _links(path) if not (path.parent / link).exists()]
    assert not broken, f"{page}: broken links {broken}"
