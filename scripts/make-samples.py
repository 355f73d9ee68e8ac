#!/usr/bin/env python3
"""Builds the bundled samples in examples/samples/ from the texts below.

The stories are written for sitrep's own examples: fictional wire copy in the style of real
conflict and diplomacy reporting. Run it again after editing a story; the outputs are committed.
"""
import gzip, io, json, os, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "examples", "samples")

STORIES = [
    {
        "slug": "sudan-el-fasher",
        "url": "https://news.example.org/africa/2026/03/sudan-el-fasher-shelling",
        "title": "Shelling kills 14 civilians in Sudan's El Fasher, health officials say",
        "published": "2026-03-12",
        "paras": [
            "KHARTOUM, March 12 (Reuters) - Artillery fire killed at least 14 civilians and wounded 32 others in the besieged city of El Fasher on Wednesday, the regional health ministry said, blaming the paramilitary Rapid Support Forces.",
            "The RSF denied responsibility and accused the Sudanese army of shelling residential areas to turn the population against it.",
            "\"The hospital received bodies of women and children,\" a doctor at the Saudi Hospital told Reuters by telephone, asking not to be named for fear of reprisals.",
            "The United Nations has warned that more than 800,000 people in the city are at risk of famine. The World Food Programme said on Tuesday that its convoys had been blocked for three weeks.",
            "Sudan's war between the army and the RSF began in April 2023 and has displaced more than 11 million people, according to the International Organization for Migration.",
        ],
    },
    {
        "slug": "ukraine-drones",
        "url": "https://news.example.org/europe/2026/03/ukraine-drone-attack-odesa",
        "title": "Russian drone attack on Odesa port kills two, Ukraine says",
        "published": "2026-03-14",
        "paras": [
            "KYIV, March 14 (AP) - Russia launched 63 drones and two ballistic missiles at Ukraine overnight, killing two port workers in Odesa and injuring seven, Ukrainian officials said on Saturday.",
            "Ukraine's air force said it shot down 51 of the drones over southern and central regions.",
            "Odesa regional governor Oleh Kiper said the attack damaged grain storage facilities and an administrative building.",
            "The Russian Defence Ministry said its forces had struck \"military infrastructure\" and did not comment on casualties.",
            "Foreign ministers of the European Union condemned the strikes and called on Moscow to agree to an immediate ceasefire.",
        ],
    },
    {
        "slug": "drc-m23-talks",
        "url": "https://news.example.org/africa/2026/03/drc-m23-doha-talks",
        "title": "Congo and M23 rebels agree to resume talks in Doha",
        "published": "2026-03-10",
        "paras": [
            "GOMA, Democratic Republic of Congo, March 10 (AFP) - The Congolese government and the M23 rebel group agreed on Tuesday to resume peace talks in Qatar next week, Qatari mediators said.",
            "Fighting between the army and M23, which Kinshasa and United Nations experts say is backed by Rwanda, has killed thousands of people since January. Rwanda denies supporting the rebels.",
            "\"Both delegations have committed to a humanitarian truce,\" Qatar's foreign ministry spokesman Majed al-Ansari told reporters in Doha.",
            "The UN refugee agency said more than 250,000 people had fled their homes in North Kivu province in the past month alone.",
        ],
    },
    {
        "slug": "gaza-aid",
        "url": "https://news.example.org/middle-east/2026/03/gaza-aid-convoy",
        "title": "Aid convoy enters northern Gaza after weeks of delays",
        "published": "2026-03-09",
        "paras": [
            "JERUSALEM, March 9 - A convoy of 40 trucks carrying food and medicine entered northern Gaza on Monday, the United Nations said, the first to reach the area in more than three weeks.",
            "The World Health Organization said hospitals in the north were running out of fuel and that several had stopped admitting patients.",
            "Israel's military body that coordinates aid, COGAT, said it was facilitating the delivery and accused Hamas of diverting supplies, an accusation the group rejected.",
            "Egypt and Qatar have been mediating between Israel and Hamas on a new ceasefire proposal.",
        ],
    },
    {
        "slug": "sahel-attack",
        "url": "https://news.example.org/africa/2026/03/burkina-faso-attack",
        "title": "Gunmen kill 20 soldiers in northern Burkina Faso",
        "published": "2026-03-08",
        "paras": [
            "OUAGADOUGOU, March 8 (Reuters) - Suspected jihadists killed 20 soldiers and volunteer fighters in an attack on a military post in northern Burkina Faso on Saturday, two security sources said.",
            "The attack near the town of Djibo was claimed by JNIM, al Qaeda's affiliate in the Sahel, in a statement carried by its propaganda arm.",
            "The army said in a statement that it had repelled the assault and killed dozens of attackers. The figure could not be independently verified.",
            "Burkina Faso's junta, which seized power in 2022, has expelled French troops and turned to Russia for security support.",
        ],
    },
]

COOKIE_DE = [
    "Wir verwenden Cookies und ähnliche Technologien, um Inhalte und Anzeigen zu personalisieren und die Zugriffe auf unsere Website zu analysieren.",
    "Mit einem Klick auf „Alle akzeptieren“ stimmen Sie der Verarbeitung Ihrer Daten durch uns und unsere Partner zu. Ihre Einwilligung können Sie jederzeit in den Cookie-Einstellungen widerrufen.",
]

def html_page(s, cookie=None, charset="utf-8"):
    body = "\n".join(f"      <p>{p.replace('&', '&amp;')}</p>" for p in s["paras"])
    banner = ""
    if cookie:
        banner = '  <div id="cookie-consent" class="consent-banner">\n' + "\n".join(f"    <p>{c}</p>" for c in cookie) + '\n    <button>Alle akzeptieren</button>\n  </div>\n'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{s['title']} | Example News</title>
  <meta property="og:title" content="{s['title']}">
  <meta property="og:url" content="{s['url']}">
  <meta property="article:published_time" content="{s['published']}T09:30:00+00:00">
  <script>window.dataLayer = [];</script>
</head>
<body>
  <header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/africa">Africa</a></li><li><a href="/europe">Europe</a></li><li><a href="/middle-east">Middle East</a></li></ul></nav></header>
{banner}  <main>
    <article>
      <h1>{s['title']}</h1>
      <div class="byline">By Example News staff</div>
      <div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div>
{body}
      <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">UN warns of famine as fighting spreads</a></li><li><a href="/b">Ceasefire talks stall again</a></li></ul></aside>
    </article>
  </main>
  <div class="newsletter">Sign up for our daily briefing newsletter: <input type="email"></div>
  <footer><p>© 2026 Example News. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""

def warc_record(rtype, uri, date, payload, extra=None):
    rid = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, rtype + uri)}>"
    headers = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: {rid}",
        f"WARC-Date: {date}",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    for k, v in (extra or {}).items():
        headers.append(f"{k}: {v}")
    ctype = {"response": "application/http; msgtype=response", "request": "application/http; msgtype=request", "warcinfo": "application/warc-fields"}[rtype]
    headers += [f"Content-Type: {ctype}", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"

def http_response(body, ctype):
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body

def main():
    os.makedirs(OUT, exist_ok=True)
    # 1. An HTML page with navigation, a German cookie banner, share buttons, related links, a footer.
    s = STORIES[0]
    open(os.path.join(OUT, "sudan-el-fasher.html"), "w").write(html_page(s, cookie=COOKIE_DE))
    # 2. The same kind of page, gzipped.
    with open(os.path.join(OUT, "ukraine-drones.html.gz"), "wb") as f:
        f.write(gzip.compress(html_page(STORIES[1]).encode(), mtime=0))
    # 3. JSON Lines: one record with text, one with html.
    with open(os.path.join(OUT, "wire.jsonl"), "w") as f:
        s = STORIES[2]
        f.write(json.dumps({"id": "wire-drc-m23", "url": s["url"], "title": s["title"], "published": s["published"], "text": "\n\n".join(s["paras"])}, ensure_ascii=False) + "\n")
        s = STORIES[3]
        f.write(json.dumps({"id": "wire-gaza-aid", "url": s["url"], "published": s["published"], "html": html_page(s)}, ensure_ascii=False) + "\n")
    # 4. RSS 2.0 with two items, content as escaped HTML.
    items = []
    for s in STORIES[3:5]:
        content = "".join(f"<p>{p}</p>" for p in s["paras"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        items.append(f"""  <item>
    <title>{s['title']}</title>
    <link>{s['url']}</link>
    <guid isPermaLink="false">{s['slug']}</guid>
    <pubDate>{pubdate(s['published'])}</pubDate>
    <description>{content}</description>
  </item>""")
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Example News: World</title>
  <link>https://news.example.org/world</link>
  <description>World news from Example News</description>
{chr(10).join(items)}
</channel>
</rss>
"""
    open(os.path.join(OUT, "world.rss"), "w").write(rss)
    # 5. Atom with one entry, content in CDATA.
    s = STORIES[1]
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example News: Europe</title>
  <id>urn:example:europe</id>
  <updated>{s['published']}T12:00:00Z</updated>
  <entry>
    <title>{s['title']}</title>
    <link href="{s['url']}"/>
    <id>urn:example:{s['slug']}</id>
    <published>{s['published']}T08:15:00Z</published>
    <updated>{s['published']}T10:00:00Z</updated>
    <content type="html"><![CDATA[{"".join(f"<p>{p}</p>" for p in s['paras'])}]]></content>
  </entry>
</feed>
"""
    open(os.path.join(OUT, "europe.atom"), "w").write(atom)
    # 6. A WARC as Common Crawl News writes it: warcinfo, then request/response pairs, one gzip
    #    member per record; one response is not HTML and is skipped.
    recs = [warc_record("warcinfo", "", "2026-03-15T00:00:00Z", b"software: sitrep-samples\r\nformat: WARC File Format 1.0\r\n")]
    for s in (STORIES[0], STORIES[4]):
        recs.append(warc_record("request", s["url"], "2026-03-15T01:00:00Z", f"GET {s['url']} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()))
        recs.append(warc_record("response", s["url"], "2026-03-15T01:00:01Z", http_response(html_page(s).encode(), "text/html; charset=utf-8")))
    recs.append(warc_record("response", "https://news.example.org/logo.png", "2026-03-15T01:00:02Z", http_response(b"\x89PNG\r\n\x1a\nnot really a png", "image/png")))
    with open(os.path.join(OUT, "crawl.warc.gz"), "wb") as f:
        for r in recs:
            f.write(gzip.compress(r, mtime=0))
    # 7. A Russian page in Windows-1251, declared only in its meta tag.
    ru = {
        "title": "Переговоры в Стамбуле завершились без результата",
        "url": "https://news.example.ru/2026/03/istanbul-talks",
        "published": "2026-03-11",
        "paras": [
            "Переговоры делегаций в Стамбуле завершились во вторник без подписания итогового документа, сообщил турецкий МИД.",
            "Стороны договорились обменяться пленными и продолжить консультации на уровне экспертов в следующем месяце.",
            "По словам посредников, главным препятствием остается вопрос о линии разграничения.",
        ],
    }
    open(os.path.join(OUT, "istanbul-talks-cp1251.html"), "wb").write(html_page(ru, charset="windows-1251").replace('lang="en"', 'lang="ru"').encode("cp1251"))

def pubdate(iso):
    import datetime
    d = datetime.date.fromisoformat(iso)
    return d.strftime("%a, %d %b %Y 09:30:00 +0000")

main()
