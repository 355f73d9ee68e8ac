//! `sitrep process`, the filter Spark pipes documents through: one line per document, error lines
//! instead of failures, the readings `sitrep extract` gives, and byte-identical output for the
//! same input whatever the number of threads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/samples")
        .canonicalize()
        .expect("examples/samples")
}

fn process(input: &str, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("process")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sitrep binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn input() -> String {
    let s = samples();
    let wire = s.join("wire.jsonl");
    let first = std::fs::read_to_string(&wire)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let mut inline: serde_json::Value = serde_json::from_str(&first).unwrap();
    inline["input"] = wire.display().to_string().into();
    inline["record"] = 1.into();
    format!(
        "{{\"path\": \"{}\"}}\nnot json\n{}\n\n{{\"path\": \"/no/such/file.warc.gz\"}}\n{{\"path\": \"{}\"}}\n",
        s.join("crawl.warc.gz").display(),
        inline,
        s.join("sudan-el-fasher.html").display(),
    )
}

#[test]
fn documents_and_errors_come_out_in_input_order() {
    let out = process(&input(), &["--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    let warc = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--quiet"])
        .arg(samples().join("crawl.warc.gz"))
        .output()
        .unwrap();
    let n_warc = String::from_utf8_lossy(&warc.stdout).lines().count();
    assert!(n_warc >= 2, "the sample WARC holds several pages");
    // WARC documents, an error, the inline document, an error, the HTML page.
    assert_eq!(got.len(), n_warc + 4);
    for (line, expected) in got
        .iter()
        .zip(String::from_utf8_lossy(&warc.stdout).lines())
    {
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
        assert_eq!(line["reading"], expected, "the reading is extract's");
        assert_eq!(line["content_hash"].as_str().unwrap().len(), 64);
        assert_eq!(line["band_keys"].as_array().unwrap().len(), 32);
        assert_eq!(line["minhash"].as_str().unwrap().len(), 128 * 8);
        assert_eq!(line["published_date"], expected["published"]);
        assert!(line["key"].as_str().unwrap().contains("crawl.warc.gz#"));
    }
    assert_eq!(got[n_warc]["input"], "not json");
    assert!(got[n_warc]["error"].as_str().unwrap().contains("not JSON"));
    let inline = &got[n_warc + 1];
    assert_eq!(inline["origin"]["record"], 1);
    assert!(inline["key"].as_str().unwrap().ends_with("wire.jsonl#1"));
    let wire = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--quiet"])
        .arg(samples().join("wire.jsonl"))
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&wire.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        inline["reading"], first,
        "an inline line reads as its file's line"
    );
    assert!(got[n_warc + 2]["error"]
        .as_str()
        .unwrap()
        .contains("cannot open"));
    assert_eq!(got[n_warc + 3]["reading"]["id"], "sudan-el-fasher");
}

#[test]
fn output_is_byte_identical_whatever_the_threads() {
    let input = input();
    let one = process(&input, &["--quiet"]);
    let again = process(&input, &["--quiet"]);
    let three = process(&input, &["--quiet", "--threads", "3"]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, again.stdout);
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn reading_options_apply() {
    let doc = "{\"id\": \"x\", \"text\": \"Talks resumed on Monday in Doha.\"}\n";
    let out = process(doc, &["--quiet", "--published", "2026-03-17"]);
    let got = lines(&out);
    assert_eq!(got[0]["published_date"], "2026-03-17");
    let tiny = process(doc, &["--quiet", "--max-document-bytes", "10"]);
    let got = lines(&tiny);
    assert!(got[0]["error"].is_string(), "{:?}", got[0]);
}
