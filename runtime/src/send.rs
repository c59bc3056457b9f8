//! One attempt on the wire: credentials, URL, the reqwest request, the response head and
//! the buffered body. Errors from reqwest lose their URL (it may carry an API key in the
//! query) before they are kept.

use http::HeaderValue;

use crate::client::ClientInner;
use crate::error::{
    Error, InvalidRequest, NoErrors, TimeoutError, TimeoutPhase, TooLargeError, TransportError,
};
use crate::prepare::Prepared;
use crate::rare::rare;
use crate::read::{BodyError, read_body};
use crate::request::Body;
use crate::response::RawResponse;

/// Sends the request once and buffers the response (status not interpreted).
pub(crate) async fn send_once(
    client: &ClientInner,
    prepared: &Prepared,
    oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
) -> Result<RawResponse, Error<NoErrors>> {
    let mut response = send_head(client, prepared, oauth2_tokens).await?;
    // Read here rather than through `read_response`: one poll layer and one move of
    // the response fewer on every call (docs/performance.md).
    let head = take_head(&mut response);
    let body = read_body(&mut response, client.max_response_bytes).await;
    raw_response(client, prepared, head, body)
}

/// Sends the request once and returns the response head (body not read yet); the
/// OAuth2 tokens put on the request are left in `oauth2_tokens`.
///
/// The rare paths (an OAuth2 token fetch, hooks, a cross-origin redirect) are boxed
/// futures made only when taken: the future of every call stays small (it is moved, and
/// copied into its box, whole), and holds only what the common path waits with.
pub(crate) async fn send_head(
    client: &ClientInner,
    prepared: &Prepared,
    oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
) -> Result<reqwest::Response, Error<NoErrors>> {
    let crate::auth::Applying {
        applied: mut auth,
        tokens,
    } = apply_auth(client, prepared)?;
    if !tokens.is_empty() {
        rare(crate::auth::fetch_tokens(client, tokens, &mut auth))
            .await
            .map_err(|error| auth_error(prepared, error))?;
    }
    *oauth2_tokens = std::mem::take(&mut auth.oauth2_tokens);
    let url = request_url(client, prepared, &auth);
    let request = build_request(
        client,
        prepared,
        url,
        wire_headers(client, prepared, &auth)?,
    )?;
    let request = if crate::hook_run::has_before_send(client, prepared) {
        rare(crate::hook_run::before_send_hooks(
            client, prepared, request,
        ))
        .await?
    } else {
        request
    };
    // The transport seam: the client's reqwest client directly, or the user's service.
    let response = match &client.transport {
        None => client
            .http
            .execute(request)
            .await
            .map_err(|e| reqwest_error(client, prepared, e, true))?,
        Some(transport) => transport
            .send(request)
            .await
            .map_err(|e| transport_error(client, prepared, e))?,
    };
    if response.status().is_redirection() || crate::hook_run::has_after_receive(client, prepared) {
        rare(after_head(client, prepared, response, auth)).await
    } else {
        Ok(response)
    }
}

/// What follows a response head on the rare path: a cross-origin redirect re-issued
/// without credentials, then the after-receive hooks.
async fn after_head(
    client: &ClientInner,
    prepared: &Prepared,
    mut response: reqwest::Response,
    auth: crate::auth::AppliedAuth,
) -> Result<reqwest::Response, Error<NoErrors>> {
    if response.status().is_redirection() {
        response = follow_redirect(client, prepared, response, &auth).await?;
    }
    if crate::hook_run::has_after_receive(client, prepared) {
        crate::hook_run::after_receive_hooks(client, prepared, &response).await?;
    }
    Ok(response)
}

/// The credentials of the operation's security requirement, the OAuth2 tokens still
/// to fetch left in [`crate::auth::Applying::tokens`]; none for a next-page URL on
/// another origin (as a redirect would carry none).
fn apply_auth<'c>(
    client: &'c ClientInner,
    prepared: &Prepared,
) -> Result<crate::auth::Applying<'c>, Error<NoErrors>> {
    let foreign_next = prepared
        .next_url()
        .is_some_and(|next| !crate::redirect::same_origin(next, &client.base_url));
    if foreign_next || prepared.operation.security.is_empty() {
        return Ok(crate::auth::Applying {
            applied: crate::auth::AppliedAuth::default(),
            tokens: Vec::new(),
        });
    }
    crate::auth::apply(client, prepared.operation, &client.base_url)
        .map_err(|error| auth_error(prepared, error))
}

/// An auth failure as the request's error: a token endpoint that could not answer is a
/// transport failure (retried as one: the API request never left), the rest an invalid
/// request.
#[cold]
#[inline(never)]
fn auth_error(prepared: &Prepared, error: crate::auth::AuthError) -> Error<NoErrors> {
    match error.token_unavailable {
        Some(token_error) => Error::Transport(Box::new(TransportError {
            operation: Some(prepared.op_ref()),
            before_response: true,
            source: token_error,
        })),
        None => invalid(prepared, Some(error.scheme), error.reason),
    }
}

/// The URL: base URL, path and query (with API keys in the query), or the next-page
/// URL with those keys.
fn request_url(
    client: &ClientInner,
    prepared: &Prepared,
    auth: &crate::auth::AppliedAuth,
) -> url::Url {
    match prepared.next_url() {
        Some(next) => crate::url_build::with_query(next, &auth.query),
        None => crate::url_build::build_url(&client.base_url, &prepared.target, &auth.query),
    }
}

/// The reqwest request: method, URL, `headers` and the body.
///
/// A request without a body or with a buffered one, to a URL without credentials in
/// it (nearly every request), is made directly with `reqwest::Request::new`, which is
/// all `RequestBuilder` would do for it, without the builder's copy of the client (a
/// reference count up and down) and its moves of the request; the rest go through
/// [`build_with_builder`].
fn build_request(
    client: &ClientInner,
    prepared: &Prepared,
    url: url::Url,
    headers: http::HeaderMap,
) -> Result<reqwest::Request, Error<NoErrors>> {
    // The builder also moves `user:password@` out of the URL into an `Authorization`
    // header, and refuses a URL without a host: those go its way.
    let plain_url = url.has_host() && url.username().is_empty() && url.password().is_none();
    let body = match &prepared.body {
        Body::None if plain_url => None,
        Body::Bytes { bytes, .. } if plain_url => Some(reqwest::Body::from(bytes.clone())),
        _ => return build_with_builder(client, prepared, url, headers),
    };
    let mut request = reqwest::Request::new(prepared.method().clone(), url);
    *request.headers_mut() = headers;
    *request.body_mut() = body;
    Ok(request)
}

/// [`build_request`] through reqwest's `RequestBuilder`: a streamed or multipart body
/// (which set their own headers), or a URL with credentials in it.
#[inline(never)]
fn build_with_builder(
    client: &ClientInner,
    prepared: &Prepared,
    url: url::Url,
    mut headers: http::HeaderMap,
) -> Result<reqwest::Request, Error<NoErrors>> {
    let builder = client.http.request(prepared.method().clone(), url);
    let builder = match &prepared.body {
        Body::None => builder,
        Body::Bytes { bytes, .. } => builder.body(bytes.clone()),
        Body::Stream { body, .. } => {
            let stream = body.take_for_send().ok_or_else(|| {
                invalid(
                    prepared,
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
            let form = multipart.to_form().map_err(|(part, reason)| {
                invalid(prepared, Some(format!("body.{part}")), reason)
            })?;
            builder.multipart(form)
        }
    };
    let mut request = builder
        .build()
        .map_err(|e| reqwest_error(client, prepared, e, true))?;
    // The headers the body set (`Content-Length`, a multipart `Content-Type`) win,
    // as they did when set after ours; the map itself moves, uncopied.
    for (name, value) in request.headers() {
        headers.insert(name.clone(), value.clone());
    }
    *request.headers_mut() = headers;
    Ok(request)
}

/// Re-issues a cross-origin redirect without credentials (`redirect.rs`).
async fn follow_redirect(
    client: &ClientInner,
    prepared: &Prepared,
    response: reqwest::Response,
    auth: &crate::auth::AppliedAuth,
) -> Result<reqwest::Response, Error<NoErrors>> {
    // What must not follow a redirect to another origin.
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
    let (body, replayable) = match &prepared.body {
        Body::None => (None, true),
        Body::Bytes { bytes, .. } => (Some(bytes), true),
        Body::Stream { .. } | Body::Multipart(_) => (None, false),
    };
    crate::redirect::follow_cross_origin(
        &client.http,
        response,
        prepared.method(),
        &wire_headers(client, prepared, auth)?,
        body,
        replayable,
        &added,
    )
    .await
    // The first leg was delivered (it got the 3xx): wrapped so that the retry
    // decision does not take a failed hop for a request that never left.
    .map_err(|e| {
        Error::Transport(Box::new(TransportError {
            operation: Some(prepared.op_ref()),
            before_response: false,
            source: Box::new(crate::redirect::HopError(e.without_url())),
        }))
    })
}

/// Buffers the body of `response` (capped), status not interpreted.
///
/// Not an `async fn`: an `async fn` stores its arguments and the locals they are moved
/// into, so the response head was held twice in every call's future.
pub(crate) fn read_response<'a>(
    client: &'a ClientInner,
    prepared: &'a Prepared,
    mut response: reqwest::Response,
) -> impl std::future::Future<Output = Result<RawResponse, Error<NoErrors>>> + 'a {
    let head = take_head(&mut response);
    async move {
        let body = read_body(&mut response, client.max_response_bytes).await;
        raw_response(client, prepared, head, body)
    }
}

/// The status of `response` (recorded on the request span) and its headers, taken out.
fn take_head(response: &mut reqwest::Response) -> (http::StatusCode, http::HeaderMap) {
    let status = response.status();
    crate::trace::record("status", status.as_u16());
    (status, std::mem::take(response.headers_mut()))
}

/// The buffered response of a head and its body as [`read_body`] read it.
fn raw_response(
    client: &ClientInner,
    prepared: &Prepared,
    (status, headers): (http::StatusCode, http::HeaderMap),
    body: Result<bytes::Bytes, BodyError>,
) -> Result<RawResponse, Error<NoErrors>> {
    match body {
        Ok(body) => Ok(RawResponse {
            status,
            headers,
            body,
            operation: Some(prepared.op_ref()),
        }),
        Err(BodyError::TooLarge) => Err(too_large(client, prepared, status, headers)),
        Err(BodyError::Transport(error)) => Err(reqwest_error(client, prepared, error, false)),
    }
}

/// The error of a response body over the client's cap.
#[cold]
#[inline(never)]
fn too_large(
    client: &ClientInner,
    prepared: &Prepared,
    status: http::StatusCode,
    headers: http::HeaderMap,
) -> Error<NoErrors> {
    Error::ResponseTooLarge(Box::new(TooLargeError {
        operation: Some(prepared.op_ref()),
        status,
        headers,
        limit: client.max_response_bytes,
    }))
}

/// Maps a reqwest error: timeouts to [`Error::Timeout`], the rest to
/// [`Error::Transport`], without the URL.
///
/// Cold, as every error constructor on the call path: out of line, so that the code a
/// call runs stays together in fewer cache lines (docs/performance.md).
#[cold]
#[inline(never)]
fn reqwest_error(
    client: &ClientInner,
    prepared: &Prepared,
    error: reqwest::Error,
    before_response: bool,
) -> Error<NoErrors> {
    if error.is_timeout() {
        let connect = error.is_connect();
        return Error::Timeout(Box::new(TimeoutError {
            operation: Some(prepared.op_ref()),
            phase: if connect {
                TimeoutPhase::Connect
            } else {
                TimeoutPhase::Total
            },
            limit: if connect {
                client.connect_timeout
            } else {
                None
            },
        }));
    }
    Error::Transport(Box::new(TransportError {
        operation: Some(prepared.op_ref()),
        before_response,
        source: Box::new(error.without_url()),
    }))
}

/// Maps a custom transport's error: a `reqwest::Error` as [`reqwest_error`] does, the
/// rest to [`Error::Transport`] (the request may not have left).
#[cold]
#[inline(never)]
fn transport_error(
    client: &ClientInner,
    prepared: &Prepared,
    error: crate::body::BoxError,
) -> Error<NoErrors> {
    match error.downcast::<reqwest::Error>() {
        Ok(error) => reqwest_error(client, prepared, *error, true),
        Err(source) => Error::Transport(Box::new(TransportError {
            operation: Some(prepared.op_ref()),
            before_response: true,
            source,
        })),
    }
}

/// The request's headers: the prepared ones, the credentials' and the `Cookie` header
/// (parameter cookies and API-key cookies; sensitive when it holds a key).
fn wire_headers(
    client: &ClientInner,
    prepared: &Prepared,
    auth: &crate::auth::AppliedAuth,
) -> Result<http::HeaderMap, Error<NoErrors>> {
    let mut headers = prepared.headers.to_map(client, auth.headers.len() + 1);
    for (name, value) in &auth.headers {
        headers.insert(name.clone(), value.clone());
    }
    if !prepared.cookies().is_empty() || !auth.cookies.is_empty() {
        headers.insert(http::header::COOKIE, cookie_header(prepared, auth)?);
    }
    Ok(headers)
}

/// The `Cookie` header: parameter cookies and API-key cookies (sensitive when it holds
/// a key). Out of line: most requests send no cookie.
#[inline(never)]
fn cookie_header(
    prepared: &Prepared,
    auth: &crate::auth::AppliedAuth,
) -> Result<HeaderValue, Error<NoErrors>> {
    let all: Vec<&str> = prepared
        .cookies()
        .iter()
        .chain(&auth.cookies)
        .map(String::as_str)
        .collect();
    let mut value = HeaderValue::from_bytes(all.join("; ").as_bytes()).map_err(|_| {
        invalid(
            prepared,
            None,
            "the cookies do not form a valid header".to_owned(),
        )
    })?;
    value.set_sensitive(!auth.cookies.is_empty());
    Ok(value)
}

/// An [`Error::InvalidRequest`] of `prepared`'s operation.
#[cold]
#[inline(never)]
fn invalid(prepared: &Prepared, parameter: Option<String>, reason: String) -> Error<NoErrors> {
    Error::InvalidRequest(Box::new(InvalidRequest {
        operation: Some(prepared.op_ref()),
        parameter,
        reason,
    }))
}
