"""A progress line for long command-line steps: animated on a terminal, silent when piped.

The native calls are single calls (one prove, one setup), so the line shows the step's
name, an indeterminate bar and the elapsed time, redrawn from a background thread; when
the step ends it is replaced by ``name ... done in 1.23 s``. With ``stream`` not a TTY
(CI logs, pipes, ``--json``) nothing is printed at all.

>>> import io
>>> with step("proving", stream=io.StringIO()):  # not a terminal: silent
...     pass
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_WIDTH = 20


@contextmanager
def step(name: str, stream: TextIO | None = None) -> Iterator[None]:
    """Shows ``name`` with a moving bar and the elapsed time while the block runs."""
    out = sys.stderr if stream is None else stream
    if not out.isatty():
        yield
        return
    stop = threading.Event()
    start = time.perf_counter()

    def draw() -> None:
        k = 0
        while not stop.wait(0.1):
            pos = k % (2 * _WIDTH - 2)
            pos = pos if pos < _WIDTH else 2 * _WIDTH - 2 - pos
            bar = " " * pos + "###" + " " * (_WIDTH - pos)
            out.write(f"\r{name} [{bar[:_WIDTH]}] {time.perf_counter() - start:6.1f} s")
            out.flush()
            k += 1

    t = threading.Thread(target=draw, daemon=True)
    t.start()
    ok = False
    try:
        yield
        ok = True
    finally:
        stop.set()
        t.join()
        status = "done" if ok else "failed"
        elapsed = time.perf_counter() - start
        out.write(f"\r{name} ... {status} in {elapsed:.2f} s" + " " * (_WIDTH + 4) + "\n")
        out.flush()
