"""The FFI seam: a native panic becomes NativeError and the process carries on."""

from __future__ import annotations

import subprocess
import sys

import pytest

import masa_zk
from masa_zk import G1, _ffi
from masa_zk.errors import MasaZKError, NativeError


def test_native_panic_is_native_error_and_process_survives() -> None:
    with pytest.raises(NativeError) as info:
        _ffi.debug_panic()
    assert "deliberate panic" in str(info.value)
    assert isinstance(info.value, MasaZKError)
    # The process and the library still work after the caught panic, repeatedly.
    for _ in range(3):
        with pytest.raises(NativeError):
            _ffi.debug_panic()
    assert G1.generator() * 2 == G1.generator() + G1.generator()
    assert masa_zk.native_version() == masa_zk.__version__


def test_native_panic_in_fresh_process() -> None:
    """In a fresh interpreter: the panic is caught, and the interpreter exits normally."""
    code = (
        "from masa_zk import _ffi\n"
        "from masa_zk.errors import NativeError\n"
        "try:\n"
        "    _ffi.debug_panic()\n"
        "except NativeError:\n"
        "    print('caught')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "caught"


def test_error_message_is_per_call() -> None:
    from masa_zk.errors import NotOnCurve

    with pytest.raises(NotOnCurve, match="not on the curve"):
        G1.from_coordinates(1, 3)


def test_native_calls_release_the_gil() -> None:
    """A native call waits for a flag that only another Python thread can set: it returns
    only if the call let go of the GIL (else it times out and raises)."""
    import threading
    import time

    flag = _ffi.debug_new_flag()
    errors: list[BaseException] = []
    entering = threading.Event()

    def wait() -> None:
        entering.set()
        try:
            _ffi.debug_wait_flag(flag, 20_000)
        except BaseException as e:  # reported below
            errors.append(e)

    t = threading.Thread(target=wait)
    t.start()
    entering.wait()
    time.sleep(0.05)  # let the worker get into the native call
    flag[0] = 1  # needs the GIL while the other thread is inside native code
    t.join()
    assert errors == []
