#!/usr/bin/env python3
"""Builds the news samples in examples/news/ (HTML pages) from the stories below.

Every story is written for sitrep's own examples: fictional, plausible wire copy in the style of
conflict and diplomacy reporting (outlets, agencies, people quoted by name and figures are
invented; places and organisations are real). Each page carries an outlet's boilerplate
(navigation, a cookie banner in another language, share buttons, a newsletter prompt, related
links, a copyright footer) so that cleaning is visible, and the metadata the reader takes
(og:title, og:url, article:published_time).

The set is built to exercise story clustering:
- one wire story (Red Sea ship attack) carried by four outlets nearly verbatim: near-duplicates;
- one incident (a strike on a displacement camp in El Fasher) told by five outlets in their own
  words, with conflicting casualty claims from the health ministry, the UN, local monitors and the
  RSF, and a follow-up the next day with updated tolls: one story, several claimants;
- two outlets on the same Afghanistan-Pakistan talks: one story;
- unrelated stories, among them other incidents in the same countries on other days.

Deterministic; stdlib only. Run it again after editing a story; the outputs are committed.
"""
import html
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "examples", "news")

OUTLETS = {
    "ledger": {
        "name": "The Daily Ledger", "host": "dailyledger.example",
        "nav": ["Home", "World", "Africa", "Middle East", "Opinion"],
        "cookie": ("de", [
            "Wir nutzen Cookies, um die Nutzung unserer Seiten auszuwerten und Ihnen passende Werbung anzuzeigen.",
            "Wenn Sie auf „Zustimmen“ klicken, willigen Sie in die Verarbeitung Ihrer Daten ein. Sie können Ihre Wahl jederzeit in den Einstellungen ändern.",
        ], "Zustimmen"),
        "newsletter": "Get the Ledger's world briefing in your inbox every morning. Sign up now",
    },
    "tribune": {
        "name": "Capital Tribune", "host": "capitaltribune.example",
        "nav": ["Front page", "International", "Politics", "Economy", "Video"],
        "cookie": ("fr", [
            "Nous utilisons des cookies pour mesurer l'audience de notre site et vous proposer des publicités adaptées à vos centres d'intérêt.",
            "En cliquant sur « Tout accepter », vous consentez à l'utilisation de ces cookies. Vous pouvez modifier vos choix à tout moment.",
        ], "Tout accepter"),
        "newsletter": "Subscribe to our newsletter for the day's top international stories",
    },
    "horizon": {
        "name": "Horizon Post", "host": "horizonpost.example",
        "nav": ["News", "World", "Conflict", "Diplomacy", "Podcasts"],
        "cookie": ("es", [
            "Utilizamos cookies propias y de terceros para analizar el uso del sitio y mostrarle publicidad relacionada con sus preferencias.",
            "Puede aceptar todas las cookies pulsando el botón «Aceptar» o configurar su uso en cualquier momento.",
        ], "Aceptar"),
        "newsletter": "Sign up for the Horizon Post evening newsletter",
    },
    "star": {
        "name": "Northern Star Online", "host": "northernstar.example",
        "nav": ["Home", "World news", "Business", "Science", "Sport"],
        "cookie": ("tr", [
            "Sitemizde size daha iyi bir deneyim sunmak ve reklamları kişiselleştirmek için çerezler kullanıyoruz.",
            "Siteyi kullanmaya devam ederek çerez politikamızı kabul etmiş sayılırsınız.",
        ], "Kabul et"),
        "newsletter": "Never miss a story: subscribe to our free daily newsletter",
    },
    "gulf": {
        "name": "Gulf Observer", "host": "gulfobserver.example",
        "nav": ["Home", "Region", "World", "Markets", "Analysis"],
        "cookie": ("it", [
            "Questo sito utilizza cookie tecnici e di profilazione per migliorare la tua esperienza di navigazione e mostrarti pubblicità in linea con le tue preferenze.",
            "Chiudendo questo banner o continuando la navigazione acconsenti all'uso dei cookie.",
        ], "Accetta"),
        "newsletter": "Sign up for the Gulf Observer morning newsletter",
    },
    "review": {
        "name": "Continental Review", "host": "contrev.example",
        "nav": ["Latest", "Europe", "Africa", "Asia", "Americas"],
        "cookie": ("nl", [
            "Wij gebruiken cookies om onze website goed te laten werken, het gebruik te meten en advertenties af te stemmen op uw interesses.",
            "Door op „Akkoord“ te klikken gaat u akkoord met het plaatsen van alle cookies.",
        ], "Akkoord"),
        "newsletter": "Subscribe to the Continental Review weekly newsletter",
    },
}

# --- (1) One wire story, syndicated: the original and three outlets' copies. -------------------

RED_SEA = [
    "SANAA, May 12 (Wirepoint) - A missile fired by Yemen's Houthi movement struck a Liberian-flagged bulk carrier in the Red Sea late on Monday, killing 3 crew members and wounding 4 others, the ship's operator said.",
    "The vessel, the Sea Orchid, was sailing north about 60 nautical miles west of the port of Hodeidah with a cargo of fertiliser when it was hit on the starboard side, the operator said in a statement. A fire in the engine room was brought under control after several hours.",
    "A Houthi military spokesman said in a televised address that the group had targeted the ship because its owner traded with Israeli ports, and warned that attacks on shipping would continue as long as the war in Gaza went on.",
    "The United States Central Command said one of its destroyers had rescued 19 sailors from the crew and taken them to a port in Djibouti. It condemned the attack as reckless.",
    "\"The crew did everything they could to save the ship,\" said Nikos Andreadis, a spokesman for the operator. \"Our thoughts are with the families of the men we lost.\"",
    "Attacks by the Houthis have forced many shipping companies to send their vessels around the Cape of Good Hope, adding weeks to voyages between Asia and Europe.",
]


def red_sea_copy(killed, wounded, trim):
    paras = list(RED_SEA)
    paras[0] = paras[0].replace("killing 3 crew members and wounding 4 others", f"killing {killed} crew members and wounding {wounded} others")
    return paras[:-1] if trim else paras


STORIES = [
    {"slug": "red-sea-ship-ledger", "outlet": "ledger", "published": "2026-05-12T07:40:00+00:00",
     "path": "world/2026/05/12/houthi-missile-hits-cargo-ship",
     "title": "Houthi missile hits cargo ship in Red Sea, three crew killed",
     "paras": red_sea_copy(3, 4, False)},
    {"slug": "red-sea-ship-tribune", "outlet": "tribune", "published": "2026-05-12T09:05:00+00:00",
     "path": "international/yemen-houthis-strike-bulk-carrier-sea-orchid",
     "title": "Yemen's Houthis strike bulk carrier off Hodeidah",
     "paras": red_sea_copy(3, 4, False)},
    {"slug": "red-sea-ship-horizon", "outlet": "horizon", "published": "2026-05-12T10:30:00+00:00",
     "path": "conflict/red-sea-attack-sea-orchid",
     "title": "Three sailors dead after Red Sea missile attack",
     "paras": red_sea_copy(3, 4, True)},
    {"slug": "red-sea-ship-gulf", "outlet": "gulf", "published": "2026-05-12T16:20:00+00:00",
     "path": "region/2026/05/12/sea-orchid-death-toll-rises",
     "title": "Death toll rises to four after Houthi strike on Sea Orchid",
     "paras": red_sea_copy(4, 3, False)},
]

# --- (2) One incident told by five outlets in their own words, then a follow-up. ---------------

STORIES += [
    {"slug": "el-fasher-camp-ledger", "outlet": "ledger", "published": "2026-05-18T08:15:00+00:00",
     "path": "africa/2026/05/18/drone-strike-el-fasher-camp",
     "title": "Drone strike on displacement camp in Sudan's El Fasher kills dozens",
     "paras": [
        "PORT SUDAN, May 18 (Wirepoint) - A drone strike hit a camp for displaced families on the northern edge of El Fasher on Sunday, killing 31 civilians and wounding 54, Sudan's health ministry said, blaming the paramilitary Rapid Support Forces.",
        "The ministry said most of the dead were women and children who had gathered at a water point when the drone struck shortly after dawn.",
        "The RSF denied attacking civilians. In a statement on its Telegram channel, the group said it had struck an army weapons depot near the camp and accused the Sudanese army of hiding fighters among displaced people.",
        "The UN Office for the Coordination of Humanitarian Affairs said it had confirmed the deaths of at least 22 civilians and that the figure was likely to rise.",
        "El Fasher, the last big city in Darfur held by the army, has been under siege by the RSF for more than a year.",
     ]},
    {"slug": "el-fasher-camp-tribune", "outlet": "tribune", "published": "2026-05-18T10:02:00+00:00",
     "path": "international/sudan-el-fasher-camp-attack-un-toll",
     "title": "UN says at least 22 civilians killed in El Fasher camp attack",
     "paras": [
        "GENEVA, May 18 (CPA) - At least 22 civilians were killed on Sunday when a drone struck a crowded displacement camp in El Fasher, the capital of Sudan's North Darfur state, the United Nations said on Monday.",
        "\"People who had already lost everything were killed while queueing for water,\" said Clementine Ruhara, a spokeswoman for the UN Office for the Coordination of Humanitarian Affairs, calling for an independent investigation.",
        "Sudanese authorities gave a higher toll. The health ministry in Port Sudan said 31 civilians had died.",
        "The Rapid Support Forces, which have besieged the city for months, rejected the accusations and said their fighters had targeted military positions.",
        "Aid groups say the camp shelters tens of thousands of people who fled earlier fighting in Darfur.",
     ]},
    {"slug": "el-fasher-camp-horizon", "outlet": "horizon", "published": "2026-05-18T12:45:00+00:00",
     "path": "conflict/el-fasher-monitors-say-40-dead",
     "title": "Local monitors put El Fasher camp death toll at 40",
     "paras": [
        "NAIROBI, May 18 - Forty people were killed when a drone hit a camp for displaced people in the besieged Sudanese city the day before, a local monitoring group said on Monday, a far higher toll than the one given by the United Nations.",
        "The El Fasher Resistance Committee, a volunteer network that has documented attacks on the city since the siege began, said its members had counted the bodies at the camp and at two clinics.",
        "\"Families buried their dead in the camp itself because it was too dangerous to reach the cemetery,\" said Adam Yahya, a member of the committee, speaking by satellite phone.",
        "Sudan's health ministry said 31 civilians were killed. The UN humanitarian office said at least 22 civilians were killed. The Rapid Support Forces denied targeting civilians.",
        "The army and the RSF have been at war since April 2023.",
     ]},
    {"slug": "el-fasher-camp-star", "outlet": "star", "published": "2026-05-18T14:10:00+00:00",
     "path": "world/rsf-denies-el-fasher-camp-strike",
     "title": "Sudan's RSF denies targeting civilians after deadly El Fasher drone strike",
     "paras": [
        "KHARTOUM, May 18 (Horizon News Service) - Sudan's paramilitary Rapid Support Forces on Monday denied carrying out a drone strike that killed dozens of people at a displacement camp in El Fasher, saying it had hit an army depot and killed 12 soldiers.",
        "An RSF commander, Brigadier Hamid al-Tayeb, told reporters in Nyala that the army was using displaced people as human shields.",
        "The army-aligned government said the RSF had deliberately attacked civilians. The health ministry said 31 civilians were killed and 54 wounded in Sunday's strike on the camp.",
        "The UN humanitarian office said it had confirmed at least 22 civilian deaths.",
        "Neither side's account could be independently verified. Journalists have had almost no access to El Fasher since the siege began.",
     ]},
    {"slug": "el-fasher-camp-review", "outlet": "review", "published": "2026-05-18T18:30:00+00:00",
     "path": "africa/2026/05/18/darfur-water-point-strike",
     "title": "Strike on water point in Darfur camp draws international condemnation",
     "paras": [
        "NEW YORK, May 18 - The UN Secretary-General condemned on Monday a drone strike on a camp for displaced people in El Fasher, in Sudan's Darfur region, that killed at least 22 civilians according to the world body.",
        "The strike hit a water point at dawn on Sunday as women and children waited with jerrycans. Sudan's health ministry said 31 civilians were killed. The El Fasher Resistance Committee, a local monitoring group, said 40 people died.",
        "The Rapid Support Forces, which have encircled El Fasher for more than a year, said they had targeted the army and denied killing civilians.",
        "The United Kingdom and Norway called for an emergency meeting of the Security Council on Darfur.",
        "\"This must be the last time the world looks away from El Fasher,\" Ingrid Solberg, a spokeswoman for the Norwegian foreign ministry, said in a statement.",
     ]},
    {"slug": "el-fasher-camp-followup", "outlet": "ledger", "published": "2026-05-19T09:20:00+00:00",
     "path": "africa/2026/05/19/el-fasher-camp-toll-rises",
     "title": "Toll from El Fasher camp drone strike rises to 38, ministry says",
     "paras": [
        "PORT SUDAN, May 19 (Wirepoint) - Sudan's health ministry said on Tuesday that 38 civilians had now died in Sunday's drone strike on a displacement camp in El Fasher, after several of the wounded died in hospital.",
        "The UN humanitarian office said 27 civilians were killed in the attack on the camp, raising the figure it had given on Monday.",
        "Doctors at the city's last working hospital said they had run out of blood bags and surgical supplies and were treating patients on the floor.",
        "The Rapid Support Forces repeated that they had struck an army depot and not the camp.",
        "The UN Security Council was due to discuss the attack in a closed meeting later on Tuesday.",
     ]},
]

# --- (3) One diplomatic story told by two outlets. ---------------------------------------------

STORIES += [
    {"slug": "afpak-talks-tribune", "outlet": "tribune", "published": "2026-05-15T11:00:00+00:00",
     "path": "international/afghanistan-pakistan-talks-istanbul",
     "title": "Afghanistan and Pakistan agree to extend truce at Istanbul talks",
     "paras": [
        "ISTANBUL, May 15 (CPA) - Afghanistan and Pakistan agreed on Friday to extend a ceasefire along their border for another month and to set up a joint mechanism to investigate cross-border attacks, Turkish officials said after two days of talks in Istanbul.",
        "The talks, mediated by Turkey and Qatar, were the first face-to-face meeting between the two governments since deadly clashes on the border in March.",
        "\"Both delegations showed a real will to keep the border quiet,\" a Turkish foreign ministry official said, asking not to be named.",
        "Pakistan accuses the Taliban government in Kabul of sheltering militants of the Pakistani Taliban, a charge Kabul denies.",
        "The delegations are due to meet again in Doha next month to discuss the reopening of border crossings to trade.",
     ]},
    {"slug": "afpak-talks-review", "outlet": "review", "published": "2026-05-15T15:40:00+00:00",
     "path": "asia/2026/05/15/kabul-islamabad-extend-ceasefire",
     "title": "Kabul and Islamabad extend border ceasefire after Turkish-Qatari mediation",
     "paras": [
        "ISTANBUL, May 15 - Negotiators from Pakistan and Afghanistan's Taliban government on Friday agreed to prolong their border ceasefire by a month, closing two days of talks in Istanbul hosted by Turkey with Qatar's help.",
        "The two sides also agreed to create a joint body to look into attacks across the border, according to a statement read by the Turkish foreign ministry.",
        "Pakistan's delegation was led by its deputy foreign minister, while the Afghan side was headed by a senior Taliban official from the foreign ministry in Kabul.",
        "Relations between the neighbours collapsed in March, when Pakistani air strikes and Afghan retaliation along the frontier killed dozens of people.",
        "A further round is planned in Doha in June.",
     ]},
]

# --- (4) Unrelated stories, some in the same countries on other days. --------------------------

STORIES += [
    {"slug": "kharkiv-drones", "outlet": "star", "published": "2026-05-14T06:50:00+00:00",
     "path": "world/kharkiv-drone-attack-apartment",
     "title": "Russian drones hit Kharkiv apartment block, two killed",
     "paras": [
        "KYIV, May 14 (Wirepoint) - Russian drones struck an apartment block and a petrol station in Kharkiv overnight, killing 2 people and injuring 11, the regional governor said on Thursday.",
        "The governor said on Telegram that a 12-year-old girl was among the injured and that rescuers were still searching the rubble of the fifth floor.",
        "Ukraine's air force said Russia had launched 48 drones and three missiles, and that air defences had downed 39 of the drones.",
        "Russia's defence ministry said its forces had struck enterprises of Ukraine's military-industrial complex. It did not mention Kharkiv.",
        "Kharkiv, Ukraine's second-largest city, lies about 30 kilometres from the Russian border and is hit almost every night.",
     ]},
    {"slug": "zaporizhzhia-shelling", "outlet": "horizon", "published": "2026-05-20T13:15:00+00:00",
     "path": "conflict/zaporizhzhia-shelling-bus-stop",
     "title": "Shelling of bus stop in Zaporizhzhia region kills three",
     "paras": [
        "KYIV, May 20 - Russian artillery hit a bus stop in the town of Orikhiv in the Zaporizhzhia region on Wednesday morning, killing 3 people and wounding 6, Ukrainian regional officials said.",
        "The regional governor said the victims had been waiting for a bus to take them to work in the regional capital.",
        "The Russian-installed administration of the occupied part of the region accused Ukrainian forces of shelling the town of Vasylivka, and said one person was injured there.",
        "Fighting along the southern front has intensified in recent weeks as both sides try to gain ground before ceasefire talks.",
     ]},
    {"slug": "ukraine-russia-prisoner-swap", "outlet": "gulf", "published": "2026-05-17T17:00:00+00:00",
     "path": "world/2026/05/17/ukraine-russia-swap-uae",
     "title": "Russia and Ukraine swap 250 prisoners each in UAE-brokered deal",
     "paras": [
        "ABU DHABI, May 17 - Russia and Ukraine exchanged 250 prisoners of war each on Sunday in a swap mediated by the United Arab Emirates, the two countries' governments said.",
        "Ukrainian President Volodymyr Zelensky posted photographs of freed soldiers wrapped in blue and yellow flags at a crossing point on the border with Belarus, and thanked the Emirates for their help.",
        "Russia's defence ministry said the returned Russian servicemen would be flown to Moscow for medical checks.",
        "The UAE foreign ministry said it was the seventeenth exchange it had helped to arrange since the start of the war, and that it was ready to continue its mediation.",
        "Kyiv and Moscow have also been discussing the return of bodies of soldiers killed in the fighting.",
     ]},
    {"slug": "sagaing-monastery-strike", "outlet": "review", "published": "2026-05-16T09:00:00+00:00",
     "path": "asia/2026/05/16/myanmar-air-strike-monastery",
     "title": "Myanmar air strike on monastery kills 18, resistance group says",
     "paras": [
        "BANGKOK, May 16 - A Myanmar military jet bombed a Buddhist monastery sheltering displaced villagers in the Sagaing region on Friday, killing 18 people, among them 5 children, a local resistance group said.",
        "The People's Defence Force in Monywa district said the monastery near the village of Lin Ta Lu had been housing about 150 people who fled fighting this year.",
        "\"There were no fighters there, only old people, monks and children,\" a member of the group said, declining to give his name for security reasons.",
        "A spokesman for the military government told state media the air force had targeted a training camp of terrorist groups and denied hitting civilians.",
        "Air strikes by the military have killed thousands of civilians since it seized power in a coup in February 2021, according to UN investigators.",
     ]},
    {"slug": "timbuktu-army-post", "outlet": "tribune", "published": "2026-05-13T12:30:00+00:00",
     "path": "international/mali-jnim-attack-army-post-timbuktu",
     "title": "Militants attack army post near Timbuktu, Mali says 10 soldiers killed",
     "paras": [
        "BAMAKO, May 13 (CPA) - Islamist militants attacked an army post near Timbuktu in northern Mali on Tuesday, killing 10 soldiers, the army said, in the latest assault on government forces in the Sahel.",
        "The army's general staff said in a statement that troops had repelled the attack and killed 27 assailants, and that reinforcements had been sent by air.",
        "JNIM, the al Qaeda affiliate active across the Sahel, said in a claim of responsibility that its fighters had killed 40 soldiers and seized vehicles and weapons.",
        "The figures could not be verified. Mali's military government has restricted access to the north for journalists and aid workers.",
        "The junta turned to Russian military instructors after expelling French troops in 2022, but attacks by armed groups have continued to spread.",
     ]},
    {"slug": "chaman-border-clash", "outlet": "ledger", "published": "2026-05-10T10:10:00+00:00",
     "path": "asia/2026/05/10/chaman-border-clash",
     "title": "Pakistani and Afghan forces clash at Chaman crossing",
     "paras": [
        "ISLAMABAD, May 10 (Wirepoint) - Pakistani and Afghan Taliban forces exchanged heavy fire near the Chaman border crossing on Saturday, and Pakistan's army said 4 of its soldiers were killed.",
        "The army's media wing said Afghan forces had opened fire without provocation on a border post and that Pakistani troops had responded by destroying several Taliban positions.",
        "A Taliban spokesman in Kandahar said Pakistani mortar fire had killed 9 civilians in the Spin Boldak district, including women.",
        "The crossing, one of the main trade routes between the two countries, was closed and hundreds of lorries were stranded on both sides.",
        "The clash came days before officials of both governments were due to meet in Istanbul.",
     ]},
    {"slug": "drc-doha-ceasefire", "outlet": "gulf", "published": "2026-05-15T19:45:00+00:00",
     "path": "world/2026/05/15/congo-m23-doha-framework",
     "title": "Congo and M23 rebels sign ceasefire framework in Doha",
     "paras": [
        "DOHA, May 15 - The government of the Democratic Republic of Congo and the M23 rebel movement signed a framework agreement for a permanent ceasefire in Doha on Friday, after weeks of talks mediated by Qatar.",
        "The agreement commits both sides to stop fighting in North and South Kivu, to exchange prisoners and to allow humanitarian access to areas held by the rebels, according to a copy seen by reporters.",
        "A Qatari minister of state for foreign affairs said the text was a first step and that detailed protocols would follow within 30 days.",
        "The M23, which Kinshasa and UN experts say is backed by Rwanda, seized Goma and Bukavu early last year. Rwanda denies arming the group.",
        "The United Nations refugee agency says fighting in the east has forced more than 700,000 people from their homes since January.",
     ]},
    {"slug": "gaza-khan-younis-strikes", "outlet": "star", "published": "2026-05-16T15:30:00+00:00",
     "path": "world/gaza-khan-younis-strikes-aid",
     "title": "Israeli strikes kill 17 in Khan Younis as aid trucks enter Gaza",
     "paras": [
        "CAIRO, May 16 (Horizon News Service) - Israeli air strikes on houses in Khan Younis killed 17 Palestinians on Saturday, among them 6 children, Gaza's health ministry said, as dozens of aid trucks entered the enclave through the Rafah crossing.",
        "The Israeli military said it had struck Hamas militants who had fired rockets at southern Israel, and that it was looking into reports of civilian casualties.",
        "The World Health Organization said 40 patients needing specialist care had been evacuated to Egypt through Rafah, the first medical evacuation in two weeks.",
        "\"Every truck that gets in is a lifeline, but it is nowhere near enough,\" said Samira Haddad, a WHO official in Cairo.",
        "Egyptian and Qatari mediators are trying to revive talks on a lasting ceasefire and the release of hostages.",
     ]},
    {"slug": "yemen-muscat-talks", "outlet": "horizon", "published": "2026-05-14T11:20:00+00:00",
     "path": "diplomacy/un-envoy-yemen-muscat-talks",
     "title": "UN envoy holds Yemen talks in Muscat on prisoners and salaries",
     "paras": [
        "MUSCAT, May 14 - The United Nations special envoy for Yemen met Houthi negotiators in Muscat on Thursday to discuss a new prisoner exchange and the payment of public sector salaries, Omani officials said.",
        "The envoy later travelled to Riyadh to meet Saudi officials and representatives of Yemen's internationally recognised government.",
        "Oman has hosted several rounds of talks between the Houthis and Saudi Arabia since a truce in 2022 largely halted the Saudi-led coalition's air campaign.",
        "The head of the Houthi delegation said on social media that the discussions were positive but that Saudi Arabia had to lift restrictions on Sanaa airport first.",
        "Talks have been complicated by the Houthi attacks on shipping in the Red Sea and by US strikes on Houthi targets in Yemen.",
     ]},
    {"slug": "el-fasher-aid-convoy", "outlet": "tribune", "published": "2026-05-21T08:45:00+00:00",
     "path": "international/wfp-convoy-reaches-el-fasher",
     "title": "First UN food convoy in months reaches El Fasher",
     "paras": [
        "PORT SUDAN, May 21 (CPA) - A convoy of 15 lorries carrying food from the World Food Programme reached El Fasher on Wednesday, the first aid to enter the besieged city in more than three months, the UN agency said.",
        "The convoy carried sorghum, lentils and nutritional supplements for about 40,000 people for a month, WFP said, far short of what the city needs.",
        "\"This is a drop in the ocean, but it proves that access is possible when the parties allow it,\" said Laurent Bisimwa, WFP's deputy country director.",
        "The convoy travelled from Tawila after the Rapid Support Forces and the army both gave guarantees of safe passage, aid officials said.",
        "The United Nations says famine has been confirmed in parts of North Darfur.",
     ]},
    {"slug": "port-sudan-depot-strike", "outlet": "review", "published": "2026-05-22T07:30:00+00:00",
     "path": "africa/2026/05/22/port-sudan-fuel-depot-drone",
     "title": "Drones hit fuel depot in Port Sudan for second time this month",
     "paras": [
        "PORT SUDAN, May 22 - Drones struck a fuel depot near the port of Port Sudan early on Friday, setting storage tanks ablaze and killing 2 workers, a government spokesman said, blaming the Rapid Support Forces.",
        "Thick black smoke rose over the Red Sea city, which has served as the seat of the army-aligned government since fighting engulfed the capital Khartoum.",
        "The RSF did not comment. The group has carried out long-range drone attacks on Port Sudan since last year, targeting the airport, power stations and fuel stores.",
        "Flights at the city's airport were suspended for several hours, the civil aviation authority said.",
        "The attacks have driven up fuel prices across army-held areas of Sudan.",
     ]},
]


# Further paragraphs, appended before each story's last paragraph.
EXTRA = {
    "el-fasher-camp-ledger": [
        "Residents reached by telephone said the drone circled over the camp for several minutes before it struck. Volunteers carried the wounded to a field clinic on donkey carts because there was no fuel for ambulances.",
    ],
    "el-fasher-camp-tribune": [
        "The UN agency said its staff had not been able to reach the camp and that its figure was based on reports from health workers and community leaders on the ground.",
    ],
    "el-fasher-camp-horizon": [
        "The committee published a list of names of the dead on social media, among them 14 children. The list could not be independently verified.",
    ],
    "el-fasher-camp-star": [
        "Displaced families at the camp have been living for months on one meal a day, aid workers say, as the siege has cut off food supplies and the main roads into the city.",
    ],
    "el-fasher-camp-review": [
        "Diplomats said a draft statement calling on both sides to protect civilians was being circulated among Council members, but that agreement on its wording was far from certain.",
    ],
    "el-fasher-camp-followup": [
        "The El Fasher Resistance Committee, a local monitoring group, said its own count had reached 45 dead and that dozens of people were still missing.",
        "Relatives said many of the wounded had shrapnel injuries to the head and chest, and that some had waited for hours before they could be carried to the hospital.",
    ],
    "afpak-talks-tribune": [
        "The ceasefire, first agreed in April after weeks of fighting, has largely held, although both sides have reported sporadic exchanges of fire near the crossings at Torkham and Chaman.",
        "Traders on both sides of the frontier have lost millions of dollars while the crossings were closed, and hundreds of lorries loaded with fruit were left to rot at the border.",
    ],
    "afpak-talks-review": [
        "Turkish officials said the joint body would include military and intelligence officers from both countries and report to the mediators every two weeks.",
        "Islamabad says militants of the Pakistani Taliban use Afghan territory to plan attacks on its security forces. The Taliban government says it does not allow anyone to use Afghan soil against other countries.",
    ],
    "kharkiv-drones": [
        "Local officials said more than 30 flats had been damaged and that residents of the building were being moved to temporary shelters in a nearby school.",
        "Ukraine has asked its Western partners for more air defence systems to protect cities in the east, where Russian drones often arrive within minutes of launch.",
    ],
    "zaporizhzhia-shelling": [
        "Orikhiv lies a few kilometres from the front line and most of its pre-war population has left. Those who remain are mostly elderly people who depend on deliveries of water and food from volunteers.",
        "Ukrainian officials said Russian forces had fired on 17 settlements in the region over the past day, using artillery, drones and guided aerial bombs.",
    ],
    "ukraine-russia-prisoner-swap": [
        "Among the Ukrainians released were defenders of Mariupol who had spent more than three years in Russian captivity, Ukraine's coordination headquarters for prisoners of war said.",
        "Families of missing soldiers gathered outside the reception centre in northern Ukraine holding photographs of their relatives, hoping for news.",
    ],
    "sagaing-monastery-strike": [
        "Photographs shared by the group showed the collapsed roof of the main prayer hall and rows of bodies covered with blankets in the monastery courtyard.",
    ],
    "timbuktu-army-post": [
        "Residents of Timbuktu said they heard heavy gunfire and explosions for several hours from the direction of the post, which guards a road leading north towards the desert.",
    ],
    "chaman-border-clash": [
        "Residents of Chaman said shells landed in a market area on the Pakistani side, damaging shops, and that families had fled towards the city centre.",
        "Pakistan and Afghanistan have fought repeatedly along the disputed frontier, known as the Durand Line, which Kabul has never recognised.",
    ],
    "drc-doha-ceasefire": [
        "Previous ceasefires in eastern Congo have broken down within weeks, and fighting was reported around Uvira only days before the signing.",
    ],
    "gaza-khan-younis-strikes": [
        "Residents said one strike flattened a three-storey house where two families were sheltering, and that rescuers were digging through the rubble with their hands.",
    ],
    "yemen-muscat-talks": [
        "Diplomats said the talks were focused on the release of about 1,500 detainees held by both sides and on a mechanism to pay teachers and doctors in areas under Houthi control.",
    ],
    "el-fasher-aid-convoy": [
        "Aid workers said prices of basic goods in El Fasher had risen tenfold since the siege began and that many families had resorted to eating animal feed.",
    ],
    "port-sudan-depot-strike": [
        "Witnesses said they heard the buzz of drones shortly before dawn, followed by several explosions. Firefighters were still battling the blaze in the afternoon.",
        "Army air defences shot down several of the drones over the city, the spokesman said. He did not say how many had been launched.",
    ],
}
for _s in STORIES:
    if _s["slug"] in EXTRA:
        _s["paras"] = _s["paras"][:-1] + EXTRA[_s["slug"]] + _s["paras"][-1:]


def page(s):
    o = OUTLETS[s["outlet"]]
    lang, cookie, accept = o["cookie"]
    url = f"https://www.{o['host']}/{s['path']}"
    title = html.escape(s["title"], quote=True)
    nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}">{html.escape(n)}</a></li>' for n in o["nav"])
    paras = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in s["paras"])
    cookie_html = "\n".join(f"    <p>{html.escape(c, quote=False)}</p>" for c in cookie)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {html.escape(o['name'])}</title>
  <meta property="og:title" content="{title}">
  <meta property="og:url" content="{url}">
  <meta property="og:site_name" content="{html.escape(o['name'])}">
  <meta property="article:published_time" content="{s['published']}">
  <script>window.analytics = window.analytics || [];</script>
</head>
<body>
  <header><nav class="site-nav"><ul>{nav}</ul></nav></header>
  <div id="cookie-banner" class="cookie-consent" lang="{lang}">
{cookie_html}
    <button>{html.escape(accept)}</button>
  </div>
  <main>
    <article>
      <h1>{title}</h1>
      <div class="share"><a href="#">Share</a> <a href="#">Post</a> <a href="#">Email</a></div>
{paras}
      <aside class="related"><h3>More on this story</h3><ul><li><a href="/r1">What we know about the fighting so far</a></li><li><a href="/r2">Mediators try again as talks stall</a></li></ul></aside>
    </article>
  </main>
  <div class="newsletter">{html.escape(o['newsletter'])} <input type="email" placeholder="Email address"> <button>Subscribe</button></div>
  <footer><p>© 2026 {html.escape(o['name'])}. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body>
</html>
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    for s in STORIES:
        with open(os.path.join(OUT, s["slug"] + ".html"), "w", encoding="utf-8") as f:
            f.write(page(s))


if __name__ == "__main__":
    main()
