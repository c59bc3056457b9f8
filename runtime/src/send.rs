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
        oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
    ) -> Result<RawResponse, Error<NoErrors>> {
        let response = self.send_head(prepared, oauth2_tokens).await?;
        self.read_response(prepared, response).await
    }

    /// Sends the request once and returns the response head (body not read yet); the
    /// OAuth2 tokens put on the request are left in `oauth2_tokens`.
    pub(crate) async fn send_head(
        &self,
        prepared: &Prepared,
        oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
    ) -> Result<reqwest::Response, Error<NoErrors>> {
        let client = &self.inner;
        let invalid = |parameter: Option<String>, reason: String| {
            Error::InvalidRequest(Box::new(InvalidRequest {
                operation: Some(prepared.op_ref),
                parameter,
                reason,
            }))
        };

        // A next-page URL on another origin gets no credentials (as a redirect would not).
        let foreign_next = prepared
            .next_url
            .as_ref()
            .is_some_and(|next| !crate::redirect::same_origin(next, &client.base_url));
        let mut auth = if foreign_next {
            crate::auth::AppliedAuth::default()
        } else {
            crate::auth::apply(client, prepared.operation, &client.base_url)
                .await
                .map_err(|error| match error.token_unavailable {
                    // The API request never left: a transport failure, retried as one.
                    Some(token_error) => Error::Transport(Box::new(TransportError {
                        operation: Some(prepared.op_ref),
                        before_response: true,
                        source: token_error,
                    })),
                    None => invalid(Some(error.scheme), error.reason),
                })?
        };
        *oauth2_tokens = std::mem::take(&mut auth.oauth2_tokens);
        // What must not follow a redirect to another origin (redirect.rs).
        let added = crate::redirect::AddedCredentials {
            headers: auth.headers.iter().map(|(name, _)| name.clone()).collect(),
            query: auth
                .query
                .iter()
                .filter_map(|pair| pair.split('=').next())
                .map(|name| {
                    percent_encoding::percent_decode_str(name)
                        .decode_utf8_lossy()
                        .into_owned()
                })
                .collect(),
        };

        let url = match &prepared.next_url {
            Some(next) => crate::pagination::with_query(next, &auth.query),
            None => {
                let mut query = prepared.query.clone();
                query.extend(auth.query.iter().cloned());
                crate::url_build::build_url(&client.base_url, &prepared.path, &query)
                    .map_err(|e| invalid(None, e))?
            }
        };

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
            .headers(headers.clone());
        builder = match &prepared.body {
            Body::None => builder,
            Body::Bytes { bytes, .. } => builder.body(bytes.clone()),
            Body::Stream { body, .. } => {
                let stream = body.take_for_send().ok_or_else(|| {
                    invalid(
                        Some("body".to_owned()),
                        "the streamed body was already sent; a streaming body can be sent once"
                            .to_owned(),
                    )
                })?;
                match body.content_length() {
                    Some(length) => builder
                        .header(http::header::CONTENT_LENGTH, length)
                        .body(stream),
                    None => builder.body(stream),
                }
            }
            Body::Multipart(multipart) => {
                let form = multipart
                    .to_form()
                    .map_err(|(part, reason)| invalid(Some(format!("body.{part}")), reason))?;
                builder.multipart(form)
            }
        };

        let request = builder
            .build()
            .map_err(|e| self.reqwest_error(prepared, e, true))?;
        let request = self.before_send_hooks(prepared, request).await?;
        let mut response = client
            .http
            .execute(request)
            .await
            .map_err(|e| self.reqwest_error(prepared, e, true))?;
        if response.status().is_redirection() {
            let (body, replayable) = match &prepared.body {
                Body::None => (None, true),
                Body::Bytes { bytes, .. } => (Some(bytes), true),
                Body::Stream { .. } | Body::Multipart(_) => (None, false),
            };
            response = crate::redirect::follow_cross_origin(
                &client.http,
                response,
                &prepared.method,
                &headers,
                body,
                replayable,
                &added,
            )
            .await
            // The first leg was delivered (it got the 3xx): wrapped so that the retry
            // decision does not take a failed hop for a request that never left.
            .map_err(|e| {
                Error::Transport(Box::new(TransportError {
                    operation: Some(prepared.op_ref),
                    before_response: false,
                    source: Box::new(crate::redirect::HopError(e.without_url())),
                }))
            })?;
        }
        self.after_receive_hooks(prepared, &response).await?;
        Ok(response)
    }

    /// Buffers the body of `response` (capped), status not interpreted.
    pub(crate) async fn read_response(
        &self,
        prepared: &Prepared,
        mut response: reqwest::Response,
    ) -> Result<RawResponse, Error<NoErrors>> {
        let client = &self.inner;
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
