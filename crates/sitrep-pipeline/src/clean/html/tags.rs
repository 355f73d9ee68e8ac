//! The element names extraction distinguishes: the principal type is [`Tag`], with the parsing
//! classes (void, raw text, implied end tags) and the layout class (block or inline) of each.
//!
//! ```ignore
//! assert_eq!(Tag::from_name(b"DIV"), Tag::Div);
//! assert!(Tag::Br.is_void());
//! ```

/// An element name. Names extraction has no rule for are `Inline` (unknown, like `font`) or
/// `Custom` (custom elements, which contain `-` and are laid out as blocks far more often).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Root,
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Textarea,
    Iframe,
    Svg,
    Math,
    Object,
    Rt,
    Div,
    P,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Article,
    Main,
    Section,
    Header,
    Footer,
    Nav,
    Aside,
    Menu,
    Figure,
    Figcaption,
    Form,
    Fieldset,
    Address,
    Center,
    Details,
    Summary,
    Dialog,
    Hr,
    Br,
    Img,
    Input,
    Button,
    Select,
    Option,
    Label,
    A,
    Time,
    Wbr,
    OtherVoid,
    Inline,
    Custom,
}

impl Tag {
    pub fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 12];
        let Some(lower) = buf.get_mut(..name.len()) else {
            return if name.contains(&b'-') {
                Tag::Custom
            } else {
                Tag::Inline
            };
        };
        for (d, s) in lower.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        match &*lower {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"textarea" => Tag::Textarea,
            b"iframe" => Tag::Iframe,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"object" => Tag::Object,
            // Ruby annotations (the reading of a character) are not part of the sentence.
            b"rt" | b"rp" => Tag::Rt,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" => Tag::Pre,
            b"table" => Tag::Table,
            b"caption" => Tag::Caption,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"section" => Tag::Section,
            b"header" | b"hgroup" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"menu" => Tag::Menu,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"form" => Tag::Form,
            b"fieldset" => Tag::Fieldset,
            b"address" => Tag::Address,
            b"center" => Tag::Center,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"dialog" => Tag::Dialog,
            b"hr" => Tag::Hr,
            b"br" => Tag::Br,
            b"img" | b"image" | b"picture" | b"video" | b"audio" | b"canvas" => Tag::Img,
            b"input" => Tag::Input,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" | b"optgroup" | b"datalist" => Tag::Option,
            b"label" => Tag::Label,
            b"a" => Tag::A,
            b"time" => Tag::Time,
            b"wbr" => Tag::Wbr,
            b"area" | b"base" | b"col" | b"embed" | b"param" | b"source" | b"track" | b"keygen"
            | b"basefont" | b"bgsound" | b"frame" => Tag::OtherVoid,
            b"noembed" | b"noframes" | b"xmp" | b"plaintext" => Tag::Noscript,
            b"frameset" | b"legend" | b"output" | b"progress" | b"meter" => Tag::Div,
            _ if lower.contains(&b'-') => Tag::Custom,
            _ => Tag::Inline,
        }
    }

    /// The lower-case name, for finding a raw-text element's end tag.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Title => "title",
            Tag::Script => "script",
            Tag::Style => "style",
            Tag::Noscript => "noscript",
            Tag::Textarea => "textarea",
            Tag::Iframe => "iframe",
            _ => "",
        }
    }

    /// Elements with no end tag and no content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Hr
                | Tag::Br
                | Tag::Img
                | Tag::Input
                | Tag::Wbr
                | Tag::OtherVoid
        )
    }

    /// Elements whose content is not markup. `noscript` counts: with scripting on, as in every
    /// browser a reader uses, its content is never shown.
    pub fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Title | Tag::Script | Tag::Style | Tag::Noscript | Tag::Textarea | Tag::Iframe
        )
    }

    /// Elements whose content is not text for a reader (vector graphics, formulas, inert
    /// templates): the builder skips them whole.
    pub fn is_opaque(self) -> bool {
        matches!(
            self,
            Tag::Svg | Tag::Math | Tag::Template | Tag::Object | Tag::Rt
        )
    }

    /// HTML start tags that end foreign content (`<svg>`, `<math>`) left open.
    pub fn breaks_out_of_foreign(self) -> bool {
        matches!(
            self,
            Tag::Div
                | Tag::P
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Br
                | Tag::Hr
                | Tag::Img
                | Tag::Body
                | Tag::Head
                | Tag::Meta
                | Tag::Center
                | Tag::Menu
        ) || self.is_heading()
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Inline elements: their text joins the surrounding block's.
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            Tag::Text
                | Tag::A
                | Tag::Inline
                | Tag::Time
                | Tag::Label
                | Tag::Img
                | Tag::Wbr
                | Tag::Br
                | Tag::OtherVoid
                | Tag::Input
                | Tag::Button
                | Tag::Select
                | Tag::Option
                | Tag::Textarea
                | Tag::Iframe
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Title
                | Tag::Meta
                | Tag::Link
                | Tag::Svg
                | Tag::Math
                | Tag::Object
                | Tag::Rt
                | Tag::Template
        )
    }

    /// Elements whose start tag closes an open `p` (the HTML parsing rule, abridged).
    pub fn closes_p(self) -> bool {
        !self.is_inline()
            && !matches!(
                self,
                Tag::Li
                    | Tag::Dt
                    | Tag::Dd
                    | Tag::Td
                    | Tag::Th
                    | Tag::Tr
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Caption
                    | Tag::Custom
                    | Tag::Html
                    | Tag::Head
                    | Tag::Body
                    | Tag::Root
            )
    }

    /// Elements that bound the search for an open element to close (the spec's "scope").
    pub fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Root | Tag::Html | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Button
        )
    }
}
