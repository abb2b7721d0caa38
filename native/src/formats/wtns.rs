//! The `.wtns` witness format (version 2): section 1 = `n8 | prime | nWitness`,
//! section 2 = nWitness values, 32 bytes LE each, normal form, in wire order.
use ark_bn254::Fr;
use rayon::prelude::*;

use super::binfile::{encoding, fr_from_le_word, BinFile, BinWriter, FR_N8};
use crate::error::{invalid, Result};

const MAGIC: &[u8; 4] = b"wtns";
const VERSION: u32 = 2;
const HEADER: u32 = 1;
const VALUES: u32 = 2;

/// Parses and validates a `.wtns` file: every value must be canonical (< r).
pub fn from_bytes(data: &[u8]) -> Result<Vec<Fr>> {
    Ok(fr_words_from_bytes(data)?
        .par_chunks_exact(FR_N8)
        .with_min_len(1 << 12)
        .map(|c| fr_from_le_word(c).expect("checked canonical"))
        .collect())
}

/// The values section of a validated `.wtns` file, still as 32-byte LE words: the witness
/// in the FFI's array form, without decoding it (only checking each word is < r).
pub fn fr_words_from_bytes(data: &[u8]) -> Result<&[u8]> {
    let f = BinFile::parse(data, MAGIC, VERSION)?;
    let mut h = f.reader(HEADER)?;
    h.expect_fr_prime()?;
    let n = h.u32()? as usize;
    h.finish("header")?;
    let values = f.section(VALUES)?;
    if values.len() as u64 != n as u64 * FR_N8 as u64 {
        return Err(encoding(format!(
            "wtns: values section is {} bytes, expected 32 * nWitness = {}",
            values.len(),
            n as u64 * FR_N8 as u64
        )));
    }
    let bad = values
        .par_chunks_exact(FR_N8)
        .with_min_len(1 << 12)
        .position_first(|c| fr_from_le_word(c).is_none());
    if let Some(i) = bad {
        return Err(encoding(format!("wtns: value {i} is >= r")));
    }
    Ok(values)
}

/// Writes a `.wtns` file (version 2) for `witness`.
pub fn to_bytes(witness: &[Fr]) -> Result<Vec<u8>> {
    let n = u32::try_from(witness.len()).map_err(|_| invalid("wtns: more than 2^32 - 1 values"))?;
    let mut w = BinWriter::new(MAGIC, VERSION, 2);
    w.start_section(HEADER);
    w.fr_prime();
    w.u32(n);
    w.end_section();
    w.start_section(VALUES);
    w.reserve(witness.len() * FR_N8);
    for x in witness {
        w.fr(x);
    }
    w.end_section();
    Ok(w.finish())
}

/// Writes a `.wtns` file from 32-byte LE words, checking each is < r.
pub fn words_to_bytes(words: &[u8]) -> Result<Vec<u8>> {
    if words.len() % FR_N8 != 0 {
        return Err(invalid(format!(
            "wtns: {} bytes is not a whole number of 32-byte words",
            words.len()
        )));
    }
    let witness = crate::bn254::ops::scalars_from_le(words)?;
    to_bytes(&witness)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::formats::r1cs::{tests::sample, R1cs};

    #[test]
    fn roundtrip_and_layout() {
        let (_, w) = sample();
        let bytes = to_bytes(&w).unwrap();
        assert_eq!(&bytes[..12], b"wtns\x02\x00\x00\x00\x02\x00\x00\x00");
        assert_eq!(bytes.len(), 12 + 12 + 40 + 12 + 32 * w.len());
        assert_eq!(from_bytes(&bytes).unwrap(), w);
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] = 0xff;
        assert!(matches!(from_bytes(&bad), Err(Error::InvalidEncoding(_))));
    }

    /// Truncations and single-byte flips of valid files: always Ok or Err, never a panic.
    #[test]
    fn fuzz_truncate_and_flip() {
        let (r1cs, w) = sample();
        let r = r1cs.to_bytes().unwrap();
        let t = to_bytes(&w).unwrap();
        for n in 0..r.len() {
            assert!(R1cs::from_bytes(&r[..n]).is_err());
        }
        for n in 0..t.len() {
            assert!(from_bytes(&t[..n]).is_err());
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut rr = r.clone();
            let mut tt = t.clone();
            for _ in 0..1 + next() % 3 {
                let i = (next() as usize) % rr.len();
                rr[i] ^= 1 << (next() % 8);
                let j = (next() as usize) % tt.len();
                tt[j] = next() as u8;
            }
            if let Ok(parsed) = R1cs::from_bytes(&rr) {
                let _ = parsed.is_satisfied(&w);
                let _ = parsed.to_bytes();
            }
            let _ = from_bytes(&tt);
        }
        // Every byte set to each extreme, one at a time.
        for i in 0..r.len() {
            for v in [0u8, 0xff] {
                let mut rr = r.clone();
                rr[i] = v;
                let _ = R1cs::from_bytes(&rr);
            }
        }
    }
}
