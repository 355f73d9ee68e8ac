//! `sitrep serve`: the HTTP API and dashboard over a store.
//!
//! The server crate knows HTTP and the store; this module adds what only the binary may do: open
//! the database, read the token from a file or the environment, bind the socket, read posted
//! documents with the pipeline ([`PipelineIngest`]), and stop on Ctrl-C or SIGTERM, letting
//! requests in flight finish.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use sitrep_model::{Body, RawDocument, RecordRef};
use sitrep_pipeline::extract::Extractor;
use sitrep_server::{IncomingBody, IncomingDocument, Ingest, IngestError, ServerConfig};
use sitrep_store::{NewDocument, PutMode, PutOutcome, Store};

use crate::extract::{build_extractor, read_guarded};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The database: a path to an SQLite file or `sqlite:PATH`.
    #[arg(long, value_name = "PATH", default_value = "sitrep.db")]
    pub db: String,

    /// The address to listen on. The default serves this machine only; use 0.0.0.0:PORT to serve
    /// others (behind a TLS proxy).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// A file holding the bearer token that POST /api/documents requires (else the SITREP_TOKEN
    /// environment variable; with neither, posting is disabled).
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// The largest request body accepted, in bytes; larger ones are answered 413.
    #[arg(long, value_name = "BYTES", default_value_t = sitrep_server::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,

    /// A folder of user vocabulary files for reading posted documents (repeatable).
    #[arg(long, value_name = "DIR")]
    pub dict: Vec<PathBuf>,

    /// Open the dashboard in the default browser once listening.
    #[arg(long)]
    pub open: bool,
}

/// Reads posted documents with the pipeline and stores them, as `sitrep ingest` does.
struct PipelineIngest {
    store: Arc<dyn Store>,
    extractor: Extractor,
}

impl Ingest for PipelineIngest {
    fn ingest(&self, docs: Vec<IncomingDocument>) -> Result<Vec<PutOutcome>, IngestError> {
        let mut batch = Vec::with_capacity(docs.len());
        for (index, doc) in docs.into_iter().enumerate() {
            let body = match doc.body {
                IncomingBody::Html(s) => Body::Html(s),
                IncomingBody::Text(s) => Body::Text(s),
            };
            let bytes = body.as_str().as_bytes().to_vec();
            let content_hash = hex(&Sha256::digest(&bytes));
            let origin = RecordRef {
                input: "POST /api/documents".to_string(),
                record: Some(index as u64),
                offset: None,
            };
            let raw = RawDocument {
                origin: origin.clone(),
                id: format!("posted-{}", &content_hash[..16]),
                url: doc.url,
                title: doc.title,
                published: doc.published,
                captured: None,
                body,
            };
            let reading = read_guarded(&self.extractor, raw)
                .map_err(|reason| IngestError::Document { index, reason })?;
            batch.push(NewDocument {
                reading,
                origin,
                content_hash,
                raw: Some(bytes),
                captured: None,
                reader_version: env!("CARGO_PKG_VERSION").to_string(),
            });
        }
        Ok(self.store.put(batch, PutMode::Skip)?)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The token from `--token-file`, else `SITREP_TOKEN`, else none (posting disabled).
fn token(args: &ServeArgs) -> Result<Option<String>> {
    let (token, from) = match &args.token_file {
        Some(path) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read --token-file {}", path.display()))?,
            format!("--token-file {}", path.display()),
        ),
        None => match std::env::var("SITREP_TOKEN") {
            Ok(t) => (t, "SITREP_TOKEN".to_string()),
            Err(std::env::VarError::NotPresent) => return Ok(None),
            Err(e) => bail!("SITREP_TOKEN: {e}"),
        },
    };
    let token = token.trim().to_string();
    if token.len() < 16 || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("{from}: the token must be at least 16 characters, without spaces");
    }
    Ok(Some(token))
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let token = token(&args)?;
    let store: Arc<dyn Store> = Arc::from(
        sitrep_store::open(&args.db).with_context(|| format!("cannot open {}", args.db))?,
    );
    let extractor = build_extractor(&args.dict, None, false)?;
    let posting = token.is_some();
    let ingest: Arc<dyn Ingest> = Arc::new(PipelineIngest {
        store: store.clone(),
        extractor,
    });
    let config = ServerConfig {
        token,
        max_body_bytes: args.max_body_bytes,
    };
    let app = sitrep_server::app(store, Some(ingest), config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        let url = format!("http://{addr}/");
        eprintln!(
            "sitrep: serving {} on {url} (API under /api, OpenAPI at /openapi.json); \
             posting documents is {}; Ctrl-C stops",
            args.db,
            if posting {
                "enabled"
            } else {
                "disabled (no token)"
            },
        );
        if args.open {
            if let Err(e) = std::process::Command::new("xdg-open").arg(&url).spawn() {
                eprintln!("sitrep: cannot open a browser ({e}); visit {url}");
            }
        }
        sitrep_server::serve(listener, app, shutdown_signal())
            .await
            .context("the server stopped")?;
        eprintln!("sitrep: stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("sitrep: shutting down, finishing requests in flight");
}
