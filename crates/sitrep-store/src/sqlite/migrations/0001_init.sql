-- sitrep store, schema version 1.
-- Readings are kept whole (JSON) and flattened into one table per record kind for filtering.
-- Every derived row cascades from its document, so that replacing a reading is a delete and an
-- insert inside one transaction.

CREATE TABLE stories (
    id        INTEGER PRIMARY KEY,
    first_doc INTEGER
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    content_hash   TEXT NOT NULL,
    url            TEXT,
    host           TEXT,
    title          TEXT,
    published      TEXT,
    language       TEXT,
    captured       TEXT,
    ingested_at    TEXT NOT NULL,
    reader_version TEXT NOT NULL,
    origin_input   TEXT NOT NULL,
    origin_record  INTEGER,
    origin_offset  INTEGER,
    raw_gzip       BLOB,
    reading        BLOB NOT NULL,  -- gzip-compressed JSON of the reading
    signature      BLOB,
    features       TEXT NOT NULL,
    duplicate_of   INTEGER REFERENCES documents(id),
    similarity     REAL,
    story          INTEGER REFERENCES stories(id),
    n_events       INTEGER NOT NULL DEFAULT 0,
    n_claims       INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX documents_identity ON documents(content_hash, ifnull(url, ''));
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE TABLE removed (
    doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    language TEXT,
    text     TEXT NOT NULL
);
CREATE INDEX removed_doc ON removed(doc);

CREATE TABLE entities (
    doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT,
    code    TEXT,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL
);
CREATE INDEX entities_doc ON entities(doc);
CREATE INDEX entities_code ON entities(code, doc);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE places (
    doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    geonames_id INTEGER
);
CREATE INDEX places_doc ON places(doc);
CREATE INDEX places_country ON places(country);
CREATE INDEX places_geonames ON places(geonames_id, doc);
CREATE INDEX places_lat_lon ON places(lat, lon);

CREATE TABLE events (
    doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    source_text    TEXT,
    source_country TEXT,
    source_code    TEXT,
    target_text    TEXT,
    target_country TEXT,
    target_code    TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover         TEXT,
    date           TEXT,  -- the event's date, else the document's publication date
    place_name     TEXT,
    place_country  TEXT,
    lat            REAL,
    lon            REAL,
    geonames_id    INTEGER,
    sentence_text  TEXT NOT NULL,
    confidence     REAL NOT NULL,
    event_key      TEXT NOT NULL,
    json           TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_quad_date ON events(quad, date);
CREATE INDEX events_date ON events(date, doc, idx);
CREATE INDEX events_place_country ON events(place_country);
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX events_key ON events(event_key);

CREATE TABLE claims (
    doc              INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    text             TEXT NOT NULL,
    count            INTEGER,
    count_max        INTEGER,
    qualifier        TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    victims          TEXT NOT NULL,
    country          TEXT,
    claimant_text    TEXT,
    claimant_country TEXT,
    claimant_code    TEXT,
    period_start     TEXT,
    period_end       TEXT,
    place_name       TEXT,
    place_country    TEXT,
    lat              REAL,
    lon              REAL,
    geonames_id      INTEGER,
    part_of          INTEGER,
    json             TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX claims_claimant_code ON claims(claimant_code);
CREATE INDEX claims_place_country ON claims(place_country);
CREATE INDEX claims_outcome ON claims(outcome, victims);

CREATE TABLE quotes (
    doc             INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    speaker_text    TEXT,
    speaker_country TEXT,
    speaker_code    TEXT,
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    json            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX quotes_speaker_code ON quotes(speaker_code);

-- MinHash LSH: documents sharing a band key are near-duplicate candidates.
CREATE TABLE bands (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE INDEX bands_doc ON bands(doc);

-- Full text of titles and articles; rowid is the document id.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
