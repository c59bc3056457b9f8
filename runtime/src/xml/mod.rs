//! Typed XML bodies (feature `xml`): the OpenAPI XML Object, both ways.
//!
//! Generated types that appear in XML bodies implement [`XmlValue`] through the
//! runtime's `__xml_object!` macro, which lists each property with its XML name and
//! role: an attribute, a child element, an unwrapped list of elements, or a list
//! wrapped in an outer element (OpenAPI's `xml.attribute` and `xml.wrapped`); names
//! carry `xml.prefix` and `xml.namespace`. Scalars (strings, numbers, booleans,
//! dates, generated string enums) are element text or attribute values in their
//! `Display` / `FromStr` form.
//!
//! Reading parses the document into a small tree ([`XmlElement`]) with quick-xml and
//! maps it: elements and attributes are matched by local name (a prefix in the
//! document may differ from the one declared, as namespaces allow), unknown elements
//! and attributes are ignored, a missing required property is an error naming it.
//! Writing declares each namespace where its prefix is first used. Mixed content
//! (text between child elements) is not supported: the text of an element with
//! children is ignored.
//!
//! Why not quick-xml's serde support: generated types already implement serde's
//! traits for their JSON form (property names, `additionalProperties`), and XML
//! needs other names and roles for the same fields (`@id` for an attribute, a
//! wrapper element per list); a second, XML-only mapping next to the JSON one keeps
//! both exact. quick-xml is used for the tokenizing, escaping and writing.

mod body;
mod fields;
mod tree;
mod write;

pub use body::{decode, decode_list, from_xml_list_str, is_xml, to_xml_list_string};
pub use fields::{read_attribute, read_element, read_list, read_wrapped, required};
pub use tree::XmlElement;
pub use write::XmlWriter;

use std::fmt;

/// An XML name: a local name with the prefix and namespace of OpenAPI's
/// `xml.prefix` and `xml.namespace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlName {
    /// The local name (`xml.name`, else the property or schema name).
    pub local: &'static str,
    /// `xml.prefix`, when given.
    pub prefix: Option<&'static str>,
    /// `xml.namespace`, when given.
    pub namespace: Option<&'static str>,
}

impl XmlName {
    /// A name without prefix or namespace.
    pub const fn plain(local: &'static str) -> Self {
        Self {
            local,
            prefix: None,
            namespace: None,
        }
    }

    /// A name with `xml.prefix` and/or `xml.namespace`.
    pub const fn qualified(
        local: &'static str,
        prefix: Option<&'static str>,
        namespace: Option<&'static str>,
    ) -> Self {
        Self {
            local,
            prefix,
            namespace,
        }
    }
}

/// An XML body that does not match its type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlError {
    /// What is wrong, with the path of elements where.
    pub message: String,
}

impl XmlError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The same error, seen from inside element `name`.
    pub(crate) fn inside(self, name: &str) -> Self {
        Self::new(format!("<{name}>: {}", self.message))
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for XmlError {}

/// A value that is an XML element: written as the content and attributes of an
/// element whose name the caller chooses, read from such an element.
pub trait XmlValue: Sized {
    /// Writes `self` as element `name`.
    fn write_xml(&self, name: XmlName, out: &mut XmlWriter);
    /// Reads a value from `element`.
    fn read_xml(element: &XmlElement) -> Result<Self, XmlError>;
}

/// A value that can also be an attribute: written and read as text.
pub trait XmlText: Sized {
    /// The text form.
    fn to_xml_text(&self) -> String;
    /// Parses the text form.
    fn from_xml_text(text: &str) -> Result<Self, XmlError>;
}

/// Implements [`XmlValue`] for types that are [`XmlText`]: an element holding the text.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_text_value {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::xml::XmlValue for $ty {
            fn write_xml(&self, name: $crate::xml::XmlName, out: &mut $crate::xml::XmlWriter) {
                out.text_element(name, &$crate::xml::XmlText::to_xml_text(self));
            }
            fn read_xml(element: &$crate::xml::XmlElement) -> ::core::result::Result<Self, $crate::xml::XmlError> {
                <$ty as $crate::xml::XmlText>::from_xml_text(&element.text)
            }
        }
    )*};
}

/// Implements [`XmlText`] and [`XmlValue`] for generated string enums: the text is
/// the wire value (`as_str()` one way, `FromStr` the other; an unknown value is kept
/// in `Unknown`).
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_string_enum {
    ($($ty:ident),* $(,)?) => {$(
        impl $crate::xml::XmlText for $ty {
            fn to_xml_text(&self) -> ::std::string::String {
                ::std::string::ToString::to_string(self.as_str())
            }
            fn from_xml_text(text: &str) -> ::core::result::Result<Self, $crate::xml::XmlError> {
                match text.trim().parse::<Self>() {
                    ::core::result::Result::Ok(value) => ::core::result::Result::Ok(value),
                    ::core::result::Result::Err(never) => match never {},
                }
            }
        }
        $crate::__xml_text_value!($ty);
    )*};
}

/// Scalars are their text: `Display` one way, `FromStr` the other.
macro_rules! text_scalars {
    ($($ty:ty),* $(,)?) => {$(
        impl XmlText for $ty {
            fn to_xml_text(&self) -> String {
                self.to_string()
            }
            fn from_xml_text(text: &str) -> Result<Self, XmlError> {
                text.trim().parse().map_err(|e| {
                    XmlError::new(format!("`{text}` is not a valid {}: {e}", stringify!($ty)))
                })
            }
        }
        __xml_text_value!($ty);
    )*};
}
text_scalars!(
    bool,
    i8,
    i16,
    i32,
    i64,
    i128,
    u8,
    u16,
    u32,
    u64,
    u128,
    f32,
    f64,
    uuid::Uuid,
    chrono::NaiveDate,
);

/// Dates with times are RFC 3339 text (`date-time`), as in JSON.
macro_rules! date_times {
    ($($ty:ty => $from:expr),* $(,)?) => {$(
        impl XmlText for $ty {
            fn to_xml_text(&self) -> String {
                self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            }
            fn from_xml_text(text: &str) -> Result<Self, XmlError> {
                chrono::DateTime::parse_from_rfc3339(text.trim())
                    .map($from)
                    .map_err(|e| XmlError::new(format!("`{text}` is not an RFC 3339 date-time: {e}")))
            }
        }
        __xml_text_value!($ty);
    )*};
}
date_times!(
    chrono::DateTime<chrono::FixedOffset> => |t| t,
    chrono::DateTime<chrono::Utc> => |t| t.with_timezone(&chrono::Utc),
);

impl XmlText for String {
    fn to_xml_text(&self) -> String {
        self.clone()
    }
    fn from_xml_text(text: &str) -> Result<Self, XmlError> {
        Ok(text.to_owned())
    }
}
__xml_text_value!(String);

impl<T: XmlValue> XmlValue for Box<T> {
    fn write_xml(&self, name: XmlName, out: &mut XmlWriter) {
        (**self).write_xml(name, out);
    }
    fn read_xml(element: &XmlElement) -> Result<Self, XmlError> {
        T::read_xml(element).map(Box::new)
    }
}

/// Parses an XML document whose root element is a `T`.
pub fn from_xml_str<T: XmlValue>(text: &str) -> Result<T, XmlError> {
    let root = XmlElement::parse(text)?;
    T::read_xml(&root).map_err(|e| e.inside(&root.name))
}

/// Writes `value` as an XML document with root element `root` (no XML declaration).
pub fn to_xml_string<T: XmlValue>(value: &T, root: XmlName) -> String {
    let mut out = XmlWriter::new();
    value.write_xml(root, &mut out);
    out.finish()
}
