// Regenerates tests/vectors/circomlibjs.json from circomlibjs 0.1.7 (run `npm ci` first):
//     node tests/vectors/gen_circomlibjs.js > tests/vectors/circomlibjs.json
// Every value is computed by circomlibjs (or blake-hash, its BLAKE-512); nothing by masa-zk.
"use strict";
const crypto = require("crypto");
const { load, R } = require("./circomlibjs_lib.js");

// Deterministic "random" values: SHA-256 of a label, as a big integer.
const det = (label, bytes = 32) => {
  let out = Buffer.alloc(0);
  for (let i = 0; out.length < bytes; i++) {
    out = Buffer.concat([out, crypto.createHash("sha256").update(`${label}/${i}`).digest()]);
  }
  return out.subarray(0, bytes);
};
const detInt = (label, mod) => BigInt("0x" + det(label).toString("hex")) % mod;

async function main() {
  const L = await load();
  const { babyJub, eddsa, F, toPt, fromPt, hex, blake512, hashDec, constants } = L;
  const out = { source: "circomlibjs@0.1.7 (and blake-hash, its BLAKE-512)" };

  // Poseidon for every arity.
  out.poseidon = [];
  for (let n = 1; n <= 16; n++) {
    const sets = [
      Array(n).fill(0n),
      Array(n).fill(R - 1n),
      Array.from({ length: n }, (_, i) => BigInt(i + 1)),
      Array.from({ length: n }, (_, i) => (i % 2 ? R - 1n : 0n)),
      Array.from({ length: n }, (_, i) => detInt(`poseidon/${n}/a/${i}`, R)),
      Array.from({ length: n }, (_, i) => detInt(`poseidon/${n}/b/${i}`, R)),
    ];
    for (const s of sets) {
      const inputs = s.map((x) => x.toString());
      out.poseidon.push({ inputs, output: hashDec(inputs) });
    }
  }

  // Constant digests: SHA-256 over all round constants then the MDS matrix (row-major),
  // each as 32 bytes big-endian.
  out.poseidon_constants = [];
  for (let t = 2; t <= 17; t++) {
    const C = constants.C[t - 2].map((x) => BigInt(x));
    const M = constants.M[t - 2].map((row) => row.map((x) => BigInt(x)));
    const h = crypto.createHash("sha256");
    for (const x of C.concat(M.flat())) h.update(Buffer.from(x.toString(16).padStart(64, "0"), "hex"));
    out.poseidon_constants.push({
      t,
      n_constants: C.length,
      first_constant: C[0].toString(),
      last_constant: C[C.length - 1].toString(),
      m00: M[0][0].toString(),
      m_last: M[t - 1][t - 1].toString(),
      sha256: h.digest("hex"),
    });
  }

  // Baby Jubjub.
  const G = babyJub.Generator;
  const B8 = babyJub.Base8;
  out.babyjubjub = {
    generator: toPt(G),
    base8: toPt(B8),
    order: babyJub.order.toString(),
    sub_order: babyJub.subOrder.toString(),
    points: [],
    sums: [],
  };
  const scalars = [1n, 2n, 3n, 7n, 8n, 9n, 16n, 1000003n, babyJub.subOrder - 1n,
    babyJub.subOrder, babyJub.subOrder + 1n, babyJub.order - 1n,
    detInt("bjj/k/0", babyJub.order), detInt("bjj/k/1", babyJub.order),
    detInt("bjj/k/2", babyJub.subOrder), detInt("bjj/k/3", 1n << 256n)];
  for (const [name, base] of [["generator", G], ["base8", B8]]) {
    for (const k of scalars) {
      const P = babyJub.mulPointEscalar(base, k);
      out.babyjubjub.points.push({
        base: name, k: k.toString(), point: toPt(P), packed: hex(babyJub.packPoint(P)),
        in_subgroup: babyJub.inSubgroup(P),
      });
    }
  }
  for (let i = 0; i < 6; i++) {
    const P = babyJub.mulPointEscalar(G, detInt(`bjj/add/p/${i}`, babyJub.order));
    const Q = babyJub.mulPointEscalar(G, detInt(`bjj/add/q/${i}`, babyJub.order));
    out.babyjubjub.sums.push({ p: toPt(P), q: toPt(Q), sum: toPt(babyJub.addPoint(P, Q)) });
  }

  // BLAKE-512.
  out.blake512 = [];
  for (const len of [0, 1, 3, 32, 64, 111, 112, 127, 128, 129, 200]) {
    const data = det(`blake/${len}`, len);
    out.blake512.push({ data: hex(data), digest: hex(blake512(data)) });
  }

  // EdDSA-Poseidon.
  out.eddsa = [];
  const keys = [Buffer.alloc(32, 0), Buffer.alloc(32, 0xff),
    Buffer.from("0001020304050607080900010203040506070809000102030405060708090001", "hex"),
    det("eddsa/key/0"), det("eddsa/key/1")];
  const msgs = [0n, 1n, 1234n, R - 1n, detInt("eddsa/msg/0", R), detInt("eddsa/msg/1", R)];
  for (const prv of keys) {
    const A = eddsa.prv2pub(prv);
    for (const m of msgs) {
      const sig = eddsa.signPoseidon(prv, F.e(m));
      if (!eddsa.verifyPoseidon(F.e(m), sig, A)) throw new Error("circomlibjs rejects its own signature");
      out.eddsa.push({
        private_key: hex(prv), public_key: toPt(A), public_key_packed: hex(babyJub.packPoint(A)),
        msg: m.toString(), R8: toPt(sig.R8), S: sig.S.toString(),
        signature_packed: hex(eddsa.packSignature(sig)),
      });
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
