//! Writing XML with quick-xml: elements with attributes and escaped text, each
//! namespace declared (`xmlns:prefix="…"`) on the element where it is used.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use super::XmlName;

/// An XML document being written.
pub struct XmlWriter {
    writer: Writer<Vec<u8>>,
    /// The start tag being built, until its first child or text closes it.
    pending: Option<BytesStart<'static>>,
}

impl std::fmt::Debug for XmlWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlWriter").finish_non_exhaustive()
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// `prefix:local`, or `local`.
fn qualified(name: XmlName) -> String {
    match name.prefix {
        Some(prefix) => format!("{prefix}:{}", name.local),
        None => name.local.to_owned(),
    }
}

impl XmlWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self {
            writer: Writer::new(Vec::new()),
            pending: None,
        }
    }

    /// Starts element `name`; attributes may follow until its content starts.
    pub fn start(&mut self, name: XmlName) {
        self.flush_pending();
        let mut start = BytesStart::new(qualified(name));
        if let Some(namespace) = name.namespace {
            match name.prefix {
                Some(prefix) => {
                    start.push_attribute((format!("xmlns:{prefix}").as_str(), namespace));
                }
                None => start.push_attribute(("xmlns", namespace)),
            }
        }
        self.pending = Some(start);
    }

    /// Adds an attribute to the element just started.
    pub fn attribute(&mut self, name: XmlName, value: &str) {
        if let Some(start) = &mut self.pending {
            if let (Some(prefix), Some(namespace)) = (name.prefix, name.namespace) {
                start.push_attribute((format!("xmlns:{prefix}").as_str(), namespace));
            }
            start.push_attribute((qualified(name).as_str(), value));
        }
    }

    /// Writes escaped text into the current element.
    pub fn text(&mut self, text: &str) {
        self.flush_pending();
        // Writing to a Vec cannot fail.
        let _ = self.writer.write_event(Event::Text(BytesText::new(text)));
    }

    /// Ends element `name` (written as `<name/>` when it has no content).
    pub fn end(&mut self, name: XmlName) {
        match self.pending.take() {
            Some(start) => {
                let _ = self.writer.write_event(Event::Empty(start));
            }
            None => {
                let _ = self
                    .writer
                    .write_event(Event::End(BytesEnd::new(qualified(name))));
            }
        }
    }

    /// `<name>text</name>`.
    pub fn text_element(&mut self, name: XmlName, text: &str) {
        self.start(name);
        if !text.is_empty() {
            self.text(text);
        }
        self.end(name);
    }

    fn flush_pending(&mut self) {
        if let Some(start) = self.pending.take() {
            let _ = self.writer.write_event(Event::Start(start));
        }
    }

    /// The document written.
    pub fn finish(mut self) -> String {
        self.flush_pending();
        String::from_utf8(self.writer.into_inner()).unwrap_or_default()
    }
}
