#!/usr/bin/env python3
"""Writes a synthetic news corpus as JSON Lines for load benchmarks (scripts/bench-serve).

Each document is a wire-style article assembled from event sentences (mediation, talks,
accusations, attacks with casualty figures and claimants, aid, sanctions, protests, quotes)
between randomly drawn countries, with dates spread over a season, so that the store fills with
distinct documents, events, claims, places and stories rather than near-duplicate copies.

    scripts/make-bench-corpus.py --docs 15000 --seed 7 > corpus.jsonl
"""

import argparse
import json
import random
import sys
from datetime import date, timedelta

COUNTRIES = [
    ("Afghanistan", "Afghan", "Kabul", ["Kandahar", "Herat", "Jalalabad", "Kunduz"]),
    ("Pakistan", "Pakistani", "Islamabad", ["Peshawar", "Quetta", "Lahore", "Karachi"]),
    ("Russia", "Russian", "Moscow", ["Belgorod", "Kursk", "Rostov-on-Don"]),
    ("Ukraine", "Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Zaporizhzhia", "Dnipro"]),
    ("Sudan", "Sudanese", "Khartoum", ["El Fasher", "Omdurman", "Port Sudan"]),
    ("Israel", "Israeli", "Jerusalem", ["Tel Aviv", "Haifa"]),
    ("Lebanon", "Lebanese", "Beirut", ["Tyre", "Sidon"]),
    ("Syria", "Syrian", "Damascus", ["Aleppo", "Idlib", "Homs"]),
    ("Iraq", "Iraqi", "Baghdad", ["Mosul", "Basra", "Erbil"]),
    ("Iran", "Iranian", "Tehran", ["Isfahan", "Tabriz"]),
    ("Yemen", "Yemeni", "Sanaa", ["Aden", "Hodeidah", "Marib"]),
    ("Somalia", "Somali", "Mogadishu", ["Kismayo", "Baidoa"]),
    ("Ethiopia", "Ethiopian", "Addis Ababa", ["Mekele", "Gondar"]),
    ("Mali", "Malian", "Bamako", ["Gao", "Timbuktu", "Mopti"]),
    ("Burkina Faso", "Burkinabe", "Ouagadougou", ["Djibo", "Kaya"]),
    ("Niger", "Nigerien", "Niamey", ["Agadez", "Tillaberi"]),
    ("Nigeria", "Nigerian", "Abuja", ["Maiduguri", "Kano", "Lagos"]),
    ("Democratic Republic of the Congo", "Congolese", "Kinshasa", ["Goma", "Bukavu", "Bunia"]),
    ("Rwanda", "Rwandan", "Kigali", ["Gisenyi"]),
    ("Libya", "Libyan", "Tripoli", ["Benghazi", "Misrata"]),
    ("Myanmar", "Myanmar", "Naypyidaw", ["Yangon", "Mandalay"]),
    ("India", "Indian", "New Delhi", ["Srinagar", "Mumbai"]),
    ("China", "Chinese", "Beijing", ["Shanghai"]),
    ("Turkey", "Turkish", "Ankara", ["Istanbul", "Gaziantep"]),
    ("Armenia", "Armenian", "Yerevan", ["Gyumri"]),
    ("Azerbaijan", "Azerbaijani", "Baku", ["Ganja"]),
    ("Colombia", "Colombian", "Bogota", ["Cali", "Medellin"]),
    ("Venezuela", "Venezuelan", "Caracas", ["Maracaibo"]),
    ("Haiti", "Haitian", "Port-au-Prince", ["Cap-Haitien"]),
    ("Mozambique", "Mozambican", "Maputo", ["Pemba"]),
]
MEDIATORS = ["Qatar", "Turkey", "Egypt", "Norway", "Switzerland", "Saudi Arabia", "Kenya"]
VENUES = ["Doha", "Geneva", "Istanbul", "Cairo", "Oslo", "Nairobi", "Riyadh", "Vienna"]
CLAIMANTS = [
    "the health ministry", "the United Nations", "the International Committee of the Red Cross",
    "Human Rights Watch", "Amnesty International", "local officials", "the army",
]
OUTLETS = ["wire.example.org", "news.example.com", "daily.example.net", "report.example.info",
           "observer.example.org", "herald.example.com"]
FILLER = [
    "Residents described {n} hours of heavy gunfire and long queues at checkpoints.",
    "Prices of fuel and flour have risen by {n} percent since the start of the month.",
    "Aid workers said roads to {city} remained closed for a {ord} day.",
    "Schools in {city} have been shut for {n} days, teachers said.",
    "The {ord} round of talks ended without a joint statement.",
    "Satellite images showed {n} damaged buildings near the airport of {city}.",
    "Electricity was cut in parts of {city} for {n} hours on {weekday}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


def sentences(rng, a, b, day):
    (an, aadj, acap, acities), (bn, badj, bcap, bcities) = a, b
    city = rng.choice(bcities)
    n = rng.randint(2, 140)
    weekday = WEEKDAYS[day.weekday()]
    claimant = rng.choice(CLAIMANTS)
    out = [
        f"{an} accused {bn} of shelling border villages on {weekday}.",
        f"{aadj} forces attacked positions in {city}, killing {n} civilians, according to {claimant}.",
        f"According to {bcap}, {rng.randint(2, 60)} soldiers were killed in the fighting near {city}.",
        f"{rng.choice(MEDIATORS)} said it was ready to mediate between {an} and {bn}.",
        f"{an} and {bn} agreed to resume talks in {rng.choice(VENUES)} next week.",
        f"{an} imposed new sanctions on {bn} over the attacks.",
        f"{an} sent humanitarian aid to {bn} after the floods.",
        f"{an} expelled the ambassador of {bn} on {weekday}.",
        f"{bn} threatened {an} with military retaliation.",
        f"Protesters in {acap} demonstrated against the government of {bn}.",
        f"{bcap} rejected the proposal for a ceasefire, officials said.",
        f"\"We will defend every village,\" the {badj} defence minister said in {bcap}.",
        f"The United Nations called on {an} and {bn} to protect civilians in {city}.",
        f"{aadj} police arrested {rng.randint(3, 40)} people in {rng.choice(acities)} on {weekday}.",
    ]
    rng.shuffle(out)
    k = rng.randint(6, 10)
    picked = out[:k]
    for _ in range(rng.randint(1, 3)):
        picked.insert(rng.randint(0, len(picked)), rng.choice(FILLER).format(
            n=rng.randint(2, 90), city=rng.choice(bcities + acities), ord=rng.choice(ORDINALS),
            weekday=weekday))
    return picked


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=15000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", default="2026-01-01")
    ap.add_argument("--days", type=int, default=90)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = date.fromisoformat(args.start)
    out = sys.stdout
    for i in range(args.docs):
        a, b = rng.sample(COUNTRIES, 2)
        day = start + timedelta(days=rng.randrange(args.days))
        body = sentences(rng, a, b, day)
        paras, cur = [], []
        for s in body:
            cur.append(s)
            if len(cur) >= rng.randint(1, 3):
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        dateline = f"{a[2].upper()}, {day.strftime('%B')} {day.day} - "
        title = rng.choice([
            f"{a[0]} and {b[0]} trade accusations as fighting spreads",
            f"Clashes near {rng.choice(b[3])} kill dozens, officials say",
            f"{a[0]} signals readiness for talks with {b[0]}",
            f"Tensions rise between {a[0]} and {b[0]}",
        ])
        record = {
            "id": f"bench-{i:06d}",
            "url": f"https://{rng.choice(OUTLETS)}/{day.isoformat()}/story-{i:06d}",
            "title": title,
            "published": day.isoformat(),
            "text": dateline + "\n\n".join(paras),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
