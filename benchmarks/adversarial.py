"""Hostile inputs: does parsing stay linear in the size of the input?

Each case generates one article at a base size and at ten times that size, parses it with
``analysis.parse`` in a child process (so a hang is caught by a timeout, not a stuck benchmark),
and prints the seconds for each size and their ratio. Linear growth gives a ratio near 10;
the requirement is at most 15, and no case of 1 MB or less may take more than a few seconds.
It needs no shared data: every input is generated here.

Each case runs with both ways of finding attributions (the trained model and the rules alone).

Run: ``python benchmarks/adversarial.py [--only CASE] [--timeout S] [--attribution
model|rules|both]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable

SENTENCE = (
    "Officials said on Monday that “at least 40 people may have died”, according to a "
    "spokesperson for the ministry, who could not independently verify the reports. "
)

#: name -> (text of a given size parameter, base size parameter, what the size counts)
CASES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "quotation marks in a row": (lambda n: '"' * n, 10_000, "marks"),
    "mixed quotation marks": (lambda n: "“‘«\"'»’”" * (n // 8), 10_000, "marks"),
    "one word without spaces": (lambda n: "a" * n, 100_000, "characters"),
    "capitalised words": (lambda n: "Word " * n, 20_000, "words"),
    "nested parentheses": (lambda n: "(" * n + "x" + ")" * n, 1_000, "levels"),
    "nested quotations": (lambda n: "“‘" * n + "x" + "’”" * n, 1_000, "levels"),
    "said said said": (lambda n: "said " * n, 10_000, "words"),
    "reporting sentences (1 MB, 10 MB)": (lambda n: SENTENCE * n, 6_000, "sentences"),
    "one paragraph without full stops": (lambda n: "and the minister said " * n, 4_500, "words"),
    "would and could, no full stops": (lambda n: "it would if it could " * n, 4_500, "words"),
    "line breaks": (lambda n: "x\n" * n, 50_000, "lines"),
    "carriage-return line breaks": (lambda n: "x\r" * n, 50_000, "lines"),
    "dots and abbreviations": (lambda n: "U.S. Mr. e.g. ... " * n, 5_000, "repeats"),
}

#: Multiplier of the larger run: time may grow at most 1.5 times as fast as the input.
SCALE = 10
MAX_RATIO = 15.0


def _parse(text: str, queue: multiprocessing.Queue, attribution: str) -> None:
    import analysis

    started = time.perf_counter()
    tables = analysis.parse([text], attribution=attribution)
    seconds = time.perf_counter() - started
    status = tables.articles["status"].iloc[0]
    queue.put((seconds, str(status), len(tables.sentences)))


def timed(text: str, timeout: float, attribution: str) -> tuple[float | None, str]:
    """Seconds to parse ``text`` in a child process, or None when it timed out."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_parse, args=(text, queue, attribution))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return None, f"timed out after {timeout:.0f} s"
    if queue.empty():
        return None, f"crashed (exit code {process.exitcode})"
    seconds, status, n_sentences = queue.get()
    return seconds, f"{status}, {n_sentences:,} sentences"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per parse")
    parser.add_argument(
        "--attribution",
        choices=("model", "rules", "both"),
        default="both",
        help="how attributions are found (default: both, each case once with each)",
    )
    args = parser.parse_args()
    methods = ("model", "rules") if args.attribution == "both" else (args.attribution,)
    print(
        f"{'case':34} {'method':6} {'size':>12} {'seconds':>8} {'size x10':>12} {'seconds':>8} "
        f"{'ratio':>6}"
    )
    failures = []
    runs = [(name, case, method) for name, case in CASES.items() for method in methods]
    for name, (make, base, _unit), method in runs:
        if args.only and args.only not in name:
            continue
        small, large = make(base), make(base * SCALE)
        small_seconds, small_note = timed(small, args.timeout, method)
        large_seconds, large_note = timed(large, args.timeout, method)
        ratio = (
            large_seconds / max(small_seconds, 0.01)
            if small_seconds is not None and large_seconds is not None
            else None
        )
        verdict = ""
        if large_seconds is None or small_seconds is None:
            verdict = f"FAIL: {large_note if large_seconds is None else small_note}"
        elif ratio > MAX_RATIO and large_seconds > 0.5:
            verdict = f"FAIL: grows faster than the input (x{ratio:.1f})"
        elif len(large) <= 1_000_000 and large_seconds > 5:
            verdict = "FAIL: over 5 s for at most 1 MB"
        if verdict:
            failures.append(f"{name} ({method})")
        print(
            f"{name:34} {method:6} {f'{len(small):,} ch':>12} {_s(small_seconds):>8} "
            f"{f'{len(large):,} ch':>12} {_s(large_seconds):>8} "
            f"{'' if ratio is None else f'{ratio:.1f}':>6}  {verdict or large_note}"
        )
    print(f"{len(failures)} case(s) failed" + (f": {', '.join(failures)}" if failures else ""))
    return 1 if failures else 0


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


if __name__ == "__main__":
    sys.exit(main())
