"""Extraction on a Dask cluster, for a corpus that outgrows one machine (optional extra).

``dask_mapper(address)`` returns a drop-in replacement for ``loader.build.map_files``: the same
``process_file`` mapped over a Dask bag of article files, on the scheduler at ``address``
(``tcp://host:port``) or, with ``"local"``, on a cluster of worker processes started here.
The build itself (database writes, cross-article merge) stays in the calling process; workers
only read files and extract, so they need the article files at the same paths (a shared
filesystem) and the same version of this package.

Results come back in input order, a window of partitions at a time, so memory stays bounded by
the window however large the corpus.
"""
from pathlib import Path
from typing import Callable, Iterator

import click

from .build import FileResult, process_file
from .reference import Reference

PARTITION_SIZE = 64   # files per task: large enough to amortise scheduling, small enough to stream
PARTITIONS_IN_FLIGHT_PER_THREAD = 2


def _import_dask():
    try:
        import dask.bag
        import distributed
    except ImportError as error:
        raise click.ClickException(
            f"--dask needs Dask, an optional extra ({error}): pip install 'rusdprk-news[dask]'"
        ) from error
    return dask.bag, distributed


def dask_mapper(address: str) -> Callable[..., Iterator[list[FileResult]]]:
    """A ``map_files(items, workers, max_bytes, known_ids, ref)`` that runs on Dask at
    ``address``: ``"local"`` starts ``workers`` worker processes here; with a scheduler's
    address the cluster's own workers are used and ``workers`` is ignored. Raises
    ``click.ClickException`` when Dask is not installed or the scheduler cannot be reached."""
    bag, distributed = _import_dask()

    def map_files(items: list[tuple[Path, dict | None]], workers: int, max_bytes: int,
                  known_ids: frozenset, ref: Reference) -> Iterator[list[FileResult]]:
        cluster = client = None
        try:
            if address == "local":
                # Processes, not threads: extraction is pure Python and would hold the GIL.
                cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                                   processes=True, dashboard_address=None)
            try:
                client = distributed.Client(cluster or address)
            except OSError as error:
                raise click.ClickException(f"cannot reach the Dask scheduler at {address}: {error}") from error
            # The shared arguments go to every worker once, not inside every task.
            known_ids_future, ref_future = client.scatter([known_ids, ref], broadcast=True)
            results = bag.from_sequence(items, partition_size=PARTITION_SIZE).map_partitions(
                _process_partition, max_bytes, known_ids_future, ref_future)
            # A window of partitions in flight; each is yielded, in order, once it is done.
            window = PARTITIONS_IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
            pending = []
            for partition in results.to_delayed():
                pending.append(client.compute(partition))
                if len(pending) >= window:
                    yield from pending.pop(0).result()
            for future in pending:
                yield from future.result()
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()

    return map_files


def _process_partition(items: list[tuple[Path, dict | None]], max_bytes: int,
                       known_ids: frozenset, ref: Reference) -> list[list[FileResult]]:
    return [process_file(path, sidecar, max_bytes, known_ids, ref) for path, sidecar in items]
