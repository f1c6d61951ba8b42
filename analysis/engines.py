"""Run one function over many partitions: in this process, in a pool of
processes, or on a Dask cluster.

``map_partitions(function, calls, engine, workers, scheduler)`` returns
``[function(*call) for call in calls]`` in order. ``engine="pandas"``: in
this process (``workers`` 1) or ``workers`` forked processes;
``engine="dask"``: on ``dask.distributed`` (a ``LocalCluster`` of
``workers`` single-threaded processes, or the existing cluster at
``scheduler``, which is how a run spreads over many machines: every worker
needs this package and the lexicon folder at the same path); a single
partition runs in this process, without starting a cluster. A progress bar
(tqdm) is shown on a terminal; with Dask the dashboard link is printed when
the dashboard runs.
"""
from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable

from .errors import SelectionError

ENGINES = ("pandas", "dask")


def _bar(total: int, what: str):
    from tqdm import tqdm
    return tqdm(total=total, unit=what, disable=not sys.stderr.isatty(), file=sys.stderr)


def map_partitions(function: Callable, calls: list[tuple], engine: str = "pandas", workers: int = 1,
                   scheduler: str | None = None, what: str = "part") -> list:
    """``function`` over ``calls`` (argument tuples); see the module docstring."""
    if engine not in ENGINES:
        raise SelectionError("engine", [engine], ENGINES)
    if not calls:
        return []
    with _bar(len(calls), what) as bar:
        if engine == "dask" and (scheduler or len(calls) > 1):  # one part: no cluster to start
            return _on_dask(function, calls, workers, scheduler, bar)
        if workers <= 1 or len(calls) == 1:
            results = []
            for call in calls:
                results.append(function(*call))
                bar.update()
            return results
        with ProcessPoolExecutor(min(workers, len(calls)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(function, *call) for call in calls]
            for _ in as_completed(futures):
                bar.update()
            return [future.result() for future in futures]


def _apply(function: Callable, call: tuple):
    return function(*call)


def _on_dask(function: Callable, calls: list[tuple], workers: int, scheduler: str | None, bar) -> list:
    import dask
    from distributed import Client, LocalCluster, as_completed as completed
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):  # workers start with our imports
        cluster = None if scheduler else LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                                      processes=True, dashboard_address=None)
    with Client(scheduler or cluster) as client:
        if client.dashboard_link and sys.stderr.isatty():
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
        data = client.scatter([call for call in calls])  # the parts travel to the workers, not in the graph
        futures = [client.submit(_apply, function, call, pure=False) for call in data]
        for _ in completed(futures):
            bar.update()
        results = client.gather(futures)
    if cluster is not None:
        cluster.close()
    return results
