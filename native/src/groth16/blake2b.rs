//! BLAKE2b-512 with an exportable state, for the `.ptau` "partialHash" (FORMATS.md §6.1):
//! snarkjs stores the response hasher's internal state before the public key is absorbed,
//! and `powersoftau verify` resumes from it. The layout (216 bytes) follows noble-hashes'
//! `toPartialHash`: the 128-byte block buffer, h0..h7 (u64 LE), a u32 count of compressed
//! bytes at 192 and a u32 count of pending bytes at 200, everything else zero. Like noble,
//! compression of a full block is delayed until more input arrives.
use crate::error::{invalid, Result};

const IV: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

const SIGMA: [[usize; 16]; 12] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
];

/// Size of the exported state.
pub const PARTIAL_HASH_LEN: usize = 216;

/// An unkeyed BLAKE2b with a 64-byte digest.
#[derive(Clone)]
pub struct Blake2b {
    h: [u64; 8],
    buf: [u8; 128],
    /// Bytes in `buf` not yet compressed (0..=128).
    pos: usize,
    /// Bytes already compressed.
    compressed: u128,
}

impl Default for Blake2b {
    fn default() -> Self {
        Self::new()
    }
}

impl Blake2b {
    pub fn new() -> Self {
        let mut h = IV;
        h[0] ^= 0x0101_0040; // digest length 64, no key, fanout 1, depth 1
        Blake2b {
            h,
            buf: [0; 128],
            pos: 0,
            compressed: 0,
        }
    }

    fn compress(&mut self, last: bool) {
        let block = self.buf;
        let n = self.pos;
        self.compress_block(&block, n, last);
    }

    /// Compresses one 128-byte block holding `n` new bytes.
    fn compress_block(&mut self, block: &[u8], n: usize, last: bool) {
        let mut m = [0u64; 16];
        for (i, w) in m.iter_mut().enumerate() {
            *w = u64::from_le_bytes(block[8 * i..8 * i + 8].try_into().expect("8"));
        }
        let t = self.compressed + n as u128;
        let mut v = [0u64; 16];
        v[..8].copy_from_slice(&self.h);
        v[8..].copy_from_slice(&IV);
        v[12] ^= t as u64;
        v[13] ^= (t >> 64) as u64;
        if last {
            v[14] = !v[14];
        }
        for s in &SIGMA {
            g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            self.h[i] ^= v[i] ^ v[i + 8];
        }
        self.compressed = t;
        self.pos = 0;
    }

    /// Absorbs `data`. As in noble-hashes, a full block that is not the last of this call
    /// is compressed straight from the input, and the last one waits in the buffer; this
    /// only matters for the stale bytes an exported state carries.
    pub fn update(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.pos == 128 {
                self.compress(false);
            }
            if self.pos == 0 && data.len() > 128 {
                self.compress_block(&data[..128], 128, false);
                self.pos = 0;
                data = &data[128..];
                continue;
            }
            let take = (128 - self.pos).min(data.len());
            self.buf[self.pos..self.pos + take].copy_from_slice(&data[..take]);
            self.pos += take;
            data = &data[take..];
        }
    }

    pub fn finalize(mut self) -> [u8; 64] {
        self.buf[self.pos..].fill(0);
        self.compress(true);
        let mut out = [0u8; 64];
        for (i, w) in self.h.iter().enumerate() {
            out[8 * i..8 * i + 8].copy_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The 216-byte state snarkjs stores as `partialHash`.
    pub fn export(&self) -> [u8; PARTIAL_HASH_LEN] {
        let mut out = [0u8; PARTIAL_HASH_LEN];
        out[..128].copy_from_slice(&self.buf);
        for (i, w) in self.h.iter().enumerate() {
            out[128 + 8 * i..136 + 8 * i].copy_from_slice(&w.to_le_bytes());
        }
        out[192..196].copy_from_slice(&(self.compressed as u32).to_le_bytes());
        out[200..204].copy_from_slice(&(self.pos as u32).to_le_bytes());
        out
    }

    /// Resumes from an exported state.
    pub fn import(b: &[u8]) -> Result<Self> {
        if b.len() != PARTIAL_HASH_LEN {
            return Err(invalid("partialHash must have 216 bytes"));
        }
        let mut buf = [0u8; 128];
        buf.copy_from_slice(&b[..128]);
        let mut h = [0u64; 8];
        for (i, w) in h.iter_mut().enumerate() {
            *w = u64::from_le_bytes(b[128 + 8 * i..136 + 8 * i].try_into().expect("8"));
        }
        let compressed = u32::from_le_bytes(b[192..196].try_into().expect("4")) as u128;
        let pos = u32::from_le_bytes(b[200..204].try_into().expect("4")) as usize;
        if pos > 128 || compressed % 128 != 0 {
            return Err(invalid("partialHash: inconsistent hasher state"));
        }
        Ok(Blake2b {
            h,
            buf,
            pos,
            compressed,
        })
    }
}

#[inline(always)]
fn g(v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize, x: u64, y: u64) {
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
    v[d] = (v[d] ^ v[a]).rotate_right(32);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(24);
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
    v[d] = (v[d] ^ v[a]).rotate_right(16);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(63);
}

#[cfg(test)]
mod tests {
    use super::*;
    use blake2::{Blake2b512, Digest};

    #[test]
    fn matches_blake2_crate_and_resumes() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in [0usize, 1, 127, 128, 129, 256, 257, 1000] {
            let want = Blake2b512::digest(&data[..len]);
            let mut h = Blake2b::new();
            for chunk in data[..len].chunks(37) {
                h.update(chunk);
            }
            assert_eq!(
                h.clone().finalize().as_slice(),
                want.as_slice(),
                "len {len}"
            );
            // Export mid-stream, resume, finish.
            let mut a = Blake2b::new();
            a.update(&data[..len / 2]);
            let mut b = Blake2b::import(&a.export()).unwrap();
            b.update(&data[len / 2..len]);
            assert_eq!(b.finalize().as_slice(), want.as_slice());
        }
    }
}
