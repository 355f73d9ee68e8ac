//! The OpenAPI 3.1 description of the API, served at `/openapi.json`.
//!
//! Written out route by route; a test holds it against the routes the router registers
//! ([`crate::api::routes`]) and the parameters each accepts, so the two cannot drift apart.

use serde_json::{json, Map, Value};

use crate::api::MAP_DEFAULT_LIMIT;
use crate::params::{DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_TEXT_CHARS};

/// The schema and description of a query parameter, by name.
fn param(name: &str, required: bool) -> Value {
    let (schema, description) = match name {
        "actor" => (
            json!({"type": "string", "pattern": "^[A-Za-z0-9]{2,32}$"}),
            "Actor code or country code prefix, on either side of an event, the claimant or the entity (AFG matches AFGGOV).",
        ),
        "source" => (
            json!({"type": "string", "pattern": "^[A-Za-z0-9]{2,32}$"}),
            "Source actor code prefix.",
        ),
        "target" => (
            json!({"type": "string", "pattern": "^[A-Za-z0-9]{2,32}$"}),
            "Target actor code prefix.",
        ),
        "cameo" => (
            json!({"type": "string", "pattern": "^[0-9]{2,4}$"}),
            "CAMEO event code prefix (19, 190, 1831).",
        ),
        "root" => (
            json!({"type": "string", "pattern": "^[0-9]{2}$"}),
            "CAMEO root code (two digits).",
        ),
        "quad" => (
            json!({"type": "integer", "enum": [1, 2, 3, 4]}),
            "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
        ),
        "plover" => (
            json!({"type": "string", "pattern": "^[A-Za-z_]{1,40}$"}),
            "PLOVER event type (ASSAULT, ACCUSE, ...), case-insensitive.",
        ),
        "since" => (
            json!({"type": "string", "format": "date"}),
            "Earliest event (or publication) date, inclusive, YYYY-MM-DD.",
        ),
        "until" => (
            json!({"type": "string", "format": "date"}),
            "Latest event (or publication) date, inclusive, YYYY-MM-DD; not before since.",
        ),
        "country" => (
            json!({"type": "string", "pattern": "^[A-Za-z]{3}$"}),
            "ISO 3166-1 alpha-3 country of the place (AFG), or IGO.",
        ),
        "near" => (
            json!({"type": "string", "pattern": "^-?[0-9.]+,-?[0-9.]+,[0-9.]+$"}),
            "Within KM of a point: LAT,LON,KM (34.5,69.2,50).",
        ),
        "claimant" => (
            json!({"type": "string", "maxLength": MAX_TEXT_CHARS}),
            "Who makes a casualty claim: code prefix or words of the claimant.",
        ),
        "text" => (
            json!({"type": "string", "maxLength": MAX_TEXT_CHARS}),
            "Full-text search over titles and article text (words, \"phrases\", OR, NOT, prefix*).",
        ),
        "q" => (
            json!({"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS}),
            "The words to search for (words, \"phrases\", OR, NOT, prefix*).",
        ),
        "document" => (
            json!({"type": "integer", "minimum": 1}),
            "Only records of this document.",
        ),
        "story" => (
            json!({"type": "integer", "minimum": 1}),
            "Only records of this story cluster.",
        ),
        "include_duplicates" => (
            json!({"type": "boolean", "default": false}),
            "Count near-duplicate copies too (by default a syndicated story counts once).",
        ),
        "limit" => (
            json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}),
            "Page size (at most 1000; /api/map defaults to 1000).",
        ),
        "offset" => (
            json!({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}),
            "Rows to skip: the next_offset of the previous page.",
        ),
        "url" => (
            json!({"type": "string", "maxLength": 4096}),
            "With a raw (text/html or text/plain) body: the document's URL.",
        ),
        "title" => (
            json!({"type": "string", "maxLength": 4096}),
            "With a raw body: the document's headline.",
        ),
        "published" => (
            json!({"type": "string", "format": "date"}),
            "With a raw body: its publication date, YYYY-MM-DD.",
        ),
        other => (json!({"type": "string"}), other),
    };
    json!({
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    })
}

fn params(names: &[&str]) -> Value {
    Value::Array(names.iter().map(|n| param(n, *n == "q")).collect())
}

fn id_param(what: &str) -> Value {
    json!({
        "name": "id",
        "in": "path",
        "required": true,
        "description": format!("The {what}'s id."),
        "schema": {"type": "integer", "minimum": 1},
    })
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": schema } },
    })
}

fn error(description: &str) -> Value {
    ok(description, schema_ref("Error"))
}

fn page_of(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "page"],
        "properties": {
            "items": {"type": "array", "items": schema_ref(item)},
            "page": schema_ref("PageInfo"),
        },
    })
}

fn list_get(summary: &str, item: &str, names: &[&str]) -> Value {
    json!({
        "get": {
            "summary": summary,
            "parameters": params(names),
            "responses": {
                "200": ok("A page of rows.", page_of(item)),
                "400": error("A parameter is unknown, repeated or malformed."),
                "500": error("The store failed."),
            },
        }
    })
}

/// The document as JSON text, built once.
pub fn document_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| document().to_string())
}

/// The whole document.
pub fn document() -> Value {
    use crate::api::{INGEST_PARAMS, LIST_PARAMS, SEARCH_PARAMS, TIMELINE_PARAMS};
    let mut paths = Map::new();

    let mut documents = list_get(
        "Documents matching the filters, newest first.",
        "DocumentRow",
        LIST_PARAMS,
    );
    documents["post"] = json!({
        "summary": "Ingest one document or a batch: each is read (cleaned, analysed, coded) and stored.",
        "description": "Send application/json (one object or an array of up to 1000), or a raw text/html or text/plain body with url, title and published as query parameters. Requires Authorization: Bearer TOKEN; disabled (403) when the server has no token configured.",
        "security": [{"bearer": []}],
        "parameters": params(INGEST_PARAMS),
        "requestBody": {
            "required": true,
            "content": {
                "application/json": {"schema": {"oneOf": [
                    schema_ref("IncomingDocument"),
                    {"type": "array", "items": schema_ref("IncomingDocument"), "minItems": 1, "maxItems": 1000},
                ]}},
                "text/html": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            },
        },
        "responses": {
            "201": ok("Some documents were newly stored.", schema_ref("IngestResponse")),
            "200": ok("Every document was already stored.", schema_ref("IngestResponse")),
            "400": error("The body or a parameter is malformed."),
            "401": error("Missing or wrong bearer token."),
            "403": error("Posting is disabled: no token configured."),
            "413": error("The body is larger than the limit (--max-body-bytes), or the batch has more than 1000 documents."),
            "415": error("The content type is not JSON, HTML or plain text."),
            "422": error("A document could not be read."),
            "500": error("The store failed."),
        },
    });
    paths.insert("/api/documents".into(), documents);
    paths.insert(
        "/api/documents/{id}".into(),
        json!({"get": {
            "summary": "One stored document with its whole reading (text, removed boilerplate, entities, places, events, claims, quotes).",
            "parameters": [id_param("document")],
            "responses": {
                "200": ok("The document.", schema_ref("StoredDocument")),
                "400": error("The id is not a positive whole number."),
                "404": error("No such document."),
            },
        }}),
    );
    paths.insert(
        "/api/events".into(),
        list_get(
            "Events (CAMEO/PLOVER), by date then document.",
            "EventRow",
            LIST_PARAMS,
        ),
    );
    paths.insert(
        "/api/claims".into(),
        list_get(
            "Casualty claims, each with its claimant.",
            "ClaimRow",
            LIST_PARAMS,
        ),
    );
    paths.insert(
        "/api/quotes".into(),
        list_get(
            "Direct quotes with their speakers.",
            "QuoteRow",
            LIST_PARAMS,
        ),
    );
    paths.insert(
        "/api/stories".into(),
        list_get(
            "Story clusters, largest and newest first.",
            "StoryRow",
            LIST_PARAMS,
        ),
    );
    paths.insert(
        "/api/stories/{id}".into(),
        json!({"get": {
            "summary": "One story: its documents, casualty figures reconciled per claimant (low/best/high, every claim cited), and its events counted once.",
            "parameters": [id_param("story")],
            "responses": {
                "200": ok("The story.", schema_ref("StoryDetail")),
                "400": error("The id is not a positive whole number."),
                "404": error("No such story."),
            },
        }}),
    );
    paths.insert(
        "/api/actors".into(),
        list_get("Actors by number of documents.", "ActorCount", LIST_PARAMS),
    );
    paths.insert(
        "/api/places".into(),
        list_get(
            "Places by number of documents, with coordinates.",
            "PlaceCount",
            LIST_PARAMS,
        ),
    );
    let mut map = list_get(
        "Map points: the places of matching events and claims, aggregated by coordinates.",
        "MapPoint",
        LIST_PARAMS,
    );
    map["get"]["description"] = json!(format!(
        "The page size defaults to {MAP_DEFAULT_LIMIT} here."
    ));
    paths.insert("/api/map".into(), map);
    let mut search = list_get(
        "Full-text search over titles and article text: matching documents with snippets.",
        "DocumentRow",
        SEARCH_PARAMS,
    );
    search["get"]["responses"]["400"] = error("q is missing, or a parameter is malformed.");
    paths.insert("/api/search".into(), search);
    paths.insert(
        "/api/stats".into(),
        json!({"get": {
            "summary": "Totals over the store.",
            "parameters": [],
            "responses": {"200": ok("The totals.", schema_ref("Stats"))},
        }}),
    );
    paths.insert(
        "/api/timeline".into(),
        json!({"get": {
            "summary": "Events per day by quad class, over the filters (not paged).",
            "parameters": params(TIMELINE_PARAMS),
            "responses": {
                "200": ok("Days in order.", json!({
                    "type": "object",
                    "required": ["items"],
                    "properties": {"items": {"type": "array", "items": schema_ref("TimelinePoint")}},
                })),
                "400": error("A parameter is unknown, repeated or malformed."),
            },
        }}),
    );
    paths.insert(
        "/openapi.json".into(),
        json!({"get": {
            "summary": "This document.",
            "parameters": [],
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
        }}),
    );

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Structured, source-attributed conflict and diplomacy data read from news: documents, events (CAMEO/PLOVER), casualty claims with their claimants, quotes, places and story clusters. Every error is {\"error\": message, \"status\": code}.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas(),
        },
    })
}

fn actor() -> Value {
    json!({"type": ["object", "null"], "properties": {
        "text": {"type": "string"},
        "country": {"type": ["string", "null"]},
        "code": {"type": ["string", "null"]},
    }})
}

fn nullable(t: &str) -> Value {
    json!({"type": [t, "null"]})
}

fn schemas() -> Value {
    let span = json!({"type": "object", "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}});
    let place = json!({"type": ["object", "null"], "properties": {
        "text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
        "name": {"type": "string"}, "country": nullable("string"),
        "lat": {"type": "number"}, "lon": {"type": "number"}, "geonames_id": nullable("integer"),
    }});
    let event = json!({"type": "object", "properties": {
        "source": actor(), "target": actor(),
        "cameo": {"type": "string"}, "root": {"type": "string"},
        "quad": {"type": "integer", "enum": [1, 2, 3, 4]}, "goldstein": {"type": "number"},
        "plover": nullable("string"), "date": nullable("string"), "place": place,
        "sentence": span, "confidence": {"type": "number"},
    }});
    let claim = json!({"type": "object", "properties": {
        "text": {"type": "string"}, "count": nullable("integer"), "count_max": nullable("integer"),
        "qualifier": {"type": "string", "enum": ["exact", "at_least", "more_than", "about", "up_to", "fewer_than"]},
        "outcome": {"type": "string", "enum": ["killed", "injured", "missing", "captured", "arrested", "displaced"]},
        "victims": {"type": "string"}, "country": nullable("string"),
        "according_to": actor(), "period": {"type": ["object", "null"]}, "place": place,
        "sentence": span, "part_of": {"type": ["integer", "null"]},
    }});
    let quote = json!({"type": "object", "properties": {
        "speaker": actor(), "text": {"type": "string"},
        "start": {"type": "integer"}, "end": {"type": "integer"},
    }});
    let reading = json!({
        "type": "object",
        "description": "The reading of a document, as CONTRACT.md fixes it (schema 1). Offsets are chars into text.",
        "properties": {
            "schema": {"type": "integer"}, "id": {"type": "string"}, "url": nullable("string"),
            "title": nullable("string"), "published": nullable("string"), "language": nullable("string"),
            "text": {"type": "string"},
            "removed": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["cookie_notice", "ui_control", "navigation", "advertisement", "newsletter", "social", "related_links", "byline", "caption", "copyright", "duplicate", "other"]},
                "language": nullable("string"), "text": {"type": "string"},
            }}},
            "sentences": {"type": "array", "items": span},
            "entities": {"type": "array", "items": {"type": "object"}},
            "places": {"type": "array", "items": place},
            "dates": {"type": "array", "items": {"type": "object"}},
            "events": {"type": "array", "items": event},
            "casualties": {"type": "array", "items": claim},
            "casualty_summary": {"type": "array", "items": schema_ref("CasualtySummary")},
            "quotes": {"type": "array", "items": quote},
        },
    });
    let provenance = json!({"type": "object", "properties": {
        "doc": {"type": "integer"}, "index": {"type": "integer"},
        "url": nullable("string"), "published": nullable("string"),
    }});
    json!({
        "Error": {"type": "object", "required": ["error", "status"], "properties": {
            "error": {"type": "string"}, "status": {"type": "integer"},
        }},
        "PageInfo": {"type": "object", "required": ["limit", "offset", "returned", "next_offset"], "properties": {
            "limit": {"type": "integer"}, "offset": {"type": "integer"}, "returned": {"type": "integer"},
            "next_offset": {"type": ["integer", "null"], "description": "offset of the next page; null on the last page"},
        }},
        "Event": event,
        "CasualtyClaim": claim,
        "Quote": quote,
        "Reading": reading,
        "CasualtySummary": {"type": "object", "properties": {
            "outcome": {"type": "string"}, "victims": {"type": "string"}, "country": nullable("string"),
            "low": nullable("integer"), "best": nullable("integer"), "high": nullable("integer"),
            "claims": {"type": "array", "items": {"type": "integer"}}, "claimants": {"type": "integer"},
        }},
        "DocumentRow": {"type": "object", "properties": {
            "doc": {"type": "integer"}, "title": nullable("string"), "url": nullable("string"),
            "published": nullable("string"), "language": nullable("string"),
            "duplicate_of": nullable("integer"), "story": nullable("integer"),
            "events": {"type": "integer"}, "claims": {"type": "integer"}, "snippet": {"type": "string"},
        }},
        "StoredDocument": {"type": "object", "properties": {
            "doc": {"type": "integer"}, "content_hash": {"type": "string"},
            "origin": {"type": "object"}, "captured": nullable("string"), "ingested_at": {"type": "string"},
            "reader_version": {"type": "string"}, "duplicate_of": nullable("integer"),
            "similarity": nullable("number"), "story": nullable("integer"), "reading": schema_ref("Reading"),
        }},
        "EventRow": {"type": "object", "properties": {
            "doc": {"type": "integer"}, "index": {"type": "integer"}, "story": nullable("integer"),
            "duplicate_of": nullable("integer"), "published": nullable("string"), "title": nullable("string"),
            "url": nullable("string"), "sentence_text": {"type": "string"}, "event": schema_ref("Event"),
        }},
        "ClaimRow": {"type": "object", "properties": {
            "doc": {"type": "integer"}, "index": {"type": "integer"}, "story": nullable("integer"),
            "duplicate_of": nullable("integer"), "published": nullable("string"), "title": nullable("string"),
            "url": nullable("string"), "claim": schema_ref("CasualtyClaim"),
        }},
        "QuoteRow": {"type": "object", "properties": {
            "doc": {"type": "integer"}, "index": {"type": "integer"}, "published": nullable("string"),
            "quote": schema_ref("Quote"),
        }},
        "StoryRow": {"type": "object", "properties": {
            "story": {"type": "integer"}, "title": nullable("string"),
            "first_published": nullable("string"), "last_published": nullable("string"),
            "documents": {"type": "integer"}, "duplicates": {"type": "integer"}, "outlets": {"type": "integer"},
            "events": {"type": "integer"}, "claims": {"type": "integer"},
            "countries": {"type": "array", "items": {"type": "string"}},
        }},
        "StoryDetail": {"type": "object", "properties": {
            "story": schema_ref("StoryRow"),
            "documents": {"type": "array", "items": schema_ref("DocumentRow")},
            "casualties": {"type": "array", "items": {"type": "object", "properties": {
                "summary": schema_ref("CasualtySummary"),
                "claims": {"type": "array", "items": {"type": "object", "properties": {
                    "claimant": actor(), "count": nullable("integer"), "count_max": nullable("integer"),
                    "qualifier": {"type": "string"}, "text": {"type": "string"},
                    "sources": {"type": "array", "items": provenance},
                }}},
            }}},
            "events": {"type": "array", "items": {"type": "object", "properties": {
                "event": schema_ref("Event"), "doc": {"type": "integer"}, "reports": {"type": "integer"},
            }}},
        }},
        "ActorCount": {"type": "object", "properties": {
            "code": nullable("string"), "country": nullable("string"), "text": {"type": "string"},
            "documents": {"type": "integer"}, "events": {"type": "integer"},
        }},
        "PlaceCount": {"type": "object", "properties": {
            "name": {"type": "string"}, "country": nullable("string"),
            "lat": {"type": "number"}, "lon": {"type": "number"}, "geonames_id": nullable("integer"),
            "documents": {"type": "integer"}, "events": {"type": "integer"}, "claims": {"type": "integer"},
        }},
        "MapPoint": {"type": "object", "properties": {
            "lat": {"type": "number"}, "lon": {"type": "number"}, "name": {"type": "string"},
            "country": nullable("string"), "events": {"type": "integer"}, "claims": {"type": "integer"},
            "killed": {"type": "integer"},
        }},
        "TimelinePoint": {"type": "object", "properties": {
            "date": {"type": "string", "format": "date"},
            "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4,
                     "description": "events of quad class 1..4 that day"},
        }},
        "Stats": {"type": "object", "properties": {
            "backend": {"type": "string"}, "schema_version": {"type": "integer"},
            "documents": {"type": "integer"}, "duplicates": {"type": "integer"}, "stories": {"type": "integer"},
            "multi_document_stories": {"type": "integer"}, "events": {"type": "integer"},
            "events_by_quad": {"type": "array", "items": {"type": "integer"}},
            "claims": {"type": "integer"},
            "claims_by_claimant": {"type": "array", "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}},
            "quotes": {"type": "integer"}, "entities": {"type": "integer"}, "places": {"type": "integer"},
            "first_published": nullable("string"), "last_published": nullable("string"),
            "size_bytes": nullable("integer"),
        }},
        "IncomingDocument": {"type": "object", "additionalProperties": false, "properties": {
            "url": {"type": "string"}, "title": {"type": "string"},
            "published": {"type": "string", "format": "date"},
            "html": {"type": "string"}, "text": {"type": "string"},
        }, "oneOf": [{"required": ["html"]}, {"required": ["text"]}]},
        "IngestResponse": {"type": "object", "properties": {
            "received": {"type": "integer"}, "stored": {"type": "integer"},
            "results": {"type": "array", "items": {"type": "object", "required": ["outcome", "doc"], "properties": {
                "outcome": {"type": "string", "enum": ["stored", "unchanged", "replaced"]},
                "doc": {"type": "integer"}, "duplicate_of": nullable("integer"), "story": {"type": "integer"},
            }}},
        }},
    })
}
