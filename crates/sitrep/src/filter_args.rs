//! The filter options shared by `sitrep query` and `sitrep export`, turned into a store
//! [`Filter`].

use anyhow::{bail, Result};
use sitrep_store::{Filter, Near};

/// Filters over stored records. Codes match by prefix: `--actor AFG` matches `AFGGOV`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Actor or country code (either side of an event, the claimant, the entity).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Source actor code.
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Target actor code.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// CAMEO event code or prefix (`19`, `190`, `1831`).
    #[arg(long, value_name = "CODE")]
    pub cameo: Option<String>,
    /// CAMEO root code (two digits).
    #[arg(long, value_name = "NN")]
    pub root: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_name = "1-4", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// PLOVER event type (ASSAULT, ACCUSE, ...).
    #[arg(long, value_name = "TYPE")]
    pub plover: Option<String>,
    /// Earliest date, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Latest date, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Country of the place (ISO 3166-1 alpha-3, as in readings: AFG).
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Within a radius of a point: LAT,LON,KM (e.g. 34.5,69.2,50).
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near, allow_hyphen_values = true)]
    pub near: Option<Near>,
    /// Claimant: code prefix or words of who makes a casualty claim.
    #[arg(long, value_name = "WHO")]
    pub claimant: Option<String>,
    /// Full-text search over titles and article text (words, "phrases", OR, NOT, prefix*).
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// Only this document.
    #[arg(long, value_name = "ID")]
    pub document: Option<i64>,
    /// Only this story cluster.
    #[arg(long, value_name = "ID")]
    pub story: Option<i64>,
    /// Count near-duplicate copies too.
    #[arg(long)]
    pub include_duplicates: bool,
}

impl FilterArgs {
    /// The store filter, with dates checked.
    pub fn to_filter(&self) -> Result<Filter> {
        for (flag, d) in [("--since", &self.since), ("--until", &self.until)] {
            if let Some(d) = d {
                if sitrep_pipeline::datetime::normalize_date(d).as_deref() != Some(d.as_str()) {
                    bail!("{flag}: expected a date as YYYY-MM-DD, got {d:?}");
                }
            }
        }
        Ok(Filter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            cameo: self.cameo.clone(),
            root: self.root.clone(),
            quad: self.quad,
            plover: self.plover.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            country: self.country.clone(),
            near: self.near,
            claimant: self.claimant.clone(),
            text: self.text.clone(),
            document: self.document,
            story: self.story,
            include_duplicates: self.include_duplicates,
        })
    }
}

fn parse_near(s: &str) -> Result<Near, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let nums: Vec<f64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match nums[..] {
        [lat, lon, km]
            if parts.len() == 3
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon)
                && km > 0.0 =>
        {
            Ok(Near { lat, lon, km })
        }
        _ => Err(format!(
            "expected LAT,LON,KM with -90≤LAT≤90, -180≤LON≤180 and KM>0, got {s:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_is_checked() {
        assert_eq!(
            parse_near("34.5,69.2,50"),
            Ok(Near {
                lat: 34.5,
                lon: 69.2,
                km: 50.0
            })
        );
        assert!(parse_near("34.5,69.2").is_err());
        assert!(parse_near("95,0,10").is_err());
        assert!(parse_near("1,2,-3").is_err());
    }

    #[test]
    fn bad_dates_are_refused() {
        let a = FilterArgs {
            since: Some("2026-02-30".into()),
            ..FilterArgs::default()
        };
        assert!(a.to_filter().is_err());
    }
}
