//! `sitrep serve` as a process: it binds, answers over real HTTP, reads posted documents with the
//! pipeline into the store, refuses weak tokens, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-serve-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A running server, killed if the test fails before stopping it.
struct Server {
    child: Child,
    addr: String,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
    let mut child = sitrep()
        .arg("serve")
        .args(args)
        .args(["--bind", "127.0.0.1:0"])
        .env_remove("SITREP_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sitrep serve");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        addr,
        stderr,
    }
}

/// One HTTP/1.1 exchange; returns (status, headers in lower case, body).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).expect("write");
    s.write_all(body).expect("write body");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

#[test]
fn serves_ingests_and_stops_on_sigterm() {
    let dir = temp_dir("run");
    let db = dir.join("t.db");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "0123456789abcdef0123\n").expect("token");
    let mut server = start(&[
        "--db",
        db.to_str().expect("path"),
        "--token-file",
        token_file.to_str().expect("path"),
    ]);
    let addr = server.addr.clone();

    let (status, head, body) = http(&addr, "GET", "/api/stats", &[], b"");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("content-security-policy: default-src 'self'"));
    let stats: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(stats["documents"], 0);

    let doc = br#"{"url":"https://example.org/a","published":"2026-03-17","text":"Kabul talks\n\nAfghanistan accused Pakistan of shelling border villages on Monday, officials in Kabul said."}"#;
    let (status, _, body) = http(
        &addr,
        "POST",
        "/api/documents",
        &[("Content-Type", "application/json")],
        doc,
    );
    assert_eq!(status, 401, "{body}");
    let (status, _, body) = http(
        &addr,
        "POST",
        "/api/documents",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer 0123456789abcdef0123"),
        ],
        doc,
    );
    assert_eq!(status, 201, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).expect("json");
    let id = answer["results"][0]["doc"].as_i64().expect("doc id");
    let (status, _, body) = http(&addr, "GET", &format!("/api/documents/{id}"), &[], b"");
    assert_eq!(status, 200);
    let stored: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(stored["reading"]["url"], "https://example.org/a");
    assert!(
        stored["reading"]["events"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "the posted document was read by the pipeline: {body}"
    );
    let (status, _, body) = http(&addr, "GET", "/api/events?actor=AFG", &[], b"");
    assert_eq!(status, 200);
    assert!(body.contains("\"doc\":"), "{body}");

    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(term.success());
    let status = server.child.wait().expect("wait");
    assert!(status.success(), "exit status {status:?}");
    let mut rest = String::new();
    server.stderr.read_to_string(&mut rest).expect("stderr");
    assert!(rest.contains("stopped"), "{rest}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn posting_is_off_without_a_token_and_weak_tokens_are_refused() {
    let dir = temp_dir("token");
    let db = dir.join("t.db");
    let server = start(&["--db", db.to_str().expect("path")]);
    let (status, _, body) = http(
        &server.addr,
        "POST",
        "/api/documents",
        &[("Content-Type", "text/plain")],
        b"Hello.",
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--token-file"));
    drop(server);

    let weak = dir.join("weak");
    std::fs::write(&weak, "short").expect("token");
    let out = sitrep()
        .args([
            "serve",
            "--db",
            db.to_str().expect("path"),
            "--bind",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&weak)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 16 characters"));
    let _ = std::fs::remove_dir_all(&dir);
}
