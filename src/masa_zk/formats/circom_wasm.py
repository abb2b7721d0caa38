"""circom's witness calculator (``circuit_js/circuit.wasm``) run in-process, without Node.

circom compiles a circuit's witness computation to WebAssembly with a small protocol
(the ``witness_calculator.js`` circom writes beside it): inputs are set signal by signal
(``setInputSignal`` keyed by the FNV-1a hash of the signal name, values passed through a
shared read/write buffer as 32-bit words), and each witness value is read back the same
way (``getWitness(i)``). This module speaks that protocol through the ``wasmtime``
runtime (PyPI). A failed circom ``assert``/``===`` raises :class:`UnsatisfiedConstraint`;
unknown or missing signals and wrong array sizes raise :class:`InvalidInput`.

>>> # calc = CircomWitnessCalculator("circuit_js/circuit.wasm")
>>> # words = calc.witness_words({"a": 3, "b": [1, 2]})   # n_wires x 32-byte LE words
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from numbers import Integral
from typing import Any

from masa_zk.bn254.fr import R
from masa_zk.errors import InvalidInput, MasaZKError, UnsatisfiedConstraint

_ERRORS = {
    1: "signal not found",
    2: "too many signals set",
    3: "signal already set",
    4: "assert failed",
    5: "not enough memory",
    6: "input signal array access exceeds the size",
    7: "out of bounds array access",
}


def fnv1a64(name: str) -> int:
    """circom's signal-name hash (FNV-1a, 64 bits, over the UTF-16 code units; names are
    ASCII in practice).

    >>> hex(fnv1a64("main.x"))
    '0xaa4c4273e9994dde'
    """
    h = 0xCBF29CE484222325
    for ch in name:
        h ^= ord(ch)
        h = (h * 0x100000001B3) % (1 << 64)
    return h


class _CircomError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


def _flatten(name: str, v: Any, out: list[int]) -> None:
    if isinstance(v, (list, tuple)):
        for x in v:
            _flatten(name, x, out)
        return
    if isinstance(v, str):
        try:
            x = int(v, 0)
        except ValueError:
            raise InvalidInput(f"input {name!r}: {v!r} is not an integer") from None
    elif isinstance(v, Integral) and not isinstance(v, bool):
        x = int(v)
    else:
        raise InvalidInput(f"input {name!r}: expected integers, got {type(v).__name__}")
    out.append(x % R)  # circom reduces (negative values included), as snarkjs does


def _qualify(prefix: str, v: Any, out: dict[str, list[int]]) -> None:
    """circom's input naming: nested objects become ``a.b``, arrays of objects ``a[i].b``;
    arrays of numbers stay one signal (flattened)."""
    if isinstance(v, Mapping):
        for k, x in v.items():
            _qualify(f"{prefix}.{k}" if prefix else str(k), x, out)
    elif isinstance(v, (list, tuple)) and v and all(isinstance(x, Mapping) for x in v):
        for i, x in enumerate(v):
            _qualify(f"{prefix}[{i}]", x, out)
    else:
        flat: list[int] = []
        _flatten(prefix, v, flat)
        out[prefix] = flat


class CircomWitnessCalculator:
    """A loaded circom witness ``.wasm`` (compile once, compute many witnesses)."""

    def __init__(self, wasm: str | os.PathLike[str] | bytes) -> None:
        try:
            import wasmtime
        except ImportError as e:  # pragma: no cover - a declared dependency
            raise MasaZKError("circom .wasm witnesses need the `wasmtime` package") from e
        self._wt = wasmtime
        engine = wasmtime.Engine()
        self._store = wasmtime.Store(engine)
        try:
            if isinstance(wasm, bytes):
                module = wasmtime.Module(engine, wasm)
            else:
                module = wasmtime.Module.from_file(engine, os.fspath(wasm))
        except (wasmtime.WasmtimeError, OSError) as e:
            raise InvalidInput(f"not a loadable WebAssembly module: {e}") from None
        self._messages: list[str] = []
        i32 = wasmtime.ValType.i32()
        host: dict[str, tuple[Any, Any]] = {
            "exceptionHandler": (
                wasmtime.FuncType([i32], []),
                self._exception,
            ),
            "printErrorMessage": (wasmtime.FuncType([], []), self._print_error),
            "writeBufferMessage": (wasmtime.FuncType([], []), self._print_error),
            "showSharedRWMemory": (wasmtime.FuncType([], []), lambda: None),
        }
        imports = []
        for imp in module.imports:
            if imp.module != "runtime" or imp.name not in host:
                raise InvalidInput(f"not a circom witness module (imports {imp.module}.{imp.name})")
            ty, fn = host[imp.name]
            imports.append(wasmtime.Func(self._store, ty, fn))
        try:
            self._instance = wasmtime.Instance(self._store, module, imports)
        except wasmtime.WasmtimeError as e:
            raise InvalidInput(f"cannot instantiate the circom module: {e}") from None
        ex: Any = self._instance.exports(self._store)
        need = (
            "getFieldNumLen32 getRawPrime readSharedRWMemory writeSharedRWMemory init "
            "setInputSignal getInputSignalSize getWitnessSize getInputSize getWitness "
            "getMessageChar memory"
        ).split()
        missing = [n for n in need if n not in ex]
        if missing:
            raise InvalidInput(f"not a circom witness module (no {', '.join(missing)})")
        self._ex = ex
        self.n32 = self._call("getFieldNumLen32")
        self._call("getRawPrime")
        prime = self._read_shared()
        if prime != R:
            raise InvalidInput(f"the circuit is over another field (prime {prime}), not BN254")
        self.witness_size = self._call("getWitnessSize")
        self._shared = (
            self._call("getSharedRWMemoryStart") if "getSharedRWMemoryStart" in ex else None
        )
        self._dump: Any = None  # the bulk reader (see _dump_witness), built on first use
        self._dump_at = 0

    def _dump_witness(self) -> bytes:
        """All witness values in one call: a 20-line wasm module that imports circom's
        memory and ``getWitness`` and copies each value after the circom heap (a call into
        wasm from Python costs ~20 µs; one per wire would dominate)."""
        wt, store = self._wt, self._store
        mem: Any = self._ex["memory"]
        n8 = 4 * self.n32
        size = self.witness_size * n8
        if self._dump is None:
            try:
                helper = wt.Module(store.engine, _DUMP_WAT)
                self._dump_at = mem.grow(store, (size + 65535) // 65536) * 65536
                inst = wt.Instance(store, helper, [self._ex["getWitness"], mem])
            except wt.WasmtimeError:  # a memory that cannot grow: one call per wire
                self._dump = False
            else:
                self._dump = inst.exports(store)["dump"]
        if self._dump is False:
            out = bytearray()
            for i in range(self.witness_size):
                self._call("getWitness", i)
                out += mem.read(store, self._shared, self._shared + n8)
            return bytes(out)
        self._dump(store, self.witness_size, self._shared, self._dump_at, n8)
        return bytes(mem.read(store, self._dump_at, self._dump_at + size))

    # --- the protocol ---------------------------------------------------------------------------

    def _call(self, name: str, *args: int) -> Any:
        return self._ex[name](self._store, *args)

    def _message(self) -> str:
        chars = []
        while (c := self._call("getMessageChar")) != 0:
            chars.append(chr(c))
        return "".join(chars)

    def _print_error(self) -> None:
        self._messages.append(self._message())

    def _exception(self, code: int) -> None:
        raise _CircomError(code, _ERRORS.get(code, "unknown error"))

    def _read_shared(self) -> int:
        v = 0
        for j in reversed(range(self.n32)):
            v = (v << 32) | (self._call("readSharedRWMemory", j) & 0xFFFFFFFF)
        return v

    def _write_shared(self, x: int) -> None:
        for j in range(self.n32):
            self._call("writeSharedRWMemory", j, (x >> (32 * j)) & 0xFFFFFFFF)

    def _run(self, fn: Any) -> Any:
        self._messages.clear()
        try:
            return fn()
        except _CircomError as e:  # wasmtime re-raises a host function's exception
            self._raise(e)
        except self._wt.WasmtimeError as e:
            cause = e.__cause__ or e.__context__
            while cause is not None and not isinstance(cause, _CircomError):
                cause = cause.__cause__ or cause.__context__
            if isinstance(cause, _CircomError):
                self._raise(cause)
            raise MasaZKError(f"circom witness: the module trapped: {e}") from None

    def _raise(self, e: _CircomError) -> None:
        detail = "; ".join(m for m in self._messages if m)
        text = e.message + (f" ({detail})" if detail else "")
        if e.code == 4:
            raise UnsatisfiedConstraint(f"circom witness: {text}") from None
        raise InvalidInput(f"circom witness: {text}") from None

    def _set_inputs(self, inputs: Mapping[str, Any]) -> None:
        if not isinstance(inputs, Mapping):
            raise InvalidInput(f"inputs must be a dict, got {type(inputs).__name__}")
        signals: dict[str, list[int]] = {}
        _qualify("", inputs, signals)
        self._call("init", 0)
        count = 0
        for name, values in signals.items():
            h = fnv1a64(name)
            msb, lsb = h >> 32, h & 0xFFFFFFFF
            size = self._call("getInputSignalSize", _i32(msb), _i32(lsb))
            if size < 0:
                raise InvalidInput(f"the circuit has no input signal {name!r}")
            if len(values) != size:
                raise InvalidInput(
                    f"input signal {name!r} takes {size} value(s), got {len(values)}"
                )
            for i, x in enumerate(values):
                self._write_shared(x)
                self._call("setInputSignal", _i32(msb), _i32(lsb), i)
                count += 1
        expected = self._call("getInputSize")
        if count < expected:
            raise InvalidInput(f"only {count} of the circuit's {expected} input values were set")

    def witness_words(self, inputs: Mapping[str, Any]) -> bytes:
        """Computes the witness: ``witness_size`` 32-byte little-endian words (circom's
        wire order, the body of a ``.wtns``)."""

        def run() -> bytes:
            self._set_inputs(inputs)
            if self._shared is not None:
                return self._dump_witness()
            n8 = 4 * self.n32
            out = bytearray()
            for i in range(self.witness_size):  # older circom: no shared-memory address
                self._call("getWitness", i)
                out += self._read_shared().to_bytes(n8, "little")
            return bytes(out)

        words: bytes = self._run(run)
        return words

    def witness(self, inputs: Mapping[str, Any]) -> list[int]:
        """The witness as ints (wire 0 = 1, outputs, public inputs, private inputs, ...)."""
        w = self.witness_words(inputs)
        return [int.from_bytes(w[i : i + 32], "little") for i in range(0, len(w), 32)]


_DUMP_WAT = """
(module
  (import "circom" "getWitness" (func $get (param i32)))
  (import "circom" "memory" (memory 1))
  (func (export "dump") (param $n i32) (param $src i32) (param $dst i32) (param $n8 i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $get (local.get $i))
        (memory.copy
          (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $n8)))
          (local.get $src)
          (local.get $n8))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))
"""


def _i32(x: int) -> int:
    """An unsigned 32-bit value as the signed i32 wasm passes."""
    return x - (1 << 32) if x >= 1 << 31 else x
