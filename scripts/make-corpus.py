#!/usr/bin/env python3
"""Builds a large, syndication-heavy JSON Lines corpus from a folder of HTML pages, for the store
benchmark (scripts/bench-store).

Each page becomes COPIES documents, as if COPIES outlets had carried it:
- copy 0 is the page as it is, at https://outlet0.example/<page>;
- odd copies are the same HTML under another outlet's URL (exact syndication: a near-duplicate);
- even copies drop a seeded random share (20-50%) of the page's <p> paragraphs and change its
  <title> (a trimmed rewrite: sometimes a near-duplicate, sometimes only the same story).
Publication dates are spread over 60 days from 2026-01-01 by page, so date filters have work.
Everything is seeded: the same folder gives the same corpus, byte for byte.

Usage: scripts/make-corpus.py [--copies N] [--pages DIR] OUT.jsonl
  --pages  default ../shared/data/extraction/trafilatura-eval/html (the 988 development pages,
           gzipped); with COPIES=11 that gives 10,868 documents.
"""
import datetime, gzip, json, os, random, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PARA = re.compile(rb"<p[\s>].*?</p>", re.S | re.I)
TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)

def main():
    argv = sys.argv[1:]
    copies, pages = 11, os.path.join(ROOT, "..", "shared", "data", "extraction", "trafilatura-eval", "html")
    while argv and argv[0].startswith("--"):
        flag = argv.pop(0)
        if flag == "--copies":
            copies = int(argv.pop(0))
        elif flag == "--pages":
            pages = argv.pop(0)
        else:
            sys.exit(f"unknown option {flag}\n{__doc__}")
    if len(argv) != 1:
        sys.exit(__doc__)
    names = sorted(n for n in os.listdir(pages) if n.endswith((".html", ".htm", ".html.gz")))
    if not names:
        sys.exit(f"no HTML pages in {pages}")
    start = datetime.date(2026, 1, 1)
    written = 0
    with open(argv[0], "w", encoding="utf-8") as out:
        for i, name in enumerate(names):
            path = os.path.join(pages, name)
            raw = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
            stem = name.split(".")[0]
            published = (start + datetime.timedelta(days=i % 60)).isoformat()
            rng = random.Random(f"{stem}")
            for k in range(copies):
                html = raw
                if k > 0 and k % 2 == 0:
                    share = rng.uniform(0.2, 0.5)
                    html = PARA.sub(lambda m: b"" if rng.random() < share else m.group(0), html)
                    html = TITLE.sub(lambda m: b"<title>" + m.group(1) + b" (update %d)</title>" % k, html, count=1)
                doc = {
                    "id": f"{stem}-{k}",
                    "url": f"https://outlet{k}.example/news/{stem}",
                    "published": published,
                    "html": html.decode("utf-8", errors="replace"),
                }
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                written += 1
    print(f"{written} documents from {len(names)} pages written to {argv[0]}", file=sys.stderr)

if __name__ == "__main__":
    main()
