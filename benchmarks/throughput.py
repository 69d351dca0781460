"""Throughput and memory of whole command-line runs on the shared BBC and Reuters corpora.

Times ``python -m analysis parse INPUT --out DIR --quiet --workers N`` as users run it,
start-up included, and samples the resident memory of the whole process tree (the CLI and its
worker processes) while it runs. Prints, for each case, articles/s, MB/s of input text and the
peak resident memory:

- BBC (2,225 articles in a folder of .txt files), one worker and all workers, the median of
  ``--runs`` runs (default 3); with one worker also with ``--attribution rules`` beside the
  default (the trained model), runs interleaved;
- Reuters-21578 (the 19,043 stories with a body, one JSONL file), one worker and all workers,
  and its first 2,000 stories with one worker, whose peak memory the full run's is compared
  with (memory should not grow with the corpus).

It also prints which of the pipeline's modules run compiled (``setup.py``; set
``ANALYSIS_PURE_PYTHON=1`` to time plain Python) and how fast the machine is at the time.

Usage: ``python benchmarks/throughput.py [--runs 3] [--only bbc|reuters]``. Skips, saying so,
when the shared data is absent.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _shared import REPO, require

SAMPLE_SECONDS = 0.02


def _tree_rss(process) -> int:  # noqa: ANN001 - a psutil.Process
    import psutil

    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_cli(
    inputs: list[Path], workers: int, options: tuple[str, ...] = ()
) -> tuple[float, int, str]:
    """One whole CLI run: (seconds, peak RSS of the process tree in bytes, summary line)."""
    import psutil

    out = Path(tempfile.mkdtemp(prefix="throughput-"))
    command = [sys.executable, "-m", "analysis", "parse", *map(str, inputs)]
    command += ["--out", str(out), "--quiet", "--workers", str(workers), *options]
    peak = 0
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    process = psutil.Process(child.pid)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    shutil.rmtree(out, ignore_errors=True)
    if child.returncode != 0:
        raise SystemExit(f"the CLI failed ({child.returncode}): {stderr.strip()}")
    return seconds, peak, stdout.strip()


_SPIN = (
    "import time\nt = time.perf_counter()\nx = 0\n"
    "for i in range(10_000_000): x += i\nprint(time.perf_counter() - t)"
)


def _spin(count: int) -> float:
    """Seconds of the slowest of ``count`` processes each running the reference loop."""
    children = [
        subprocess.Popen([sys.executable, "-c", _SPIN], stdout=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    return max(float(child.communicate()[0]) for child in children)


_STATUS = (
    "import json, analysis.pipeline\n"
    "from analysis import _compiled\n"
    "print(json.dumps(_compiled.module_status()))"
)


def _module_status() -> str:
    """Which of the pipeline's modules the CLI runs compiled (setup.py), as the CLI would."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", _STATUS], cwd=REPO, capture_output=True, text=True, check=True
    )
    status = json.loads(result.stdout)
    compiled = sorted(name for name, how in status.items() if how == "compiled")
    others = {name: how for name, how in status.items() if how != "compiled"}
    if not status:
        return "all plain Python (none compiled: no Cython or C compiler at installation)"
    text = f"{len(compiled)} compiled by Cython ({', '.join(compiled)})"
    if others:
        text += "; from source: " + ", ".join(f"{n} {how}" for n, how in sorted(others.items()))
    return text


def reference_seconds() -> float:
    """Median seconds of a fixed pure-Python loop (10 million additions) in one process.

    The virtual machines here share physical cores, and their speed varies from hour to hour
    (the same loop has taken from 0.6 s to 1.7 s): this figure, printed next to the
    throughput, says how fast the machine was when it was measured.
    """
    return statistics.median(_spin(1) for _ in range(3))


def parallel_capacity(processes: int) -> float:
    """How many cores' worth of pure-Python work ``processes`` processes get at once here.

    A virtual machine's cores may share physical ones with other machines: then no program
    can run ``processes`` times faster on them, and the all-workers figures say more about
    the host than about the parser. ``processes`` (ideal) down to 1 (no parallelism at all).
    """

    alone = min(_spin(1) for _ in range(2))
    together = min(_spin(processes) for _ in range(2))
    return processes * alone / together


def measure(label: str, inputs: list[Path], workers: int, articles: int, mb: float, runs: int):
    return report(label, [run_cli(inputs, workers) for _ in range(runs)], articles, mb)


def measure_side_by_side(
    variants: dict[str, tuple[str, ...]], inputs: list[Path], articles: int, mb: float, runs: int
) -> dict[str, float]:
    """One worker, each variant's CLI options in turn, ``runs`` rounds interleaved (so that a
    change in the machine's speed touches every variant alike): articles/s per variant."""
    results: dict[str, list] = {label: [] for label in variants}
    for _ in range(runs):
        for label, options in variants.items():
            results[label].append(run_cli(inputs, 1, options))
    return {label: report(label, rows, articles, mb)[0] for label, rows in results.items()}


def report(label: str, results: list, articles: int, mb: float) -> tuple[float, int]:
    runs = len(results)
    seconds = statistics.median(r[0] for r in results)
    peak = max(r[1] for r in results)
    times = ", ".join(f"{r[0]:.2f}" for r in results)
    print(
        f"{label:<34} {articles / seconds:8.0f} articles/s {mb / seconds:6.2f} MB/s "
        f"peak {peak / 2**20:6.0f} MB   ({seconds:.2f} s median of {runs}: {times})"
    )
    print(f"{'':<34} {results[-1][2]}")
    return articles / seconds, peak


def text_megabytes_of_folder(folder: Path) -> tuple[int, float]:
    files = sorted(folder.rglob("*.txt"))
    return len(files), sum(f.stat().st_size for f in files) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per BBC case (median)")
    parser.add_argument("--only", choices=("bbc", "reuters"), help="one corpus only")
    args = parser.parse_args()
    try:
        import psutil  # noqa: F401 - needed to sample the process tree's memory
    except ImportError:
        print("skipped: psutil is not installed (pip install psutil, or the dask extra)")
        return 0
    cores = os.cpu_count() or 1
    print(f"whole CLI runs (start-up included), {cores} cores, Python {sys.version.split()[0]}")
    # An installed package has its bytecode compiled (pip compiles a wheel's modules; Python
    # writes __pycache__ on first import). Where PYTHONDONTWRITEBYTECODE is set, as on the
    # machines here, every run of an editable checkout would compile the package from source
    # again (0.25 s of each run): compile it once, as an installation would.
    compiled = compileall.compile_dir(REPO / "analysis", quiet=1)
    print(f"bytecode of analysis/ compiled before the runs: {'yes' if compiled else 'FAILED'}")
    print(f"pipeline modules: {_module_status()}")
    # Other work on the machine slows every run, and the all-workers runs most: say so.
    print(f"load average before the first run: {os.getloadavg()[0]:.2f}")
    print(f"machine speed: the reference loop takes {reference_seconds():.2f} s (lower is faster)")
    if cores > 1:
        print(
            f"parallel capacity: {cores} processes of pure Python run at "
            f"{parallel_capacity(cores):.2f}x one (the ceiling of any all-workers speed-up now)"
        )
    if args.only in (None, "bbc"):
        bbc = require("bbc")
        articles, mb = text_megabytes_of_folder(bbc)
        print(f"BBC: {articles:,} articles, {mb:.1f} MB")
        speeds = measure_side_by_side(
            {
                "BBC, 1 worker": (),
                "BBC, 1 worker, --attribution rules": ("--attribution", "rules"),
            },
            [bbc],
            articles,
            mb,
            args.runs,
        )
        one = speeds["BBC, 1 worker"]
        print(
            f"BBC, 1 worker: the trained attribution model (the default) runs at "
            f"{one / speeds['BBC, 1 worker, --attribution rules']:.2f}x the speed of the rules"
        )
        every, _ = measure(f"BBC, {cores} workers", [bbc], cores, articles, mb, args.runs)
        print(f"BBC: {cores} workers / 1 worker = {every / one:.2f}x")
        print(f"machine speed after the BBC runs: reference loop {reference_seconds():.2f} s")
    if args.only in (None, "reuters"):
        reuters = require("reuters21578/reuters21578.jsonl")
        with reuters.open("rb") as handle:
            lines = [line for line in handle if line.strip()]
        mb = sum(len(line) for line in lines) / 1e6
        print(f"Reuters: {len(lines):,} stories, {mb:.1f} MB of JSONL")
        with tempfile.TemporaryDirectory() as tmp:
            first = Path(tmp) / "reuters_first_2000.jsonl"
            first.write_bytes(b"".join(lines[:2000]))
            first_mb = sum(len(line) for line in lines[:2000]) / 1e6
            _, first_peak = measure("Reuters first 2,000, 1 worker", [first], 1, 2000, first_mb, 1)
        n = len(lines)
        del lines
        one, one_peak = measure("Reuters, 1 worker", [reuters], 1, n, mb, 1)
        every, _ = measure(f"Reuters, {cores} workers", [reuters], cores, n, mb, 1)
        print(f"Reuters: {cores} workers / 1 worker = {every / one:.2f}x")
        print(
            f"Reuters, 1 worker: peak {one_peak / 2**20:.0f} MB = "
            f"{one_peak / first_peak:.2f}x the peak for its first 2,000 stories"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
