"""Beyond one machine: the batches of :func:`analysis.parse_corpus` on a Dask cluster.

``parse_corpus(source, out, engine="dask")`` sends the same per-batch work
(:func:`analysis.corpus.parse_batch`) to the workers of the current ``distributed.Client``:
a laptop's ``LocalCluster`` or a real cluster reached by its scheduler address::

    from distributed import Client
    client = Client("tcp://scheduler:8786")          # or Client(LocalCluster(n_workers=8))
    analysis.parse_corpus("corpus.jsonl", "/shared/out", engine="dask")

This process reads the corpus lazily and hands batches to the cluster a few at a time, so its
memory stays flat; each worker writes its batch's part files itself, so ``out`` must be a
folder every worker can write (a shared filesystem), as for ``dask.dataframe.to_parquet``.
The result is the same dataset, with the same manifest, as the ``processes`` engine.

Dask is an optional extra (``pip install "analysis[dask]"``), imported only here.
"""

from __future__ import annotations

from concurrent.futures import Executor

__all__ = ["current_executor"]


def current_executor() -> tuple[Executor, bool, int]:
    """The current ``distributed.Client`` as a :class:`concurrent.futures.Executor`.

    Returns the executor, whether the caller owns it (never: the client is the user's), and how
    many batches to keep in flight (two per worker thread).

    Raises
    ------
    ImportError
        When Dask's ``distributed`` is not installed, saying how to install it.
    ValueError
        When no client is running, saying how to start one.
    """
    try:
        from distributed import get_client
    except ImportError as error:
        raise ImportError(
            'engine="dask" needs Dask: pip install "analysis[dask]" '
            '(or pip install "dask[dataframe,distributed]")'
        ) from error
    try:
        client = get_client()
    except ValueError as error:
        raise ValueError(
            'engine="dask" runs on the current distributed.Client, and there is none: start one '
            "first, e.g. `from distributed import Client; client = Client()` for this machine, "
            'or Client("tcp://scheduler:8786") for a cluster'
        ) from error
    threads = sum(client.nthreads().values()) or 1
    return client.get_executor(pure=False), False, 2 * threads
