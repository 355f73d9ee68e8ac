//! End-to-end tests of the `sitrep` binary: golden readings, bad input, ordering, exit status.
//!
//! Golden readings live in `test_data/extract/`: each input `NNNN_name.EXT` sits beside
//! `NNNN_name.expect.json`, the output of `sitrep extract --format json` on it, and optionally
//! `NNNN_name.args` with extra arguments on one line. Run with `UPDATE_EXPECT=1` to rewrite the
//! expectations, then review the diff.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    sitrep()
        .args(args)
        .output()
        .expect("the sitrep binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn readings(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn golden_readings() {
    let dir = test_data().join("extract");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut inputs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            !n.ends_with(".expect.json") && !n.ends_with(".args") && !n.starts_with('.')
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 8,
        "one golden fixture per input kind at least"
    );
    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap().to_string();
        let expect_path = dir.join(format!("{stem}.expect.json"));
        let mut cmd = sitrep();
        cmd.args(["extract", "--quiet", "--format", "json"]);
        if let Ok(extra) = fs::read_to_string(dir.join(format!("{stem}.args"))) {
            cmd.args(extra.split_whitespace());
        }
        let out = cmd.arg(input).output().unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let got = stdout(&out);
        if update {
            fs::write(&expect_path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&expect_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{name}: reading differs from {}",
                expect_path.display()
            ));
            let got_path = std::env::temp_dir().join(format!("{stem}.got.json"));
            fs::write(&got_path, &got).unwrap();
            failures.push(format!(
                "  diff -u {} {}",
                expect_path.display(),
                got_path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden readings changed (UPDATE_EXPECT=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn seed_reads_as_the_analyst_reads_it() {
    let seed = repo_root().join("examples/seed/article.txt");
    let out = run(&[
        "extract",
        "--quiet",
        "--published",
        "2026-03-17",
        seed.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = &readings(&out)[0];
    assert_eq!(r["id"], "article");
    assert_eq!(
        r["title"],
        "Russia says ready to mediate in Afghanistan-Pakistan conflict"
    );
    assert_eq!(r["published"], "2026-03-17");
    assert_eq!(r["language"], "en");
    let text = r["text"].as_str().unwrap();
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paras.len(), 11, "{text}");
    assert!(paras[0].starts_with("Russia expressed readiness to mediate"));
    assert!(paras[10].starts_with("Islamabad accuses Afghanistan"));
    for bad in ["Sitelerimizde", "çerez", "reklam", "\nX\n"] {
        assert!(!text.contains(bad), "{bad:?} left in the text");
    }
    let removed = r["removed"].as_array().unwrap();
    assert!(
        removed
            .iter()
            .any(|x| x["kind"] == "ui_control" && x["text"] == "X"),
        "{removed:?}"
    );
    let tr: Vec<_> = removed
        .iter()
        .filter(|x| x["kind"] == "cookie_notice" && x["language"] == "tr")
        .collect();
    assert_eq!(tr.len(), 4, "{removed:?}");
    assert_eq!(removed.len(), 5, "nothing else removed: {removed:?}");
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = scratch("bad");
    fs::write(
        dir.join("good.txt"),
        "A headline\n\nA paragraph of the story that is long enough.\n",
    )
    .unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(dir.join("junk.bin"), &junk).unwrap();
    let mut gz = Vec::new();
    {
        let mut e = flate2_gzip(&mut gz);
        e.write_all(&"<html><body><p>cut short</p>".repeat(200).into_bytes())
            .unwrap();
    }
    gz.truncate(gz.len() / 2);
    fs::write(dir.join("truncated.html.gz"), &gz).unwrap();
    fs::write(
        dir.join("truncated.warc"),
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("broken.rss"),
        "<?xml version=\"1.0\"?><rss><channel><item><title>A</title><description>x</desc",
    )
    .unwrap();
    fs::write(
        dir.join("latin1.txt"),
        b"Caf\xe9 headline\n\nDer B\xfcrgermeister sagte am Montag, die Lage sei ernst.\n",
    )
    .unwrap();
    let deep = format!(
        "<html><body>{}<p>deep text</p></body></html>",
        "<div>".repeat(100_000)
    );
    fs::write(dir.join("deep.html"), deep).unwrap();
    let huge = fs::File::create(dir.join("huge.txt")).unwrap();
    (&huge)
        .write_all(&b"A headline of a very long document\n\n".repeat(100))
        .unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    drop(huge);

    let out = run(&[
        "extract",
        dir.to_str().unwrap(),
        dir.join("missing.txt").to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for name in [
        "empty.txt",
        "junk.bin",
        "truncated.html.gz",
        "truncated.warc",
        "huge.txt",
        "missing.txt",
    ] {
        assert!(
            err.lines().any(|l| l.contains(name)),
            "{name} not named on stderr:\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let got = readings(&out);
    let ids: Vec<&str> = got.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"good"), "{ids:?}");
    assert!(ids.contains(&"latin1"), "{ids:?}");
    assert!(ids.contains(&"deep"), "{ids:?}");
    let latin1 = got.iter().find(|r| r["id"] == "latin1").unwrap();
    assert!(
        latin1["text"].as_str().unwrap().contains("Bürgermeister"),
        "{latin1}"
    );
    let _ = fs::remove_dir_all(&dir);
}

fn flate2_gzip(out: &mut Vec<u8>) -> impl Write + '_ {
    // A gzip stream with a fixed header and stored (uncompressed) deflate blocks is enough to
    // make a truncated member; building it by hand keeps this test free of extra dependencies.
    struct Gz<'a> {
        out: &'a mut Vec<u8>,
        buf: Vec<u8>,
    }
    impl Write for Gz<'_> {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.buf.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl Drop for Gz<'_> {
        fn drop(&mut self) {
            self.out
                .extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
            let chunks: Vec<&[u8]> = self.buf.chunks(65535).collect();
            for (i, c) in chunks.iter().enumerate() {
                self.out.push(u8::from(i + 1 == chunks.len()));
                let n = c.len() as u16;
                self.out.extend_from_slice(&n.to_le_bytes());
                self.out.extend_from_slice(&(!n).to_le_bytes());
                self.out.extend_from_slice(c);
            }
            // CRC32 and size trailer are left out on purpose: the stream is cut anyway.
        }
    }
    Gz {
        out,
        buf: Vec::new(),
    }
}

#[test]
fn output_order_is_input_order_whatever_the_threads() {
    let examples = repo_root().join("examples/samples");
    let one = run(&[
        "extract",
        "--quiet",
        "--threads",
        "1",
        examples.to_str().unwrap(),
    ]);
    let three = run(&[
        "extract",
        "--quiet",
        "--threads",
        "3",
        examples.to_str().unwrap(),
    ]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(stdout(&one), stdout(&three));
    assert!(readings(&one).len() >= 10);
}

#[test]
fn standard_input_is_read_with_dash() {
    let mut child = sitrep()
        .args(["extract", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Headline from a pipe\n\nThe body came in on standard input and is read all the same.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let r = &readings(&out)[0];
    assert_eq!(r["title"], "Headline from a pipe");
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(run(&["extract"]).status.code(), Some(2));
    let bad_date = run(&["extract", "--published", "17.03.2026", "x.txt"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));
    assert_eq!(
        run(&["extract", "--threads", "0", "x.txt"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn user_dictionaries_extend_the_lexicon_without_recompiling() {
    let dir = scratch("dict");
    let doc = dir.join("story.txt");
    fs::write(
        &doc,
        "Talks resume in Doha\n\nDelegations from both sides met on Tuesday for a second round of talks.\n\nGrab the Example app now\n",
    )
    .unwrap();
    let before = run(&["extract", "--quiet", doc.to_str().unwrap()]);
    assert!(readings(&before)[0]["text"]
        .as_str()
        .unwrap()
        .contains("Grab the Example app"));

    let after = extract_with_dict(
        &dir,
        "lexicon/controls.tsv",
        "en\tGrab the Example app now\tadvertisement\n",
        &doc,
    );
    assert!(after.status.success(), "{}", stderr(&after));
    let r = &readings(&after)[0];
    assert!(!r["text"].as_str().unwrap().contains("Grab the Example app"));
    assert!(r["removed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["kind"] == "advertisement"));

    fs::write(dir.join("dict/lexicon/cookie.tsv"), "en\tno weight here\n").unwrap();
    let bad = run(&[
        "extract",
        "--dict",
        dir.join("dict").to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("cookie.tsv:1"), "{}", stderr(&bad));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn user_actor_files_add_actors() {
    let dir = scratch("actors");
    let doc = dir.join("story.txt");
    fs::write(
        &doc,
        "Talks resume\n\nQorvanel Drasvik said on Tuesday that the talks would resume next week.\n",
    )
    .unwrap();
    let entity = |out: &Output| {
        readings(out)[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["text"] == "Qorvanel Drasvik")
            .cloned()
    };
    let before = run(&["extract", "--quiet", doc.to_str().unwrap()]);
    assert!(entity(&before).is_none_or(|e| e["code"].is_null()));
    let after = extract_with_dict(
        &dir,
        "actors/mine.txt",
        "@kind person\nKAZGOV\tQorvanel Drasvik\n",
        &doc,
    );
    assert!(after.status.success(), "{}", stderr(&after));
    let e = entity(&after).expect("the user's actor is found");
    assert_eq!(e["code"], "KAZGOV");
    assert_eq!(e["country"], "KAZ");
    let _ = fs::remove_dir_all(&dir);
}

/// Writes `content` to `dir/dict/file` and reads `doc` with `--dict dir/dict`.
fn extract_with_dict(dir: &Path, file: &str, content: &str, doc: &Path) -> Output {
    let path = dir.join("dict").join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    run(&[
        "extract",
        "--quiet",
        "--dict",
        dir.join("dict").to_str().unwrap(),
        doc.to_str().unwrap(),
    ])
}

#[test]
fn explain_shows_patterns_roles_and_events_of_the_seed() {
    let seed = repo_root().join("examples/seed/article.txt");
    let out = run(&[
        "explain",
        "--published",
        "2026-03-17",
        seed.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("== article | Russia says ready to mediate"),
        "{text}"
    );
    // Every sentence is numbered, the patterns name their file and line, events show their codes.
    assert!(text.contains("[1] Russia expressed readiness"), "{text}");
    assert!(text.contains(".txt:"), "{text}");
    assert!(text.contains("-039-> Afghanistan (AFG)"), "{text}");
    let bad = run(&["explain", "/no/such/file.txt"]);
    assert_eq!(bad.status.code(), Some(1));
}
