//! `multipart/form-data` bodies: [`Multipart`], filled by generated code part by part,
//! turned into a fresh `reqwest::multipart::Form` for every attempt (parts hold
//! [`Bytes`], so a retry resends the same content without copying).

use bytes::Bytes;

/// A `multipart/form-data` body being described. Parts keep their order.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    pub(crate) parts: Vec<Part>,
    /// The first problem met (part name, reason).
    pub(crate) error: Option<(String, String)>,
}

/// One part.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub(crate) name: String,
    pub(crate) content: Bytes,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content: Bytes::from(value.into()),
            file_name: None,
            content_type: None,
        });
        self
    }

    /// Several text fields with the same name (an array property).
    pub fn texts<I, S>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for value in values {
            self = self.text(name, value);
        }
        self
    }

    /// A file (or any binary part) from bytes, with an optional file name and content type
    /// (default `application/octet-stream`).
    pub fn file(
        mut self,
        name: impl Into<String>,
        content: impl Into<Bytes>,
        file_name: Option<String>,
        content_type: Option<&str>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content: content.into(),
            file_name,
            content_type: Some(
                content_type
                    .unwrap_or("application/octet-stream")
                    .to_owned(),
            ),
        });
        self
    }

    /// A part holding the JSON text of `value` (content type `application/json`); objects
    /// and arrays in multipart bodies default to this (OpenAPI Encoding Object).
    pub fn json<T: serde::Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Self {
        let name = name.into();
        match serde_json::to_vec(value) {
            Ok(bytes) => self.parts.push(Part {
                name,
                content: Bytes::from(bytes),
                file_name: None,
                content_type: Some("application/json".to_owned()),
            }),
            Err(error) => {
                if self.error.is_none() {
                    self.error =
                        Some((name, format!("cannot serialize the part as JSON: {error}")));
                }
            }
        }
        self
    }

    /// A reqwest form with the parts, for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, (String, String)> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let mut body = reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(part.content.clone()),
                part.content.len() as u64,
            );
            if let Some(file_name) = &part.file_name {
                body = body.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                body = body
                    .mime_str(content_type)
                    .map_err(|_| (part.name.clone(), "invalid part content type".to_owned()))?;
            }
            form = form.part(part.name.clone(), body);
        }
        Ok(form)
    }
}
