//! One attempt on the wire: credentials, URL, the reqwest request, the response head and
//! the buffered body. Errors from reqwest lose their URL (it may carry an API key in the
//! query) before they are kept.

use http::HeaderValue;

use crate::client::ClientCore;
use crate::error::{
    Error, InvalidRequest, NoErrors, TimeoutError, TimeoutPhase, TooLargeError, TransportError,
};
use crate::execute::Prepared;
use crate::private::RawResponse;
use crate::read::{BodyError, read_body};
use crate::request::Body;

impl ClientCore {
    /// Sends the request once and buffers the response (status not interpreted).
    pub(crate) async fn send_once(
        &self,
        prepared: &Prepared,
    ) -> Result<RawResponse, Error<NoErrors>> {
        let client = &self.inner;
        let invalid = |parameter: Option<String>, reason: String| {
            Error::InvalidRequest(Box::new(InvalidRequest {
                operation: Some(prepared.op_ref),
                parameter,
                reason,
            }))
        };

        let auth = crate::auth::apply(client, prepared.operation, &client.base_url)
            .await
            .map_err(|(scheme, reason)| invalid(Some(scheme), reason))?;

        let mut query = prepared.query.clone();
        query.extend(auth.query.iter().cloned());
        let url = crate::url_build::build_url(&client.base_url, &prepared.path, &query)
            .map_err(|e| invalid(None, e))?;

        let mut headers = prepared.headers.clone();
        for (name, value) in auth.headers {
            headers.insert(name, value);
        }
        if !prepared.cookies.is_empty() || !auth.cookies.is_empty() {
            let all: Vec<&str> = prepared
                .cookies
                .iter()
                .chain(&auth.cookies)
                .map(String::as_str)
                .collect();
            let mut value = HeaderValue::from_bytes(all.join("; ").as_bytes())
                .map_err(|_| invalid(None, "the cookies do not form a valid header".to_owned()))?;
            value.set_sensitive(!auth.cookies.is_empty());
            headers.insert(http::header::COOKIE, value);
        }

        let mut builder = client
            .http
            .request(prepared.method.clone(), url)
            .headers(headers);
        builder = match &prepared.body {
            Body::None => builder,
            Body::Bytes { bytes, .. } => builder.body(bytes.clone()),
            Body::Multipart(multipart) => {
                let form = multipart
                    .to_form()
                    .map_err(|(part, reason)| invalid(Some(format!("body.{part}")), reason))?;
                builder.multipart(form)
            }
        };

        let mut response = client
            .http
            .execute(
                builder
                    .build()
                    .map_err(|e| self.reqwest_error(prepared, e, true))?,
            )
            .await
            .map_err(|e| self.reqwest_error(prepared, e, true))?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let headers = std::mem::take(response.headers_mut());
        match read_body(&mut response, client.max_response_bytes).await {
            Ok(body) => Ok(RawResponse {
                status,
                headers,
                body,
                operation: Some(prepared.op_ref),
            }),
            Err(BodyError::TooLarge) => Err(Error::ResponseTooLarge(Box::new(TooLargeError {
                operation: Some(prepared.op_ref),
                status,
                headers,
                limit: client.max_response_bytes,
            }))),
            Err(BodyError::Transport(error)) => Err(self.reqwest_error(prepared, error, false)),
        }
    }

    /// Maps a reqwest error: timeouts to [`Error::Timeout`], the rest to
    /// [`Error::Transport`], without the URL.
    fn reqwest_error(
        &self,
        prepared: &Prepared,
        error: reqwest::Error,
        before_response: bool,
    ) -> Error<NoErrors> {
        if error.is_timeout() {
            let connect = error.is_connect();
            return Error::Timeout(Box::new(TimeoutError {
                operation: Some(prepared.op_ref),
                phase: if connect {
                    TimeoutPhase::Connect
                } else {
                    TimeoutPhase::Total
                },
                limit: if connect {
                    self.inner.connect_timeout
                } else {
                    None
                },
            }));
        }
        Error::Transport(Box::new(TransportError {
            operation: Some(prepared.op_ref),
            before_response,
            source: Box::new(error.without_url()),
        }))
    }
}
