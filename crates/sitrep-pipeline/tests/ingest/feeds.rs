//! Feeds: RSS 2.0, Atom, RSS 1.0 (RDF), and broken ones.

use super::*;

#[test]
fn rss_items() {
    let d = docs("news.rss", fixture("news.rss"));
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "ex-1001");
    assert_eq!(
        d[0].title.as_deref(),
        Some("Shelling reported near Kharkiv")
    );
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/kharkiv"));
    assert_eq!(d[0].published.as_deref(), Some("2026-03-17"));
    assert_eq!(
        html(&d[0]),
        "<p>Full text of the <em>story</em> &amp; more.</p>"
    );
    assert_eq!(d[1].id, "news#2");
    assert_eq!(d[1].title.as_deref(), Some("Talks & truce"));
    assert_eq!(d[1].published.as_deref(), Some("2026-03-16"));
    assert_eq!(html(&d[1]), "<p>Escaped &amp; HTML</p>&nbsp;");
    assert_eq!(d[1].origin.record, Some(2));
}

#[test]
fn atom_entries() {
    let d = docs("news.atom", fixture("news.atom"));
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "tag:example.com,2026:1");
    assert_eq!(d[0].url.as_deref(), Some("https://example.com/border"));
    assert_eq!(d[0].title.as_deref(), Some("Border <i>clashes</i>"));
    assert_eq!(d[0].published.as_deref(), Some("2026-03-17"));
    assert_eq!(
        html(&d[0]),
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Troops &amp; tanks <b>moved</b>.<br/>Then stopped.</p></div>"
    );
    assert_eq!(d[1].url.as_deref(), Some("https://example.com/summary"));
    assert_eq!(d[1].published.as_deref(), Some("2026-03-15"));
    assert_eq!(html(&d[1]), "A &lt;b&gt; is not bold here");
}

#[test]
fn rdf_items() {
    let d = docs("news.rdf", fixture("news.rdf"));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].id, "https://example.com/rdf1");
    assert_eq!(d[0].published.as_deref(), Some("2026-03-12"));
    assert_eq!(html(&d[0]), "RDF body.");
}

#[test]
fn a_malformed_feed_keeps_the_items_before_the_fault() {
    let out = read_all("broken.rss", fixture("broken.rss"));
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().map(|d| d.id.as_str()).ok(), Some("g1"));
    assert_eq!(out[1].as_ref().map(|d| d.id.as_str()).ok(), Some("g2"));
    let Err(e) = &out[2] else {
        panic!("the third item is broken")
    };
    assert!(matches!(e.kind, ErrorKind::Feed(_)));
    assert_eq!(
        e.to_string(),
        "broken.rss: record 3 (byte 282): malformed feed: mismatched end tag </title>, expected </description> at line 5"
    );
}

#[test]
fn a_fault_between_items_names_no_item() {
    let rss =
        b"<rss><channel><item><guid>https://example.com/p</guid></item></chanel></rss>".to_vec();
    let out = read_all("x.rss", rss);
    assert_eq!(out.len(), 2);
    let Ok(doc) = &out[0] else {
        panic!("the item is fine")
    };
    // A guid that is a URL (and a permalink, by default) serves as the link.
    assert_eq!(doc.url.as_deref(), Some("https://example.com/p"));
    let Err(e) = &out[1] else {
        panic!("the end is broken")
    };
    assert_eq!(
        e.to_string(),
        "x.rss (byte 61): malformed feed: mismatched end tag </chanel>, expected </channel> at line 1"
    );
}
