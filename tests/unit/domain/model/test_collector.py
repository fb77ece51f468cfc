"""The collector pause restores the collector's state, whatever happens in the block."""

from __future__ import annotations

import gc

import pytest

from coherence_planner.domain.model.collector import collector_paused


def test_pauses_and_restores() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer pause alone
    assert gc.isenabled()


def test_restores_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pauses_on_two_threads_end_when_the_last_one_does() -> None:
    import threading

    inside, leave = threading.Event(), threading.Event()

    def worker() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    with collector_paused():
        thread = threading.Thread(target=worker)
        thread.start()
        inside.wait(5)
    # This thread's pause ended first: the worker's still holds.
    assert not gc.isenabled()
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_resume_without_pause_is_refused() -> None:
    from coherence_planner.domain.model.collector import resume

    with pytest.raises(RuntimeError):
        resume()
