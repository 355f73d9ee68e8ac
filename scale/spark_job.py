#!/usr/bin/env python3
"""sitrep on Spark: read news at scale, write Parquet partitioned by publication date.

Run with spark-submit, shipping the sitrep binary (it embeds all its vocabularies and the
gazetteer at compile time, so no data archive is needed):

    spark-submit --master spark://HOST:7077 --files target/release/sitrep \\
        scale/spark_job.py --input /data/crawl/ --output /data/out

Pass 1 sends every input through `sitrep process` with RDD.pipe:
  - WARC files (and any other single file: HTML, text, feeds) as `{"path": ...}` requests, one
    per file: a file is the unit of work, its records are read in one task;
  - JSON Lines files line by line, as inline documents carrying their origin (`input`, `record`)
    so that ids and origins are those `sitrep extract FILE` gives.
Pass 2 finds near-duplicates across partitions: band keys are exploded and grouped, candidate
pairs inside a band bucket are checked on the full MinHash signature (similarity >=
story::DUPLICATE_SIMILARITY), and union-find over the surviving pairs gives clusters. Each
cluster's earliest document (publication date, then key) is the original; the others get
`duplicate_of` = its key. `cluster` is the original's key for every member.

Output (OUTPUT/documents, Parquet, partitioned by published_date) has one row per document;
OUTPUT/errors holds the error lines of documents that could not be read (JSON Lines).
See scale/README.md.
"""

import argparse
import json
import os
import shutil
import sys

# Mirrors sitrep_store::story::DUPLICATE_SIMILARITY (scripts/scale-test checks they agree).
DUPLICATE_SIMILARITY = 0.6
# sitrep_store::minhash::PERMUTATIONS: a signature is this many little-endian u32.
PERMUTATIONS = 128
# A band bucket bigger than this (boilerplate shared by many pages) is compared pairwise only
# within windows of this many members in key order, which keeps pass 2 linear in such buckets.
MAX_BUCKET = 200

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", action="append", default=[], help="file or folder (repeatable)")
    p.add_argument("--input-list", help="a file listing inputs, one per line")
    p.add_argument("--output", required=True, help="output folder (replaced)")
    p.add_argument("--partitions", type=int, default=0, help="default: 4 x default parallelism")
    p.add_argument(
        "--sitrep",
        default="./sitrep",
        help="the sitrep binary as executors see it (default ./sitrep, shipped with --files)",
    )
    p.add_argument("--published", help="publication date for documents that carry none")
    p.add_argument("--max-document-bytes", type=int)
    p.add_argument(
        "--dict",
        action="append",
        default=[],
        help="a vocabulary folder as executors see it (ship it with --archives dict.tgz#dict)",
    )
    p.add_argument("--duplicate-similarity", type=float, default=DUPLICATE_SIMILARITY)
    return p.parse_args(argv)


def expand(inputs):
    """Files under the inputs, folders walked in name order, hidden entries skipped."""
    out = []
    for inp in inputs:
        inp = os.path.abspath(inp)
        if os.path.isdir(inp):
            for root, dirs, files in os.walk(inp):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        out.append(os.path.join(root, f))
        else:
            out.append(inp)
    return out


def uri(output, sub):
    """A folder under the output, as a URI (local paths become file:// URIs)."""
    if "://" in output:
        return output.rstrip("/") + "/" + sub
    return "file://" + os.path.join(os.path.abspath(output), sub)


def inline_line(path, index_and_line):
    """A JSON Lines record as an inline document that knows where it came from."""
    line, index = index_and_line
    if index == 0:
        line = line.lstrip("\ufeff")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return line  # sitrep reports it as an error line
    if not isinstance(obj, dict):
        return line
    if "path" in obj and "html" not in obj and "text" not in obj:
        obj["text"] = ""  # a document with a `path` field, not a path request
    obj["input"] = path
    obj["record"] = index + 1
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def requests(sc, files):
    """The RDD of `sitrep process` input lines for these files."""
    whole = [json.dumps({"path": f}) for f in files if not f.endswith(JSONL_SUFFIXES)]
    rdds = [sc.parallelize(whole, max(1, min(len(whole), sc.defaultParallelism * 4)))]
    for f in files:
        if f.endswith(JSONL_SUFFIXES):
            lines = sc.textFile("file://" + f).zipWithIndex()
            rdds.append(lines.map(lambda li, f=f: inline_line(f, li)).filter(lambda x: x))
    return sc.union(rdds)


def process_command(args):
    cmd = [args.sitrep, "process", "--quiet"]
    if args.published:
        cmd += ["--published", args.published]
    if args.max_document_bytes:
        cmd += ["--max-document-bytes", str(args.max_document_bytes)]
    for d in args.dict:
        cmd += ["--dict", d]
    return cmd


def to_row(line):
    """One `sitrep process` output line as a document row, or an error."""
    o = json.loads(line)
    if "error" in o:
        return ("error", json.dumps(o, ensure_ascii=False))
    r = o["reading"]
    origin = o.get("origin") or {}
    return (
        "doc",
        (
            o["key"],
            r.get("id"),
            r.get("url"),
            r.get("title"),
            r.get("published"),
            r.get("language"),
            o["content_hash"],
            [int(k) for k in o["band_keys"]],
            o["minhash"],
            json.dumps(r, ensure_ascii=False, separators=(",", ":")),
            len(r.get("events") or []),
            len(r.get("casualties") or []),
            len(r.get("quotes") or []),
            origin.get("input"),
            origin.get("record"),
            origin.get("offset"),
            o.get("captured"),
            o.get("reader_version"),
            o.get("minhash_version"),
            o.get("published_date"),
        ),
    )


def doc_schema():
    from pyspark.sql.types import (
        ArrayType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    s, i, l = StringType(), IntegerType(), LongType()
    return StructType(
        [
            StructField("key", s, False),
            StructField("doc_id", s, True),
            StructField("url", s, True),
            StructField("title", s, True),
            StructField("published", s, True),
            StructField("language", s, True),
            StructField("content_hash", s, False),
            StructField("band_keys", ArrayType(l, False), False),
            StructField("minhash", s, False),
            StructField("reading_json", s, False),
            StructField("events", i, False),
            StructField("claims", i, False),
            StructField("quotes", i, False),
            StructField("origin_input", s, True),
            StructField("origin_record", l, True),
            StructField("origin_offset", l, True),
            StructField("captured", s, True),
            StructField("reader_version", s, True),
            StructField("minhash_version", i, True),
            StructField("published_date", s, True),
        ]
    )


def similarity(a_hex, b_hex):
    """The estimated Jaccard similarity of two signatures: the share of equal rows
    (sitrep_store::minhash::similarity)."""
    if len(a_hex) != PERMUTATIONS * 8 or len(b_hex) != PERMUTATIONS * 8:
        return 0.0
    a, b = bytes.fromhex(a_hex), bytes.fromhex(b_hex)
    same = sum(1 for i in range(0, len(a), 4) if a[i : i + 4] == b[i : i + 4])
    return same / PERMUTATIONS


def bucket_pairs(members, threshold):
    """Pairs of a band bucket whose signatures are similar enough, as (rank, rank) in rank order;
    a member is (rank, minhash hex)."""
    members = sorted(members)
    out = []
    for i, (ka, ma) in enumerate(members):
        for kb, mb in members[i + 1 : i + 1 + MAX_BUCKET]:
            if similarity(ma, mb) >= threshold:
                out.append((ka, kb))
    return out


def components(pairs, order):
    """Union-find over the pairs; each component's root is its earliest member by `order`."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            if order[rb] < order[ra]:
                ra, rb = rb, ra
            parent[rb] = ra
    return {x: find(x) for x in list(parent)}


def main(argv):
    args = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName("sitrep").getOrCreate()
    sc = spark.sparkContext
    inputs = list(args.input)
    if args.input_list:
        with open(args.input_list, encoding="utf-8") as fh:
            inputs += [line.strip() for line in fh if line.strip()]
    files = expand(inputs)
    if not files:
        sys.exit("spark_job: no input files")
    partitions = args.partitions or sc.defaultParallelism * 4
    if "://" not in args.output and os.path.isdir(args.output):
        shutil.rmtree(args.output)

    # Pass 1: read every document.
    out = requests(sc, files).repartition(partitions).pipe(" ".join(process_command(args)))
    rows = out.map(to_row).persist(StorageLevel.MEMORY_AND_DISK)
    docs = spark.createDataFrame(
        rows.filter(lambda r: r[0] == "doc").map(lambda r: r[1]), doc_schema()
    )
    docs = docs.persist(StorageLevel.MEMORY_AND_DISK)
    errors = rows.filter(lambda r: r[0] == "error").map(lambda r: r[1])
    errors.coalesce(1).saveAsTextFile(uri(args.output, "errors"))

    # Pass 2: near-duplicates across partitions.
    threshold = args.duplicate_similarity
    # Members carry their rank (earliest publication first, undated last, then key), so that
    # the original of a cluster is known from the pairs alone.
    buckets = (
        docs.select("key", "published", "minhash", F.explode("band_keys").alias("band"))
        .rdd.map(
            lambda r: (
                r["band"],
                ((r["published"] is None, r["published"] or "", r["key"]), r["minhash"]),
            )
        )
        .groupByKey()
        .filter(lambda kv: len(kv[1]) > 1)
    )
    ranked = buckets.flatMap(lambda kv: bucket_pairs(list(kv[1]), threshold)).distinct().collect()
    order = {rank[2]: rank for pair in ranked for rank in pair}
    pairs = [(a[2], b[2]) for a, b in ranked]
    roots = components(pairs, order)
    links = [(k, (root if root != k else None), root) for k, root in sorted(roots.items())]
    from pyspark.sql.types import StringType, StructField, StructType

    link_schema = StructType(
        [
            StructField("key", StringType(), False),
            StructField("duplicate_of", StringType(), True),
            StructField("cluster", StringType(), True),
        ]
    )
    link_df = spark.createDataFrame(links, link_schema)
    final = (
        docs.join(F.broadcast(link_df) if len(links) < 1_000_000 else link_df, "key", "left")
        .withColumn("cluster", F.coalesce(F.col("cluster"), F.col("key")))
        .repartition("published_date")
    )
    (
        final.write.mode("overwrite")
        .partitionBy("published_date")
        .parquet(uri(args.output, "documents"))
    )
    n_docs = docs.count()
    n_errors = errors.count()
    n_dups = sum(1 for _, d, _ in links if d)
    print(
        json.dumps(
            {
                "documents": n_docs,
                "errors": n_errors,
                "candidate_pairs": len(pairs),
                "duplicates": n_dups,
                "partitions": partitions,
                "inputs": len(files),
            }
        )
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
