//! The actor-list format: parsing dictionary text into entries, names and cue words.
//!
//! The principal type is [`Tables`], everything the dictionary files say, before the matcher is
//! built over it. One file is a list of sections; the format is documented in
//! `data/actors/README.md`:
//!
//! ```text
//! @kind person
//! RUSGOV@20080508.. RUSELI<TAB>Vladimir Putin|Vladimir V. Putin
//! @cue locative
//! in|at|near
//! ```

use std::collections::{HashMap, HashSet};

use sitrep_model::EntityKind;

use super::matcher::{is_dash, normalize_key};

/// What a dictionary entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country's name ("Pakistan").
    Country,
    /// A country's adjective or demonym ("Pakistani", "Afghans").
    Demonym,
    /// A capital, which stands for its government in some contexts ("Islamabad accuses").
    Capital,
    Person,
    Organization,
    Group,
    /// A title or role ("Foreign Minister"); the code is a sector code (`GOV`).
    Title,
    /// A common noun for a sector ("soldiers"); the code is a sector code (`MIL`). The kind is the
    /// entity kind it makes after a country ("Pakistani soldiers" is a group).
    Agent(EntityKind),
}

/// A code valid between two days (`YYYYMMDD` as numbers, both ends included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: u32,
    pub to: u32,
    /// False for a code without dates: the entry's default.
    pub dated: bool,
}

/// One dictionary record: a kind and its codes; its names point to it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    pub codes: Vec<DatedCode>,
    /// ISO alpha-3 given by the record itself (country records written `CAMEO/ISO`).
    pub iso: Option<String>,
}

impl Entry {
    /// The code in force on `date` (`YYYYMMDD`), else the default, else the latest role.
    pub fn code_on(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            if let Some(c) = self
                .codes
                .iter()
                .rev()
                .find(|c| c.dated && c.from <= d && d <= c.to)
            {
                return Some(&c.code);
            }
            if let Some(c) = self.codes.iter().find(|c| !c.dated) {
                return Some(&c.code);
            }
        }
        let latest = self
            .codes
            .iter()
            .filter(|c| c.dated)
            .max_by_key(|c| (c.to, c.from));
        latest
            .or_else(|| self.codes.iter().find(|c| !c.dated))
            .map(|c| c.code.as_str())
    }
}

/// How the text must be written for a name to match, word by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordCase {
    /// Written in lower case in the dictionary: any case matches.
    Any,
    /// Capitalised in the dictionary: the text's word must start with a capital.
    Capital,
    /// In capitals in the dictionary (two letters or more): the text's word must be in capitals.
    Upper,
}

/// One name of an entry, normalised for matching.
#[derive(Debug, Clone)]
pub struct Name {
    /// The normalised name (see [`normalize`]).
    pub key: String,
    pub entry: usize,
    /// Index of the source file that gave it; a later file replaces an earlier one's entry.
    pub source: usize,
    pub case: Vec<WordCase>,
}

/// Everything the dictionary files say.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub entries: Vec<Entry>,
    /// Every name, in reading order; on equal keys the matcher keeps the first of the latest file.
    pub names: Vec<Name>,
    /// Cue-word lists by name ("locative", "gov_verbs"), normalised.
    pub cues: HashMap<String, HashSet<String>>,
    /// CAMEO country code → ISO alpha-3.
    pub iso_of: HashMap<String, String>,
    pub sources: Vec<String>,
    /// The language of each source: the folder of its name (`fr/countries.txt` → `fr`); `None`
    /// for names of every language (`curated.txt`).
    pub langs: Vec<Option<String>>,
}

impl Tables {
    /// Parses one dictionary file and adds it.
    pub fn add(&mut self, source: &str, text: &str) -> Result<(), String> {
        let src = self.sources.len();
        self.sources.push(source.to_string());
        let lang = source
            .split_once('/')
            .map(|(l, _)| l)
            .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()));
        self.langs.push(lang.map(str::to_string));
        let mut section = Section::None;
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim_end();
            if line.trim().is_empty() {
                continue;
            }
            let err = |m: &str| format!("{source}:{}: {m}", i + 1);
            if let Some(rest) = line.strip_prefix('@') {
                section = parse_header(rest).map_err(|m| err(&m))?;
                continue;
            }
            match section {
                Section::None => return Err(err("entry before any @kind or @cue header")),
                Section::Cue(ref name) => {
                    let set = self.cues.entry(name.clone()).or_default();
                    for w in line.split('|') {
                        let n = normalize_key(w.trim());
                        if !n.is_empty() {
                            set.insert(n);
                        }
                    }
                }
                Section::Kind(kind) => {
                    let (codes, names) = line
                        .split_once('\t')
                        .ok_or_else(|| err("expected CODES<TAB>NAMES"))?;
                    self.add_entry(kind, codes, names, src)
                        .map_err(|m| err(&m))?;
                }
            }
        }
        Ok(())
    }

    fn add_entry(
        &mut self,
        kind: EntryKind,
        codes: &str,
        names: &str,
        src: usize,
    ) -> Result<(), String> {
        let mut parsed = Vec::new();
        let mut iso = None;
        for c in codes.split_whitespace() {
            let (c, i) = match c.split_once('/') {
                Some((c, i)) => (c, Some(i)),
                None => (c, None),
            };
            if let Some(i) = i {
                iso = Some(check_code(i)?.to_string());
            }
            parsed.push(parse_code(c)?);
        }
        if parsed.is_empty() {
            return Err("no code".into());
        }
        if matches!(kind, EntryKind::Country) {
            if let Some(c) = parsed.first() {
                let i = iso.clone().unwrap_or_else(|| c.code.clone());
                self.iso_of.insert(c.code.clone(), i);
            }
        }
        let entry = self.entries.len();
        self.entries.push(Entry {
            kind,
            codes: parsed,
            iso,
        });
        for n in names.split('|') {
            let n = n.trim();
            // A leading article is no part of a name: "the UN Assistance Mission" must match
            // from "UN", not lose to "The UN".
            let n = match n.get(..4) {
                Some(a) if a.eq_ignore_ascii_case("the ") && n.len() > 4 => n.get(4..).unwrap_or(n),
                _ => n,
            };
            let key = normalize_key(n);
            if key.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let case = word_cases(n, &key);
            // The same name twice in one record ("Ambassador|ambassador"): one name that
            // accepts what either accepts.
            if let Some(prev) = self
                .names
                .iter_mut()
                .rev()
                .take_while(|x| x.entry == entry)
                .find(|x| x.key == key)
            {
                for (a, b) in prev.case.iter_mut().zip(case.iter()) {
                    *a = (*a).min(*b);
                }
                continue;
            }
            self.names.push(Name {
                key,
                entry,
                source: src,
                case,
            });
        }
        Ok(())
    }

    /// Whether the name record `n` serves texts in `lang` (names of no language serve all).
    pub fn serves(&self, n: &Name, lang: &str) -> bool {
        match self.langs.get(n.source) {
            Some(Some(l)) => l == lang,
            _ => true,
        }
    }

    /// Whether the cue list `list` holds the normalised word or phrase `w`.
    pub fn cue(&self, list: &str, w: &str) -> bool {
        self.cues.get(list).is_some_and(|s| s.contains(w))
    }

    /// The ISO alpha-3 country of a CAMEO actor code (`RUSGOV` → `RUS`, `IGOUNO` → `IGO`).
    pub fn country_of_code(&self, code: &str) -> Option<String> {
        let head = code.get(..3)?;
        if head == "IGO" || head == "NGO" {
            return Some("IGO".to_string());
        }
        // Territories are coded with six letters (USAPRI): try those first.
        if let Some(i) = code.get(..6).and_then(|h| self.iso_of.get(h)) {
            return Some(i.clone());
        }
        self.iso_of.get(head).cloned()
    }
}

enum Section {
    None,
    Kind(EntryKind),
    Cue(String),
}

fn parse_header(rest: &str) -> Result<Section, String> {
    let mut it = rest.split_whitespace();
    match (it.next(), it.next(), it.next()) {
        (Some("cue"), Some(name), None) => Ok(Section::Cue(name.to_string())),
        (Some("kind"), Some(k), sub) => {
            let kind = match (k, sub) {
                ("country", None) => EntryKind::Country,
                ("demonym", None) => EntryKind::Demonym,
                ("capital", None) => EntryKind::Capital,
                ("person", None) => EntryKind::Person,
                ("organization", None) => EntryKind::Organization,
                ("group", None) => EntryKind::Group,
                ("title", None) => EntryKind::Title,
                ("agent", Some("group")) => EntryKind::Agent(EntityKind::Group),
                ("agent", Some("organization")) => EntryKind::Agent(EntityKind::Organization),
                ("agent", Some("person")) => EntryKind::Agent(EntityKind::Person),
                _ => return Err(format!("unknown kind {k:?}")),
            };
            Ok(Section::Kind(kind))
        }
        _ => Err(format!("bad header @{rest}")),
    }
}

/// Cuts a `#` comment: at the line start or after whitespace, so `#` inside a name stays.
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b.get(i - 1).is_some_and(|p| p.is_ascii_whitespace())) {
            return line.get(..i).unwrap_or("");
        }
    }
    line
}

fn check_code(c: &str) -> Result<&str, String> {
    if !c.is_empty()
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Ok(c)
    } else {
        Err(format!("bad code {c:?}"))
    }
}

/// `RUSGOV`, `RUSGOV@20080508..`, `RUSELI@..19990809`, `AFGGOV@19331108..19730717`.
fn parse_code(s: &str) -> Result<DatedCode, String> {
    let (code, dates) = match s.split_once('@') {
        Some((c, d)) => (c, Some(d)),
        None => (s, None),
    };
    let code = check_code(code)?.to_string();
    let Some(dates) = dates else {
        return Ok(DatedCode {
            code,
            from: 0,
            to: u32::MAX,
            dated: false,
        });
    };
    let (a, b) = dates
        .split_once("..")
        .ok_or_else(|| format!("bad dates {dates:?}"))?;
    let day = |x: &str, open: u32| -> Result<u32, String> {
        if x.is_empty() {
            return Ok(open);
        }
        let d: String = x.chars().filter(|c| *c != '-').collect();
        if d.len() != 8 {
            return Err(format!("bad date {x:?}"));
        }
        d.parse().map_err(|_| format!("bad date {x:?}"))
    };
    Ok(DatedCode {
        code,
        from: day(a, 0)?,
        to: day(b, u32::MAX)?,
        dated: true,
    })
}

/// The case rule of each word of a dictionary name (words as the normaliser splits them).
fn word_cases(name: &str, key: &str) -> Vec<WordCase> {
    let mut out = Vec::new();
    for w in name
        .split(|c: char| c.is_whitespace() || is_dash(c))
        .filter(|w| !w.is_empty())
    {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let case = match letters.next() {
            None => WordCase::Any,
            Some(f) if f.is_lowercase() => WordCase::Any,
            Some(_) => {
                let mut rest = letters.peekable();
                if rest.peek().is_some() && rest.all(char::is_uppercase) {
                    WordCase::Upper
                } else {
                    WordCase::Capital
                }
            }
        };
        out.push(case);
    }
    let n = key.split(' ').filter(|w| !w.is_empty()).count();
    if out.len() != n {
        // Unusual separators: fall back to "capitalised" for every word.
        return vec![WordCase::Capital; n];
    }
    out
}

/// `YYYY-MM-DD` (or `YYYYMMDD`) as a number.
pub fn day_number(date: &str) -> Option<u32> {
    let d: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() != 8 {
        return None;
    }
    d.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_codes_resolve() {
        let mut t = Tables::default();
        t.add(
            "t",
            "@kind person\nRUSELI@19700101..19990809 RUSGOV@20080508.. RUSELI\tVladimir Putin\n",
        )
        .unwrap();
        let e = &t.entries[0];
        assert_eq!(e.code_on(None), Some("RUSGOV"));
        assert_eq!(e.code_on(Some(19950101)), Some("RUSELI"));
        assert_eq!(e.code_on(Some(20260317)), Some("RUSGOV"));
        assert_eq!(e.code_on(Some(20030101)), Some("RUSELI"));
    }

    #[test]
    fn errors_name_the_line() {
        let mut t = Tables::default();
        let e = t.add("x.txt", "@kind person\nno tab here\n").unwrap_err();
        assert!(e.starts_with("x.txt:2:"), "{e}");
        assert!(t.add("y", "@kind nonsense\n").is_err());
        assert!(t.add("z", "@kind person\nrusgov\tX Y\n").is_err());
    }

    #[test]
    fn word_cases_follow_the_dictionary() {
        let n = "UN Assistance Mission in Afghanistan";
        assert_eq!(
            word_cases(n, &normalize_key(n)),
            vec![
                WordCase::Upper,
                WordCase::Capital,
                WordCase::Capital,
                WordCase::Any,
                WordCase::Capital
            ]
        );
        assert_eq!(word_cases("soldiers", "soldiers"), vec![WordCase::Any]);
    }
}

#[cfg(test)]
mod timing {
    #[test]
    #[ignore]
    fn time_parse_and_build() {
        let t0 = std::time::Instant::now();
        let mut t = super::Tables::default();
        for (n, s) in super::super::EMBEDDED {
            if let Err(e) = t.add(n, s) {
                eprintln!("{e}");
            }
        }
        let t1 = t0.elapsed();
        let _m = super::super::matcher::Matcher::new(&t);
        eprintln!("build {:?}", t0.elapsed() - t1);
        eprintln!("parse {t1:?} names {}", t.names.len());
    }
}
