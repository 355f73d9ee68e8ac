//! The `sitrep` binary: command-line interface, wiring and IO.
//!
//! This is the only crate that reads files, standard input and the environment, and the only one
//! that writes to standard output. The library crates get readers and typed configuration.
//!
//! Commands:
//! - `sitrep extract INPUT...`: read documents and print one JSON reading per document
//!   (the output contract, `CONTRACT.md`);
//! - `sitrep explain INPUT...`: show how each sentence was coded into events;
//! - `sitrep ingest INPUT...`: read documents and store their readings in a database;
//! - `sitrep query`, `sitrep story ID`, `sitrep stats`: what the database holds;
//! - `sitrep export --format FORMAT`: write stored documents out (csv, jsonl, parquet, gdelt,
//!   acled);
//! - `sitrep serve`: the HTTP API and the dashboard over a database;
//! - `sitrep process`: a JSON Lines filter for scale-out (Spark), one line per document;
//! - `sitrep import PATH... --db LOCATION` (feature `parquet`): load the Spark job's Parquet
//!   output into a store.

mod cli;
mod dict;
mod explain;
mod export;
mod extract;
mod filter_args;
#[cfg(feature = "parquet")]
mod import;
mod ingest;
mod inputs;
mod order;
mod process;
mod progress;
mod query;
mod serve;
mod stats;
mod tabular;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Extract(args) => extract::run(args),
        cli::Command::Explain(args) => explain::run(args),
        cli::Command::Ingest(args) => ingest::run(args),
        cli::Command::Query(args) => query::run(*args),
        cli::Command::Story(args) => query::run_story(args),
        cli::Command::Stats(args) => stats::run(args),
        cli::Command::Export(args) => export::run(*args),
        cli::Command::Serve(args) => serve::run(args),
        cli::Command::Process(args) => process::run(args),
        #[cfg(feature = "parquet")]
        cli::Command::Import(args) => import::run(args),
    };
    match result {
        Ok(status) => status,
        Err(err) => {
            eprintln!("sitrep: {err:#}");
            ExitCode::from(2)
        }
    }
}
