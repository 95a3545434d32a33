"""Ordered, memory-bounded mapping of a function over many inputs: in-process, on all cores, or on Dask."""

from __future__ import annotations

import ctypes
import itertools
import math
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Chunks (local pool) or partitions (Dask) kept in flight per worker; bounds memory.
IN_FLIGHT_PER_WORKER: int = 4
#: Seconds allowed to reach a Dask scheduler before giving up.
DEFAULT_CONNECT_TIMEOUT: float = 10.0
#: Largest default number of items sent to a worker in one task.
MAX_DEFAULT_CHUNKSIZE: int = 32


#: Seconds one input file may take to read, clean and extract before it is skipped.
DEFAULT_FILE_BUDGET: float = 10.0


class ClusterError(RuntimeError):
    """The Dask cluster could not be reached or started."""


class BudgetExceeded(BaseException):
    """Work ran past its time budget.

    A BaseException, like KeyboardInterrupt, so that the `except Exception` guards which keep one
    bad article from stopping the run do not swallow it.
    """

    def __init__(self, seconds: float = 0.0) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def budget_text(seconds: float) -> str:
    """The articles.csv status of a file that ran past the budget."""
    return f"skipped: extraction took longer than {seconds:g} s"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded inside the block once it has run `seconds` (None or <= 0: no limit).

    In a process's main thread (one worker, or each worker of the pool) a SIGALRM timer interrupts
    even a long regular-expression match; in other threads (Dask workers) a timer thread raises the
    exception asynchronously at the next Python instruction. A block that ends past its budget
    anyway (the interrupt fell inside a finalizer, where Python drops exceptions) raises on leaving.
    """
    if not seconds or seconds <= 0:
        yield
        return
    started = time.monotonic()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def _alarm(signum: int, frame: Any) -> None:
            raise BudgetExceeded(seconds)

        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _check_elapsed(started, seconds)
        return
    target = threading.get_ident()
    fired = threading.Event()
    done = threading.Event()

    def _raise() -> None:
        if not done.is_set():
            fired.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(BudgetExceeded))

    timer = threading.Timer(seconds, _raise)
    timer.daemon = True
    timer.start()
    try:
        yield
    except BudgetExceeded:
        raise BudgetExceeded(seconds) from None
    finally:
        done.set()
        timer.cancel()
        if fired.is_set():  # the exception may still be pending: clear it
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
    _check_elapsed(started, seconds)


def _check_elapsed(started: float, seconds: float) -> None:
    """Raise BudgetExceeded when more than `seconds` have passed since `started` (time.monotonic)."""
    if time.monotonic() - started > seconds:
        raise BudgetExceeded(seconds)


def available_cores() -> int:
    """Return the number of CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    """Return the number of worker processes meant by `workers` (None or 0: all cores)."""
    if workers is None or workers == 0:
        return available_cores()
    if workers < 0:
        raise ValueError(f"workers must be positive, 0 or None (all cores), not {workers}")
    return workers


def default_chunksize(workers: int, total: int | None) -> int:
    """Return how many items to send a worker per task, so every worker gets many tasks."""
    if total is None or total <= 0:
        return 8
    return max(1, min(MAX_DEFAULT_CHUNKSIZE, math.ceil(total / (workers * 16))))


def peak_rss_mb(include_children: bool = True) -> float:
    """Return the peak resident memory in MB of this process plus its largest finished child."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return 0.0
    # Linux reports kilobytes, macOS bytes.
    unit = 1 if sys.platform == "darwin" else 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if include_children:
        peak += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak * unit / (1024 * 1024)


def release_freed_memory() -> None:
    """Hand memory freed by a finished stage back to the system (glibc keeps it otherwise), so peaks do not stack."""
    import gc

    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # another C library: nothing to trim
            pass


def _leave_inherited_objects_alone() -> None:
    """In a new worker: keep the objects copied from the parent (a million-file list, say) out of garbage collection,
    whose passes would touch, and so duplicate, every page of them."""
    import gc

    gc.freeze()


def new_pool(workers: int, start_method: str | None = None) -> ProcessPoolExecutor:
    """A process pool of `workers` (the platform's start method unless given) whose workers leave what they inherit alone."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method),
                               initializer=_leave_inherited_objects_alone)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Cyclic garbage collection paused (and older objects left out of it) while a table pass makes millions of
    acyclic objects, freed by reference counting; collection resumes, and runs once, afterwards."""
    import gc

    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
        gc.collect()


def _describe(item: Any, limit: int = 160) -> str:
    """Return a short printable description of an input item for error messages."""
    text = repr(item)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _func_name(func: Callable[..., Any]) -> str:
    """Return a readable dotted name for a function."""
    module = getattr(func, "__module__", None) or ""
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)
    return f"{module}.{name}" if module else name


def _call_noted(func: Callable[[T], R], item: T) -> R:
    """Call `func(item)`; on failure, note on the exception which function and item failed."""
    try:
        return func(item)
    except Exception as exc:
        note = f"while running {_func_name(func)} on {_describe(item)}"
        if hasattr(exc, "add_note"):
            exc.add_note(note)
        else:  # pragma: no cover - Python 3.10
            exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
        raise


def _apply_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    """Apply `func` to every item of a chunk, in order (runs inside a worker)."""
    return [_call_noted(func, item) for item in chunk]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield consecutive lists of at most `size` items, consuming `items` lazily."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _progress_bar(progress: bool | str, total: int | None) -> Any:
    """Return a tqdm progress bar on the process's own stderr, or None when progress is off.

    Inside a notebook kernel the process's own stderr (not the cell's) is the terminal that
    runs `make report`, so the bar shows there and stays out of the stakeholder report.
    """
    if progress is False:
        return None
    from tqdm import tqdm

    desc = progress if isinstance(progress, str) else "articles"
    stream = sys.__stderr__ if sys.__stderr__ is not None else sys.stderr
    return tqdm(total=total, desc=desc, unit="file", file=stream, dynamic_ncols=True, mininterval=0.5)


def _map_serial(func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """Apply `func` in this process, one item at a time."""
    for item in items:
        yield _call_noted(func, item)


def _map_pool(
    func: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    chunksize: int,
    start_method: str | None,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[R]:
    """Apply `func` on a pool of worker processes (a new one, or `pool`), keeping a bounded window of chunks in flight."""
    window = workers * IN_FLIGHT_PER_WORKER
    pending: deque[Future[list[R]]] = deque()
    executor = pool or new_pool(workers, start_method)
    try:
        batches = _batches(items, chunksize)
        for batch in itertools.islice(batches, window):
            pending.append(executor.submit(_apply_chunk, func, batch))
        while pending:
            results = pending.popleft().result()
            for batch in itertools.islice(batches, 1):
                pending.append(executor.submit(_apply_chunk, func, batch))
            yield from results
    finally:
        if pool is None:
            executor.shutdown(wait=True, cancel_futures=True)
        else:  # the pool goes on serving its owner: only this call's work is dropped
            for future in pending:
                future.cancel()


def _parse_local(address: str) -> int | None:
    """Return the worker count of a 'local' / 'local:N' address, or None for a real address."""
    if address == "local":
        return resolve_workers(None)
    if address.startswith("local:"):
        value = address.split(":", 1)[1]
        if not value.isdigit():
            raise ClusterError(f"bad Dask address {address!r}: use 'local', 'local:N' or 'tcp://host:port'")
        return resolve_workers(int(value))
    return None


@contextmanager
def dask_client(address: str, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> Iterator[Any]:
    """Yield a connected `distributed.Client` for `address` ('tcp://...', 'local' or 'local:N'), then close it."""
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ClusterError(f"--dask needs the 'distributed' package: {exc}") from exc
    n_local = _parse_local(address)
    cluster = None
    try:
        if n_local is not None:
            try:
                cluster = distributed.LocalCluster(
                    n_workers=n_local, threads_per_worker=1, processes=True, dashboard_address=None
                )
            except Exception as exc:
                raise ClusterError(f"could not start a local Dask cluster with {n_local} workers: {exc}") from exc
            client = distributed.Client(cluster, timeout=f"{timeout}s")
        else:
            try:
                client = distributed.Client(address, timeout=f"{timeout}s")
            except Exception as exc:
                raise ClusterError(
                    f"could not reach the Dask scheduler at {address}: {exc}; "
                    "start one with `dask scheduler` (and `dask worker ADDRESS` on each machine) or omit --dask"
                ) from exc
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _map_dask(
    func: Callable[[T], R],
    items: Iterable[T],
    address: str,
    chunksize: int | None,
    timeout: float,
) -> Iterator[R]:
    """Apply `func` on a Dask cluster with dask.bag, one window of partitions at a time, in order."""
    import dask.bag as db
    from functools import partial

    with dask_client(address, timeout=timeout) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        partition_size = chunksize or MAX_DEFAULT_CHUNKSIZE
        parts_per_window = 2 * n_workers
        max_pending = 2 * parts_per_window
        mapper = partial(_call_noted, func)
        pending: deque[Any] = deque()
        windows = _batches(items, partition_size * parts_per_window)

        def refill() -> None:
            """Send windows of items to the cluster as bag partitions until enough are in flight."""
            while len(pending) < max_pending:
                window = next(windows, None)
                if window is None:
                    return
                bag = db.from_sequence(window, partition_size=partition_size).map(mapper)
                pending.extend(client.compute(bag.to_delayed()))

        try:
            refill()
            while pending:
                results = pending.popleft().result()
                refill()
                yield from results
        finally:
            for future in pending:
                future.cancel()


@contextmanager
def worker_pool(workers: int | None, *, dask_address: str | None = None,
                start_method: str | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of worker processes for several map_ordered calls (None when the work runs in this process or on Dask).

    Its workers start with the first task, and keep what they inherit from this process out of garbage
    collection, so they do not end up as copies of whatever this process holds (see new_pool).
    """
    n_workers = resolve_workers(workers)
    if dask_address or n_workers == 1:
        yield None
        return
    executor = new_pool(n_workers, start_method)
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: bool | str = True,
    chunksize: int | None = None,
    total: int | None = None,
    start_method: str | None = None,
    dask_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[R]:
    """Yield `func(item)` for every item in input order, on 1 process, N processes or a Dask cluster.

    `func` must be a picklable module-level function. Inputs are consumed lazily and only a bounded
    window of results is held at once. `workers=None` or 0 uses all cores, 1 runs in this process.
    `dask_address` ('tcp://host:port', 'local' or 'local:N') sends the work to Dask instead.
    `progress` shows a tqdm bar on stderr (a string is its label); `start_method` picks the
    multiprocessing start method ('fork', 'spawn', 'forkserver'; default: the platform's); `pool`
    (from worker_pool) runs the work on that pool's workers instead of new ones.
    """
    if total is None and isinstance(items, Sized):
        total = len(items)
    if dask_address:
        n_workers = _parse_local(dask_address) or 1
        results: Iterator[R] = _map_dask(
            func, items, dask_address, chunksize or default_chunksize(n_workers, total), dask_timeout
        )
    else:
        n_workers = resolve_workers(workers)
        if n_workers == 1:
            results = _map_serial(func, items)
        else:
            results = _map_pool(
                func, items, n_workers, chunksize or default_chunksize(n_workers, total), start_method, pool
            )
    bar = _progress_bar(progress, total)
    try:
        for result in results:
            if bar is not None:
                bar.update(1)
            yield result
    finally:
        if bar is not None:
            bar.close()
        close = getattr(results, "close", None)
        if close is not None:
            close()
