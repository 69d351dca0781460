"""Who gets a voice in Wikinews: the source mix of a real corpus, and a sample to read by eye.

Parses ``../shared/data/wikinews/wikinews.jsonl`` (295 articles, 2019-2021) and prints the
corpus's source-type mix, named / institution / anonymous shares, gender shares (with unknowns
in the denominator, as the Gender Gap Tracker reports them, and without), the most frequent
countries, the corpus-level diversity indices with bootstrap intervals over articles, and a
random sample of sources (``--sample N``, fixed ``--seed``) with their mentions and profile, to
check the typing by eye. There is no gold annotation of source types here: the sample is the
check.

Run: ``python benchmarks/sources.py [--sample 30] [--seed 7]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import require  # noqa: E402

import analysis  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=30, help="sources to print for reading")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the sample")
    args = parser.parse_args()
    path = require("wikinews/wikinews.jsonl")
    started = time.perf_counter()
    parsed = analysis.parse(path)
    seconds = time.perf_counter() - started
    sources = parsed.sources
    print(
        f"wikinews: {len(parsed.articles)} articles, {len(sources)} sources, "
        f"{len(parsed.attributions)} attributions ({seconds:.1f} s)"
    )
    for column in ("type", "identification", "kind"):
        shares = sources[column].value_counts(normalize=True)
        print(f"{column:15} " + "  ".join(f"{k} {v:.1%}" for k, v in shares.items()))
    persons = sources[sources["kind"] == "person"]
    print(
        f"gender (person sources, n={len(persons)}): "
        + "  ".join(
            f"{k} {v:.1%}" for k, v in persons["gender"].value_counts(normalize=True).items()
        )
    )
    genders = analysis.gender_shares(parsed).iloc[0]
    print(
        f"gender of known: female {genders['female_of_known']:.1%}, "
        f"male {genders['male_of_known']:.1%}; evidence: "
        + "  ".join(f"{k} {v}" for k, v in persons["gender_evidence"].value_counts().items())
    )
    countries = sources["country"].value_counts().head(10)
    print("countries      " + "  ".join(f"{k} {v}" for k, v in countries.items()))
    intervals = analysis.bootstrap_diversity(parsed, "type", n_boot=500)
    print(
        "type diversity "
        + "  ".join(
            f"{index} {row.estimate:.3f} [{row.low:.3f}, {row.high:.3f}]"
            for index, row in intervals.loc[["shannon", "gini_simpson", "iqv"]].iterrows()
        )
    )
    if args.sample:
        print(f"\nsample of {args.sample} sources (seed {args.seed}), to read by eye:")
        sample = sources.sample(n=min(args.sample, len(sources)), random_state=args.seed)
        with pd.option_context("display.width", 250, "display.max_colwidth", 60):
            for number, row in enumerate(sample.itertuples(), 1):
                print(
                    f"{number:2}. {row.mentions[:70]!r} -> name={row.name!r} "
                    f"desc={row.descriptor!r} {row.kind}/{row.identification}/{row.type} "
                    f"gender={row.gender}({row.gender_evidence}) country={row.country}"
                )


if __name__ == "__main__":
    main()
