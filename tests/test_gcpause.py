"""The garbage collector is held off only inside paused_gc blocks and always switched back on after the last."""
from __future__ import annotations

import gc
import threading

import pytest

from drafter.gcpause import paused_gc


def test_nested_pauses_enable_the_collector_after_the_last_one_even_on_an_error():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with pytest.raises(ValueError):
            with paused_gc():
                raise ValueError
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_threads_leave_the_collector_on():
    inside, release = threading.Barrier(2), threading.Event()

    def stage() -> None:
        with paused_gc():
            inside.wait()
            release.wait()

    worker = threading.Thread(target=stage)
    worker.start()
    with paused_gc():
        inside.wait()
    assert not gc.isenabled()  # the worker's pause goes on after this one ended
    release.set()
    worker.join()
    assert gc.isenabled()


@paused_gc()
def _decorated() -> bool:
    return gc.isenabled()


def test_as_a_decorator_each_call_pauses():
    assert _decorated() is False and _decorated() is False
    assert gc.isenabled()
