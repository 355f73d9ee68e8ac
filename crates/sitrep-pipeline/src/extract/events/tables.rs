//! CAMEO code tables: labels, Goldstein weights, PLOVER events and quad classes.
//!
//! The principal type is [`CodeTable`], loaded from `data/events/codes.tsv` and
//! `data/events/goldstein.tsv`.
//!
//! ```
//! use sitrep_pipeline::extract::events::tables::CodeTable;
//! let t = CodeTable::embedded();
//! assert_eq!(t.label("039"), Some("Express intent to mediate"));
//! assert_eq!(t.goldstein("039"), 5.0);
//! assert_eq!(t.plover("190").as_deref(), Some("ASSAULT"));
//! assert_eq!(CodeTable::quad("190"), 4);
//! ```

use std::collections::HashMap;

const CODES_TSV: &str = include_str!("../../../data/events/codes.tsv");
const GOLDSTEIN_TSV: &str = include_str!("../../../data/events/goldstein.tsv");

/// One code's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodeInfo {
    pub label: String,
    pub plover: Option<String>,
    pub goldstein: Option<f64>,
}

/// The CAMEO codes with their label, PLOVER event and Goldstein weight.
#[derive(Debug, Clone, Default)]
pub struct CodeTable {
    codes: HashMap<String, CodeInfo>,
}

impl CodeTable {
    /// The embedded tables.
    pub fn embedded() -> CodeTable {
        let mut t = CodeTable::default();
        for line in CODES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(code), Some(label)) = (f.next(), f.next()) else {
                continue;
            };
            let plover = f.next().map(str::trim).filter(|p| !p.is_empty());
            t.codes.insert(
                code.to_string(),
                CodeInfo {
                    label: label.to_string(),
                    plover: plover.map(str::to_string),
                    goldstein: None,
                },
            );
        }
        for line in GOLDSTEIN_TSV.lines().filter(|l| !l.starts_with('#')) {
            let Some((code, value)) = line.split_once('\t') else {
                continue;
            };
            if let Ok(v) = value.trim().parse::<f64>() {
                t.codes.entry(code.to_string()).or_default().goldstein = Some(v);
            }
        }
        t
    }

    /// Whether `code` is a CAMEO code of the table.
    pub fn knows(&self, code: &str) -> bool {
        self.codes.get(code).is_some_and(|c| !c.label.is_empty())
    }

    pub fn label(&self, code: &str) -> Option<&str> {
        self.codes.get(code).map(|c| c.label.as_str())
    }

    /// The code's Goldstein weight, else its parent's (`1823` → `182` → `18`), else 0.
    pub fn goldstein(&self, code: &str) -> f64 {
        [code.get(..4), code.get(..3), code.get(..2)]
            .into_iter()
            .flatten()
            .find_map(|c| self.codes.get(c).and_then(|i| i.goldstein))
            .unwrap_or(0.0)
    }

    /// The PLOVER event of the code, else of its parent; `None` for the CAMEO roots that
    /// PLOVER dropped (01 statements and 02 appeals are not in CAMEO2PLOVER-2021).
    pub fn plover(&self, code: &str) -> Option<String> {
        [code.get(..4), code.get(..3)]
            .into_iter()
            .flatten()
            .find_map(|c| self.codes.get(c).and_then(|i| i.plover.clone()))
    }

    /// The quad class of a code: roots 01–05 verbal cooperation (1), 06–08 material
    /// cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4).
    pub fn quad(code: &str) -> u8 {
        match code
            .get(..2)
            .and_then(|r| r.parse::<u8>().ok())
            .unwrap_or(1)
        {
            0..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        }
    }
}
