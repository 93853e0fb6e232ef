//! Word sets as bitmaps of word shapes: a cheap first test before a hash lookup.

/// A set of words as a bitmap of their shapes (length, first and last two bytes): a
/// word whose shape is not in it is none of the words, found without hashing it whole.
#[derive(Debug, Clone)]
pub struct Shapes {
    bits: Box<[u64; 64]>,
}

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes { bits: Box::new([0; 64]) }
    }
}

impl Shapes {
    #[inline]
    fn slot(w: &[u8]) -> usize {
        let n = w.len();
        let byte = |k: usize| w.get(k).copied().unwrap_or(0) as u64;
        let x = n as u64 | byte(0) << 8 | byte(1) << 16 | byte(n.wrapping_sub(2)) << 24 | byte(n.wrapping_sub(1)) << 32;
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }
    pub fn insert(&mut self, w: &str) {
        let k = Self::slot(w.as_bytes());
        self.bits[k >> 6] |= 1 << (k & 63);
    }
    /// False only when `w` is none of the words inserted.
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let k = Self::slot(w.as_bytes());
        self.bits[k >> 6] & (1 << (k & 63)) != 0
    }
}
