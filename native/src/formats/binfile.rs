//! The iden3 binary container shared by `.r1cs`, `.wtns`, `.zkey` and `.ptau`:
//! `magic[4] | version u32 | nSections u32 | (id u32, size u64, payload)*`, all little-endian.
//!
//! [`BinFile`] indexes the sections of a borrowed byte slice (a `Vec` or, later, a memory
//! map) without copying payloads; [`Reader`] is a bounds-checked cursor over one payload;
//! [`BinWriter`] writes sections and back-patches their sizes. Every failure is an `Err`,
//! never a panic: all offsets come from the file and are checked before use.
use ark_bn254::Fr;
use ark_ff::PrimeField;

use crate::error::{Error, Result};

/// Byte size of an Fr element in these files (`n8` for bn128's scalar field).
pub const FR_N8: usize = 32;

pub(crate) fn encoding(msg: impl Into<String>) -> Error {
    Error::InvalidEncoding(msg.into())
}

/// A parsed container: the version and the table of sections (id, payload offset, size).
#[derive(Debug, Clone)]
pub struct BinFile<'a> {
    data: &'a [u8],
    kind: &'static str,
    version: u32,
    sections: Vec<(u32, usize, usize)>,
}

impl<'a> BinFile<'a> {
    /// Checks magic and version, then walks the section headers once (payloads are skipped,
    /// not read). Sections may appear in any order; unknown ids are kept in the table.
    pub fn parse(data: &'a [u8], magic: &[u8; 4], max_version: u32) -> Result<Self> {
        let kind = match magic {
            b"r1cs" => "r1cs",
            b"wtns" => "wtns",
            b"zkey" => "zkey",
            b"ptau" => "ptau",
            _ => "binary",
        };
        let mut r = Reader::new(data, kind);
        let m = r
            .bytes(4)
            .map_err(|_| encoding(format!("{kind}: file too short")))?;
        if m != magic {
            return Err(encoding(format!(
                "{kind}: bad magic {:?} (expected {:?})",
                String::from_utf8_lossy(m),
                String::from_utf8_lossy(magic)
            )));
        }
        let version = r.u32()?;
        if version == 0 || version > max_version {
            return Err(Error::InvalidInput(format!(
                "{kind}: unsupported version {version} (this reader accepts 1..={max_version})"
            )));
        }
        let n_sections = r.u32()?;
        // Each section header takes 12 bytes, so a count beyond that is a lie; cap the
        // allocation by what the file can hold.
        let mut sections = Vec::with_capacity((n_sections as usize).min(r.remaining() / 12));
        for i in 0..n_sections {
            let id = r.u32()?;
            let size = r.u64()?;
            let size = usize::try_from(size)
                .ok()
                .filter(|&s| s <= r.remaining())
                .ok_or_else(|| {
                    encoding(format!(
                        "{kind}: section {i} (id {id}) claims {size} bytes, only {} remain",
                        r.remaining()
                    ))
                })?;
            sections.push((id, r.pos, size));
            r.pos += size;
        }
        if r.remaining() != 0 {
            return Err(encoding(format!(
                "{kind}: {} trailing bytes after the last section",
                r.remaining()
            )));
        }
        Ok(BinFile {
            data,
            kind,
            version,
            sections,
        })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// How many sections carry this id.
    pub fn count(&self, id: u32) -> usize {
        self.sections.iter().filter(|s| s.0 == id).count()
    }

    /// The payload of the one section with this id; an error if absent or repeated.
    pub fn section(&self, id: u32) -> Result<&'a [u8]> {
        let mut found = self.sections.iter().filter(|s| s.0 == id);
        let (_, off, size) = found
            .next()
            .ok_or_else(|| encoding(format!("{}: missing section {id}", self.kind)))?;
        if found.next().is_some() {
            return Err(encoding(format!(
                "{}: section {id} appears twice",
                self.kind
            )));
        }
        Ok(&self.data[*off..*off + *size])
    }

    /// A cursor over the unique section `id`; call [`Reader::finish`] after reading it.
    pub fn reader(&self, id: u32) -> Result<Reader<'a>> {
        Ok(Reader::new(self.section(id)?, self.kind))
    }
}

/// A little-endian cursor over one payload; every read is bounds-checked.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    kind: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8], kind: &'static str) -> Self {
        Reader { buf, pos: 0, kind }
    }

    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Offset of the cursor within the payload.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(encoding(format!(
                "{}: truncated (needed {n} bytes at offset {}, {} left)",
                self.kind,
                self.pos,
                self.remaining()
            )));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// One canonical Fr element, `n8` = 32 bytes LE in normal form.
    pub fn fr(&mut self) -> Result<Fr> {
        let kind = self.kind;
        let at = self.pos;
        fr_from_le_word(self.bytes(FR_N8)?)
            .ok_or_else(|| encoding(format!("{kind}: field element >= r at offset {at}")))
    }

    /// Reads the `n8` and `prime` header fields and requires BN254's scalar field.
    pub fn expect_fr_prime(&mut self) -> Result<()> {
        let n8 = self.u32()?;
        if n8 as usize != FR_N8 {
            return Err(Error::InvalidInput(format!(
                "{}: field size n8 = {n8}, only BN254 (n8 = 32) is supported",
                self.kind
            )));
        }
        let p = self.bytes(FR_N8)?;
        if p != fr_modulus_le().as_slice() {
            return Err(Error::InvalidInput(format!(
                "{}: the field prime is not BN254's scalar field r",
                self.kind
            )));
        }
        Ok(())
    }

    /// Requires that the whole payload was consumed.
    pub fn finish(&self, what: &str) -> Result<()> {
        if self.remaining() != 0 {
            return Err(encoding(format!(
                "{}: {what}: {} unexpected bytes at the end of the section",
                self.kind,
                self.remaining()
            )));
        }
        Ok(())
    }
}

pub use crate::bn254::encoding::fr_from_le_word;

pub fn fr_to_le_bytes(x: &Fr, out: &mut Vec<u8>) {
    out.extend_from_slice(&crate::bn254::encoding::fr_to_le(x));
}

/// r as 32 LE bytes, the `prime` field of r1cs/wtns headers.
pub fn fr_modulus_le() -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, limb) in Fr::MODULUS.0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&limb.to_le_bytes());
    }
    out
}

/// Writes a container: header first, then sections whose sizes are patched on close.
#[derive(Debug)]
pub struct BinWriter {
    buf: Vec<u8>,
    open: Option<usize>,
}

impl BinWriter {
    pub fn new(magic: &[u8; 4], version: u32, n_sections: u32) -> Self {
        let mut buf = Vec::new();
        buf.extend_from_slice(magic);
        buf.extend_from_slice(&version.to_le_bytes());
        buf.extend_from_slice(&n_sections.to_le_bytes());
        BinWriter { buf, open: None }
    }

    /// Reserves room for the payload about to be written (an optimisation only).
    pub fn reserve(&mut self, n: usize) {
        self.buf.reserve(n);
    }

    /// The output so far, for writers that append payload bytes directly.
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    pub fn start_section(&mut self, id: u32) {
        debug_assert!(self.open.is_none(), "section already open");
        self.buf.extend_from_slice(&id.to_le_bytes());
        self.open = Some(self.buf.len());
        self.buf.extend_from_slice(&0u64.to_le_bytes());
    }

    pub fn end_section(&mut self) {
        if let Some(at) = self.open.take() {
            let size = (self.buf.len() - at - 8) as u64;
            self.buf[at..at + 8].copy_from_slice(&size.to_le_bytes());
        }
    }

    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    pub fn fr(&mut self, x: &Fr) {
        fr_to_le_bytes(x, &mut self.buf);
    }

    /// `n8` = 32 and the prime r, the field header of r1cs/wtns (and zkey) files.
    pub fn fr_prime(&mut self) {
        self.u32(FR_N8 as u32);
        self.bytes(&fr_modulus_le());
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.end_section();
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = BinWriter::new(b"test", 1, 3);
        w.start_section(2);
        w.u32(7);
        w.end_section();
        w.start_section(1);
        w.u64(9);
        w.bytes(b"xy");
        w.end_section();
        w.start_section(99);
        w.end_section();
        w.finish()
    }

    #[test]
    fn sections_any_order_and_sizes_patched() {
        let data = sample();
        let f = BinFile::parse(&data, b"test", 1).unwrap();
        assert_eq!(f.version(), 1);
        assert_eq!(f.section(1).unwrap().len(), 10);
        assert_eq!(f.section(2).unwrap(), &7u32.to_le_bytes());
        assert_eq!(f.section(99).unwrap().len(), 0);
        assert!(matches!(f.section(3), Err(Error::InvalidEncoding(_))));
    }

    #[test]
    fn rejects_bad_headers() {
        let data = sample();
        assert!(matches!(
            BinFile::parse(&data, b"r1cs", 1),
            Err(Error::InvalidEncoding(_))
        ));
        let mut v2 = data.clone();
        v2[4] = 2;
        assert!(matches!(
            BinFile::parse(&v2, b"test", 1),
            Err(Error::InvalidInput(_))
        ));
        let mut extra = data.clone();
        extra.push(0);
        assert!(BinFile::parse(&extra, b"test", 1).is_err());
        for n in 0..data.len() {
            assert!(BinFile::parse(&data[..n], b"test", 1).is_err(), "len {n}");
        }
        // A huge section count must not allocate or overflow.
        let mut many = data.clone();
        many[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(BinFile::parse(&many, b"test", 1).is_err());
        // A size that would wrap the offset.
        let mut huge = data.clone();
        huge[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(BinFile::parse(&huge, b"test", 1).is_err());
    }

    #[test]
    fn duplicate_section_rejected_on_unique_read() {
        let mut w = BinWriter::new(b"test", 1, 2);
        for _ in 0..2 {
            w.start_section(5);
            w.u32(1);
            w.end_section();
        }
        let data = w.finish();
        let f = BinFile::parse(&data, b"test", 1).unwrap();
        assert_eq!(f.count(5), 2);
        assert!(matches!(f.section(5), Err(Error::InvalidEncoding(_))));
    }

    #[test]
    fn reader_fr_canonical() {
        let m = fr_modulus_le();
        assert!(Reader::new(&m, "t").fr().is_err());
        let mut below = m;
        below[0] -= 1;
        assert_eq!(Reader::new(&below, "t").fr().unwrap(), -Fr::from(1u64));
    }
}
