//! Base64 for `format: byte`: `Vec<u8>` ↔ standard base64 (RFC 4648 §4, padded).
//! Decoding also accepts the URL-safe alphabet (§5) and missing padding, since servers
//! send both. Generated code uses [`crate::Base64Bytes`], which is built on these; the
//! `#[serde(with = "::specforge::__private::base64")]` adapters (and `::option`) stay for
//! code generated before it.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Deserializer, Serializer};

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);

/// Encodes bytes as standard, padded base64.
pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Encodes bytes as standard, padded base64 text.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard or URL-safe base64, padded or not.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    decode(&text).map_err(serde::de::Error::custom)
}

/// Decodes standard or URL-safe base64, padded or not.
pub fn decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let text = text.trim();
    if text.contains(['-', '_']) {
        URL_SAFE_LENIENT.decode(text)
    } else {
        STANDARD_LENIENT.decode(text)
    }
}

/// The same for `Option<Vec<u8>>` fields:
/// `#[serde(default, with = "::specforge::__private::base64::option")]`.
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Encodes `Some(bytes)` as base64 and `None` as `null`.
    pub fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(bytes) => super::serialize(bytes, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Decodes base64 or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|text| super::decode(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Blob {
        #[serde(with = "super")]
        data: Vec<u8>,
    }

    #[test]
    fn round_trip_and_lenient_decode() -> Result<(), serde_json::Error> {
        let blob = Blob {
            data: vec![0xfb, 0xff, 0x01],
        };
        let json = serde_json::to_string(&blob)?;
        assert_eq!(json, r#"{"data":"+/8B"}"#);
        assert_eq!(serde_json::from_str::<Blob>(&json)?, blob);
        assert_eq!(serde_json::from_str::<Blob>(r#"{"data":"-_8B"}"#)?, blob);
        let short = Blob { data: vec![1] };
        assert_eq!(serde_json::from_str::<Blob>(r#"{"data":"AQ"}"#)?, short);
        assert_eq!(serde_json::from_str::<Blob>(r#"{"data":"AQ=="}"#)?, short);
        assert!(serde_json::from_str::<Blob>(r#"{"data":"!!"}"#).is_err());
        Ok(())
    }
}
