"""analysis: who gets quoted, how, and how sure the reporting sounds.

News articles parsed into pandas tables. Start with :func:`parse`::

    import analysis
    parsed = analysis.parse("seeds")       # a file, a folder, a table, a DataFrame, a list
    parsed.articles, parsed.sentences      # DataFrames; every column: docs/tables.md
    parsed.quotes, parsed.attributions     # who said what, as exact character spans
    parsed.sources                         # the distinct speakers of each article
    parsed.hedges                          # hedging, distancing and boosting language
    parsed.to_dir("out")                   # one Parquet file per table
    analysis.read_tables("out")            # and back
    analysis.parse_corpus("big.jsonl", "out")  # any size: batches, all cores, Parquet parts
    analysis.score_attributions("coded/", parsed)  # against your own hand coding (brat)
"""

from __future__ import annotations

# First: compiled modules run only while their source is the one they were compiled from.
from analysis import _compiled  # noqa: F401
from analysis.articles import decode_bytes, load_articles
from analysis.attribution import ATTRIBUTION_METHODS, find_attributions, reporting_cues
from analysis.brat import read_brat, write_brat
from analysis.corpus import CorpusSummary, parse_corpus
from analysis.diversity import (
    bootstrap_diversity,
    diversity_by,
    diversity_indices,
    gender_shares,
    source_mix,
)
from analysis.hedging import UNCERTAINTY_CATEGORIES, find_hedges
from analysis.lexicon import load_lexicon, load_lexicon_table
from analysis.metadata import ArticleMetadata, find_metadata
from analysis.metrics import article_hedging, hedging_by_group
from analysis.pipeline import parse, parse_article, parse_records
from analysis.quotes import find_quotes
from analysis.segment import Segmenter, default_segmenter, sentence_spans, split_sentences
from analysis.sources import mention_name, profile_source, resolve_sources
from analysis.tables import (
    ARTICLE_COLUMNS,
    ATTRIBUTION_COLUMNS,
    HEDGE_CATEGORIES,
    HEDGE_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    SOURCE_COLUMNS,
    TABLE_SCHEMAS,
    Tables,
    read_tables,
)
from analysis.text import count_words
from analysis.validation import (
    coder_agreement,
    compare_attributions,
    krippendorff_alpha,
    label_agreement,
    label_confusion,
    read_coding,
    sample_for_coding,
    score_attributions,
    score_hedges,
    score_quotes,
)

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "ATTRIBUTION_COLUMNS",
    "HEDGE_CATEGORIES",
    "HEDGE_COLUMNS",
    "QUOTE_COLUMNS",
    "SENTENCE_COLUMNS",
    "SOURCE_COLUMNS",
    "TABLE_SCHEMAS",
    "UNCERTAINTY_CATEGORIES",
    "ArticleMetadata",
    "CorpusSummary",
    "Segmenter",
    "Tables",
    "article_hedging",
    "bootstrap_diversity",
    "coder_agreement",
    "compare_attributions",
    "count_words",
    "decode_bytes",
    "default_segmenter",
    "diversity_by",
    "diversity_indices",
    "find_attributions",
    "ATTRIBUTION_METHODS",
    "find_hedges",
    "find_metadata",
    "find_quotes",
    "gender_shares",
    "hedging_by_group",
    "krippendorff_alpha",
    "label_agreement",
    "label_confusion",
    "load_articles",
    "load_lexicon",
    "load_lexicon_table",
    "mention_name",
    "parse",
    "parse_article",
    "parse_corpus",
    "parse_records",
    "profile_source",
    "read_brat",
    "read_coding",
    "read_tables",
    "reporting_cues",
    "resolve_sources",
    "sample_for_coding",
    "score_attributions",
    "score_hedges",
    "score_quotes",
    "sentence_spans",
    "source_mix",
    "split_sentences",
    "write_brat",
]
