"""The cyclic garbage collector held off while one stage builds many small objects (composing, writing).

Each collection walks every object still alive (the input model, the derived figures, the composed document),
and a large input's compose, manifest and write stages allocate enough to trigger hundreds of them: about half
those stages' time on 2,000 indicators (issue 17). Reference counting still frees almost everything at once;
what cycles a stage leaves are collected after it. Nested and concurrent pauses (the web server's threads) are
counted, so the collector is enabled again when the last one ends and never left off.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses under way
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off cyclic collection inside the block; restore the collector's state after the last pause ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
