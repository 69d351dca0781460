"""The optional compiled modules (setup.py, analysis/_compiled.py): the same tables as the
source, and never a compiled module that is not what its source says."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import _compiled
from conftest import REPO, SEED


def _fake_package(tmp_path, source: str = "VALUE = 1\n"):
    folder = tmp_path / "fakepkg"
    folder.mkdir()
    (folder / "mod.py").write_text(source, encoding="utf-8")
    return folder


def test_a_fresh_extension_is_left_to_python(tmp_path):
    folder = _fake_package(tmp_path)
    digest = hashlib.sha256((folder / "mod.py").read_bytes()).hexdigest()
    finder = _compiled.SourceWhenStale("fakepkg", folder, {"mod": digest})
    assert finder.find_spec("fakepkg.mod") is None
    assert finder.status == {"mod": "compiled"}
    assert finder.find_spec("fakepkg.other") is None
    assert finder.find_spec("otherpkg.mod") is None


def test_a_changed_source_runs_from_source_with_a_warning(tmp_path):
    folder = _fake_package(tmp_path)
    finder = _compiled.SourceWhenStale("fakepkg", folder, {"mod": "0" * 64})
    with pytest.warns(UserWarning, match="runs as plain Python"):
        spec = finder.find_spec("fakepkg.mod")
    assert spec is not None and spec.origin == str(folder / "mod.py")
    assert finder.status["mod"].startswith("source")


def test_pure_python_runs_every_module_from_source(tmp_path):
    folder = _fake_package(tmp_path)
    digest = hashlib.sha256((folder / "mod.py").read_bytes()).hexdigest()
    finder = _compiled.SourceWhenStale("fakepkg", folder, {"mod": digest}, pure=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: the user asked for it
        spec = finder.find_spec("fakepkg.mod")
    assert spec.origin == str(folder / "mod.py")
    assert "ANALYSIS_PURE_PYTHON" in finder.status["mod"]


def test_install_distrusts_extensions_the_manifest_does_not_vouch_for(tmp_path):
    folder = _fake_package(tmp_path)
    (folder / "mod.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    (folder / "other.abi3.so").write_bytes(b"")
    digest = hashlib.sha256((folder / "mod.py").read_bytes()).hexdigest()
    (folder / _compiled.MANIFEST).write_text(json.dumps({"modules": {"mod": digest}}))
    finder = _compiled.install("fakepkg", folder)
    try:
        assert finder is not None and sys.meta_path[0] is finder
        assert finder.digests == {"mod": digest, "other": ""}  # "other": not in the manifest
    finally:
        sys.meta_path.remove(finder)
    (folder / _compiled.MANIFEST).write_text("{not json")
    finder = _compiled.install("fakepkg", folder)
    try:
        assert finder.digests == {"mod": "", "other": ""}
    finally:
        sys.meta_path.remove(finder)


def test_install_does_nothing_where_nothing_is_compiled(tmp_path):
    folder = _fake_package(tmp_path)
    assert _compiled.install("fakepkg", folder) is None


def _fake_subpackage(tmp_path, source: str = "VALUE = 2\n"):
    folder = _fake_package(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "sub" / "mod.py").write_text(source, encoding="utf-8")
    return folder


def test_a_subpackage_module_is_named_below_the_package(tmp_path):
    # analysis/attribution/cues.py is "attribution.cues": fresh, it is left to Python's finder;
    # changed, its own source runs (not fakepkg/mod.py, which has the same last name).
    folder = _fake_subpackage(tmp_path)
    digest = hashlib.sha256((folder / "sub" / "mod.py").read_bytes()).hexdigest()
    finder = _compiled.SourceWhenStale("fakepkg", folder, {"sub.mod": digest})
    assert finder.find_spec("fakepkg.sub.mod") is None
    assert finder.find_spec("fakepkg.mod") is None  # not compiled: not the finder's business
    assert finder.status == {"sub.mod": "compiled"}
    finder = _compiled.SourceWhenStale("fakepkg", folder, {"sub.mod": "0" * 64, "mod": "0" * 64})
    with pytest.warns(UserWarning, match="runs as plain Python"):
        spec = finder.find_spec("fakepkg.sub.mod")
    assert spec.origin == str(folder / "sub" / "mod.py")
    assert finder.status == {"sub.mod": "source (not what was compiled)"}


def test_install_finds_the_extensions_of_subpackages(tmp_path):
    folder = _fake_subpackage(tmp_path)
    (folder / "sub" / "mod.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "stale.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    digest = hashlib.sha256((folder / "sub" / "mod.py").read_bytes()).hexdigest()
    (folder / _compiled.MANIFEST).write_text(json.dumps({"modules": {"sub.mod": digest}}))
    finder = _compiled.install("fakepkg", folder)
    try:
        assert finder is not None and finder.digests == {"sub.mod": digest}
    finally:
        sys.meta_path.remove(finder)


def test_every_stage_of_the_attribution_package_is_compiled():
    # setup.py's COMPILED names each module of analysis/attribution/ (but its __init__): a stage
    # added without it would quietly run as plain Python.
    if _compiled._finder is None:
        pytest.skip("nothing is compiled in this installation")
    import analysis.attribution

    folder = Path(analysis.attribution.__file__).parent
    stages = {f"attribution.{path.stem}" for path in folder.glob("*.py")} - {"attribution.__init__"}
    assert len(stages) > 1 and stages <= set(_compiled._finder.digests)
    assert "attribution" not in _compiled._finder.digests  # no extension of the former module


INVENTED = [
    "By Ana Reyes\n\nLONDON (Reuters) - Prices may rise next year, the central bank said on "
    "Monday. “We are not certain,” said Governor Tom Hale, who declined to say more.",
    "Officials allegedly knew. According to a person familiar with the matter, the report was "
    "delayed.\n\n“It is shameful,” she told reporters. Analysts suggested that rates could fall.",
]

_DUMP = """
import sys, analysis
from analysis import _compiled
tables = analysis.parse([sys.argv[1], *sys.argv[3:]])
tables.to_dir(sys.argv[2])
print(sorted(set(_compiled.module_status().values())))
"""


def test_compiled_modules_give_the_source_tables(tmp_path):
    status = _compiled.module_status()
    if "compiled" not in status.values():
        pytest.skip(f"no compiled module runs in this installation ({status or 'none built'})")
    here = analysis.parse([str(SEED), *INVENTED])
    environment = {**os.environ, "ANALYSIS_PURE_PYTHON": "1"}
    run = subprocess.run(
        [sys.executable, "-c", _DUMP, str(SEED), str(tmp_path), *INVENTED],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert "compiled" not in run.stdout  # the other process ran every module from source
    source = analysis.read_tables(tmp_path)
    assert len(here.attributions) > 0 and len(here.hedges) > 0
    for name in here:
        pd.testing.assert_frame_equal(
            source[name].reset_index(drop=True), here[name].reset_index(drop=True)
        )


def test_setup_and_the_package_share_one_manifest_definition():
    # setup.py writes the manifest that _compiled reads: both take its name and the digest from
    # analysis/_manifest.py, so the two cannot drift apart.
    source = (REPO / "setup.py").read_text(encoding="utf-8")
    assert "analysis/_manifest.py" in source
    assert "hashlib" not in source and '"_compiled.json"' not in source
    compiled = (REPO / "analysis" / "_compiled.py").read_text(encoding="utf-8")
    assert "hashlib" not in compiled and '"_compiled.json"' not in compiled
    from analysis import _manifest

    assert _compiled.MANIFEST is _manifest.MANIFEST
    assert _compiled.source_digest is _manifest.source_digest
