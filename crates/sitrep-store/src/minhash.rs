//! Near-duplicate detection: MinHash signatures over word shingles, and LSH band keys.
//!
//! Everything here is frozen by [`MINHASH_VERSION`]: the tokenizer, the shingle width, the hash
//! function and its seeds. Signatures stored by one version of sitrep are compared with those
//! computed by the next, and band keys computed on one machine (a Spark executor) are grouped with
//! those computed on another, so none of it may depend on the platform, the build or a random
//! seed. The hash is our own (FNV-1a over the shingle, then a SplitMix64 finalizer per
//! permutation), not `std`'s `DefaultHasher`, whose output is allowed to change between releases.
//!
//! ```
//! use sitrep_store::minhash::{Signature, similarity};
//! let a = Signature::of("Artillery fire killed at least 14 civilians in the besieged city of El Fasher on Wednesday, the regional health ministry said.");
//! let b = Signature::of("Artillery fire killed at least 14 civilians in the besieged city of El Fasher on Wednesday, the regional health ministry said on Thursday.");
//! let c = Signature::of("The central bank left interest rates unchanged for a third month as inflation eased in the capital.");
//! assert!(similarity(&a, &b) > 0.6);
//! assert!(similarity(&a, &c) < 0.2);
//! assert_eq!(a.band_keys().len(), sitrep_store::minhash::BANDS);
//! ```

/// Bumped whenever anything below changes the signature of a text; stored beside signatures.
pub const MINHASH_VERSION: u32 = 1;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Permutations (hash functions) per signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands; each band holds `PERMUTATIONS / BANDS` rows. 32 × 4 puts the candidate threshold
/// near a Jaccard similarity of (1/32)^(1/4) ≈ 0.42; candidates are then checked on the full
/// signature.
pub const BANDS: usize = 32;
const ROWS: usize = PERMUTATIONS / BANDS;
const SEED: u64 = 0x5173_7265_7000_0001;

/// A MinHash signature: the minimum of each permuted shingle hash. Empty for a text with no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature of a text: lower-cased alphanumeric words, shingled [`SHINGLE`] at a time.
    /// A text shorter than one shingle is one shingle.
    pub fn of(text: &str) -> Signature {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Signature(Vec::new());
        }
        let seeds = seeds();
        let mut mins = vec![u32::MAX; PERMUTATIONS];
        let width = SHINGLE.min(words.len());
        for shingle in words.windows(width) {
            let mut h = FNV_OFFSET;
            for (i, w) in shingle.iter().enumerate() {
                if i > 0 {
                    h = fnv_byte(h, b' ');
                }
                for &b in w.as_bytes() {
                    h = fnv_byte(h, b);
                }
            }
            for (m, s) in mins.iter_mut().zip(seeds.iter()) {
                let v = (splitmix(h ^ s) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Signature(mins)
    }

    /// One key per band: a stable 63-bit hash of the band's index and rows (positive, so that it
    /// fits a signed 64-bit database column). Documents sharing a key are candidates.
    pub fn band_keys(&self) -> Vec<i64> {
        if self.0.len() != PERMUTATIONS {
            return Vec::new();
        }
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = fnv_byte(FNV_OFFSET, band as u8);
                for r in rows {
                    for b in r.to_le_bytes() {
                        h = fnv_byte(h, b);
                    }
                }
                (splitmix(h) >> 1) as i64
            })
            .collect()
    }

    /// The signature as little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads back [`Signature::to_bytes`]; `None` if the length is not a whole signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.is_empty() {
            return Some(Signature(Vec::new()));
        }
        if bytes.len() != PERMUTATIONS * 4 {
            return None;
        }
        Some(Signature(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

/// The estimated Jaccard similarity of the two shingle sets: the share of equal rows. Zero when
/// either text had no words.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    if a.0.len() != PERMUTATIONS || b.0.len() != PERMUTATIONS {
        return 0.0;
    }
    let same = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    same as f64 / PERMUTATIONS as f64
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn seeds() -> [u64; PERMUTATIONS] {
    let mut out = [0u64; PERMUTATIONS];
    let mut s = SEED;
    for o in out.iter_mut() {
        s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
        *o = splitmix(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frozen values: if this test fails, signatures stored by earlier versions no longer
    /// compare. Bump MINHASH_VERSION and migrate instead of editing the expectation.
    #[test]
    fn signatures_are_frozen() {
        let s = Signature::of("Artillery fire killed at least 14 civilians");
        assert_eq!(s.0.len(), PERMUTATIONS);
        let keys = s.band_keys();
        let digest = keys.iter().fold(0u64, |a, &k| a.rotate_left(7) ^ k as u64);
        assert_eq!((s.0[0], s.0[127], digest), FROZEN);
    }
    const FROZEN: (u32, u32, u64) = (1526692679, 2084743499, 11593788787631042087);

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let a = Signature::of("Kabul, March 17 -- Pakistani jets struck");
        let b = Signature::of("KABUL March 17: pakistani JETS struck!");
        assert_eq!(a, b);
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn empty_text_has_no_signature_and_no_keys() {
        let e = Signature::of(" -- ");
        assert!(e.0.is_empty());
        assert!(e.band_keys().is_empty());
        assert_eq!(similarity(&e, &e), 0.0);
    }

    #[test]
    fn bytes_round_trip() {
        let s = Signature::of("one two three four five six seven");
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }
}
