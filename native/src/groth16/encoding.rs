//! Compact binary forms of proofs and verifying keys (big-endian, the public point
//! encodings of `crate::bn254::encoding`: G1 64 bytes x‖y, G2 128 bytes x.c1‖x.c0‖y.c1‖y.c0,
//! infinity all zero). Decoding checks every point (curve and subgroup).
//!
//! ```text
//! proof         := A (G1) ‖ B (G2) ‖ C (G1)                                   256 bytes
//! verifying key := alpha1 (G1) ‖ beta2 (G2) ‖ gamma2 (G2) ‖ delta2 (G2)
//!                  ‖ u32 BE n_public ‖ (n_public + 1) × IC (G1)     452 + 64·(n_public+1)
//! ```
use super::keys::{Proof, VerifyingKey};
use crate::bn254::encoding::{
    g1_from_uncompressed, g1_write_uncompressed, g2_from_uncompressed, g2_write_uncompressed,
};
use crate::error::{invalid, Result};

pub const PROOF_BYTES: usize = 256;
/// The verifying key up to and including n_public.
pub const VK_HEADER_BYTES: usize = 452; // 64 + 3·128 + 4

pub fn proof_to_bytes(p: &Proof) -> [u8; PROOF_BYTES] {
    let mut out = [0u8; PROOF_BYTES];
    g1_write_uncompressed(&p.a, &mut out[..64]);
    g2_write_uncompressed(&p.b, &mut out[64..192]);
    g1_write_uncompressed(&p.c, &mut out[192..]);
    out
}

pub fn proof_from_bytes(b: &[u8]) -> Result<Proof> {
    if b.len() != PROOF_BYTES {
        return Err(invalid(format!(
            "proof: expected {PROOF_BYTES} bytes, got {}",
            b.len()
        )));
    }
    Ok(Proof {
        a: g1_from_uncompressed(&b[..64])?,
        b: g2_from_uncompressed(&b[64..192])?,
        c: g1_from_uncompressed(&b[192..])?,
    })
}

pub fn vk_to_bytes(vk: &VerifyingKey) -> Vec<u8> {
    let mut out = vec![0u8; VK_HEADER_BYTES + 64 * vk.ic.len()];
    g1_write_uncompressed(&vk.alpha1, &mut out[..64]);
    g2_write_uncompressed(&vk.beta2, &mut out[64..192]);
    g2_write_uncompressed(&vk.gamma2, &mut out[192..320]);
    g2_write_uncompressed(&vk.delta2, &mut out[320..448]);
    let n_public = vk.ic.len().saturating_sub(1) as u32;
    out[448..452].copy_from_slice(&n_public.to_be_bytes());
    for (p, chunk) in vk
        .ic
        .iter()
        .zip(out[VK_HEADER_BYTES..].chunks_exact_mut(64))
    {
        g1_write_uncompressed(p, chunk);
    }
    out
}

pub fn vk_from_bytes(b: &[u8]) -> Result<VerifyingKey> {
    if b.len() < VK_HEADER_BYTES {
        return Err(invalid(format!(
            "verifying key: {} bytes, shorter than its {VK_HEADER_BYTES}-byte header",
            b.len()
        )));
    }
    let n_public = u32::from_be_bytes(b[448..452].try_into().unwrap()) as usize;
    let want = (n_public + 1)
        .checked_mul(64)
        .and_then(|x| x.checked_add(VK_HEADER_BYTES));
    if want != Some(b.len()) {
        return Err(invalid(format!(
            "verifying key: {} bytes, but n_public = {n_public} needs {}",
            b.len(),
            VK_HEADER_BYTES + 64 * (n_public + 1)
        )));
    }
    Ok(VerifyingKey {
        alpha1: g1_from_uncompressed(&b[..64])?,
        beta2: g2_from_uncompressed(&b[64..192])?,
        gamma2: g2_from_uncompressed(&b[192..320])?,
        delta2: g2_from_uncompressed(&b[320..448])?,
        ic: crate::bn254::ops::g1_points_from_uncompressed(&b[VK_HEADER_BYTES..])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::{G1Affine, G2Affine};
    use ark_ec::AffineRepr;

    #[test]
    fn round_trips_and_rejects_bad_lengths() {
        let g1 = G1Affine::generator();
        let g2 = G2Affine::generator();
        let p = Proof {
            a: g1,
            b: g2,
            c: G1Affine::zero(),
        };
        let b = proof_to_bytes(&p);
        assert_eq!(proof_from_bytes(&b).unwrap(), p);
        assert!(proof_from_bytes(&b[..255]).is_err());
        let mut off = b;
        off[63] ^= 1; // A no longer on the curve
        assert!(proof_from_bytes(&off).is_err());
        let vk = VerifyingKey {
            alpha1: g1,
            beta2: g2,
            gamma2: g2,
            delta2: g2,
            ic: vec![g1, g1],
        };
        let vb = vk_to_bytes(&vk);
        assert_eq!(vb.len(), 452 + 128);
        assert_eq!(vk_from_bytes(&vb).unwrap(), vk);
        assert!(vk_from_bytes(&vb[..vb.len() - 64]).is_err());
        assert!(vk_from_bytes(&vb[..100]).is_err());
    }
}
