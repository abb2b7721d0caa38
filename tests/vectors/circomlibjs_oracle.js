// Live circomlibjs oracle for the tests: reads a JSON list of requests on stdin and writes
// the list of answers. Requests: {op: "poseidon", inputs}, {op: "sign", prv, msg},
// {op: "verify", msg, R8, S, A}, {op: "prv2pub", prv}, {op: "pack", P}, {op: "unpack", hex},
// {op: "in_subgroup", P}, {op: "blake512", hex}. Integers are decimal strings, bytes hex.
"use strict";
const { load } = require("./circomlibjs_lib.js");

async function main() {
  const L = await load();
  const { babyJub, eddsa, F, toPt, fromPt, hex, blake512, hashDec } = L;
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const reqs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const answer = (q) => {
    switch (q.op) {
      case "poseidon": return hashDec(q.inputs);
      case "prv2pub": return toPt(eddsa.prv2pub(Buffer.from(q.prv, "hex")));
      case "sign": {
        const sig = eddsa.signPoseidon(Buffer.from(q.prv, "hex"), F.e(BigInt(q.msg)));
        return { R8: toPt(sig.R8), S: sig.S.toString(), packed: hex(eddsa.packSignature(sig)) };
      }
      case "verify":
        return eddsa.verifyPoseidon(F.e(BigInt(q.msg)), { R8: fromPt(q.R8), S: BigInt(q.S) }, fromPt(q.A));
      case "pack": return hex(babyJub.packPoint(fromPt(q.P)));
      case "unpack": {
        const P = babyJub.unpackPoint(Buffer.from(q.hex, "hex"));
        return P ? toPt(P) : null;
      }
      case "in_subgroup": return babyJub.inSubgroup(fromPt(q.P));
      case "blake512": return hex(blake512(Buffer.from(q.hex, "hex")));
      default: throw new Error(`unknown op ${q.op}`);
    }
  };
  process.stdout.write(JSON.stringify(reqs.map(answer)));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
