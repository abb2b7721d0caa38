// Shared helpers for the circomlibjs reference scripts (CommonJS; needs `npm ci`).
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");
const circomlibjs = require("circomlibjs");
const createBlakeHash = require("blake-hash");

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

async function load() {
  const babyJub = await circomlibjs.buildBabyjub();
  const eddsa = await circomlibjs.buildEddsa();
  const poseidon = await circomlibjs.buildPoseidon();
  const poseidonRef = await circomlibjs.buildPoseidonReference();
  const constantsPath = path.join(
    path.dirname(require.resolve("circomlibjs")), "..", "src", "poseidon_constants.js");
  const constants = (await import(pathToFileURL(constantsPath).href)).default;
  const F = babyJub.F;
  const toPt = (p) => [F.toObject(p[0]).toString(), F.toObject(p[1]).toString()];
  const fromPt = (p) => [F.e(BigInt(p[0])), F.e(BigInt(p[1]))];
  const hex = (u8) => Buffer.from(u8).toString("hex");
  const blake512 = (buf) => createBlakeHash("blake512").update(Buffer.from(buf)).digest();
  const hashDec = (inputs) => {
    const a = poseidon.F.toObject(poseidon(inputs.map((x) => BigInt(x)))).toString();
    const b = poseidonRef.F.toObject(poseidonRef(inputs.map((x) => BigInt(x)))).toString();
    if (a !== b) throw new Error("circomlibjs poseidon and poseidon_reference disagree");
    return a;
  };
  return { babyJub, eddsa, poseidon, constants, F, toPt, fromPt, hex, blake512, hashDec };
}

module.exports = { load, R };
