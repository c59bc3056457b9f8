//! `multipart/form-data` bodies: [`Multipart`], filled by generated code part by part,
//! turned into a fresh `reqwest::multipart::Form` for every attempt (parts hold
//! [`Bytes`], so a retry resends the same content without copying).
//!
//! [`FilePart`] is the user-facing value of a binary property: a [`Body`] (bytes, a
//! stream, or a file streamed from a path) with an optional file name and content type. Encoding Object defaults apply:
//! a primitive is a text part, an object or array is a JSON part, binary is
//! `application/octet-stream` unless the part says otherwise. Extra per-part headers
//! (Encoding Object `headers`) are added with [`Multipart::part_header`].
//! A part from a stream or a file is sent once: a multipart body holding one is never
//! retried (see [`Body`]).

use bytes::Bytes;

use crate::body::Body;

/// A file (or any binary content) for a multipart body.
#[derive(Debug, Clone)]
pub struct FilePart {
    content: Body,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// Content (bytes, or any [`Body`]) without a file name (content type
    /// `application/octet-stream` unless the operation's encoding or
    /// [`content_type`](Self::content_type) says otherwise).
    pub fn new(content: impl Into<Body>) -> Self {
        Self {
            content: content.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Streams the file at `path` (see [`Body::from_file`]); its file name becomes the
    /// part's file name. The request is then sent once, never retried.
    pub async fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let content = Body::from_file(path).await?;
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        Ok(Self {
            content,
            file_name,
            content_type: None,
        })
    }

    /// Content streamed from `stream` (see [`Body::from_stream`]); the request is then
    /// sent once, never retried.
    pub fn from_stream<S, B, E>(stream: S) -> Self
    where
        S: futures::Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<crate::body::BoxError> + 'static,
    {
        Self::new(Body::from_stream(stream))
    }

    /// Sets the file name sent in `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The content.
    pub fn content(&self) -> &Body {
        &self.content
    }
}

impl From<Bytes> for FilePart {
    fn from(content: Bytes) -> Self {
        Self::new(content)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(content: Vec<u8>) -> Self {
        Self::new(content)
    }
}

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
    pub(crate) content: Body,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(
        mut self,
        name: String,
        content: Body,
        file_name: Option<String>,
        content_type: Option<String>,
    ) -> Self {
        self.parts.push(Part {
            name,
            content,
            file_name,
            content_type,
            headers: Vec::new(),
        });
        self
    }

    /// A text field.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.push(name.into(), Body::from(value.into()), None, None)
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

    /// A text field from any primitive serialized with serde (number, boolean, string,
    /// string enum); `None`/`null` adds nothing. Objects and arrays become JSON parts.
    pub fn field<T: serde::Serialize + ?Sized>(self, name: impl Into<String>, value: &T) -> Self {
        match crate::encoding::value::to_param_value(value) {
            Ok(crate::encoding::value::ParamValue::Null) => self,
            Ok(
                value @ (crate::encoding::value::ParamValue::Array(_)
                | crate::encoding::value::ParamValue::Object(_)),
            ) => {
                let json = value.to_json_text();
                self.push(
                    name.into(),
                    Body::from(json),
                    None,
                    Some("application/json".to_owned()),
                )
            }
            Ok(primitive) => {
                let text = primitive.primitive_text().unwrap_or_default();
                self.text(name, text)
            }
            Err(error) => self.fail(name.into(), format!("cannot serialize the part: {error}")),
        }
    }

    /// A file (or any binary part) from bytes or a [`Body`], with an optional file name and content type
    /// (default `application/octet-stream`).
    pub fn file(
        self,
        name: impl Into<String>,
        content: impl Into<Body>,
        file_name: Option<String>,
        content_type: Option<&str>,
    ) -> Self {
        let content_type = content_type
            .unwrap_or("application/octet-stream")
            .to_owned();
        self.push(name.into(), content.into(), file_name, Some(content_type))
    }

    /// A file part from a [`FilePart`]; `default_content_type` (the Encoding Object's
    /// `contentType`, else `application/octet-stream`) applies when the value sets none.
    pub fn file_part(
        self,
        name: impl Into<String>,
        file: &FilePart,
        default_content_type: Option<&str>,
    ) -> Self {
        let content_type = file
            .content_type
            .clone()
            .or_else(|| default_content_type.map(str::to_owned))
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        self.push(
            name.into(),
            file.content.clone(),
            file.file_name.clone(),
            Some(content_type),
        )
    }

    /// A part holding the JSON text of `value` (content type `application/json`); objects
    /// and arrays in multipart bodies default to this (OpenAPI Encoding Object).
    pub fn json<T: serde::Serialize + ?Sized>(self, name: impl Into<String>, value: &T) -> Self {
        let name = name.into();
        match serde_json::to_vec(value) {
            Ok(bytes) => self.push(
                name,
                Body::from(bytes),
                None,
                Some("application/json".to_owned()),
            ),
            Err(error) => self.fail(name, format!("cannot serialize the part as JSON: {error}")),
        }
    }

    /// Adds a header to the last part (Encoding Object `headers`). Checked when sent.
    pub fn part_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Some(part) = self.parts.last_mut() {
            part.headers.push((name.into(), value.into()));
        }
        self
    }

    fn fail(mut self, name: String, reason: String) -> Self {
        if self.error.is_none() {
            self.error = Some((name, reason));
        }
        self
    }

    /// Whether every part can be sent again (none is a stream or a file).
    pub(crate) fn is_replayable(&self) -> bool {
        self.parts.iter().all(|part| part.content.is_replayable())
    }

    /// A reqwest form with the parts, for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, (String, String)> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let failed = |reason: &str| (part.name.clone(), reason.to_owned());
            // A CR or LF would end the part's header line: refused before anything is
            // sent (RFC 7578 §4.2 leaves other encodings to the sender; reqwest
            // percent-encodes the rest).
            let controls = |text: &str| text.chars().any(char::is_control);
            if controls(&part.name) || part.file_name.as_deref().is_some_and(controls) {
                return Err(failed(
                    "the part name or file name holds a control character (such as CR or LF)",
                ));
            }
            let content = part.content.take_for_send().ok_or_else(|| {
                failed("the part's stream was already sent; a streamed part can be sent once")
            })?;
            let mut body = match part.content.content_length() {
                Some(length) => reqwest::multipart::Part::stream_with_length(content, length),
                None => reqwest::multipart::Part::stream(content),
            };
            if let Some(file_name) = &part.file_name {
                body = body.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                body = body
                    .mime_str(content_type)
                    .map_err(|_| failed("invalid part content type"))?;
            }
            if !part.headers.is_empty() {
                let mut headers = http::HeaderMap::new();
                for (name, value) in &part.headers {
                    let name = http::HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| failed("invalid part header name"))?;
                    let value = crate::encoding::header::header_value(value)
                        .map_err(|reason| (part.name.clone(), reason))?;
                    headers.append(name, value);
                }
                body = body.headers(headers);
            }
            form = form.part(part.name.clone(), body);
        }
        Ok(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn file_part_from_path() -> std::io::Result<()> {
        let path = std::env::temp_dir().join(format!("specforge-part-{}.txt", std::process::id()));
        tokio::fs::write(&path, b"hello").await?;
        let part = FilePart::from_path(&path).await;
        let _ = tokio::fs::remove_file(&path).await;
        let part = part?;
        assert_eq!(part.content().content_length(), Some(5));
        assert!(!part.content().is_replayable());
        assert_eq!(
            part.file_name.as_deref(),
            path.file_name().and_then(|n| n.to_str())
        );
        assert!(FilePart::from_path("/nonexistent/specforge").await.is_err());
        Ok(())
    }

    #[test]
    fn control_characters_in_names_are_refused() {
        let file = FilePart::new(Bytes::from_static(b"x")).file_name("a.txt\r\nX-Evil: 1");
        let multipart = Multipart::new().file_part("upload", &file, None);
        assert!(
            matches!(multipart.to_form(), Err((name, reason)) if name == "upload" && reason.contains("control character"))
        );
        let multipart = Multipart::new().text("a\nb", "c");
        assert!(multipart.to_form().is_err());
        assert!(
            Multipart::new()
                .text("plain", "c\r\nvalues may hold them")
                .to_form()
                .is_ok()
        );
    }

    #[test]
    fn bad_part_header_is_reported() {
        let multipart = Multipart::new()
            .text("a", "b")
            .part_header("X-Bad", "1\r\n2");
        assert!(matches!(multipart.to_form(), Err((name, _)) if name == "a"));
    }
}
