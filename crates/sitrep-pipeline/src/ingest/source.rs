//! Byte sources for the readers: peeking at an input's first bytes without losing them, looking
//! through gzip, reading capped lines, and telling gzip damage apart from other read failures.
//!
//! Every reader pulls from a [`Source`], a boxed `Read`, so the kinds of input compose: a
//! `.warc.gz` is the WARC reader over [`gunzip`] over the caller's `Read`.

use std::io::{self, BufRead, Cursor, Read};

use flate2::read::MultiGzDecoder;
use memchr::memchr;

use crate::ErrorKind;

/// An input as the readers see it.
pub type Source<'a> = Box<dyn Read + Send + 'a>;

/// The two magic bytes that open every gzip member.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads up to `n` bytes from `input` and returns them with a reader that yields the same bytes
/// again, then the rest of the input. A read failure after some bytes is kept for later, so that
/// a damaged input is still recognised and its readable part read; with no bytes at all it is
/// returned at once.
pub fn peek<'a>(mut input: Source<'a>, n: usize) -> io::Result<(Vec<u8>, Source<'a>)> {
    let mut prefix = Vec::with_capacity(n.min(64 * 1024));
    let mut failure = None;
    let mut chunk = (&mut input).take(n as u64);
    loop {
        match chunk.read_to_end(&mut prefix) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if prefix.is_empty() => return Err(e),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let rest = Deferred {
        failure,
        rest: input,
    };
    let again = Cursor::new(prefix.clone()).chain(rest);
    Ok((prefix, Box::new(again)))
}

/// A reader that first reports a failure met earlier, then reads on.
struct Deferred<'a> {
    failure: Option<io::Error>,
    rest: Source<'a>,
}

impl Read for Deferred<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.failure.take() {
            Some(e) => Err(e),
            None => self.rest.read(buf),
        }
    }
}

/// Decompresses a (possibly multi-member) gzip stream. Its failures carry a [`GzipFault`] so that
/// [`error_kind`] reports them as gzip damage rather than as read failures.
pub fn gunzip<'a>(input: Source<'a>) -> Source<'a> {
    Box::new(Gunzip(MultiGzDecoder::new(input)))
}

struct Gunzip<R: Read>(MultiGzDecoder<R>);

impl<R: Read> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::Interrupted {
                return e;
            }
            let msg = match e.kind() {
                io::ErrorKind::UnexpectedEof => "unexpected end of compressed data".to_string(),
                _ => e.to_string().to_lowercase(),
            };
            io::Error::new(io::ErrorKind::InvalidData, GzipFault(msg))
        })
    }
}

/// Marks a read failure that came from a damaged gzip stream.
#[derive(Debug)]
pub struct GzipFault(pub String);

impl std::fmt::Display for GzipFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipFault {}

/// The error kind of a failed read: gzip damage, or a plain I/O failure.
pub fn error_kind(e: io::Error) -> ErrorKind {
    if let Some(fault) = e.get_ref().and_then(|r| r.downcast_ref::<GzipFault>()) {
        return ErrorKind::Gzip(fault.0.clone());
    }
    ErrorKind::Io(e)
}

/// Reads `r` to its end, keeping at most `cap + 1` bytes: `Ok(Err(n))` when there were more than
/// `cap` (with `n` the bytes seen, at least `cap + 1`), so a huge input costs bounded memory.
pub fn read_capped(r: &mut dyn Read, cap: u64) -> io::Result<std::result::Result<Vec<u8>, u64>> {
    let mut buf = Vec::new();
    let mut limited = r.take(cap.saturating_add(1));
    loop {
        match limited.read_to_end(&mut buf) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    if buf.len() as u64 > cap {
        return Ok(Err(buf.len() as u64));
    }
    Ok(Ok(buf))
}

/// One line read by [`read_line_capped`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LineRead {
    /// Bytes taken from the input, the newline included; 0 at the end of the input.
    pub consumed: u64,
    /// Whether the line was longer than the cap, so that only its start was kept.
    pub overflow: bool,
}

/// Reads one line (through its `\n`) into `buf`, keeping at most `cap` bytes of it: the rest of an
/// overlong line is skipped without being buffered.
pub fn read_line_capped<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<LineRead> {
    buf.clear();
    let mut out = LineRead::default();
    loop {
        let (take, done) = {
            let avail = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(out);
            }
            let (take, done) = match memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            if !out.overflow {
                let room = cap.saturating_sub(buf.len());
                if take > room {
                    buf.extend_from_slice(&avail[..room]);
                    out.overflow = true;
                } else {
                    buf.extend_from_slice(&avail[..take]);
                }
            }
            (take, done)
        };
        r.consume(take);
        out.consumed += take as u64;
        if done {
            return Ok(out);
        }
    }
}

/// Skips exactly `n` bytes of `r` without buffering them; returns how many there were.
pub fn skip<R: Read + ?Sized>(r: &mut R, n: u64) -> io::Result<u64> {
    io::copy(&mut r.take(n), &mut io::sink())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_lines_are_cut_and_skipped() {
        let mut r = io::BufReader::with_capacity(4, &b"abcdefghij\nxy\nz"[..]);
        let mut buf = Vec::new();
        let l = read_line_capped(&mut r, &mut buf, 5).unwrap();
        assert_eq!(
            (l.consumed, l.overflow, &buf[..]),
            (11, true, &b"abcde"[..])
        );
        let l = read_line_capped(&mut r, &mut buf, 5).unwrap();
        assert_eq!((l.consumed, l.overflow, &buf[..]), (3, false, &b"xy\n"[..]));
        let l = read_line_capped(&mut r, &mut buf, 5).unwrap();
        assert_eq!((l.consumed, l.overflow, &buf[..]), (1, false, &b"z"[..]));
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap().consumed, 0);
    }

    #[test]
    fn peeked_bytes_are_read_again() {
        let (prefix, mut rest) = peek(Box::new(&b"hello world"[..]), 5).unwrap();
        assert_eq!(prefix, b"hello");
        let mut all = String::new();
        rest.read_to_string(&mut all).unwrap();
        assert_eq!(all, "hello world");
    }
}
