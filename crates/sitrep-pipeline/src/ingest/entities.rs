//! Character references: decoding XML's five entities and numeric references, and escaping text
//! for HTML.
//!
//! Feeds carry HTML inside XML, so the same text passes both ways: [`unescape`] turns
//! `&lt;p&gt;` back into the HTML `<p>`, and [`escape_html`] turns plain text (Atom
//! `type="text"`) into HTML that shows it as it is. Entities XML does not define (`&nbsp;`) are
//! left alone for the HTML cleaner.

/// Decodes the five XML entities and numeric character references; others stay as written.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = semi.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// Escapes text for use inside HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_and_unknown_ones_stay() {
        assert_eq!(
            unescape("a &lt;b&gt; &amp;amp; &#233;&#xE9; &nbsp; &bogus &#0; &"),
            "a <b> &amp; éé &nbsp; &bogus &#0; &"
        );
        assert_eq!(unescape("é&"), "é&");
        assert_eq!(unescape("&#x110000;"), "&#x110000;");
    }

    #[test]
    fn text_escapes_into_html() {
        assert_eq!(
            escape_html("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(unescape(&escape_html("x<y>&z")), "x<y>&z");
    }
}
