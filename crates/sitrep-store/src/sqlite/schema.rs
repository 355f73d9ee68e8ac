//! The schema and its migrations.
//!
//! Migrations are numbered SQL files embedded at build time (`migrations/NNNN_name.sql`);
//! migration `n` brings a database from version `n - 1` to `n`. The version is kept in
//! `PRAGMA user_version`, and every pending migration runs in one transaction with the version
//! bump, so that a database is always at some whole version. A database whose version is newer
//! than [`crate::SCHEMA_VERSION`] was written by a newer sitrep and is refused.

use rusqlite::Connection;

use crate::error::{Result, StoreError};
use crate::SCHEMA_VERSION;

/// The migrations, in order: `MIGRATIONS[i]` brings version `i` to `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[("0001_init", include_str!("migrations/0001_init.sql"))];

const _: () = assert!(MIGRATIONS.len() as i64 == SCHEMA_VERSION);

/// The schema version of a database (0 for a new, empty one).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection, target: &str, read_only: bool) -> Result<()> {
    let fail = |e: rusqlite::Error| super::open_error(target, e);
    let found = version(conn).map_err(fail)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::Schema {
            target: target.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    if read_only {
        return Err(StoreError::ReadOnly {
            target: target.to_string(),
            reason: format!(
                "schema version {found} needs upgrading to {SCHEMA_VERSION}, which needs write access"
            ),
        });
    }
    if found == 0 && !is_empty(conn).map_err(fail)? {
        return Err(StoreError::Open {
            target: target.to_string(),
            reason: "an SQLite database with tables of its own, not a sitrep store".to_string(),
        });
    }
    let tx = conn.transaction().map_err(fail)?;
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql).map_err(|e| match fail(e) {
            StoreError::Open { target, reason } => StoreError::Backend {
                op: format!("migration {name} ({target})"),
                reason,
            },
            other => other,
        })?;
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(n == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_is_compiled_in() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x)")
            .unwrap();
    }

    #[test]
    fn migrations_reach_the_current_version_and_refuse_newer() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, "mem", false).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn, "mem", false).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn, "mem", false),
            Err(StoreError::Schema { found, .. }) if found == SCHEMA_VERSION + 1
        ));
    }

    #[test]
    fn a_foreign_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE mine (x)").unwrap();
        assert!(matches!(
            migrate(&mut conn, "mem", false),
            Err(StoreError::Open { .. })
        ));
    }
}
