//! snarkjs Groth16 `.zkey` files (FORMATS.md §4, §7): 10 sections, points in LEM encoding,
//! coefficients stored multiplied by R².
//!
//! Reading validates everything a hostile file could get wrong: magic, version, the section
//! table, every section's exact size, protocol = Groth16, q and r of BN254, canonical
//! coordinates, points on the curve and (G2) in the subgroup, coefficient indices in range,
//! and the structure of the phase-2 section. Large files are parsed from a memory map and
//! their points decoded in parallel.
use std::path::Path;

use ark_bn254::{Fq, G1Affine, G2Affine};
use ark_ff::PrimeField;
use rayon::prelude::*;

use super::binfile::{encoding, fr_modulus_le, BinFile, BinWriter, Reader};
use super::lem::{
    coef_from_zkey_word, coef_write_zkey_word, fr_r, fr_r_inv, g1_array_from_lem, g1_array_to_lem,
    g1_from_lem, g1_write_lem, g2_array_from_lem, g2_array_to_lem, g2_from_lem, g2_write_lem,
    G1_LEM, G2_LEM,
};
use crate::error::{invalid, Result};
use crate::groth16::{Coef, ProvingKey};

const MAGIC: &[u8; 4] = b"zkey";
/// snarkjs writes version 1 and its prover accepts up to 2.
const MAX_VERSION: u32 = 2;
const PROTOCOL_GROTH16: u32 = 1;
/// Bytes of one section-4 entry: matrix, constraint, signal (u32 each) and the value.
const COEF_SIZE: usize = 12 + 32;
/// Largest domain: Fr's two-adicity.
const MAX_LOG_DOMAIN: u32 = 28;

/// `zkey new` writes its sections in this order; `zkey contribute`/`beacon` in id order.
const NEW_ORDER: [u32; 10] = [1, 2, 4, 3, 9, 8, 5, 6, 7, 10];
const CONTRIBUTED_ORDER: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/// One phase-2 contribution record of section 10.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// delta1 after this contribution.
    pub delta_after: G1Affine,
    pub g1_s: G1Affine,
    pub g1_sx: G1Affine,
    pub g2_spx: G2Affine,
    pub transcript: [u8; 64],
    /// 0 = normal, 1 = beacon.
    pub kind: u32,
    /// UTF-8 bytes as stored (at most 255).
    pub name: Option<Vec<u8>>,
    pub num_iterations_exp: Option<u8>,
    pub beacon_hash: Option<Vec<u8>>,
}

/// Section 10: the circuit hash and the phase-2 contributions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MpcParams {
    pub cs_hash: [u8; 64],
    pub contributions: Vec<Contribution>,
}

fn point_name(what: &'static str, i: usize) -> impl Fn() -> String {
    move || format!("zkey: contribution {i}: {what}")
}

impl MpcParams {
    /// Parses and validates section 10 (every point decoded and checked).
    pub fn parse(b: &[u8]) -> Result<Self> {
        let mut r = Reader::new(b, "zkey");
        let mut cs_hash = [0u8; 64];
        cs_hash.copy_from_slice(r.bytes(64)?);
        let n = r.u32()? as usize;
        // Each record takes at least 64·3 + 128 + 64 + 8 bytes.
        if n > r.remaining() / (3 * G1_LEM + G2_LEM + 72) {
            return Err(encoding(format!(
                "zkey: section 10 claims {n} contributions, too many for its size"
            )));
        }
        let mut contributions = Vec::with_capacity(n);
        for i in 0..n {
            let delta_after = g1_from_lem(r.bytes(G1_LEM)?, &point_name("deltaAfter", i))?;
            let g1_s = g1_from_lem(r.bytes(G1_LEM)?, &point_name("g1_s", i))?;
            let g1_sx = g1_from_lem(r.bytes(G1_LEM)?, &point_name("g1_sx", i))?;
            let g2_spx = g2_from_lem(r.bytes(G2_LEM)?, &point_name("g2_spx", i))?;
            let mut transcript = [0u8; 64];
            transcript.copy_from_slice(r.bytes(64)?);
            let kind = r.u32()?;
            if kind > 1 {
                return Err(encoding(format!(
                    "zkey: contribution {i}: unknown type {kind}"
                )));
            }
            let params_len = r.u32()? as usize;
            let (name, exp, hash) = super::ptau::read_params(r.bytes(params_len)?, "zkey", i)?;
            if kind == 1 && (exp.is_none() || hash.is_none()) {
                return Err(encoding(format!(
                    "zkey: contribution {i}: beacon without its parameters"
                )));
            }
            contributions.push(Contribution {
                delta_after,
                g1_s,
                g1_sx,
                g2_spx,
                transcript,
                kind,
                name,
                num_iterations_exp: exp,
                beacon_hash: hash,
            });
        }
        r.finish("contributions")?;
        Ok(MpcParams {
            cs_hash,
            contributions,
        })
    }

    /// Section 10 bytes, as snarkjs's `writeMPCParams` lays them out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(68 + self.contributions.len() * 400);
        out.extend_from_slice(&self.cs_hash);
        out.extend_from_slice(&(self.contributions.len() as u32).to_le_bytes());
        for c in &self.contributions {
            let mut g1 = [0u8; G1_LEM];
            let mut g2 = [0u8; G2_LEM];
            for p in [&c.delta_after, &c.g1_s, &c.g1_sx] {
                g1_write_lem(p, &mut g1);
                out.extend_from_slice(&g1);
            }
            g2_write_lem(&c.g2_spx, &mut g2);
            out.extend_from_slice(&g2);
            out.extend_from_slice(&c.transcript);
            out.extend_from_slice(&c.kind.to_le_bytes());
            write_params(
                &mut out,
                c.name.as_deref(),
                c.kind,
                c.num_iterations_exp,
                c.beacon_hash.as_deref(),
            );
        }
        out
    }
}

/// A contribution name as snarkjs stores it: cut to 64 characters, then to 255 UTF-8 bytes
/// (on a character boundary) so its length fits the u8 prefix.
pub fn contribution_name(name: &str) -> Vec<u8> {
    let mut s: String = name.chars().take(64).collect();
    while s.len() > 255 {
        s.pop();
    }
    s.into_bytes()
}

/// The parameters of a ptau or zkey contribution record (`u32 len` then TLV: 1 = name,
/// 2 = numIterationsExp and 3 = beaconHash for a beacon); [`crate::formats::ptau::read_params`]
/// reads them back.
pub fn write_params(
    out: &mut Vec<u8>,
    name: Option<&[u8]>,
    kind: u32,
    num_iterations_exp: Option<u8>,
    beacon_hash: Option<&[u8]>,
) {
    let mut params = Vec::new();
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        params.push(1);
        params.push(name.len() as u8);
        params.extend_from_slice(name);
    }
    if kind == 1 {
        params.push(2);
        params.push(num_iterations_exp.unwrap_or(0));
        let h = beacon_hash.unwrap_or(&[]);
        params.push(3);
        params.push(h.len() as u8);
        params.extend_from_slice(h);
    }
    out.extend_from_slice(&(params.len() as u32).to_le_bytes());
    out.extend_from_slice(&params);
}

fn fq_modulus_le() -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, limb) in Fq::MODULUS.0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&limb.to_le_bytes());
    }
    out
}

fn expect_size<'a>(f: &BinFile<'a>, id: u32, what: &str, n: u64, each: usize) -> Result<&'a [u8]> {
    let s = f.section(id)?;
    if Some(s.len() as u64) != n.checked_mul(each as u64) {
        return Err(encoding(format!(
            "zkey: section {id} ({what}) has {} bytes, expected {n} × {each}",
            s.len()
        )));
    }
    Ok(s)
}

/// The Groth16 header (section 2) fields other than the points.
struct Header {
    n_vars: u32,
    n_public: u32,
    domain_size: u32,
}

fn read_header(f: &BinFile<'_>) -> Result<(Header, [G1Affine; 3], [G2Affine; 3])> {
    let mut r = f.reader(1)?;
    let protocol = r.u32()?;
    r.finish("header")?;
    if protocol != PROTOCOL_GROTH16 {
        return Err(invalid(format!(
            "zkey: protocol {protocol} is not Groth16 (1); PLONK/FFLONK keys are not supported"
        )));
    }
    let mut r = f.reader(2)?;
    let n8q = r.u32()?;
    if n8q != 32 || r.bytes(32)? != fq_modulus_le() {
        return Err(invalid("zkey: the base field is not BN254's q"));
    }
    let n8r = r.u32()?;
    if n8r != 32 || r.bytes(32)? != fr_modulus_le() {
        return Err(invalid("zkey: the scalar field is not BN254's r"));
    }
    let h = Header {
        n_vars: r.u32()?,
        n_public: r.u32()?,
        domain_size: r.u32()?,
    };
    let g1 = |r: &mut Reader<'_>, what: &'static str| -> Result<G1Affine> {
        g1_from_lem(r.bytes(G1_LEM)?, &|| format!("zkey: {what}"))
    };
    let g2 = |r: &mut Reader<'_>, what: &'static str| -> Result<G2Affine> {
        g2_from_lem(r.bytes(G2_LEM)?, &|| format!("zkey: {what}"))
    };
    let alpha1 = g1(&mut r, "alpha1")?;
    let beta1 = g1(&mut r, "beta1")?;
    let beta2 = g2(&mut r, "beta2")?;
    let gamma2 = g2(&mut r, "gamma2")?;
    let delta1 = g1(&mut r, "delta1")?;
    let delta2 = g2(&mut r, "delta2")?;
    r.finish("groth16 header")?;
    if h.n_public >= h.n_vars {
        return Err(encoding(format!(
            "zkey: nPublic = {} must be < nVars = {}",
            h.n_public, h.n_vars
        )));
    }
    if !h.domain_size.is_power_of_two() || h.domain_size > 1 << MAX_LOG_DOMAIN {
        return Err(encoding(format!(
            "zkey: domainSize = {} is not a power of two <= 2^28",
            h.domain_size
        )));
    }
    if h.n_public >= h.domain_size {
        return Err(encoding("zkey: domainSize too small for the public inputs"));
    }
    Ok((h, [alpha1, beta1, delta1], [beta2, gamma2, delta2]))
}

fn read_coeffs(b: &[u8], h: &Header) -> Result<Vec<Coef>> {
    let mut r = Reader::new(b, "zkey");
    let n = r.u32()? as usize;
    let body = r.bytes(r.remaining())?;
    if body.len() as u64 != n as u64 * COEF_SIZE as u64 {
        return Err(encoding(format!(
            "zkey: section 4 holds {} bytes for {n} coefficients of {COEF_SIZE} bytes",
            body.len()
        )));
    }
    let r_inv = fr_r_inv();
    body.par_chunks_exact(COEF_SIZE)
        .enumerate()
        .map(|(i, e)| {
            let u = |k: usize| u32::from_le_bytes(e[4 * k..4 * k + 4].try_into().expect("4"));
            let (matrix, constraint, signal) = (u(0), u(1), u(2));
            if matrix > 1 {
                return Err(encoding(format!("zkey: coefficient {i}: matrix {matrix}")));
            }
            if constraint >= h.domain_size {
                return Err(encoding(format!(
                    "zkey: coefficient {i}: constraint {constraint} >= domainSize {}",
                    h.domain_size
                )));
            }
            if signal >= h.n_vars {
                return Err(encoding(format!(
                    "zkey: coefficient {i}: signal {signal} >= nVars {}",
                    h.n_vars
                )));
            }
            let value = coef_from_zkey_word(&e[12..], &r_inv)
                .ok_or_else(|| encoding(format!("zkey: coefficient {i}: value >= r")))?;
            Ok(Coef {
                matrix: matrix as u8,
                constraint,
                signal,
                value,
            })
        })
        .collect()
}

/// Parses and validates a `.zkey` held in memory.
pub fn read_zkey(data: &[u8]) -> Result<ProvingKey> {
    let f = BinFile::parse(data, MAGIC, MAX_VERSION)?;
    let (h, [alpha1, beta1, delta1], [beta2, gamma2, delta2]) = read_header(&f)?;
    let n_vars = h.n_vars as u64;
    let n_pub = h.n_public as u64;
    let s3 = expect_size(&f, 3, "IC", n_pub + 1, G1_LEM)?;
    let s5 = expect_size(&f, 5, "A", n_vars, G1_LEM)?;
    let s6 = expect_size(&f, 6, "B1", n_vars, G1_LEM)?;
    let s7 = expect_size(&f, 7, "B2", n_vars, G2_LEM)?;
    let s8 = expect_size(&f, 8, "C", n_vars - n_pub - 1, G1_LEM)?;
    let s9 = expect_size(&f, 9, "H", h.domain_size as u64, G1_LEM)?;
    let coeffs = read_coeffs(f.section(4)?, &h)?;
    let mpc = match f.count(10) {
        0 => None,
        _ => {
            let b = f.section(10)?;
            MpcParams::parse(b)?;
            Some(b.to_vec())
        }
    };
    Ok(ProvingKey {
        n_vars: h.n_vars as usize,
        n_public: h.n_public as usize,
        domain_size: h.domain_size as usize,
        alpha1,
        beta1,
        beta2,
        gamma2,
        delta1,
        delta2,
        ic: g1_array_from_lem(s3, "zkey: IC")?,
        coeffs,
        a: g1_array_from_lem(s5, "zkey: A")?,
        b1: g1_array_from_lem(s6, "zkey: B1")?,
        b2: g2_array_from_lem(s7, "zkey: B2")?,
        c: g1_array_from_lem(s8, "zkey: C")?,
        h: g1_array_from_lem(s9, "zkey: H")?,
        mpc,
    })
}

/// Maps a file into memory (small or empty files are read instead).
pub fn map_file(path: &Path) -> Result<FileBytes> {
    let file = std::fs::File::open(path)
        .map_err(|e| invalid(format!("cannot open {}: {e}", path.display())))?;
    let len = file
        .metadata()
        .map_err(|e| invalid(format!("cannot stat {}: {e}", path.display())))?
        .len();
    if len < 1 << 16 {
        let v = std::fs::read(path)
            .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
        return Ok(FileBytes::Owned(v));
    }
    // SAFETY: the map is read-only and dropped before we return to the caller's data; a
    // concurrent writer could change bytes under us, which at worst yields a parse error.
    let map = unsafe { memmap2::Mmap::map(&file) }
        .map_err(|e| invalid(format!("cannot map {}: {e}", path.display())))?;
    Ok(FileBytes::Mapped(map))
}

/// A file's bytes: memory-mapped when large.
pub enum FileBytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Owned(v) => v,
            FileBytes::Mapped(m) => m,
        }
    }
}

/// Reads a `.zkey` file through a memory map.
pub fn read_zkey_file(path: &Path) -> Result<ProvingKey> {
    read_zkey(&map_file(path)?)
}

/// Checks the shapes a writer relies on (a key built in memory could be inconsistent).
fn check_shapes(pk: &ProvingKey) -> Result<()> {
    let bad = |m: String| Err(invalid(format!("proving key: {m}")));
    if pk.n_public >= pk.n_vars || pk.n_vars > u32::MAX as usize {
        return bad(format!("nPublic {} / nVars {}", pk.n_public, pk.n_vars));
    }
    if !pk.domain_size.is_power_of_two() || pk.domain_size > 1 << MAX_LOG_DOMAIN {
        return bad(format!(
            "domain size {} is not a power of two",
            pk.domain_size
        ));
    }
    let lens = [
        ("IC", pk.ic.len(), pk.n_public + 1),
        ("A", pk.a.len(), pk.n_vars),
        ("B1", pk.b1.len(), pk.n_vars),
        ("B2", pk.b2.len(), pk.n_vars),
        ("C", pk.c.len(), pk.n_vars - pk.n_public - 1),
        ("H", pk.h.len(), pk.domain_size),
    ];
    for (what, got, want) in lens {
        if got != want {
            return bad(format!("{what} has {got} points, expected {want}"));
        }
    }
    if pk.coeffs.len() > u32::MAX as usize {
        return bad("too many coefficients".into());
    }
    for (i, c) in pk.coeffs.iter().enumerate() {
        if c.matrix > 1 || c.constraint as usize >= pk.domain_size || c.signal as usize >= pk.n_vars
        {
            return bad(format!("coefficient {i} out of range"));
        }
    }
    Ok(())
}

/// The section-10 payload to write and whether it records contributions.
fn mpc_payload(pk: &ProvingKey) -> Result<(Vec<u8>, bool)> {
    match &pk.mpc {
        Some(b) => {
            let m = MpcParams::parse(b)?;
            Ok((b.clone(), !m.contributions.is_empty()))
        }
        // A key from a local setup has no ceremony: an all-zero circuit hash, no records.
        None => Ok((
            MpcParams {
                cs_hash: [0u8; 64],
                contributions: vec![],
            }
            .to_bytes(),
            false,
        )),
    }
}

/// Serialises a proving key as a `.zkey` (version 1), laid out as snarkjs lays it out:
/// `zkey new`'s section order for a key without contributions, id order otherwise.
pub fn write_zkey(pk: &ProvingKey) -> Result<Vec<u8>> {
    check_shapes(pk)?;
    let (mpc, contributed) = mpc_payload(pk)?;
    let order = if contributed {
        CONTRIBUTED_ORDER
    } else {
        NEW_ORDER
    };
    let mut w = BinWriter::new(MAGIC, 1, 10);
    let size = 1024
        + pk.coeffs.len() * COEF_SIZE
        + (pk.ic.len() + pk.a.len() + pk.b1.len() + pk.c.len() + pk.h.len()) * G1_LEM
        + pk.b2.len() * G2_LEM
        + mpc.len();
    w.reserve(size);
    for id in order {
        w.start_section(id);
        let buf = w.buffer();
        match id {
            1 => buf.extend_from_slice(&PROTOCOL_GROTH16.to_le_bytes()),
            2 => {
                buf.extend_from_slice(&32u32.to_le_bytes());
                buf.extend_from_slice(&fq_modulus_le());
                buf.extend_from_slice(&32u32.to_le_bytes());
                buf.extend_from_slice(&fr_modulus_le());
                for v in [pk.n_vars, pk.n_public, pk.domain_size] {
                    buf.extend_from_slice(&(v as u32).to_le_bytes());
                }
                let mut g1 = [0u8; G1_LEM];
                let mut g2 = [0u8; G2_LEM];
                for p in [&pk.alpha1, &pk.beta1] {
                    g1_write_lem(p, &mut g1);
                    buf.extend_from_slice(&g1);
                }
                for p in [&pk.beta2, &pk.gamma2] {
                    g2_write_lem(p, &mut g2);
                    buf.extend_from_slice(&g2);
                }
                g1_write_lem(&pk.delta1, &mut g1);
                buf.extend_from_slice(&g1);
                g2_write_lem(&pk.delta2, &mut g2);
                buf.extend_from_slice(&g2);
            }
            3 => g1_array_to_lem(&pk.ic, buf),
            4 => write_coeffs(&pk.coeffs, buf),
            5 => g1_array_to_lem(&pk.a, buf),
            6 => g1_array_to_lem(&pk.b1, buf),
            7 => g2_array_to_lem(&pk.b2, buf),
            8 => g1_array_to_lem(&pk.c, buf),
            9 => g1_array_to_lem(&pk.h, buf),
            _ => buf.extend_from_slice(&mpc),
        }
        w.end_section();
    }
    Ok(w.finish())
}

fn write_coeffs(coeffs: &[Coef], buf: &mut Vec<u8>) {
    buf.extend_from_slice(&(coeffs.len() as u32).to_le_bytes());
    let start = buf.len();
    buf.resize(start + coeffs.len() * COEF_SIZE, 0);
    let r = fr_r();
    buf[start..]
        .par_chunks_mut(COEF_SIZE)
        .zip(coeffs.par_iter())
        .with_min_len(1 << 10)
        .for_each(|(o, c)| {
            o[0..4].copy_from_slice(&(c.matrix as u32).to_le_bytes());
            o[4..8].copy_from_slice(&c.constraint.to_le_bytes());
            o[8..12].copy_from_slice(&c.signal.to_le_bytes());
            coef_write_zkey_word(&c.value, &r, &mut o[12..]);
        });
}

/// The phase-2 parameters of a key (section 10), if it has them.
pub fn mpc_params(pk: &ProvingKey) -> Result<Option<MpcParams>> {
    pk.mpc.as_deref().map(MpcParams::parse).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ec::{AffineRepr, CurveGroup};
    use ark_ff::UniformRand;
    use ark_std::rand::{rngs::StdRng, SeedableRng};

    pub(crate) fn sample_key(rng: &mut StdRng) -> ProvingKey {
        let g1 = |rng: &mut StdRng| (G1Affine::generator() * Fr::rand(rng)).into_affine();
        let g2 = |rng: &mut StdRng| (G2Affine::generator() * Fr::rand(rng)).into_affine();
        let (n_vars, n_public, domain_size) = (6usize, 2usize, 8usize);
        ProvingKey {
            n_vars,
            n_public,
            domain_size,
            alpha1: g1(rng),
            beta1: g1(rng),
            beta2: g2(rng),
            gamma2: G2Affine::generator(),
            delta1: g1(rng),
            delta2: g2(rng),
            ic: (0..=n_public).map(|_| g1(rng)).collect(),
            coeffs: (0..5)
                .map(|i| Coef {
                    matrix: (i % 2) as u8,
                    constraint: i,
                    signal: i % 6,
                    value: Fr::rand(rng),
                })
                .collect(),
            a: (0..n_vars)
                .map(|i| {
                    if i == 3 {
                        G1Affine::identity()
                    } else {
                        g1(rng)
                    }
                })
                .collect(),
            b1: (0..n_vars).map(|_| g1(rng)).collect(),
            b2: (0..n_vars)
                .map(|i| {
                    if i == 2 {
                        G2Affine::identity()
                    } else {
                        g2(rng)
                    }
                })
                .collect(),
            c: (0..n_vars - n_public - 1).map(|_| g1(rng)).collect(),
            h: (0..domain_size).map(|_| g1(rng)).collect(),
            mpc: None,
        }
    }

    #[test]
    fn roundtrip_and_truncations() {
        let mut rng = StdRng::seed_from_u64(1);
        let pk = sample_key(&mut rng);
        let bytes = write_zkey(&pk).unwrap();
        let back = read_zkey(&bytes).unwrap();
        assert_eq!(back.coeffs, pk.coeffs);
        assert_eq!(back.a, pk.a);
        assert_eq!(back.b2, pk.b2);
        assert_eq!(write_zkey(&back).unwrap(), bytes);
        for n in (0..bytes.len()).step_by(7) {
            assert!(read_zkey(&bytes[..n]).is_err());
        }
        // Every single-bit flip either fails cleanly or decodes (never panics).
        for i in (0..bytes.len()).step_by(3) {
            let mut b = bytes.clone();
            b[i] ^= 1 << (i % 8);
            let _ = read_zkey(&b);
        }
    }

    #[test]
    fn coefficient_encoding_is_times_r_squared() {
        let mut o = [0u8; 32];
        coef_write_zkey_word(&Fr::from(1u64), &fr_r(), &mut o);
        // 1 is stored as the integer R² mod r.
        let mut want = [0u8; 32];
        for (i, l) in Fr::R2.0.iter().enumerate() {
            want[8 * i..8 * i + 8].copy_from_slice(&l.to_le_bytes());
        }
        assert_eq!(o, want);
        assert_eq!(coef_from_zkey_word(&o, &fr_r_inv()), Some(Fr::from(1u64)));
    }
}

#[cfg(test)]
mod profile {
    /// `MASA_ZK_ZKEY=path cargo test --profile fastbuild --lib zkey_read_profile -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn zkey_read_profile() {
        let Ok(path) = std::env::var("MASA_ZK_ZKEY") else {
            return;
        };
        let data = super::map_file(std::path::Path::new(&path)).unwrap();
        let f = super::BinFile::parse(&data, super::MAGIC, 2).unwrap();
        for (id, g2) in [(5, false), (6, false), (7, true), (8, false), (9, false)] {
            let t = std::time::Instant::now();
            let s = f.section(id).unwrap();
            if g2 {
                super::g2_array_from_lem(s, "x").unwrap();
            } else {
                super::g1_array_from_lem(s, "x").unwrap();
            }
            eprintln!("section {id}: {:?}", t.elapsed());
        }
        let t = std::time::Instant::now();
        super::read_zkey(&data).unwrap();
        eprintln!("all: {:?}", t.elapsed());
    }
}
