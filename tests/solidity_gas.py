"""Gas of the exported Groth16 verifier against snarkjs's, measured in pyrevm on real snarkjs
proofs (the numbers in docs/solidity.md). Run: ``.venv/bin/python tests/solidity_gas.py``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evm_ref import SPEC, Chain, compile_contract, intrinsic_gas, solc_version
from solidity_ref import make_material, make_ptau

from masa_zk.solidity import solidity_verifier, verify_proof_calldata


def main() -> None:
    chain = Chain()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        ptau = make_ptau(Path(d))
        for name in ("zero", "one", "eight"):
            sub = Path(d) / name
            sub.mkdir()
            m = make_material(name, ptau, sub)
            data = verify_proof_calldata(m.proof, m.public)
            sources = [("masa-zk", solidity_verifier(m.vk))]
            if m.n_public:
                sources.append(("snarkjs 0.7.6", m.snarkjs_verifier))
            for who, src in sources:
                addr = chain.deploy(compile_contract(src, "Groth16Verifier"))
                deploy_gas = chain.evm.result.gas_used if chain.evm.result else -1
                size = len(chain.evm.get_code(addr) or b"")
                r = chain.call(addr, data)
                assert r.returned_true, (who, name)
                rows.append(
                    (m.n_public, who, r.tx_gas - intrinsic_gas(data), r.tx_gas, size, deploy_gas)
                )
    print(f"solc {solc_version()} --optimize (200 runs), pyrevm (spec_id {SPEC} asked)\n")
    cols = ["public inputs", "verifier", "verifyProof gas", "transaction gas", "code bytes"]
    print("| " + " | ".join([*cols, "deploy gas"]) + " |")
    print("|---:|---|---:|---:|---:|---:|")
    for n, who, ex, tx, size, dep in rows:
        print(f"| {n} | {who} | {ex:,} | {tx:,} | {size:,} | {dep:,} |")


if __name__ == "__main__":
    main()
