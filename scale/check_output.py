#!/usr/bin/env python3
"""Checks the Spark job's Parquet output against a single-machine `sitrep extract` of the same
inputs: the same readings, per document, whatever the order.

    check_output.py OUTPUT_DIR/documents EXTRACT.jsonl [--errors OUTPUT_DIR/errors]

Readings are compared as parsed JSON, grouped by reading id (several documents may share an id:
they are compared as multisets). Also checks the columns derived from the reading (url, title,
published, language, counts), that band keys and MinHash signatures are well formed, and that
`duplicate_of` points at a document of the output. Exits 1 with the differences on any mismatch.
"""

import argparse
import collections
import json
import sys

import pyarrow.parquet as pq

PERMUTATIONS = 128
BANDS = 32


def canon(obj):
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("documents")
    p.add_argument("extract")
    args = p.parse_args(argv)

    table = pq.read_table(args.documents)
    rows = table.to_pylist()
    problems = []
    spark = collections.defaultdict(collections.Counter)
    keys = set()
    for r in rows:
        reading = json.loads(r["reading_json"])
        spark[reading["id"]][canon(reading)] += 1
        if r["key"] in keys:
            problems.append("key %s twice in the output" % r["key"])
        keys.add(r["key"])
        for col in ("url", "title", "published", "language"):
            if r[col] != reading.get(col):
                problems.append("%s: column %s is %r, reading says %r" % (r["key"], col, r[col], reading.get(col)))
        if r["events"] != len(reading["events"]) or r["claims"] != len(reading["casualties"]):
            problems.append("%s: event/claim counts differ from the reading" % r["key"])
        if str(r["published_date"]) != str(reading.get("published")) and not (
            reading.get("published") is None and r["published_date"] in (None, "__HIVE_DEFAULT_PARTITION__")
        ):
            problems.append("%s: partition %r for published %r" % (r["key"], r["published_date"], reading.get("published")))
        if r["minhash"] and len(r["minhash"]) != PERMUTATIONS * 8:
            problems.append("%s: minhash of %d hex digits" % (r["key"], len(r["minhash"])))
        if len(r["band_keys"]) not in (0, BANDS):
            problems.append("%s: %d band keys" % (r["key"], len(r["band_keys"])))
        if len(r["content_hash"]) != 64:
            problems.append("%s: content hash %r" % (r["key"], r["content_hash"]))
    for r in rows:
        if r["duplicate_of"] is not None and r["duplicate_of"] not in keys:
            problems.append("%s: duplicate_of %s is not in the output" % (r["key"], r["duplicate_of"]))

    local = collections.defaultdict(collections.Counter)
    n_local = 0
    with open(args.extract, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                reading = json.loads(line)
                local[reading["id"]][canon(reading)] += 1
                n_local += 1

    for doc_id in sorted(set(spark) | set(local)):
        if spark[doc_id] != local[doc_id]:
            a, b = sum(spark[doc_id].values()), sum(local[doc_id].values())
            problems.append("reading %s: %d from Spark, %d from sitrep extract, or they differ" % (doc_id, a, b))

    dups = sum(1 for r in rows if r["duplicate_of"] is not None)
    clusters = len({r["cluster"] for r in rows})
    summary = {
        "spark_documents": len(rows),
        "extract_documents": n_local,
        "duplicates": dups,
        "clusters": clusters,
        "problems": len(problems),
    }
    print(json.dumps(summary))
    for pr in problems[:40]:
        print("MISMATCH: " + pr, file=sys.stderr)
    if problems or not rows:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
