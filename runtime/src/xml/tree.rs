//! An XML document as a tree of elements, parsed with quick-xml: what the typed
//! readers walk. Names are split into prefix and local name; text is unescaped
//! (predefined entities and character references), CDATA included.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::XmlError;

/// How deep elements may nest: deeper documents are refused, not recursed into.
const MAX_DEPTH: usize = 256;

/// One element: its name, attributes, child elements and text.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct XmlElement {
    /// The local name (without prefix).
    pub name: String,
    /// The prefix, when the name had one.
    pub prefix: Option<String>,
    /// Attributes as `(local name, value)`, unescaped; `xmlns` declarations left out.
    pub attributes: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<XmlElement>,
    /// The element's own text (direct text and CDATA, concatenated).
    pub text: String,
}

impl XmlElement {
    /// Parses a whole document: its root element.
    pub fn parse(text: &str) -> Result<Self, XmlError> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<XmlElement> = Vec::new();
        loop {
            let event = reader.read_event().map_err(|e| {
                XmlError::new(format!(
                    "not well-formed XML at byte {}: {e}",
                    reader.error_position()
                ))
            })?;
            match event {
                Event::Start(start) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(XmlError::new(format!(
                            "elements nest deeper than {MAX_DEPTH} levels"
                        )));
                    }
                    stack.push(Self::from_start(&start)?);
                }
                Event::Empty(start) => {
                    let element = Self::from_start(&start)?;
                    if let Some(done) = close(&mut stack, element) {
                        return Ok(done);
                    }
                }
                Event::End(_) => {
                    let element = stack
                        .pop()
                        .ok_or_else(|| XmlError::new("an end tag without a start tag"))?;
                    if let Some(done) = close(&mut stack, element) {
                        return Ok(done);
                    }
                }
                Event::Text(text) => push_text(&mut stack, &text.xml10_content()),
                Event::CData(data) => push_text(&mut stack, &data.xml10_content()),
                Event::GeneralRef(reference) => {
                    let resolved = resolve_reference(&reference)?;
                    push_text(&mut stack, resolved.encode_utf8(&mut [0; 4]));
                }
                Event::Eof => return Err(XmlError::new("the document has no root element")),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    fn from_start(start: &BytesStart<'_>) -> Result<Self, XmlError> {
        let (prefix, name) = split_name(start.name().0);
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| XmlError::new(e.to_string()))?;
            let key = attribute.key.0;
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| XmlError::new(format!("attribute `{key}`: {e}")))?;
            attributes.push((split_name(key).1.to_owned(), value.into_owned()));
        }
        Ok(Self {
            name: name.to_owned(),
            prefix: prefix.map(str::to_owned),
            attributes,
            children: Vec::new(),
            text: String::new(),
        })
    }

    /// The value of attribute `local`, if present.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == local)
            .map(|(_, value)| value.as_str())
    }

    /// The child elements named `local`, in order.
    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a XmlElement> {
        self.children
            .iter()
            .filter(move |child| child.name == local)
    }
}

/// Adds a finished element to its parent; the root when the stack is empty.
fn close(stack: &mut [XmlElement], element: XmlElement) -> Option<XmlElement> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(element);
            None
        }
        None => Some(element),
    }
}

fn push_text(stack: &mut [XmlElement], text: &str) {
    if let Some(current) = stack.last_mut() {
        current.text.push_str(text);
    }
}

/// `prefix:local` → `(Some(prefix), local)`.
fn split_name(name: &str) -> (Option<&str>, &str) {
    match name.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, name),
    }
}

/// A predefined entity or a character reference; any other entity is an error
/// (a document type's entities are not expanded).
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Result<char, XmlError> {
    if let Some(c) = reference
        .resolve_char_ref()
        .map_err(|e| XmlError::new(e.to_string()))?
    {
        return Ok(c);
    }
    let name = reference.xml10_content();
    match name.as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => Err(XmlError::new(format!("unknown entity `&{other};`"))),
    }
}
