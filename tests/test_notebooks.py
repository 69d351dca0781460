"""The notebooks: they run top to bottom on the seed corpus, write every figure they name, and
hold no logic of their own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SAVED = re.compile(r'save_figure\(\s*fig,\s*"([^"]+)"\s*\)')


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(path: Path) -> list[str]:
    return [cell.source for cell in read(path).cells if cell.cell_type == "code"]


def figure_names(path: Path) -> list[str]:
    return [name for source in code_cells(path) for name in SAVED.findall(source)]


def test_there_are_notebooks_and_at_least_twelve_figures():
    assert [p.name[:2] for p in NOTEBOOKS] == sorted(p.name[:2] for p in NOTEBOOKS)
    assert len(NOTEBOOKS) >= 4
    assert sum(len(figure_names(p)) for p in NOTEBOOKS) >= 12


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_define_no_functions_or_classes(path):
    for source in code_cells(path):
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        for node in ast.walk(ast.parse("\n".join(lines))):
            assert not isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
            ), f"{path.name} defines {type(node).__name__}: logic belongs in analysis/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_carry_no_execution_timestamps(path):
    # make figures executes them without recording timing (Makefile), so that a rerun on the
    # same code and data leaves them byte-identical; a notebook saved with timings would not.
    notebook = nbformat.read(path, as_version=4)
    timed = [n for n, cell in enumerate(notebook.cells) if "execution" in cell.metadata]
    assert not timed, f"cells {timed} carry execution timestamps: rerun make figures"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_corpus_is_a_tagged_parameter_defaulting_to_the_seeds(path):
    cells = [c for c in read(path).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assert 'CORPUS = "../seeds"' in cells[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_seeds_and_writes_its_figures(path, tmp_path, monkeypatch):
    from matplotlib import image
    from nbclient import NotebookClient

    figures = tmp_path / "figures"
    monkeypatch.setenv("ANALYSIS_FIGURES", str(figures))
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ANALYSIS_CORPUS", raising=False)
    notebook = read(path)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on failure
    for name in figure_names(path):
        png = figures / f"{name}.png"
        assert png.is_file(), f"{path.name} did not write {name}.png"
        assert (figures / f"{name}.svg").is_file()
        pixels = image.imread(png)
        assert pixels.ndim == 3 and min(pixels.shape[:2]) > 100
        assert float(np.std(pixels[..., :3])) > 0.01, f"{name}.png is blank"
