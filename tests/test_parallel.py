"""Tests for analysis.parallel: ordered, deterministic, bounded mapping on processes and Dask."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Iterator

import pytest

from analysis.parallel import (
    ClusterError,
    available_cores,
    default_chunksize,
    map_ordered,
    peak_rss_mb,
    resolve_workers,
    worker_pool,
)

DISPATCHES = [
    f"{town}, Aug {day} (Wire) - Taliban fighters overran {n} districts near {town}, an official said."
    for town, day, n in zip(
        itertools.cycle(["FARAH", "ZARANJ", "MAIMANA", "PUL-E-KHUMRI", "TALOQAN", "GARDEZ", "ASADABAD"]),
        itertools.cycle(range(1, 17)),
        range(50),
    )
]


def shape_dispatch(text: str) -> tuple[str, int, int]:
    """Return the dateline town, the word count and a stable checksum of a dispatch."""
    return text.split(",", 1)[0], len(text.split()), sum(ord(c) * (i + 1) for i, c in enumerate(text)) % 100_003


def fail_on_zaranj(text: str) -> str:
    """Return the dispatch upper-cased, failing on any dispatch datelined Zaranj."""
    if text.startswith("ZARANJ"):
        raise ValueError(f"cannot read dispatch: {text[:20]}")
    return text.upper()


class CountingIterator:
    """An iterator over dispatches that counts how many items were pulled from it."""

    def __init__(self, n: int) -> None:
        self.pulled = 0
        self._n = n

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.pulled >= self._n:
            raise StopIteration
        self.pulled += 1
        return DISPATCHES[self.pulled % len(DISPATCHES)]


def closed_port() -> int:
    """Return a local TCP port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EXPECTED = [shape_dispatch(text) for text in DISPATCHES]


def test_single_worker_keeps_order_and_values() -> None:
    assert list(map_ordered(shape_dispatch, DISPATCHES, workers=1, progress=False)) == EXPECTED


@pytest.mark.parametrize("chunksize", [None, 1, 7])
def test_two_workers_identical_to_one(chunksize: int | None) -> None:
    result = list(map_ordered(shape_dispatch, DISPATCHES, workers=2, progress=False, chunksize=chunksize))
    assert result == EXPECTED
    assert result[0] == ("FARAH", 15, EXPECTED[0][2])


def test_generator_input_without_length() -> None:
    result = list(map_ordered(shape_dispatch, (t for t in DISPATCHES), workers=2, progress=False))
    assert result == EXPECTED


def test_spawn_start_method_gives_same_result() -> None:
    result = list(map_ordered(shape_dispatch, DISPATCHES[:12], workers=2, progress=False, start_method="spawn"))
    assert result == EXPECTED[:12]


@pytest.mark.parametrize("workers", [1, 2])
def test_input_is_consumed_lazily(workers: int) -> None:
    source = CountingIterator(10_000)
    results = map_ordered(shape_dispatch, source, workers=workers, progress=False, chunksize=1)
    first = next(results)
    assert first == shape_dispatch(DISPATCHES[1])
    # Only a bounded window (workers x 4 chunks of 1, plus one refill) may have been read ahead.
    assert source.pulled <= workers * 4 + 1
    results.close()
    assert source.pulled < 100


@pytest.mark.parametrize("workers", [1, 2])
def test_empty_input(workers: int) -> None:
    assert list(map_ordered(shape_dispatch, [], workers=workers, progress=False)) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_exception_propagates_with_item_named(workers: int) -> None:
    with pytest.raises(ValueError, match="cannot read dispatch: ZARANJ") as info:
        list(map_ordered(fail_on_zaranj, DISPATCHES, workers=workers, progress=False))
    notes = getattr(info.value, "__notes__", [])
    assert len(notes) == 1
    assert "fail_on_zaranj" in notes[0]
    assert "ZARANJ, Aug 2 (Wire)" in notes[0]


def test_results_before_failure_are_delivered() -> None:
    seen: list[str] = []
    with pytest.raises(ValueError):
        for text in map_ordered(fail_on_zaranj, DISPATCHES, workers=2, progress=False, chunksize=1):
            seen.append(text)
    assert seen == [DISPATCHES[0].upper()]


def test_progress_bar_writes_label_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    # the bar goes to the process's real stderr (not a notebook's captured stream), so capture the descriptor
    result = list(map_ordered(shape_dispatch, DISPATCHES[:5], workers=1, progress="reading dispatches"))
    assert result == EXPECTED[:5]
    captured = capfd.readouterr()
    assert "reading dispatches" in captured.err
    assert "5/5" in captured.err
    assert captured.out == ""


def test_no_progress_bar_when_disabled(capfd: pytest.CaptureFixture[str]) -> None:
    list(map_ordered(shape_dispatch, DISPATCHES[:5], workers=1, progress=False))
    assert capfd.readouterr().err == ""


def test_resolve_workers() -> None:
    assert resolve_workers(None) == available_cores() >= 1
    assert resolve_workers(0) == available_cores()
    assert resolve_workers(3) == 3
    with pytest.raises(ValueError, match="workers must be positive"):
        resolve_workers(-2)


def test_default_chunksize_bounds() -> None:
    assert default_chunksize(2, None) == 8
    assert default_chunksize(2, 10) == 1
    assert default_chunksize(2, 320) == 10
    assert default_chunksize(2, 1_000_000) == 32


def test_peak_rss_is_plausible() -> None:
    peak = peak_rss_mb()
    assert 10.0 < peak < 100_000.0
    assert peak_rss_mb(include_children=False) <= peak


def test_dask_local_cluster_matches_single_process() -> None:
    import distributed
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith(("tcp://", "inproc://"))
        result = list(
            map_ordered(shape_dispatch, (t for t in DISPATCHES), dask_address=address, progress=False, chunksize=4)
        )
        assert result == EXPECTED
        with pytest.raises(ValueError, match="cannot read dispatch") as info:
            list(map_ordered(fail_on_zaranj, DISPATCHES, dask_address=address, progress=False))
        assert "fail_on_zaranj" in " ".join(getattr(info.value, "__notes__", []))


def test_dask_local_process_cluster_matches_single_process() -> None:
    result = list(map_ordered(shape_dispatch, DISPATCHES, dask_address="local:1", progress=False))
    assert result == EXPECTED


def test_unreachable_scheduler_raises_cluster_error() -> None:
    address = f"tcp://127.0.0.1:{closed_port()}"
    with pytest.raises(ClusterError) as info:
        list(map_ordered(shape_dispatch, DISPATCHES, dask_address=address, progress=False, dask_timeout=1))
    message = str(info.value)
    assert message.startswith(f"could not reach the Dask scheduler at {address}: ")
    assert "`dask scheduler`" in message
    assert message.endswith("or omit --dask")
    assert isinstance(info.value, RuntimeError)


def test_bad_local_address_raises_cluster_error() -> None:
    with pytest.raises(ClusterError, match="bad Dask address 'local:many'"):
        list(map_ordered(shape_dispatch, DISPATCHES, dask_address="local:many", progress=False))


def test_seed_pipeline_identical_on_one_two_workers_and_dask() -> None:
    import distributed

    from analysis import pipeline
    from analysis.ingest import files as reading
    from analysis.paths import RAW_DIR

    sources = reading.discover_files(RAW_DIR)
    assert len(sources) >= 5
    serial = list(map_ordered(pipeline.process_source, sources, workers=1, progress=False))
    pooled = list(map_ordered(pipeline.process_source, sources, workers=2, progress=False, chunksize=1))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        clustered = list(
            map_ordered(pipeline.process_source, sources, dask_address=cluster.scheduler_address, progress=False)
        )
    assert len(serial) == len(sources)
    assert [batch[0].article.article_id for batch in serial] == [s.article_id for s in sources]
    assert pooled == serial
    assert clustered == serial
    assert sum(len(r.mentions) for batch in serial for r in batch) > 0


def _frozen_objects(_: int) -> int:
    """How many objects this worker keeps out of garbage collection."""
    import gc

    return gc.get_freeze_count()


def test_pool_workers_keep_inherited_objects_out_of_garbage_collection() -> None:
    with worker_pool(2) as pool:
        assert pool is not None
        counts = list(map_ordered(_frozen_objects, range(4), workers=2, pool=pool, progress=False))
    assert all(n > 1000 for n in counts)  # the modules and data inherited at start are frozen
