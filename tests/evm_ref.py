"""A real EVM for the Solidity tests: contracts compiled by the npm ``solc`` package
(solcjs), deployed and called in pyrevm (revm, the Rust EVM used by reth and foundry).

Compiled contracts are cached per source text for the process (solcjs takes seconds).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pyrevm import EVM

ROOT = Path(__file__).resolve().parent.parent
SOLCJS = ROOT / "node_modules" / ".bin" / "solcjs"
#: The hard fork asked of pyrevm. Note: pyrevm 0.3.7 appears to ignore it (PUSH0 runs even
#: with "FRONTIER"), so the rules are those of its bundled revm; the BN254 precompile prices
#: measured are EIP-1108's (Istanbul onward): ecAdd 150, ecMul 6000, pairing 45000 + 34000k.
SPEC = "PRAGUE"
DEPLOYER = "0x" + "d0" * 20
CALLER = "0x" + "ca" * 20

_compiled: dict[str, tuple[bytes, str]] = {}


def compile_contract(source: str, name: str) -> bytes:
    """The creation bytecode of contract ``name`` in ``source`` (solcjs --bin --optimize)."""
    return _compile(source, name)[0]


def compiler_messages(source: str, name: str) -> str:
    """What solcjs printed while compiling ``source`` (warnings)."""
    return _compile(source, name)[1]


def _compile(source: str, name: str) -> tuple[bytes, str]:
    key = hashlib.sha256(source.encode()).hexdigest() + ":" + name
    if key not in _compiled:
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "Verifier.sol"
            src.write_text(source)
            p = subprocess.run(
                [str(SOLCJS), "--bin", "--abi", "--optimize", "-o", "out", "Verifier.sol"],
                cwd=d,
                capture_output=True,
                text=True,
                timeout=300,
            )
            bins = {f.name: f for f in (Path(d) / "out").glob("*.bin")} if p.returncode == 0 else {}
            want = f"Verifier_sol_{name}.bin"
            assert want in bins, f"solcjs failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"
            _compiled[key] = (bytes.fromhex(bins[want].read_text().strip()), p.stdout + p.stderr)
    return _compiled[key]


def solc_version() -> str:
    p = subprocess.run([str(SOLCJS), "--version"], capture_output=True, text=True, check=True)
    m = re.search(r"\d+\.\d+\.\d+", p.stdout)
    assert m, p.stdout
    return m[0]


def intrinsic_gas(data: bytes) -> int:
    """The transaction's intrinsic gas for a call with this data (21000 plus 4 per zero byte
    and 16 per other byte). EIP-7623's calldata floor (10 / 40 gas per byte) can exceed it for
    calls that stop early, but not for a call that reaches the pairing."""
    zeros = data.count(0)
    return 21000 + 4 * zeros + 16 * (len(data) - zeros)


@dataclass(frozen=True)
class CallResult:
    """The outcome of one call: ``reverted``, the return data and the gas."""

    reverted: bool
    output: bytes
    #: Gas of the whole transaction (what the sender pays for, intrinsic gas included).
    tx_gas: int

    @property
    def returned_true(self) -> bool:
        """The call returned the ABI bool ``true`` (exactly one word equal to 1)."""
        return not self.reverted and self.output == (1).to_bytes(32, "big")

    @property
    def returned_false(self) -> bool:
        return not self.reverted and self.output == bytes(32)


class Chain:
    """One pyrevm EVM with a funded deployer; deploy bytecode and send calls to it."""

    def __init__(self, spec: str = SPEC) -> None:
        self.evm = EVM(spec_id=spec)
        self.evm.set_balance(DEPLOYER, 10**24)
        self.evm.set_balance(CALLER, 10**24)

    def deploy(self, bytecode: bytes) -> str:
        return self.evm.deploy(DEPLOYER, bytecode)

    def call(self, to: str, data: bytes, gas: int = 30_000_000) -> CallResult:
        """A transaction (not committed) from CALLER to ``to``; a revert is reported, not
        raised. Any other failure of pyrevm is raised."""
        try:
            out = self.evm.message_call(CALLER, to, data, gas=gas)
        except RuntimeError as e:
            m = re.match(r"Revert \{ gas_used: (\d+), output: 0x([0-9a-f]*) \}", str(e))
            if not m:
                raise
            return CallResult(True, bytes.fromhex(m[2]), int(m[1]))
        res = self.evm.result
        assert res is not None and res.is_success, res
        return CallResult(False, bytes(out), res.gas_used)

    def execution_gas(self, to: str, data: bytes) -> int:
        """Gas of the call itself (the transaction's gas less its intrinsic gas)."""
        r = self.call(to, data)
        assert not r.reverted
        return r.tx_gas - intrinsic_gas(data)
