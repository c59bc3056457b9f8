//! Typed XML: names, bodies and how a type maps to XML (lowered by `model/xml.rs`).

use crate::diagnostics::Pointer;

use super::TypeRef;

/// An XML element or attribute name: the OpenAPI XML Object's `name` (else the
/// property or schema name), `prefix` and `namespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlName {
    /// The local name.
    pub local: String,
    /// `xml.prefix`.
    pub prefix: Option<String>,
    /// `xml.namespace`.
    pub namespace: Option<String>,
}

/// A typed XML body: the value's type and the name of its root element. A body whose
/// schema is an array has `item`: its values are the root's children of that name.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlBody {
    /// The value's type.
    pub ty: TypeRef,
    /// The root element's name.
    pub root: XmlName,
    /// For a list at the root: the items' element name.
    pub item: Option<XmlName>,
    /// The body's schema, where the names come from.
    pub schema: Pointer,
}

/// How a type an XML body reaches is read and written.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlMapping {
    /// A struct: one role per field of [`Struct::fields`](super::Struct::fields), in order.
    Object(Vec<XmlRole>),
    /// A string enum: its wire value is the element's text (or the attribute's).
    Text,
}

/// How one struct field is carried in XML.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlRole {
    /// `xml.attribute: true` on a scalar.
    Attribute(XmlName),
    /// A child element.
    Element(XmlName),
    /// An array, unwrapped: one child element per value.
    List(XmlName),
    /// An array with `xml.wrapped: true`: a wrapper element holding one element per value.
    Wrapped {
        /// The wrapper element's name.
        wrapper: XmlName,
        /// Each value's element name.
        item: XmlName,
    },
    /// A property whose type XML cannot hold (reported as SF3311): never written,
    /// read as absent.
    Skipped,
}
