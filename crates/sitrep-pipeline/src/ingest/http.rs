//! The HTTP message inside a WARC `response` record: status line, headers, and the body's
//! transfer and content encodings.
//!
//! Crawlers differ in what they store: some keep the bytes as sent (chunked, gzipped), some
//! store the decoded body but keep the original headers. So a body that does not parse as chunks,
//! or does not start with the gzip magic, is taken as already decoded rather than as an error.

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use super::source::{read_capped, GZIP_MAGIC};

/// What the HTTP status line and headers say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Head {
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub transfer_encoding: Option<String>,
    pub content_encoding: Option<String>,
    /// The `Date` header: when the server sent the page.
    pub date: Option<String>,
}

impl Head {
    /// Parses the status line and header lines (without the blank line that ends them).
    pub fn parse(lines: &[Vec<u8>]) -> Head {
        let mut head = Head::default();
        let Some((status, headers)) = lines.split_first() else {
            return head;
        };
        let status = String::from_utf8_lossy(status);
        head.status = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok());
        for line in headers {
            let line = String::from_utf8_lossy(line);
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            let key = key.trim().to_ascii_lowercase();
            let slot = match key.as_str() {
                "content-type" => &mut head.content_type,
                "transfer-encoding" => &mut head.transfer_encoding,
                "content-encoding" => &mut head.content_encoding,
                "date" => &mut head.date,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        head
    }

    /// Whether the status is a success (2xx); pages of errors and redirects are not articles.
    pub fn is_success(&self) -> bool {
        self.status.is_none_or(|s| (200..300).contains(&s))
    }

    /// `Some(true)` for an HTML content type, `Some(false)` for another, `None` when unknown.
    pub fn is_html(&self) -> Option<bool> {
        let ct = self.content_type.as_deref()?;
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if mime.is_empty() {
            return None;
        }
        Some(matches!(
            mime.as_str(),
            "text/html" | "application/xhtml+xml"
        ))
    }

    /// The body with its transfer and content encodings undone, capped at `limit` bytes.
    pub fn decode_body(&self, body: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
        let chunked = self
            .transfer_encoding
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(&body).unwrap_or(body)
        } else {
            body
        };
        let coding = self
            .content_encoding
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let inflated = match coding.as_str() {
            "" | "identity" | "none" => return Ok(body),
            "gzip" | "x-gzip" if body.starts_with(&GZIP_MAGIC) => {
                read_capped(&mut MultiGzDecoder::new(&body[..]), limit)
            }
            "gzip" | "x-gzip" => return Ok(body),
            "deflate" => {
                let zlib = read_capped(&mut ZlibDecoder::new(&body[..]), limit);
                match zlib {
                    Ok(out) => Ok(out),
                    Err(_) => read_capped(&mut DeflateDecoder::new(&body[..]), limit),
                }
            }
            other => return Err(format!("unsupported content encoding {other}")),
        };
        match inflated {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(size)) => Err(format!(
                "body inflates to more than {limit} bytes ({size} seen)"
            )),
            Err(e) => Err(format!(
                "corrupt {coding} body: {}",
                e.to_string().to_lowercase()
            )),
        }
    }
}

/// Undoes `Transfer-Encoding: chunked`, or `None` when the body is not chunked after all.
pub fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr::memmem::find(body, b"\n")?;
        let line = std::str::from_utf8(&body[..eol]).ok()?;
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        body = body.strip_prefix(b"\n").unwrap_or(body);
        if body.is_empty() {
            // A last chunk without the terminating zero-size chunk: keep what came.
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn head(lines: &[&str]) -> Head {
        let lines: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
        Head::parse(&lines)
    }

    #[test]
    fn status_and_headers() {
        let h = head(&[
            "HTTP/1.1 404 Not Found",
            "Content-Type: text/html; charset=utf-8",
            "X: y",
            "Date: Tue, 17 Mar 2026 08:00:00 GMT",
        ]);
        assert_eq!(h.status, Some(404));
        assert_eq!(h.date.as_deref(), Some("Tue, 17 Mar 2026 08:00:00 GMT"));
        assert!(!h.is_success());
        assert_eq!(h.is_html(), Some(true));
        assert_eq!(
            head(&["HTTP/1.0 200 OK", "content-type: image/png"]).is_html(),
            Some(false)
        );
        assert_eq!(head(&["HTTP/1.0 200 OK"]).is_html(), None);
    }

    #[test]
    fn chunked_and_gzipped_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(dechunk(b"<html>"), None);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let zipped = gz.finish().unwrap();
        let h = head(&["HTTP/1.1 200 OK", "Content-Encoding: gzip"]);
        assert_eq!(
            h.decode_body(zipped.clone(), 1000).unwrap(),
            b"<p>zipped</p>"
        );
        assert_eq!(
            h.decode_body(b"<p>plain</p>".to_vec(), 1000).unwrap(),
            b"<p>plain</p>"
        );
        assert!(h
            .decode_body(zipped[..zipped.len() - 4].to_vec(), 1000)
            .is_err());
    }
}
