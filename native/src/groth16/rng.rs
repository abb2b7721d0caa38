//! The OS CSPRNG as an `RngCore`, so arkworks' `UniformRand` can sample from it directly.
//!
//! Setup toxic waste, the prover's blinding factors and batch-verification scalars all come
//! from here: nothing is seeded from a value a caller could know or replay.
use ark_std::rand::{CryptoRng, Error as RandError, RngCore};

/// Reads every byte from the operating system (`getrandom`). Fails loudly (panic, caught at
/// the FFI) if the OS has no entropy source: there is no safe fallback.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRng;

impl RngCore for OsRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        getrandom::fill(dest).expect("the OS random number generator failed");
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), RandError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for OsRng {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_differ() {
        let mut r = OsRng;
        let a: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        let b: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_ne!(a, b);
    }
}
