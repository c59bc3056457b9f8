//! XML bodies of generated operations: a request body written from a typed value,
//! a response body (success or declared error) read into one. A body whose root is
//! an array (`type: array` at the top of the schema) is a list: its items are the
//! child elements named `item` of the root element, whatever the root is called.

use super::{XmlElement, XmlError, XmlName, XmlValue, XmlWriter};
use crate::error::DecodeError;
use crate::response::RawResponse;

/// Writes `values` as the children `item` of root element `root`.
pub fn to_xml_list_string<T: XmlValue>(values: &[T], root: XmlName, item: XmlName) -> String {
    let mut out = XmlWriter::new();
    out.start(root);
    for value in values {
        value.write_xml(item, &mut out);
    }
    out.end(root);
    out.finish()
}

/// Parses an XML document whose root element holds a list of `item` elements.
pub fn from_xml_list_str<T: XmlValue>(text: &str, item: XmlName) -> Result<Vec<T>, XmlError> {
    let root = XmlElement::parse(text)?;
    super::read_list(&root, item).map_err(|e| e.inside(&root.name))
}

/// Decodes a response body that is one XML value (the body as text in its
/// declared charset, then read as a `T`).
pub fn decode<T: XmlValue>(response: &RawResponse) -> Result<T, DecodeError> {
    let text = response.parse_text()?;
    super::from_xml_str(&text).map_err(invalid)
}

/// Decodes a response body that is a list of `item` elements.
pub fn decode_list<T: XmlValue>(
    response: &RawResponse,
    item: XmlName,
) -> Result<Vec<T>, DecodeError> {
    let text = response.parse_text()?;
    from_xml_list_str(&text, item).map_err(invalid)
}

/// Whether the response's `Content-Type` is XML (`application/xml`, `text/xml`,
/// `…+xml`): a response offered as JSON or XML is decoded by what it says it is.
pub fn is_xml(response: &RawResponse) -> bool {
    response.media_type().is_some_and(|media| {
        media == "application/xml" || media == "text/xml" || media.ends_with("+xml")
    })
}

fn invalid(error: XmlError) -> DecodeError {
    DecodeError::with_source("XML body does not match its type", error)
}
