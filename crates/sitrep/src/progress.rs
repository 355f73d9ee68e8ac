//! Progress of a long run on standard error: a bar on a terminal, one JSON line per second for
//! machines, or nothing.
//!
//! The bar counts bytes of the inputs where their sizes are known (so that the ETA means
//! something on a 50 GB WARC) and shows documents and documents per second beside them.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// A bar when standard error is a terminal, else nothing.
    Auto,
    /// Always a bar.
    Bar,
    /// One JSON object per second on standard error.
    Json,
    /// Nothing.
    None,
}

/// The counters progress shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Snapshot {
    pub documents: u64,
    pub stored: u64,
    pub unchanged: u64,
    pub failed: u64,
    pub bytes: u64,
}

/// A progress display.
pub struct Progress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    started: Instant,
    last_line: Instant,
    total_bytes: Option<u64>,
}

impl Progress {
    /// Starts showing progress; `total_bytes` is the size of the inputs when every one is known.
    pub fn start(mode: ProgressMode, total_bytes: Option<u64>) -> Progress {
        let mode = match mode {
            ProgressMode::Auto if std::io::stderr().is_terminal() => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::None,
            m => m,
        };
        let bar = (mode == ProgressMode::Bar).then(|| {
            let (bar, template) = match total_bytes {
                Some(n) => (
                    ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                    "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {msg} (ETA {eta})",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                    "{elapsed_precise} {spinner} {msg}",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        let now = Instant::now();
        Progress {
            mode,
            bar,
            started: now,
            last_line: now,
            total_bytes,
        }
    }

    fn rate(&self, docs: u64) -> f64 {
        let secs = self.started.elapsed().as_secs_f64();
        if secs > 0.0 {
            docs as f64 / secs
        } else {
            0.0
        }
    }

    /// Shows the counters (at most once a second for JSON).
    pub fn update(&mut self, s: Snapshot) {
        match self.mode {
            ProgressMode::Bar => {
                if let Some(bar) = &self.bar {
                    bar.set_position(s.bytes);
                    bar.set_message(format!(
                        "{} docs, {:.0} docs/s, {} stored, {} unchanged, {} failed",
                        s.documents,
                        self.rate(s.documents),
                        s.stored,
                        s.unchanged,
                        s.failed
                    ));
                }
            }
            ProgressMode::Json => {
                if self.last_line.elapsed() >= Duration::from_secs(1) {
                    self.last_line = Instant::now();
                    let line = serde_json::json!({
                        "progress": {
                            "documents": s.documents,
                            "stored": s.stored,
                            "unchanged": s.unchanged,
                            "failed": s.failed,
                            "bytes": s.bytes,
                            "total_bytes": self.total_bytes,
                            "docs_per_s": (self.rate(s.documents) * 10.0).round() / 10.0,
                            "elapsed_s": self.started.elapsed().as_secs(),
                        }
                    });
                    eprintln!("{line}");
                }
            }
            ProgressMode::Auto | ProgressMode::None => {}
        }
    }

    /// Reports a document that failed, without tearing the bar; in JSON mode as a JSON line
    /// (`{"failed": "..."}`), so that standard error stays machine-readable.
    pub fn failure(&self, message: &str) {
        if self.mode == ProgressMode::Json {
            eprintln!("{}", serde_json::json!({ "failed": message }));
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("sitrep: {message}")),
            None => eprintln!("sitrep: {message}"),
        }
    }

    /// Seconds since the start.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
