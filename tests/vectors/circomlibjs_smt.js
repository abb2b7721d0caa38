// circomlibjs's sparse Merkle tree (newMemEmptyTrie, Poseidon) as a reference for the
// tests: reads a JSON list of scripts on stdin, each a list of operations on a fresh tree
// ["insert", k, v] | ["update", k, v] | ["delete", k] | ["find", k] | ["root"]; writes,
// per script, the list of results (null for changes, the root as a decimal string, and
// find's {found, siblings, foundValue | notFoundKey, notFoundValue, isOld0}).
"use strict";
const circomlibjs = require("circomlibjs");

async function runScript(ops) {
  const tree = await circomlibjs.newMemEmptyTrie();
  const F = tree.F;
  const dec = (x) => F.toObject(x).toString();
  const out = [];
  for (const op of ops) {
    const [name, ...args] = op;
    const big = args.map((x) => BigInt(x));
    switch (name) {
      case "insert": await tree.insert(big[0], big[1]); out.push(null); break;
      case "update": await tree.update(big[0], big[1]); out.push(null); break;
      case "delete": await tree.delete(big[0]); out.push(null); break;
      case "root": out.push(dec(tree.root)); break;
      case "find": {
        const r = await tree.find(big[0]);
        const res = { found: r.found, isOld0: r.isOld0, siblings: r.siblings.map(dec) };
        if (r.found) res.foundValue = dec(r.foundValue);
        else { res.notFoundKey = dec(r.notFoundKey); res.notFoundValue = dec(r.notFoundValue); }
        out.push(res);
        break;
      }
      default: throw new Error(`unknown op ${name}`);
    }
  }
  return out;
}

async function main() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const scripts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = [];
  for (const s of scripts) results.push(await runScript(s));
  // exit only once the (large) output is flushed to the pipe
  await new Promise((resolve) => process.stdout.write(JSON.stringify(results), resolve));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
