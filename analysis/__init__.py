"""analysis: who gets quoted, how, and how sure the reporting sounds.

News articles parsed into pandas tables. Start with :func:`parse`::

    import analysis
    parsed = analysis.parse("seeds")       # a file, a folder, a table, a DataFrame, a list
    parsed.articles, parsed.sentences      # DataFrames; see the README for every column
    parsed.to_dir("out")                   # one Parquet file per table
    analysis.read_tables("out")            # and back
"""

from __future__ import annotations

from analysis.articles import decode_bytes, load_articles
from analysis.lexicon import load_lexicon, load_lexicon_table
from analysis.metadata import ArticleMetadata, find_metadata
from analysis.pipeline import parse, parse_article, parse_records
from analysis.segment import Segmenter, default_segmenter, sentence_spans, split_sentences
from analysis.tables import (
    ARTICLE_COLUMNS,
    SENTENCE_COLUMNS,
    TABLE_SCHEMAS,
    Tables,
    read_tables,
)
from analysis.text import count_words

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "TABLE_SCHEMAS",
    "ArticleMetadata",
    "Segmenter",
    "Tables",
    "count_words",
    "decode_bytes",
    "default_segmenter",
    "find_metadata",
    "load_articles",
    "load_lexicon",
    "load_lexicon_table",
    "parse",
    "parse_article",
    "parse_records",
    "read_tables",
    "sentence_spans",
    "split_sentences",
]
