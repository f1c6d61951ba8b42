"""Run one function over many partitions: in this process, in a pool of
processes, or on a Dask cluster.

``map_stream(function, calls, engine, workers, scheduler)`` yields
``function(*call)`` for each call of the iterable ``calls``, in order,
taking the next call only when fewer than ``2 * workers`` are in flight, so
a corpus read in batches is never held whole. ``map_partitions`` is the
same for a list. ``engine="pandas"``: in this process (``workers`` 1) or
``workers`` forked processes; ``engine="dask"``: on ``dask.distributed``
(a ``LocalCluster`` of ``workers`` single-threaded processes, or the
existing cluster at ``scheduler``, which is how a run spreads over many
machines: every worker needs this package and the lexicon folder at the
same path); a single call runs in this process, without starting a
cluster or a pool. A progress bar (tqdm) is shown on a terminal; with Dask
the dashboard link is printed when the dashboard runs.
"""
from __future__ import annotations

import itertools
import multiprocessing
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from .errors import SelectionError

ENGINES = ("pandas", "dask")


def _bar(total: int | None, what: str):
    from tqdm import tqdm
    return tqdm(total=total, unit=what, disable=not sys.stderr.isatty(), file=sys.stderr)


def map_partitions(function: Callable, calls: list[tuple], engine: str = "pandas", workers: int = 1,
                   scheduler: str | None = None, what: str = "part") -> list:
    """``[function(*call) for call in calls]``; see the module docstring."""
    return list(map_stream(function, calls, engine, max(min(workers, len(calls)), 1), scheduler, what,
                           total=len(calls)))


def map_stream(function: Callable, calls: Iterable[tuple], engine: str = "pandas", workers: int = 1,
               scheduler: str | None = None, what: str = "part", total: int | None = None) -> Iterator:
    """``function(*call)`` for each call, in order; see the module docstring."""
    if engine not in ENGINES:
        raise SelectionError("engine", [engine], ENGINES)
    calls = iter(calls)
    first = list(itertools.islice(calls, 2))
    calls = itertools.chain(first, calls)
    alone = (len(first) < 2 and not scheduler) or (engine == "pandas" and workers <= 1)
    with _bar(total, what) as bar:
        if alone:  # in this process: one call (no cluster or pool to start for it), or one worker
            for call in calls:
                yield function(*call)
                bar.update()
        elif engine == "dask":
            yield from _on_dask(function, calls, workers, scheduler, bar)
        else:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                yield from _bounded(lambda call: pool.submit(function, *call), calls, 2 * workers, bar)


def _bounded(submit: Callable, calls: Iterable[tuple], ahead: int, bar) -> Iterator:
    """Submit calls while fewer than ``ahead`` are pending; yield results in order."""
    pending: deque = deque()
    for call in calls:
        pending.append(submit(call))
        while len(pending) >= ahead:
            yield pending.popleft().result()
            bar.update()
    while pending:
        yield pending.popleft().result()
        bar.update()


def _apply(function: Callable, call: tuple):
    return function(*call)


def _on_dask(function: Callable, calls: Iterable[tuple], workers: int, scheduler: str | None, bar) -> Iterator:
    import dask
    from distributed import Client, LocalCluster
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):  # workers start with our imports
        cluster = None if scheduler else LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                                      processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            if client.dashboard_link and sys.stderr.isatty():
                print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
            ahead = 2 * max(len(client.scheduler_info()["workers"]), 1)

            def submit(call: tuple):
                data = client.scatter([call])[0]  # the part travels to a worker, not in the graph
                return client.submit(_apply, function, data, pure=False)
            yield from _bounded(submit, calls, ahead, bar)
    finally:
        if cluster is not None:
            cluster.close()
