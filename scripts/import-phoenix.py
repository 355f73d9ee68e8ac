#!/usr/bin/env python3
"""Converts the Phoenix (PETRARCH-2) actor dictionaries into sitrep's actor-list format.

Usage:
  scripts/import-phoenix.py PETRARCH2_DIR OUT_DIR

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt
from PETRARCH2_DIR and writes OUT_DIR/phoenix-countries.txt, phoenix-international.txt and
phoenix-nonstate.txt (the format is described in crates/sitrep-pipeline/data/actors/README.md).

What it does, per record (a primary phrase, its '+' synonyms and its date-restricted codes):
- phrases: underscores become spaces; parenthesised acronyms become synonyms of their own;
  leading titles and country adjectives are stripped ("PRESIDENT_VLADIMIR_PUTIN" -> "Vladimir Putin"),
  because the matcher recognises titles itself and the entity text should be the name;
- codes: '[RUSGOV 991231-080507]' -> 'RUSGOV@19991231..20080507', '>080508' -> '@20080508..',
  '<080508' -> '@..20080508'; six-digit dates get their century (>= 30 -> 19xx); '---' is dropped;
- records whose codes are bare countries or territories (AFGHANISTAN, GAZA [PSEGZA]) are skipped:
  countries come from the hand-made en/countries.txt and places belong to the gazetteer;
- kind: person, organization or group, guessed from the file, keywords and the comment
  ("CountryInfo.txt" marks heads of state and government).
Names are written in title case; single words without vowels, with dots, or of at most four letters
stay in capitals, which the matcher reads as "match only in capitals" (acronyms: TTP, NATO, U.N.).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EN = os.path.join(HERE, "..", "crates", "sitrep-pipeline", "data", "actors", "en")

ORG_WORDS = set("""ARMY FORCES FORCE PARTY MINISTRY DEPARTMENT COUNCIL BANK RESERVE CONGRESS FRONT ALLIANCE
AUTHORITY BUREAU COMMISSION COMMITTEE AGENCY OFFICE UNION ASSEMBLY PARLIAMENT COURT POLICE GUARD GUARDS
SERVICE SERVICES MILITARY GOVERNMENT CABINET MOVEMENT ORGANIZATION ORGANISATION INSTITUTE UNIVERSITY
CORPORATION COMPANY NEWS TIMES TELEVISION RADIO BRIGADE BRIGADES REGIME SENATE NAVY CORPS DIVISION
ASSOCIATION FEDERATION FOUNDATION FUND PROGRAM PROGRAMME MISSION CENTER CENTRE NETWORK GROUP GROUPS
BOARD TRIBUNAL LEAGUE SOCIETY CHAMBER AIRLINES AIRWAYS AGENCY'S COMMAND INTELLIGENCE ACADEMY
CONFERENCE ORGANIZATIONS NATIONS COMMUNITY SECRETARIAT DIRECTORATE ADMINISTRATION PRESIDENCY MINISTRIES
MILITIA MILITIAS BATTALION REGIMENT COALITION COUNCILS PANEL INITIATIVE PROJECT COOPERATION DIALOGUE
PEOPLES' PEOPLE'S REPUBLIC KINGDOM STATE STATES GENERAL BODY BANKS COMMITTEES FUNDS AGREEMENT TREATY
RIGHTS WATCH INTERNATIONAL CROSS CRESCENT OPEC""".split())
FUNCTION = {"OF", "THE", "AND", "FOR", "IN", "ON", "DE", "DU", "DES", "LA", "LE", "AL", "EL", "BIN",
            "BEN", "VON", "VAN", "DER", "DA", "DOS", "DEL", "TO", "AT", "E", "I"}
VOWELS = set("AEIOUY")


def load_titles_and_adjectives():
    """Leading words to strip from phrases: titles (en/titles.txt) and country adjectives."""
    words = set()
    for name in ("titles.txt", "countries.txt"):
        path = os.path.join(EN, name)
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("@") or "\t" not in line:
                continue
            for n in line.split("\t", 1)[1].split("|"):
                words.add(n.strip().upper())
    words |= {"FORMER", "EX", "EX-", "THEN", "CHIEF", "SENIOR", "TOP", "LATE", "MR.", "MRS.", "MS.", "DR.",
              "SHEIKH", "SHEIK", "MR", "MRS", "MS", "DR", "SIR", "PRIME", "MINISTER", "PRESIDENT",
              "SECRETARY-GENERAL", "SECRETARY", "FOREIGN", "DEFENSE", "DEFENCE", "INTERIOR", "VICE",
              "DEPUTY", "ACTING", "INTERIM", "US", "U.S.", "UN", "U.N."}
    return words


def load_reserved():
    """Names that belong to the hand-made English lists (countries, capitals, titles, agents)."""
    words = set()
    for name in ("countries.txt", "capitals.txt", "titles.txt", "agents.txt"):
        for line in open(os.path.join(EN, name), encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("@") and "\t" in line:
                words |= {n.strip().upper() for n in line.split("\t", 1)[1].split("|")}
    return words


def century(d):
    """An eight-digit day; ValueError for dates the source got wrong (201005011)."""
    d = d.strip()
    if len(d) == 6 and d.isdigit():
        d = ("19" if int(d[:2]) >= 30 else "20") + d
    elif len(d) == 7 and d.isdigit():  # a typo in the source (2004017): pad the day
        d = d[:6] + "0" + d[6:]
    if len(d) != 8 or not d.isdigit() or not ("01" <= d[4:6] <= "12") or not ("01" <= d[6:8] <= "31"):
        raise ValueError(d)
    return d


def parse_code(inner):
    """'RUSGOV 991231-080507' -> 'RUSGOV@19991231..20080507'; None for null codes."""
    parts = inner.split()
    if not parts or parts[0].startswith("---"):
        return None
    code = parts[0].strip().upper()
    if not re.fullmatch(r"[A-Z0-9]+", code):
        return None
    if len(parts) == 1:
        return code
    r = "".join(parts[1:])
    try:
        if r.startswith(">"):
            return f"{code}@{century(r[1:])}.."
        if r.startswith("<"):
            return f"{code}@..{century(r[1:])}"
        if "-" in r:
            a, b = r.split("-", 1)
            return f"{code}@{century(a)}..{century(b)}"
    except ValueError:
        return None
    return code


def phrases_of(raw, strip_words, strip=True):
    """The cleaned phrases of one raw dictionary phrase."""
    p = raw.strip().rstrip("_").replace("_", " ")
    p = re.sub(r"\s+", " ", p).strip(" ,;")
    out = []
    for acr in re.findall(r"\(([A-Z0-9.\-]{2,})\)", p):
        out.append(acr)
    p = re.sub(r"\([^)]*\)", " ", p)
    p = re.sub(r"\s+", " ", p).strip(" ,;-")
    if p.startswith("THE ") and len(p) > 8:
        p = p[4:]
    words = p.split(" ")
    # Strip leading titles and adjectives, longest first, while at least two words stay.
    changed = strip
    while changed and len(words) > 1:
        changed = False
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[:n]) in strip_words:
                words = words[n:]
                changed = True
                break
    p = " ".join(words)
    if p:
        out.append(p)
    return [q for q in out if re.search(r"[A-Z]", q)]


def titlecase(p):
    words = p.split(" ")
    if len(words) == 1:
        w = words[0]
        letters = [c for c in w if c.isalpha()]
        if "." in w or not (set(letters) & VOWELS) or len(letters) <= 4:
            return w
    out = []
    for i, w in enumerate(words):
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 2 and not (set(letters) & VOWELS):
            out.append(w)  # acronym inside a longer name
        elif w in FUNCTION and i > 0:
            out.append(w.lower())
        else:
            out.append("-".join(x[:1] + x[1:].lower() for x in w.split("-")))
    return " ".join(out)


def records(path):
    """Yields (names, codes, comment) for each record of a Phoenix actor file."""
    names, codes, comment = [], [], ""
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        body, _, com = line.partition("#")
        if not body.strip():
            if not line.strip():
                if names and codes:
                    yield names, codes, comment
                if not line.strip():
                    names, codes, comment = [], [], ""
            continue
        inline = re.findall(r"\[([^\]]*)\]", body)
        phrase = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if body[:1] in "\t " and not phrase:
            codes.extend(inline)
            continue
        if phrase.startswith("+"):
            names.append(phrase[1:])
            codes.extend(inline)
            continue
        # A new primary phrase: it closes the record before it when that one has codes; a record
        # without codes yet takes the phrase as one more synonym (the source sometimes omits '+').
        if codes:
            yield names, codes, comment
            names, codes, comment = [], [], ""
        names.append(phrase)
        codes.extend(inline)
        if com.strip():
            comment = com.strip()
    if names and codes:
        yield names, codes, comment


def kind_of(source, names, comment, codes):
    if source == "nonstate":
        return "group"
    if any(c.startswith("MNC") for c in codes):
        return "organization"
    if "CountryInfo" in comment or "rulers" in comment:
        return "person"
    for n in names:
        ws = set(n.upper().replace("-", " ").split())
        if ws & ORG_WORDS or len(ws & FUNCTION - {"AL", "EL", "BIN", "BEN", "DE", "VON", "VAN", "DA"}) > 0:
            return "organization"
    first = names[0]
    if len(first.split()) == 1:
        return "organization"
    if any(c.startswith(("IGO", "NGO", "MNC")) and "@" not in c for c in codes) and source == "international":
        # Undated IGO codes on two- or three-word names are mostly officials; keep them persons.
        return "person"
    return "person"


def main():
    src, out = sys.argv[1], sys.argv[2]
    strip_words = load_titles_and_adjectives()
    reserved = load_reserved()
    agent_chunks = set()
    for line in open(os.path.join(src, "..", "ontology", "CAMEO_agentnames.txt"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            for i in range(0, len(parts[1]), 3):
                agent_chunks.add(parts[1][i:i + 3])
    for c in "GOV MIL COP REB INS OPP ELI JUD LEG MED BUS CVL SPY PTY UAF IGO NGO NGM MNC IMG HRI REF".split():
        agent_chunks.add(c)
    files = [("countries", "Phoenix.Countries.actors.txt"),
             ("international", "Phoenix.International.actors.txt"),
             ("nonstate", "Phoenix.MilNonState.actors.txt")]
    for source, fname in files:
        by_kind = {"person": [], "organization": [], "group": []}
        seen = set()
        n_names = 0
        for names, raw_codes, comment in records(os.path.join(src, fname)):
            codes = [c for c in (parse_code(x) for x in raw_codes) if c]
            if not codes:
                continue
            bare = [c.split("@")[0] for c in codes]
            # Countries and territories: all codes a bare country (3 letters) or country + territory.
            if source == "countries" and all(
                    len(b) == 3 or (len(b) == 6 and b[3:] not in agent_chunks) for b in bare):
                continue
            kind = kind_of(source, [n.upper().replace("_", " ").strip() for n in names[:1]], comment, codes)
            cleaned = []
            for n in names:
                for p in phrases_of(n, strip_words, kind == "person"):
                    t = titlecase(p.upper())
                    if t not in cleaned:
                        cleaned.append(t)
            keep = []
            for t in cleaned:
                letters = [c for c in t if c.isalpha()]
                # A surname alone is too ambiguous (Carter, Hassan, Rice, Bush): people match by
                # two words or more; curated.txt adds the few unambiguous surnames (Putin).
                if kind == "person" and " " not in t.strip():
                    continue
                if len(letters) < 3 or t.upper() in reserved:
                    continue
                # A single ordinary-looking word (Organization, Tigers, Guardian) is too
                # ambiguous; keep acronyms, compounds (Al-Shabaab) and company names.
                if " " not in t and not t.isupper() and not re.search(r"[-'0-9.&]", t) and \
                        not any(c.startswith("MNC") for c in codes):
                    continue
                key = (t.lower(), " ".join(codes))
                if key in seen:
                    continue
                seen.add(key)
                keep.append(t)
            if keep:
                by_kind[kind].append((" ".join(dict.fromkeys(codes)), keep))
                n_names += len(keep)
        path = os.path.join(out, f"phoenix-{source}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# Imported from PETRARCH-2 {fname} (openeventdata/petrarch2 @ 676801c, MIT License,\n")
            f.write("# Copyright (c) 2014 Open Event Data Alliance) by scripts/import-phoenix.py. Do not edit:\n")
            f.write("# add corrections to curated.txt, which is read after this file and wins on equal names.\n")
            for kind in ("person", "organization", "group"):
                if not by_kind[kind]:
                    continue
                f.write(f"\n@kind {kind}\n")
                for codes, keep in by_kind[kind]:
                    f.write(f"{codes}\t{'|'.join(keep)}\n")
        print(f"{path}: {n_names} names", file=sys.stderr)


if __name__ == "__main__":
    main()
