//! Opening the store a command names with `--db`.

use anyhow::{bail, Result};
use sitrep_store::Store;

/// The store at `location`: `postgres://...` (with the `postgres` feature).
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        {
            return Ok(Box::new(sitrep_store::postgres::PgStore::connect(
                location,
            )?));
        }
        #[cfg(not(feature = "postgres"))]
        bail!("{location}: this sitrep was built without the postgres feature");
    }
    bail!("{location}: not a store location this sitrep can open (postgres://...)")
}
