//! [`Base64Bytes`]: bytes that travel as base64 text (`type: string, format: byte`).
//!
//! Generated code uses this one type wherever a `format: byte` schema appears (struct
//! fields, array items, map values, `Option`s, aliases, union variants, bodies), so no
//! per-field serde attribute is needed and every position behaves the same. Encoding
//! writes standard padded base64 (RFC 4648 §4); decoding also accepts the URL-safe
//! alphabet (§5) and missing padding, since servers send both.

#[path = "base64_bytes/codec.rs"]
pub mod codec;

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent and received as base64 text.
///
/// ```
/// use specforge::Base64Bytes;
///
/// let data = Base64Bytes::from(vec![0xfb, 0xff, 0x01]);
/// assert_eq!(specforge::serde_json::to_string(&data).unwrap(), "\"+/8B\"");
/// let back: Base64Bytes = specforge::serde_json::from_str("\"-_8B\"").unwrap();
/// assert_eq!(back, data);
/// assert_eq!(&back[..], &[0xfb, 0xff, 0x01]);
/// assert_eq!(data.to_string(), "+/8B");
/// assert_eq!("AQ".parse::<Base64Bytes>().unwrap().into_vec(), vec![1]);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({self})")
    }
}

/// The standard padded base64 text.
impl fmt::Display for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&codec::encode(&self.0))
    }
}

/// Decodes standard or URL-safe base64, padded or not.
impl FromStr for Base64Bytes {
    type Err = base64::DecodeError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        codec::decode(text).map(Self)
    }
}

impl Deref for Base64Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl DerefMut for Base64Bytes {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

impl AsRef<[u8]> for Base64Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl<const N: usize> From<[u8; N]> for Base64Bytes {
    fn from(bytes: [u8; N]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<bytes::Bytes> for Base64Bytes {
    fn from(bytes: bytes::Bytes) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Base64Bytes> for Vec<u8> {
    fn from(bytes: Base64Bytes) -> Self {
        bytes.0
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        codec::serialize(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        codec::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::Base64Bytes;

    #[test]
    fn works_in_every_position() -> Result<(), serde_json::Error> {
        let items: Vec<Base64Bytes> = serde_json::from_str(r#"["AQ==","Ag"]"#)?;
        assert_eq!(items, vec![Base64Bytes::from([1]), Base64Bytes::from([2])]);
        assert_eq!(serde_json::to_string(&items)?, r#"["AQ==","Ag=="]"#);
        let maybe: Option<Base64Bytes> = serde_json::from_str("null")?;
        assert_eq!(maybe, None);
        let map: std::collections::BTreeMap<String, Base64Bytes> =
            serde_json::from_str(r#"{"a":"+/8B"}"#)?;
        assert_eq!(
            map.get("a").map(|b| b.as_slice()),
            Some(&[0xfb, 0xff, 1][..])
        );
        assert!(serde_json::from_str::<Base64Bytes>(r#""!!""#).is_err());
        assert!(serde_json::from_str::<Base64Bytes>("3").is_err());
        Ok(())
    }
}
