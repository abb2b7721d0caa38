"""Groth16 key and proof types.

:class:`ProvingKey` wraps a native proving key (the content of a snarkjs ``.zkey``); it
is created by setup or by reading a ``.zkey`` file and never crosses the FFI as bytes
unless written out.
"""

from __future__ import annotations

from typing import Any


class ProvingKey:
    """A Groth16 proving key held by the native core (snarkjs ``.zkey`` content).

    Created by ``masa_zk.groth16.setup`` or ``masa_zk.formats.read_zkey``; not
    constructed directly.
    """

    __slots__ = ("_handle",)

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __repr__(self) -> str:
        return "ProvingKey(...)"
