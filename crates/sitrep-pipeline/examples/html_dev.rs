//! Runs the HTML extractor over a directory of `*.html.gz` pages: one JSON line per page
//! (`id`, `title`, `text`) on standard output, the speed of `extract` alone on standard error.
//!
//! ```text
//! cargo run --release -p sitrep-pipeline --example html_dev -- DIR > out.jsonl
//! ```

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use sitrep_pipeline::clean::html::extract;

/// Decodes page bytes: valid UTF-8 as is; else the charset a meta tag names (a page that says
/// UTF-8 but has a few bad bytes stays UTF-8); else chardetng's guess.
fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(bytes.get(..8192).unwrap_or(bytes)).to_ascii_lowercase();
    let named = head.find("charset=").and_then(|i| {
        let name: String = head
            .get(i + 8..)
            .unwrap_or("")
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        encoding_rs::Encoding::for_label(name.as_bytes())
    });
    let enc = match named {
        Some(e) if e == encoding_rs::UTF_8 => return String::from_utf8_lossy(bytes).into_owned(),
        Some(e) => e,
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    let mut dec = enc.new_decoder();
    let cap = dec
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut buf = vec![0u8; cap];
    let (_, _, written, _) = dec.decode_to_utf8(bytes, &mut buf, true);
    buf.truncate(written);
    String::from_utf8_lossy(&buf).into_owned()
}

/// CPU seconds this process has used (user + system), from `/proc/self/stat` on Linux: on a
/// shared machine wall-clock time measures the neighbours as much as the extractor.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let repeat: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for p in &paths {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p)?).read_to_end(&mut bytes)?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .trim_end_matches(".htm")
            .to_string();
        pages.push((id, decode(&bytes)));
    }
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let mut spent = Duration::ZERO;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // With HTML_DEV_DUMP=FILE, every block of every page goes to FILE, for analysing misses.
    let mut dump = match std::env::var("HTML_DEV_DUMP") {
        Ok(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        Err(_) => None,
    };
    let cpu_start = cpu_seconds();
    for round in 0..repeat {
        for (id, html) in &pages {
            let t = Instant::now();
            let a = extract(html);
            spent += t.elapsed();
            if round > 0 {
                continue;
            }
            if std::env::var("HTML_DEV_SHOW").is_ok_and(|s| id.contains(&s)) {
                for b in &a.blocks {
                    let kind = b.removed.map_or("KEEP", |k| k.as_str());
                    eprintln!("[{kind} {:?}] {}", b.role, b.text);
                }
                eprintln!("{:?}", a.meta);
            }
            if let Some(d) = dump.as_mut() {
                let blocks: Vec<_> = a
                    .blocks
                    .iter()
                    .map(|b| serde_json::json!([b.removed.map_or("keep", |k| k.as_str()), b.text]))
                    .collect();
                writeln!(d, "{}", serde_json::json!({"id": id, "blocks": blocks}))?;
            }
            let text: Vec<&str> = a
                .blocks
                .iter()
                .filter(|b| b.is_kept())
                .map(|b| b.text.as_str())
                .collect();
            let line =
                serde_json::json!({"id": id, "title": a.meta.title, "text": text.join("\n\n")});
            writeln!(out, "{line}")?;
        }
    }
    let n = pages.len() as f64 * f64::from(repeat);
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        eprintln!(
            "cpu time of the extraction loop (with JSON output in round 1): {:.2} s, {:.0} pages/s",
            b - a,
            n / (b - a)
        );
    }
    eprintln!(
        "{} pages ({:.1} MB) x{repeat}: extract {:.3} s, {:.0} pages/s, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        spent.as_secs_f64(),
        n / spent.as_secs_f64(),
        bytes as f64 * f64::from(repeat) / 1e6 / spent.as_secs_f64()
    );
    Ok(())
}
