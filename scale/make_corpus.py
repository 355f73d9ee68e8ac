#!/usr/bin/env python3
"""Builds a test corpus for the scale test: several thousand documents of every kind sitrep
reads at scale, with near-duplicates across files.

    make_corpus.py OUT_DIR [--pages DIR] [--docs N]

Sources: HTML pages (`--pages`, e.g. ../shared/data/extraction/trafilatura-eval/html, read
gzipped or not), else the bundled examples (examples/samples, examples/seed). From them it writes:
  OUT_DIR/pages/*.html            the pages themselves (single-document inputs)
  OUT_DIR/crawl.warc.gz           a multi-record WARC (warcinfo, request and response records,
                                  one gzip member per record, as Common Crawl writes them)
  OUT_DIR/wire-NN.jsonl           JSON Lines documents, among them lightly edited copies of other
                                  documents (syndication: near-duplicates across files)
until about N documents. Deterministic: the same sources give the same corpus.
"""

import argparse
import gzip
import hashlib
import html
import io
import json
import os
import re
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_page(path):
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def sources(pages_dir):
    """(name, html or text bytes, is_html) of every usable source document."""
    out = []
    if pages_dir and os.path.isdir(pages_dir):
        for name in sorted(os.listdir(pages_dir)):
            if name.startswith("."):
                continue
            data = read_page(os.path.join(pages_dir, name))
            stem = re.sub(r"(\.html?)?(\.gz)?$", "", name)
            out.append((stem, data, True))
    if not out:
        samples = os.path.join(ROOT, "examples", "samples")
        for name in sorted(os.listdir(samples)):
            path = os.path.join(samples, name)
            if name.endswith((".html", ".html.gz")):
                out.append((re.sub(r"\.html(\.gz)?$", "", name), read_page(path), True))
            elif name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        if line.strip():
                            o = json.loads(line)
                            body = o.get("html") or o.get("text") or ""
                            out.append((str(o.get("id")), body.encode("utf-8"), "html" in o))
        seed = os.path.join(ROOT, "examples", "seed", "article.txt")
        if os.path.exists(seed):
            with open(seed, "rb") as fh:
                out.append(("seed", fh.read(), False))
    return out


def text_of(data):
    """The visible paragraphs of a page, roughly, for edited copies."""
    s = data.decode("utf-8", "replace")
    s = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1>", " ", s)
    paras = []
    for m in re.finditer(r"(?is)<p\b[^>]*>(.*?)</p>", s):
        t = html.unescape(re.sub(r"<[^>]+>", " ", m.group(1)))
        t = re.sub(r"\s+", " ", t).strip()
        if len(t) > 40:
            paras.append(t)
    return paras


def warc_record(kind, headers, block):
    head = ["WARC/1.0", "WARC-Type: " + kind]
    head += ["%s: %s" % kv for kv in headers]
    head.append("Content-Length: %d" % len(block))
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def record_id(seed):
    return "<urn:uuid:%s>" % uuid.UUID(hashlib.md5(seed.encode()).hexdigest())


def write_warc(path, pages):
    with open(path, "wb") as out:
        info = b"software: sitrep scale test\r\nformat: WARC File Format 1.0\r\n"
        out.write(
            warc_record(
                "warcinfo",
                [("WARC-Date", "2026-03-15T00:00:00Z"), ("WARC-Record-ID", record_id("info"))],
                info,
            )
        )
        for i, (name, data) in enumerate(pages):
            url = "https://crawl.example.org/%d/%s" % (i, name)
            date = "2026-03-%02dT12:00:00Z" % (1 + i % 28)
            req = ("GET /%d/%s HTTP/1.1\r\nHost: crawl.example.org\r\n\r\n" % (i, name)).encode()
            out.write(
                warc_record(
                    "request",
                    [
                        ("WARC-Target-URI", url),
                        ("WARC-Date", date),
                        ("WARC-Record-ID", record_id("req%d" % i)),
                        ("Content-Type", "application/http; msgtype=request"),
                    ],
                    req,
                )
            )
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + b"Content-Length: %d\r\n\r\n" % len(data)
                + data
            )
            out.write(
                warc_record(
                    "response",
                    [
                        ("WARC-Target-URI", url),
                        ("WARC-Date", date),
                        ("WARC-Record-ID", record_id("resp%d" % i)),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    http,
                )
            )


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--pages")
    p.add_argument("--docs", type=int, default=3000)
    args = p.parse_args(argv)
    src = sources(args.pages)
    if not src:
        sys.exit("make_corpus: no sources")
    os.makedirs(os.path.join(args.out, "pages"), exist_ok=True)
    count = 0
    # 1. The pages as files (at most half the target).
    html_src = [(n, d) for n, d, is_html in src if is_html]
    for name, data in html_src[: args.docs // 2]:
        with open(os.path.join(args.out, "pages", name + ".html"), "wb") as fh:
            fh.write(data)
        count += 1
    # 2. A multi-record WARC of up to 400 pages.
    warc_pages = [html_src[i % len(html_src)] for i in range(min(400, max(20, args.docs // 8)))]
    warc_pages = [("%s-w%d" % (n, i), d) for i, (n, d) in enumerate(warc_pages)]
    write_warc(os.path.join(args.out, "crawl.warc.gz"), warc_pages)
    count += len(warc_pages)
    # 3. JSON Lines until the target: texts of the sources, and edited copies of them.
    n, shard = 0, 0
    out = None
    while count < args.docs:
        if n % 500 == 0:
            if out:
                out.close()
            out = open(os.path.join(args.out, "wire-%02d.jsonl" % shard), "w", encoding="utf-8")
            shard += 1
        name, data, is_html = src[n % len(src)]
        generation = n // len(src)
        paras = text_of(data) if is_html else data.decode("utf-8", "replace").split("\n\n")
        if not paras:
            paras = [data.decode("utf-8", "replace")[:2000]]
        # An edited copy: one paragraph dropped or changed per generation, a wire tag added.
        if generation and len(paras) > 2:
            k = generation % len(paras)
            paras = paras[:k] + paras[k + 1 :]
        body = "\n\n".join(paras) + ("\n\n(Wire copy %d.)" % generation if generation else "")
        rec = {
            "id": "%s-j%d" % (name, n),
            "url": "https://wire%d.example.net/%s" % (generation % 7, name),
            "title": paras[0][:90] if paras else name,
            "published": "2026-03-%02d" % (1 + n % 28),
            "text": body,
        }
        if n % 5 == 0:
            del rec["id"]  # ids from the line number, as sitrep gives them
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
        count += 1
    if out:
        out.close()
    print(json.dumps({"documents": count, "sources": len(src)}))


if __name__ == "__main__":
    main(sys.argv[1:])
