#!/usr/bin/env python3
"""Converts the PETRARCH-2 verb dictionary and the CAMEO code lists into sitrep's event data.

  scripts/import-cameo-verbs.py SHARED_DATA_DIR OUT_DIR

reads   SHARED_DATA_DIR/petrarch2/CAMEO.2.0.txt          (verb patterns, MIT)
        SHARED_DATA_DIR/ontology/CAMEO_codefile.txt      (codes and labels, MIT)
        SHARED_DATA_DIR/ontology/CAMEO2PLOVER-2021.txt   (PLOVER mapping, CC BY-SA 4.0)
writes  OUT_DIR/cameo-verbs.txt   blocks of verbs and patterns in sitrep's format (see README.md)
        OUT_DIR/codes.tsv         code, label, PLOVER event, mode, context

The PETRARCH format: `---  NAME  [CODE]  ---` opens a synonym block; the lines after it are
verbs (`VERB {IRREGULAR FORMS} [CODE]`, multi-word verbs written `+STIR_UP`) and then patterns
(`- PRE WORDS * POST WORDS [CODE] # comment`) with `&SET` references, `{..}` noun phrases and
`(..)` prepositional phrases; `&NAME` blocks at the top list the members of word sets.
"""
import os
import re
import sys


def clean_code(raw):
    """`[160:160]` or `[0862:090]` -> the first code; `---` stays (no event)."""
    code = raw.strip().strip("[]").split(":")[0].strip()
    return code if re.fullmatch(r"\d{3,4}|---", code) else None


def words_of(phrase):
    """Pattern text -> lowercase words in order, with set references kept as `&name`."""
    out = []
    for w in re.split(r"[\s{}()]+", phrase):
        w = w.strip("$+%^|").lower()
        if not w or w == "*":
            continue
        for part in w.split("_"):
            if part:
                out.append(part)
    return out


def import_verbs(path, out):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    sets, cur = {}, None
    blocks, block = [], None
    skipped = 0
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body.startswith("&"):
            cur = body[1:].strip().rstrip("_").lower()
            sets[cur] = []
            continue
        if body.startswith("+") and block is None and cur is not None:
            member = body[1:].strip().rstrip("_").lower()
            if member:
                sets[cur].append(member)
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", body)
        if m:
            cur = None
            block = {"name": m.group(1), "code": clean_code(m.group(2)) or "---", "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        if body.startswith("-"):
            m = re.match(r"^-(.*)\[([^\]]*)\]\s*$", body)
            if not m or "*" not in m.group(1):
                skipped += 1
                continue
            code = clean_code(m.group(2))
            if code is None:
                skipped += 1
                continue
            pre, post = m.group(1).split("*", 1)
            pre_w, post_w = words_of(pre), words_of(post)
            if not pre_w and not post_w:
                skipped += 1
                continue
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            block["patterns"].append((pre_w, post_w, code, comment))
            continue
        if body.startswith("~"):
            skipped += 1  # verb-verb transformations: handled by sitrep's own composition rules
            continue
        m = re.match(r"^\s*(\+?[A-Z_'\-]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", body)
        if not m:
            skipped += 1
            continue
        head, forms, code = m.group(1), m.group(2), m.group(3)
        if "+" in head and not head.startswith("+"):
            skipped += 1  # the verb is not the first word: rare, left out
            continue
        parts = [p.lower() for p in head.lstrip("+").split("_") if p]
        if not parts:
            continue
        irregular = []
        if forms:
            for f in forms.strip("{}").split():
                fp = [p.lower() for p in f.lstrip("+").split("_") if p]
                if fp and fp[0] != parts[0]:
                    irregular.append(fp[0])
        block["verbs"].append(("_".join(parts), irregular, clean_code(code) if code else None))
    n_pat = 0
    with open(os.path.join(out, "cameo-verbs.txt"), "w", encoding="utf-8") as f:
        f.write("# CAMEO verb patterns, converted from PETRARCH-2 CAMEO.2.0.txt (openeventdata/petrarch2,\n")
        f.write("# MIT License, Copyright (c) 2015 Open Event Data Alliance) by scripts/import-cameo-verbs.py.\n")
        f.write("# Format: see README.md beside this file. Do not edit by hand: add to sitrep-patterns.txt.\n\n")
        for name in sorted(sets):
            if sets[name]:
                f.write("&%s %s\n" % (name, " ".join(sorted(set(sets[name])))))
        for b in blocks:
            if not b["verbs"]:
                continue
            f.write("\n== %s %s\n" % (b["name"].lower(), b["code"]))
            for lemma, irregular, code in b["verbs"]:
                f.write(lemma + "".join(" " + i for i in irregular) + (" = " + code if code else "") + "\n")
            for pre, post, code, comment in b["patterns"]:
                f.write("- %s = %s\n" % (" ".join(pre + ["*"] + post), code))
                n_pat += 1
    return len(blocks), n_pat, skipped


def import_codes(codefile, plover, out):
    labels = {}
    for line in open(codefile, encoding="utf-8"):
        m = re.match(r"^LABEL:\s*(\d+)=\s*(.*)$", line.strip())
        if m and m.group(1) not in labels:
            labels[m.group(1)] = m.group(2).strip()
    pl = {}
    for line in open(plover, encoding="utf-8"):
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line.strip())
        if m:
            fields = [x.strip() for x in m.group(2).split(",")]
            while len(fields) < 3:
                fields.append("")
            pl[m.group(1)] = fields[:3]
    with open(os.path.join(out, "codes.tsv"), "w", encoding="utf-8") as f:
        f.write("# code\tlabel\tplover\tmode\tcontext\n")
        f.write("# Labels: CAMEO 0.7b5 (openeventdata/text_to_CAMEO, MIT). PLOVER: CAMEO2PLOVER-2021.txt,\n")
        f.write("# PLOVER Draft 0.8 (openeventdata/PLOVER, CC BY-SA 4.0).\n")
        for code in sorted(labels, key=lambda c: (c[:2], c)):
            p = pl.get(code) or pl.get(code[:3]) or pl.get(code[:2]) or ["", "", ""]
            f.write("\t".join([code, labels[code]] + p) + "\n")
    return len(labels)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    shared, out = sys.argv[1], sys.argv[2]
    blocks, patterns, skipped = import_verbs(os.path.join(shared, "petrarch2", "CAMEO.2.0.txt"), out)
    codes = import_codes(os.path.join(shared, "ontology", "CAMEO_codefile.txt"),
                         os.path.join(shared, "ontology", "CAMEO2PLOVER-2021.txt"), out)
    print("blocks %d, patterns %d, skipped lines %d, codes %d" % (blocks, patterns, skipped, codes))


if __name__ == "__main__":
    main()
