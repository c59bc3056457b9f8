//! What a generated operation fills in before it is sent: [`RequestParts`] (parameters,
//! body, options), kept inside `__private::Request`.

use bytes::Bytes;

use crate::options::RequestOptions;
use crate::private::Param;

/// The parts of a request, collected before sending. The first problem (a parameter that
/// cannot be serialized, a body that fails to serialize) is kept and reported by
/// `execute` before anything is sent.
#[derive(Debug)]
pub(crate) struct RequestParts {
    pub(crate) options: RequestOptions,
    pub(crate) params: Vec<(Param, serde_json::Value)>,
    pub(crate) body: Body,
    /// The first error met while filling the request: (parameter name, reason).
    pub(crate) error: Option<(String, String)>,
}

/// A request body.
#[derive(Debug, Default)]
pub(crate) enum Body {
    /// No body.
    #[default]
    None,
    /// Bytes with their content type.
    Bytes {
        content_type: &'static str,
        bytes: Bytes,
    },
    /// An `application/x-www-form-urlencoded` object, encoded when sent.
    Form {
        content_type: &'static str,
        value: serde_json::Value,
    },
    /// `multipart/form-data`.
    Multipart(crate::multipart::Multipart),
}

impl RequestParts {
    pub(crate) fn new(options: RequestOptions) -> Self {
        Self {
            options,
            params: Vec::new(),
            body: Body::None,
            error: None,
        }
    }

    fn record_error(&mut self, parameter: &str, reason: String) {
        if self.error.is_none() {
            self.error = Some((parameter.to_owned(), reason));
        }
    }

    pub(crate) fn add_param(
        &mut self,
        param: Param,
        value: Result<serde_json::Value, serde_json::Error>,
    ) {
        match value {
            Ok(serde_json::Value::Null) => {}
            Ok(value) => self.params.push((param, value)),
            Err(error) => {
                self.record_error(param.name, format!("cannot serialize the value: {error}"))
            }
        }
    }

    pub(crate) fn set_json_body(
        &mut self,
        content_type: &'static str,
        bytes: Result<Vec<u8>, serde_json::Error>,
    ) {
        match bytes {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type,
                    bytes: Bytes::from(bytes),
                }
            }
            Err(error) => self.record_error(
                "body",
                format!("cannot serialize the body as JSON: {error}"),
            ),
        }
    }

    pub(crate) fn set_form_body(
        &mut self,
        content_type: &'static str,
        value: Result<serde_json::Value, serde_json::Error>,
    ) {
        match value {
            Ok(value) => {
                self.body = Body::Form {
                    content_type,
                    value,
                }
            }
            Err(error) => {
                self.record_error("body", format!("cannot serialize the form body: {error}"))
            }
        }
    }

    pub(crate) fn set_bytes_body(&mut self, content_type: &'static str, bytes: Bytes) {
        self.body = Body::Bytes {
            content_type,
            bytes,
        };
    }

    pub(crate) fn set_multipart_body(&mut self, multipart: crate::multipart::Multipart) {
        self.body = Body::Multipart(multipart);
    }
}
