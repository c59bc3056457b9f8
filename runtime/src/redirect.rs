//! Redirects that never carry credentials to another origin.
//!
//! What reqwest 0.13 does by itself (`reqwest::redirect`): its default policy follows up
//! to 10 redirects to any origin; on a hop to another scheme, host or port it removes
//! `Authorization`, `Cookie`, `Cookie2`, `Proxy-Authorization` and `WWW-Authenticate`,
//! and nothing else: an API key in a custom header (`X-API-Key`) follows, and so does an
//! API key in the query when the server echoes the query into `Location`. It also adds
//! a `Referer` (the previous URL, query included: a query API key would leak) unless
//! the client is built with `referer(false)`.
//!
//! The runtime's choice, in two steps:
//! 1. [`configure`] gives the core's reqwest client a policy that follows same-origin
//!    redirects (at most [`MAX_REDIRECTS`]) and *stops* at a cross-origin one, which then
//!    reaches the runtime as a 3xx response; and turns `Referer` off.
//! 2. The attempt loop re-issues a stopped cross-origin redirect itself with
//!    [`cross_origin_hop`] (method and body per RFC 9110 §15.4) after
//!    [`strip_credentials`] removed every credential: `Authorization`,
//!    `Proxy-Authorization`, `Cookie`, the API-key headers the runtime added, and the
//!    API-key query parameters (also from the new URL). A pre-signed download URL on
//!    another host (the common reason for such a redirect) works; the credentials stay
//!    home. A redirect that cannot be re-issued (300, 304, 305, a non-HTTP `Location`, a
//!    streamed body on 307/308) is returned to the caller as the response it is.
//!
//! A reqwest client supplied by the user keeps its own redirect policy: the runtime
//! cannot change it (documented on the builder).

use http::header::{AUTHORIZATION, COOKIE, LOCATION, PROXY_AUTHORIZATION};
use http::{HeaderMap, HeaderName, Method, StatusCode};
use url::Url;

/// Redirects followed by reqwest for one request (same-origin), and cross-origin hops
/// re-issued by the runtime for one attempt: at most 10 of each.
pub(crate) const MAX_REDIRECTS: usize = 10;

/// Whether two URLs have the same origin (scheme, host, port; default ports count).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    let (a, b) = (a.origin(), b.origin());
    a.is_tuple() && a == b
}

/// The redirect policy of the runtime's reqwest client: follow same-origin redirects
/// up to [`MAX_REDIRECTS`], stop at a cross-origin one.
pub(crate) fn policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        // `previous` holds every URL requested so far, the original first.
        let previous = attempt.previous();
        if previous.len() > MAX_REDIRECTS {
            return attempt.error(TooManyRedirects);
        }
        let same = previous
            .first()
            .is_some_and(|origin| same_origin(origin, attempt.url()));
        if same {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// The runtime's redirect policy, for a reqwest client built by the user and given to
/// `ClientBuilder::reqwest_client`: with it (and `referer(false)`), credentials do not
/// follow a redirect to another origin either (see the module docs).
pub fn redirect_policy() -> reqwest::redirect::Policy {
    policy()
}

/// Applies the redirect choices to the runtime's reqwest client builder.
pub(crate) fn configure(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    builder.redirect(policy()).referer(false)
}

/// The error of a redirect chain longer than [`MAX_REDIRECTS`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct TooManyRedirects;

impl std::fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {MAX_REDIRECTS} redirects")
    }
}

impl std::error::Error for TooManyRedirects {}

/// The request that follows a cross-origin redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hop {
    pub(crate) url: Url,
    pub(crate) method: Method,
    /// 307/308: the same body is sent again; otherwise the body (and its
    /// `Content-*` headers) are dropped.
    pub(crate) keep_body: bool,
}

/// Where a 3xx response sends the request next, when the runtime can re-issue it:
/// 301/302 turn POST into GET, 303 turns everything but HEAD into GET, 307/308 keep
/// method and body. `None` for other statuses and for a missing, unparsable or
/// non-HTTP(S) `Location` (resolved against `current`).
pub(crate) fn cross_origin_hop(
    method: &Method,
    status: StatusCode,
    current: &Url,
    headers: &HeaderMap,
) -> Option<Hop> {
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let url = current.join(location.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let (method, keep_body) = match status.as_u16() {
        301 | 302 if *method == Method::POST => (Method::GET, false),
        301 | 302 => (method.clone(), true),
        303 if *method == Method::HEAD => (Method::HEAD, false),
        303 => (Method::GET, false),
        307 | 308 => (method.clone(), true),
        _ => return None,
    };
    Some(Hop {
        url,
        method,
        keep_body,
    })
}

/// Removes every credential before a request goes to another origin: the standard
/// credential headers, the API-key headers the runtime added (`added_headers`), and the
/// API-key query parameters (`added_query`, by name) from `url`.
pub(crate) fn strip_credentials(
    headers: &mut HeaderMap,
    url: &mut Url,
    added_headers: &[HeaderName],
    added_query: &[&str],
) {
    for name in [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE] {
        headers.remove(name);
    }
    for name in added_headers {
        headers.remove(name);
    }
    let Some(query) = url.query() else {
        return;
    };
    // Filter the raw `name=value` pieces so the others keep their exact bytes (a
    // pre-signed URL's signature covers them).
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| {
            let raw_name = piece.split('=').next().unwrap_or(piece);
            let name = url::form_urlencoded::parse(raw_name.as_bytes())
                .next()
                .map(|(name, _)| name.into_owned())
                .unwrap_or_default();
            !added_query.contains(&name.as_str())
        })
        .collect();
    let kept = kept.join("&");
    if kept.is_empty() {
        url.set_query(None);
    } else if kept.len() != query.len() {
        url.set_query(Some(&kept));
    }
}

/// What the runtime added for auth, to strip before another origin.
#[derive(Debug, Default)]
pub(crate) struct AddedCredentials {
    /// Header names (API keys in custom headers; `Authorization`, `Cookie` and
    /// `Proxy-Authorization` are always stripped).
    pub(crate) headers: Vec<HeaderName>,
    /// Query parameter names (API keys in the query).
    pub(crate) query: Vec<String>,
}

/// Re-issues the cross-origin redirects reqwest's [`policy`] stopped at, each without
/// credentials (see the module docs), until a response that is not such a redirect.
/// `body`: `Some` when the request had a body that can be sent again (`None` also when
/// there was none); `replayable` false for a body that cannot.
pub(crate) async fn follow_cross_origin(
    http: &reqwest::Client,
    mut response: reqwest::Response,
    method: &Method,
    headers: &HeaderMap,
    body: Option<&bytes::Bytes>,
    replayable: bool,
    added: &AddedCredentials,
) -> Result<reqwest::Response, reqwest::Error> {
    let mut method = method.clone();
    let mut headers = headers.clone();
    let mut body = body.cloned();
    let added_query: Vec<&str> = added.query.iter().map(String::as_str).collect();
    for _ in 0..MAX_REDIRECTS {
        let current = response.url().clone();
        let Some(hop) = cross_origin_hop(&method, response.status(), &current, response.headers())
        else {
            return Ok(response);
        };
        if same_origin(&hop.url, &current) || (hop.keep_body && !replayable) {
            return Ok(response);
        }
        tracing::debug!(
            origin = %hop.url.origin().ascii_serialization(),
            "cross-origin redirect: re-issued without credentials"
        );
        let mut url = hop.url;
        strip_credentials(&mut headers, &mut url, &added.headers, &added_query);
        if !hop.keep_body {
            body = None;
            drop_body_headers(&mut headers);
        }
        method = hop.method;
        let mut request = http.request(method.clone(), url).headers(headers.clone());
        if let Some(body) = &body {
            request = request.body(body.clone());
        }
        response = request.send().await?;
    }
    Ok(response)
}

/// A cross-origin hop that failed (after the original request was answered with a 3xx).
#[derive(Debug)]
pub(crate) struct HopError(pub(crate) reqwest::Error);

impl std::fmt::Display for HopError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "following a redirect to another origin failed: {}",
            self.0
        )
    }
}

impl std::error::Error for HopError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Drops the body headers when a hop does not keep the body.
pub(crate) fn drop_body_headers(headers: &mut HeaderMap) {
    for name in [
        http::header::CONTENT_TYPE,
        http::header::CONTENT_LENGTH,
        http::header::CONTENT_ENCODING,
        http::header::CONTENT_LANGUAGE,
        http::header::CONTENT_LOCATION,
    ] {
        headers.remove(name);
    }
}

#[cfg(test)]
mod tests;
