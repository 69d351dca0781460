"""Parsing a corpus of any size: in batches, across processes, into a Parquet dataset.

:func:`parse_corpus` reads articles lazily (:func:`analysis.articles.iter_records`), cuts them
into batches of ``batch_size`` articles, parses each batch as :func:`analysis.parse_records` does
(in this process, in worker processes, or on a Dask cluster) and writes every table of the
batch as one part file::

    out/articles/part-00000.parquet   out/sentences/part-00000.parquet   ...
    out/articles/part-00001.parquet   ...
    out/_manifest.jsonl               one line per finished batch

Memory depends on the batch size and the number of workers, not on the size of the corpus.
Reading the part files back in order (:func:`analysis.read_tables`) gives the tables
:func:`analysis.parse` returns for the same source, row for row.

A finished batch is recorded in ``_manifest.jsonl`` with a key made of the run's settings and
a hash of the batch's records (ids and texts); a run into the same folder skips every batch
whose key is already there, so an interrupted run resumes where it stopped, and a changed
input is parsed again.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.articles import articles_frame, iter_records
from analysis.pipeline import ARTICLE_TABLES, DEFAULT_METHODS, Methods, parse_to_columns
from analysis.segment import Segmenter
from analysis.tables import (
    TABLE_SCHEMAS,
    _write_atomically,
    frame_from_columns,
    write_parquet_columns,
)

__all__ = ["ArticleFailed", "CorpusSummary", "DEFAULT_BATCH_SIZE", "parse_batch", "parse_corpus"]

#: Articles per batch: large enough that per-batch costs (six part files, a process hand-over)
#: are small (on BBC, writing 9 batches of 250 took 0.4 s of CPU, 3 batches of 1,000 0.2 s),
#: small enough that a batch's tables take a few tens of MB, that an interrupted run loses
#: only seconds of work, and that workers finish together: at the end of a run one worker may
#: still have a whole batch to go while the others have nothing left.
DEFAULT_BATCH_SIZE = 500

MANIFEST = "_manifest.jsonl"
_PART = re.compile(r"part-(\d+)\.(parquet|csv)$")
_STATUSES = ("ok", "empty", "error")


@dataclass
class CorpusSummary:
    """What :func:`parse_corpus` did: counts of articles and rows, batches, time."""

    out: Path
    articles: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_STATUSES, 0))
    rows: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    batches_skipped: int = 0
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def add(self, counts: dict[str, Any], skipped: bool = False) -> None:
        self.batches += 1
        self.batches_skipped += skipped
        self.articles += counts["articles"]
        for status, n in counts["statuses"].items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        for name, n in counts["rows"].items():
            self.rows[name] = self.rows.get(name, 0) + n


class ArticleFailed(RuntimeError):
    """Raised by :func:`parse_corpus` with ``strict=True`` when an article failed."""

    def __init__(self, article_id: str, error: str):
        super().__init__(f"article {article_id!r} failed: {error}")
        self.article_id = article_id
        self.error = error


def part_name(index: int, format: str) -> str:
    """The file name of batch ``index``'s part of each table: ``part-00042.parquet``."""
    return f"part-{index:05d}.{format}"


def parse_batch(
    records: list[dict[str, Any]],
    index: int,
    out: str | os.PathLike,
    format: str = "parquet",
    segmenter: Segmenter | None = None,
    excel_safe: bool = False,
    methods: Methods | None = None,
) -> dict[str, Any]:
    """Parse one batch of raw records and write every table's part file for it.

    Runs wherever the batch is sent (this process, a worker process, a Dask worker), so it
    writes its own part files (each under a temporary name, then renamed) and returns only
    counts: ``{"articles": n, "statuses": {...}, "rows": {table: n}}``.
    """
    rows, columns = parse_to_columns(records, segmenter, methods)
    folder = Path(out)
    for name in ("articles", *ARTICLE_TABLES):
        target = folder / name / part_name(index, format)
        target.parent.mkdir(parents=True, exist_ok=True)
        if name == "articles":
            _write_atomically(articles_frame(rows), target, format, excel_safe)
        elif format == "parquet":  # straight from the column lists: no DataFrame on the way
            write_parquet_columns(columns[name], name, target)
        else:
            frame = frame_from_columns(columns[name], TABLE_SCHEMAS[name])
            _write_atomically(frame, target, format, excel_safe)
    statuses = Counter(row["status"] for row in rows)
    failed = [row for row in rows if row["status"] == "error"][:5]
    return {
        "articles": len(rows),
        "statuses": {status: statuses.get(status, 0) for status in _STATUSES},
        "rows": {name: len(columns[name]["article_id"]) for name in ARTICLE_TABLES},
        "failures": [
            {"article_id": str(row["article_id"]), "error": str(row.get("error"))} for row in failed
        ],
    }


class _InProcess(Executor):
    """An executor that runs each call at once, here (one worker: no process hand-over)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001 - Executor's signature
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed to the caller via the future
            future.set_exception(error)
        return future


class _Manifest:
    """``out/_manifest.jsonl``: one JSON line per finished batch (index, key, counts)."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        self.done: dict[int, dict[str, Any]] = {}
        if self.path.exists():
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = json.loads(line)
                        self.done[int(entry["batch"])] = entry
                    except (ValueError, KeyError, TypeError):
                        continue  # a line cut short by an interruption: that batch is redone

    def finished(self, index: int, key: str) -> dict[str, Any] | None:
        entry = self.done.get(index)
        return entry if entry is not None and entry.get("key") == key else None

    def record(self, index: int, key: str, counts: dict[str, Any]) -> None:
        entry = {"batch": index, "key": key, **counts}
        self.done[index] = entry
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")

    def rewrite(self, batches: int) -> None:
        """Keep only the entries of this run's batches (a smaller corpus leaves fewer)."""
        entries = [self.done[i] for i in sorted(self.done) if i < batches]
        if not entries and not self.path.exists():
            return
        temporary = self.path.with_name(f".{MANIFEST}.tmp")
        temporary.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
        os.replace(temporary, self.path)


def _batch_key(settings: str, records: list[dict[str, Any]]) -> str:
    """Identity of a batch: the run's settings and every record's id, metadata and text."""
    digest = hashlib.blake2b(settings.encode(), digest_size=16)
    for record in records:
        for name in sorted(record):
            value = record[name]
            digest.update(name.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
            digest.update(repr(value).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1e")
    return digest.hexdigest()


def _records(source: Any) -> Iterator[dict[str, Any]]:
    if _is_path_list(source):
        return itertools.chain.from_iterable(iter_records(path) for path in source)
    return iter_records(source)


def _is_path_list(source: Any) -> bool:
    return (
        isinstance(source, (list, tuple))
        and bool(source)
        and all(isinstance(item, os.PathLike) for item in source)
    )


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _check_unique(batch: list[dict[str, Any]], seen: set[str]) -> None:
    repeated = []
    for record in batch:
        article_id = record.get("article_id")
        if article_id in seen:
            repeated.append(article_id)
        seen.add(article_id)
    if repeated:
        shown = ", ".join(map(repr, repeated[:10]))
        raise ValueError(
            f"article ids must be unique; repeated: {shown}. Give the table an 'id' "
            "column of unique values, or load folders whose relative paths differ."
        )


def _remove_stale_parts(folder: Path, batches: int) -> None:
    """Delete part files of batch indexes beyond this run's (left by a larger earlier run)."""
    for name in TABLE_SCHEMAS:
        table_folder = folder / name
        if not table_folder.is_dir():
            continue
        for part in table_folder.iterdir():
            match = _PART.fullmatch(part.name)
            if match and int(match.group(1)) >= batches:
                part.unlink()


def parse_corpus(
    source: Any,
    out: str | os.PathLike,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    format: str = "parquet",
    *,
    engine: str = "processes",
    progress: bool = False,
    total: int | None = None,
    train_segmenter: bool = False,
    segmenter: Segmenter | None = None,
    overwrite: bool = False,
    strict: bool = False,
    excel_safe: bool = False,
    attribution: str = DEFAULT_METHODS.attribution,
    hedges: str = DEFAULT_METHODS.hedges,
) -> CorpusSummary:
    """Parse a corpus of any size in batches into a dataset of part files under ``out``.

    Parameters
    ----------
    source
        Anything :func:`analysis.load_articles` accepts (a ``.txt`` file, a folder,
        ``.jsonl``/``.csv``/``.parquet``, a DataFrame, a list of strings), or a list of
        :class:`pathlib.Path` objects parsed one after another. Read lazily: never the whole
        corpus in memory.
    out
        The output folder: ``out/<table>/part-NNNNN.<format>`` for every table, and
        ``out/_manifest.jsonl``. Read it back with :func:`analysis.read_tables`.
    workers
        Worker processes (default: all cores). ``1`` parses in this process. Ignored by the
        ``dask`` engine, whose cluster decides.
    batch_size
        Articles per batch, i.e. per part file.
    format
        ``"parquet"`` (default) or ``"csv"``.
    engine
        ``"processes"`` (default: :class:`concurrent.futures.ProcessPoolExecutor`) or
        ``"dask"``: the batches run on the current ``distributed.Client`` (see
        :mod:`analysis.cluster`; needs ``pip install "analysis[dask]"``).
    progress
        Show a progress bar (articles/s) on stderr.
    total
        The number of articles, if known, for the progress bar (counted for folders).
    train_segmenter
        Also train Punkt on the corpus first (a streaming first pass over ``source``, which
        must then be a path or a list of them, or a DataFrame or list held in memory anyway).
    segmenter
        A ready :class:`~analysis.segment.Segmenter` (overrides ``train_segmenter``).
    overwrite
        Write into ``out`` even when it holds files this tool did not write (no
        ``_manifest.jsonl``). Without it such a folder is refused. Either way, files that are not
        this tool's tables are never deleted.
    strict
        Stop at the first batch with a failed article (``status`` ``error``) and raise
        :class:`ArticleFailed` naming it; batches finished before stay written.
    excel_safe
        CSV only: neutralise cells a spreadsheet would run as formulas
        (:func:`analysis.tables.excel_safe`; this changes their text).
    attribution, hedges
        How attributions and hedges are found, as for :func:`analysis.parse`. They are part of
        the run's settings: a resumed run with other methods parses every batch again.

    Returns
    -------
    CorpusSummary
        Counts of articles by status and of rows by table, batches parsed and skipped, seconds.

    Raises
    ------
    ValueError
        For invalid arguments, a table input without a ``text`` column, or duplicate ids.
    FileExistsError
        When ``out`` holds files this tool did not write and ``overwrite`` is not given.
    ArticleFailed
        With ``strict``, when an article failed.

    Examples
    --------
    >>> import analysis, tempfile
    >>> out = tempfile.mkdtemp()
    >>> texts = ["It rained, she said.", "Prices rose.", "Shares fell."]
    >>> summary = parse_corpus(texts, out, workers=1, batch_size=2)
    >>> summary.articles, summary.batches, summary.rows["sentences"]
    (3, 2, 3)
    >>> analysis.read_tables(out).sentences.text.tolist()
    ['It rained, she said.', 'Prices rose.', 'Shares fell.']
    >>> parse_corpus(texts, out, workers=1, batch_size=2).batches_skipped
    2
    """
    if format not in ("parquet", "csv"):
        raise ValueError(f"format must be 'parquet' or 'csv', not {format!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, not {batch_size!r}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be a positive integer or None (all cores), not {workers!r}")
    if engine not in ("processes", "dask"):
        raise ValueError(f"engine must be 'processes' or 'dask', not {engine!r}")
    if excel_safe and format != "csv":
        raise ValueError("excel_safe applies to CSV output only; use format='csv'")
    methods = Methods(attribution=attribution, hedges=hedges)
    methods.check()
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"out={str(folder)!r} exists and is not a folder; give a folder path")
    ours = (folder / MANIFEST).exists()
    if folder.is_dir() and not ours and any(folder.iterdir()) and not overwrite:
        raise FileExistsError(
            f"{folder} is not empty and was not written by analysis (no {MANIFEST}); choose a new "
            "folder, or pass overwrite=True (CLI: --overwrite) to write the tables into it"
        )
    started = time.perf_counter()
    if segmenter is None and train_segmenter:
        segmenter = Segmenter.trained(r["text"] for r in _records(source) if r.get("text"))
    settings = json.dumps(
        {
            "batch_size": batch_size,
            "format": format,
            "tables": {name: list(schema) for name, schema in TABLE_SCHEMAS.items()},
            "segmenter": "trained" if segmenter is not None else "default",
            "excel_safe": excel_safe,
            "attribution": methods.attribution,
            "hedges": methods.hedges,
            "version": _version(),
        },
        sort_keys=True,
    )
    if engine == "dask":
        from analysis.cluster import current_executor

        executor, owned, in_flight = current_executor()
    elif (workers or os.cpu_count() or 1) == 1:
        executor, owned, in_flight = _InProcess(), True, 1
    else:
        from concurrent.futures import ProcessPoolExecutor

        count = workers or os.cpu_count() or 1
        executor, owned, in_flight = ProcessPoolExecutor(max_workers=count), True, 2 * count
    manifest = _Manifest(folder)
    summary = CorpusSummary(out=folder)
    bar = _progress_bar(total) if progress else None
    pending: dict[Future, tuple[int, str]] = {}
    seen: set[str] = set()

    def collect(futures: Iterable[Future]) -> None:
        for future in futures:
            index, key = pending.pop(future)
            counts = future.result()
            manifest.record(index, key, counts)
            summary.add(counts)
            if bar is not None:
                bar.update(counts["articles"])
            if strict and counts.get("failures"):
                first = counts["failures"][0]
                raise ArticleFailed(first["article_id"], first["error"])

    try:
        for index, batch in enumerate(_batches(_records(source), batch_size)):
            _check_unique(batch, seen)
            key = _batch_key(settings, batch)
            done = manifest.finished(index, key)
            if done is not None and _parts_exist(folder, index, format):
                if strict and done.get("failures"):
                    first = done["failures"][0]
                    raise ArticleFailed(first["article_id"], first["error"])
                summary.add(done, skipped=True)
                if bar is not None:
                    bar.update(done["articles"])
                continue
            future = executor.submit(
                parse_batch, batch, index, str(folder), format, segmenter, excel_safe, methods
            )
            pending[future] = (index, key)
            del batch
            if len(pending) >= in_flight:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                collect(finished)
        collect(wait(list(pending)).done)
    finally:
        if bar is not None:
            bar.close()
        if owned:
            executor.shutdown(wait=True, cancel_futures=True)
    manifest.rewrite(summary.batches)
    if ours:  # parts of an earlier run of ours; a folder we did not write keeps its files
        _remove_stale_parts(folder, summary.batches)
    summary.seconds = time.perf_counter() - started
    return summary


def _parts_exist(folder: Path, index: int, format: str) -> bool:
    name = part_name(index, format)
    return all((folder / table / name).exists() for table in ("articles", *ARTICLE_TABLES))


def _progress_bar(total: int | None) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, unit=" articles", mininterval=0.5, delay=1.0, leave=False)


def _version() -> str:
    from analysis import __version__

    return __version__
