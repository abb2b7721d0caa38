//! Key and proof types shared by setup, proving, verifying and the `.zkey` reader/writer.
use ark_bn254::{Fr, G1Affine, G2Affine};

/// One entry of the A or B matrix (`.zkey` section 4), coefficient in normal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coef {
    /// 0 = A, 1 = B.
    pub matrix: u8,
    /// Row: an R1CS constraint, or `m + s` for the extra row `w_s · 0 = 0` of public wire s.
    pub constraint: u32,
    /// Column: the wire.
    pub signal: u32,
    pub value: Fr,
}

/// A Groth16 proving key, field for field a snarkjs `.zkey` (protocol 1).
#[derive(Debug, Clone, PartialEq)]
pub struct ProvingKey {
    /// Wires, wire 0 included (`nVars`).
    pub n_vars: usize,
    /// Public wires after wire 0 (`nPublic`: outputs then public inputs).
    pub n_public: usize,
    /// Power of two strictly greater than m + n_public.
    pub domain_size: usize,
    pub alpha1: G1Affine,
    pub beta1: G1Affine,
    pub beta2: G2Affine,
    pub gamma2: G2Affine,
    pub delta1: G1Affine,
    pub delta2: G2Affine,
    /// n_public + 1 points.
    pub ic: Vec<G1Affine>,
    pub coeffs: Vec<Coef>,
    /// n_vars points each.
    pub a: Vec<G1Affine>,
    pub b1: Vec<G1Affine>,
    pub b2: Vec<G2Affine>,
    /// For wires n_public + 1 .. n_vars (divided by δ).
    pub c: Vec<G1Affine>,
    /// domain_size points: odd-coset Lagrange basis at τ, divided by δ.
    pub h: Vec<G1Affine>,
    /// `.zkey` section 10 (csHash and phase-2 contributions), kept verbatim when present.
    pub mpc: Option<Vec<u8>>,
}

/// The verifying key (snarkjs `verification_key.json` without the derived `vk_alphabeta_12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    pub alpha1: G1Affine,
    pub beta2: G2Affine,
    pub gamma2: G2Affine,
    pub delta2: G2Affine,
    /// n_public + 1 points.
    pub ic: Vec<G1Affine>,
}

/// A Groth16 proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof {
    pub a: G1Affine,
    pub b: G2Affine,
    pub c: G1Affine,
}

impl ProvingKey {
    /// The verifying key part.
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            alpha1: self.alpha1,
            beta2: self.beta2,
            gamma2: self.gamma2,
            delta2: self.delta2,
            ic: self.ic.clone(),
        }
    }
}
