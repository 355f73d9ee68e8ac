//! `sitrep explain`: how each sentence of a document was coded: the event words, the pattern
//! that fired, the roles found and the events, so that a reading can be audited.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ExplainArgs;
use crate::extract::{build_extractor, documents};
use crate::inputs;

pub fn run(args: ExplainArgs) -> Result<ExitCode> {
    let extractor = build_extractor(&args.dict, args.published.clone(), false)?;
    let cfg = sitrep_pipeline::ingest::IngestConfig {
        max_document_bytes: args.max_document_bytes,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0u64;
    for source in inputs::expand(&args.inputs) {
        for item in documents(source, &cfg) {
            let raw = match item {
                Ok(raw) => raw,
                Err(message) => {
                    failed += 1;
                    eprintln!("sitrep: {message}");
                    continue;
                }
            };
            let (reading, sentences) = extractor.explain(raw);
            let written = (|| -> io::Result<()> {
                writeln!(
                    out,
                    "== {} | {} | published {} | {} events",
                    reading.id,
                    reading.title.as_deref().unwrap_or("(no title)"),
                    reading.published.as_deref().unwrap_or("unknown"),
                    reading.events.len()
                )?;
                for s in &sentences {
                    writeln!(out, "{s}")?;
                }
                writeln!(out)
            })();
            if let Err(e) = written {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                return Err(anyhow::Error::new(e).context("cannot write to standard output"));
            }
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(anyhow::Error::new(e).context("cannot write to standard output"));
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
