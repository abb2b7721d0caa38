//! snarkjs powers-of-tau `.ptau` files (FORMATS.md §6): header (1), tauG1 (2), tauG2 (3),
//! alphaTauG1 (4), betaTauG1 (5), betaG2 (6), contributions (7) and, after `prepare
//! phase2`, the Lagrange-basis sections 12–15.
//!
//! [`PtauFile`] checks the header, every section's exact size and the contribution records
//! when it opens a file, and decodes (and validates) points only on request, so a setup
//! from a 2^20 file touches just the blocks it needs. [`PtauFile::validate_all`] decodes
//! every point.
use ark_bn254::{Fq, G1Affine, G2Affine};
use ark_ff::PrimeField;

use super::binfile::{encoding, BinFile, Reader};
use super::lem::{g1_array_from_lem, g1_from_lem, g2_array_from_lem, g2_from_lem, G1_LEM, G2_LEM};
use crate::error::{invalid, Result};

const MAGIC: &[u8; 4] = b"ptau";
const MAX_POWER: u32 = 28;

pub const TAU_G1: u32 = 2;
pub const TAU_G2: u32 = 3;
pub const ALPHA_TAU_G1: u32 = 4;
pub const BETA_TAU_G1: u32 = 5;
pub const BETA_G2: u32 = 6;
pub const CONTRIBUTIONS: u32 = 7;
pub const LAGRANGE_TAU_G1: u32 = 12;
pub const LAGRANGE_TAU_G2: u32 = 13;
pub const LAGRANGE_ALPHA_TAU_G1: u32 = 14;
pub const LAGRANGE_BETA_TAU_G1: u32 = 15;

/// One contribution record of section 7 (FORMATS §6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PtauContribution {
    pub tau_g1: G1Affine,
    pub tau_g2: G2Affine,
    pub alpha_g1: G1Affine,
    pub beta_g1: G1Affine,
    pub beta_g2: G2Affine,
    /// tau, alpha, beta: (g1_s, g1_sx).
    pub key_g1: [(G1Affine, G1Affine); 3],
    /// tau, alpha, beta: g2_spx.
    pub key_g2: [G2Affine; 3],
    pub partial_hash: Vec<u8>,
    pub next_challenge: [u8; 64],
    pub kind: u32,
    pub name: Option<Vec<u8>>,
    pub num_iterations_exp: Option<u8>,
    pub beacon_hash: Option<Vec<u8>>,
}

fn fq_modulus_le() -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, limb) in Fq::MODULUS.0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&limb.to_le_bytes());
    }
    out
}

/// An opened, structurally validated `.ptau` file over borrowed bytes.
#[derive(Debug, Clone)]
pub struct PtauFile<'a> {
    data: &'a [u8],
    f: BinFile<'a>,
    pub power: u32,
    pub ceremony_power: u32,
    pub contributions: Vec<PtauContribution>,
    pub has_lagrange: bool,
}

/// Points in each section for a given power p.
pub fn section_len(id: u32, p: u32) -> u64 {
    let n = 1u64 << p;
    match id {
        TAU_G1 => 2 * n - 1,
        TAU_G2 | ALPHA_TAU_G1 | BETA_TAU_G1 => n,
        BETA_G2 => 1,
        LAGRANGE_TAU_G1 => 4 * n - 1,
        _ => 2 * n - 1,
    }
}

fn point_size(id: u32) -> usize {
    match id {
        TAU_G2 | BETA_G2 | LAGRANGE_TAU_G2 => G2_LEM,
        _ => G1_LEM,
    }
}

impl<'a> PtauFile<'a> {
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        let f = BinFile::parse(data, MAGIC, 1)?;
        let mut r = f.reader(1)?;
        let n8 = r.u32()?;
        if n8 != 32 || r.bytes(32)? != fq_modulus_le() {
            return Err(invalid("ptau: the curve is not bn128 (BN254)"));
        }
        let power = r.u32()?;
        let ceremony_power = r.u32()?;
        r.finish("header")?;
        if power == 0 || power > MAX_POWER || ceremony_power < power || ceremony_power > MAX_POWER {
            return Err(encoding(format!(
                "ptau: power {power} / ceremony power {ceremony_power} out of range"
            )));
        }
        let lagrange = [
            LAGRANGE_TAU_G1,
            LAGRANGE_TAU_G2,
            LAGRANGE_ALPHA_TAU_G1,
            LAGRANGE_BETA_TAU_G1,
        ];
        let n_lagrange = lagrange.iter().filter(|&&id| f.count(id) > 0).count();
        if n_lagrange != 0 && n_lagrange != 4 {
            return Err(encoding("ptau: only some of the Lagrange sections 12-15"));
        }
        let has_lagrange = n_lagrange == 4;
        let mut ids = vec![TAU_G1, TAU_G2, ALPHA_TAU_G1, BETA_TAU_G1, BETA_G2];
        if has_lagrange {
            ids.extend(lagrange);
        }
        for id in ids {
            let s = f.section(id)?;
            let want = section_len(id, power) * point_size(id) as u64;
            if s.len() as u64 != want {
                return Err(encoding(format!(
                    "ptau: section {id} has {} bytes, expected {want}",
                    s.len()
                )));
            }
        }
        let contributions = read_contributions(f.section(CONTRIBUTIONS)?)?;
        Ok(PtauFile {
            data,
            f,
            power,
            ceremony_power,
            contributions,
            has_lagrange,
        })
    }

    fn slice(&self, id: u32, start: u64, count: u64) -> Result<&'a [u8]> {
        let s = self.f.section(id)?;
        let size = point_size(id) as u64;
        let end = start
            .checked_add(count)
            .filter(|&e| e <= s.len() as u64 / size)
            .ok_or_else(|| {
                invalid(format!(
                    "ptau: points {start}..{start}+{count} of section {id} do not exist"
                ))
            })?;
        Ok(&s[(start * size) as usize..(end * size) as usize])
    }

    /// Points `start .. start + count` of a G1 section, decoded and validated.
    pub fn g1(&self, id: u32, start: u64, count: u64) -> Result<Vec<G1Affine>> {
        g1_array_from_lem(
            self.slice(id, start, count)?,
            &format!("ptau: section {id} from {start}"),
        )
    }

    pub fn g2(&self, id: u32, start: u64, count: u64) -> Result<Vec<G2Affine>> {
        g2_array_from_lem(
            self.slice(id, start, count)?,
            &format!("ptau: section {id} from {start}"),
        )
    }

    /// One G1 point.
    pub fn g1_at(&self, id: u32, i: u64) -> Result<G1Affine> {
        g1_from_lem(self.slice(id, i, 1)?, &|| {
            format!("ptau: section {id}[{i}]")
        })
    }

    pub fn g2_at(&self, id: u32, i: u64) -> Result<G2Affine> {
        g2_from_lem(self.slice(id, i, 1)?, &|| {
            format!("ptau: section {id}[{i}]")
        })
    }

    /// `len` raw file bytes starting right after the payload of section `id` (whatever
    /// follows it in the file), for reproducing snarkjs reads past a section's end.
    pub fn bytes_after(&self, id: u32, len: usize) -> Result<&'a [u8]> {
        let s = self.f.section(id)?;
        let end = s.as_ptr() as usize - self.data.as_ptr() as usize + s.len();
        self.data
            .get(end..end + len)
            .ok_or_else(|| invalid(format!("ptau: nothing after section {id} to read")))
    }

    /// The raw LEM bytes of points `start .. start + count` (already size-checked).
    pub fn raw(&self, id: u32, start: u64, count: u64) -> Result<&'a [u8]> {
        self.slice(id, start, count)
    }

    /// The Lagrange block of size 2^k of a section 12–15 (it starts at point 2^k − 1).
    pub fn lagrange_g1(&self, id: u32, log_n: u32, count: u64) -> Result<Vec<G1Affine>> {
        self.require_lagrange()?;
        self.g1(id, (1u64 << log_n) - 1, count)
    }

    pub fn lagrange_g2(&self, id: u32, log_n: u32, count: u64) -> Result<Vec<G2Affine>> {
        self.require_lagrange()?;
        self.g2(id, (1u64 << log_n) - 1, count)
    }

    fn require_lagrange(&self) -> Result<()> {
        if !self.has_lagrange {
            return Err(invalid(
                "ptau: no Lagrange sections (run `powersoftau prepare phase2` first)",
            ));
        }
        Ok(())
    }

    /// Decodes and validates every point of every section.
    pub fn validate_all(&self) -> Result<()> {
        let p = self.power;
        for id in [TAU_G1, ALPHA_TAU_G1, BETA_TAU_G1] {
            self.g1(id, 0, section_len(id, p))?;
        }
        for id in [TAU_G2, BETA_G2] {
            self.g2(id, 0, section_len(id, p))?;
        }
        if self.has_lagrange {
            for id in [LAGRANGE_TAU_G1, LAGRANGE_ALPHA_TAU_G1, LAGRANGE_BETA_TAU_G1] {
                self.g1(id, 0, section_len(id, p))?;
            }
            self.g2(LAGRANGE_TAU_G2, 0, section_len(LAGRANGE_TAU_G2, p))?;
        }
        Ok(())
    }
}

fn read_contributions(b: &[u8]) -> Result<Vec<PtauContribution>> {
    let mut r = Reader::new(b, "ptau");
    let n = r.u32()? as usize;
    let min = 9 * G1_LEM + 5 * G2_LEM + 216 + 64 + 8;
    if n > r.remaining() / min {
        return Err(encoding(format!(
            "ptau: section 7 claims {n} contributions, too many for its size"
        )));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let g1 = |r: &mut Reader<'_>, w: &'static str| -> Result<G1Affine> {
            g1_from_lem(r.bytes(G1_LEM)?, &|| format!("ptau: contribution {i}: {w}"))
        };
        let g2 = |r: &mut Reader<'_>, w: &'static str| -> Result<G2Affine> {
            g2_from_lem(r.bytes(G2_LEM)?, &|| format!("ptau: contribution {i}: {w}"))
        };
        let tau_g1 = g1(&mut r, "tauG1")?;
        let tau_g2 = g2(&mut r, "tauG2")?;
        let alpha_g1 = g1(&mut r, "alphaG1")?;
        let beta_g1 = g1(&mut r, "betaG1")?;
        let beta_g2 = g2(&mut r, "betaG2")?;
        let mut key_g1 = [(G1Affine::default(), G1Affine::default()); 3];
        for k in key_g1.iter_mut() {
            *k = (g1(&mut r, "g1_s")?, g1(&mut r, "g1_sx")?);
        }
        let mut key_g2 = [G2Affine::default(); 3];
        for k in key_g2.iter_mut() {
            *k = g2(&mut r, "g2_spx")?;
        }
        let partial_hash = r.bytes(216)?.to_vec();
        let mut next_challenge = [0u8; 64];
        next_challenge.copy_from_slice(r.bytes(64)?);
        let kind = r.u32()?;
        if kind > 1 {
            return Err(encoding(format!("ptau: contribution {i}: type {kind}")));
        }
        let params_len = r.u32()? as usize;
        let (name, num_iterations_exp, beacon_hash) = read_params(r.bytes(params_len)?, "ptau", i)?;
        out.push(PtauContribution {
            tau_g1,
            tau_g2,
            alpha_g1,
            beta_g1,
            beta_g2,
            key_g1,
            key_g2,
            partial_hash,
            next_challenge,
            kind,
            name,
            num_iterations_exp,
            beacon_hash,
        });
    }
    r.finish("contributions")?;
    Ok(out)
}

type Params = (Option<Vec<u8>>, Option<u8>, Option<Vec<u8>>);

/// The TLV parameters of a contribution: ids strictly increasing; 1 = name, 2 = iteration
/// exponent, 3 = beacon hash.
pub fn read_params(b: &[u8], kind: &'static str, i: usize) -> Result<Params> {
    let mut p = Reader::new(b, kind);
    let (mut name, mut exp, mut hash) = (None, None, None);
    let mut last = 0u8;
    while p.remaining() > 0 {
        let id = p.bytes(1)?[0];
        if id <= last {
            return Err(encoding(format!(
                "{kind}: contribution {i}: parameters not sorted"
            )));
        }
        last = id;
        match id {
            1 => {
                let len = p.bytes(1)?[0] as usize;
                name = Some(p.bytes(len)?.to_vec());
            }
            2 => exp = Some(p.bytes(1)?[0]),
            3 => {
                let len = p.bytes(1)?[0] as usize;
                hash = Some(p.bytes(len)?.to_vec());
            }
            _ => {
                return Err(encoding(format!(
                    "{kind}: contribution {i}: unknown parameter {id}"
                )))
            }
        }
    }
    Ok((name, exp, hash))
}
