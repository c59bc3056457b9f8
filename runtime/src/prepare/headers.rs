//! The headers of a prepared request: checked once by `prepare`, written into a fresh
//! map for every attempt ([`HeaderPlan::to_map`]).
//!
//! An attempt must own its map (reqwest takes it). Building the map from this plan costs
//! one map per attempt; building a map in `prepare` and cloning it per attempt cost two,
//! and the clone, on every call (issue 16's benchmark counts them).

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::client::ClientInner;

/// Every header of a request but credentials and `Cookie`, in the order they apply:
/// the client's default headers, `User-Agent`, `Accept`, `Content-Type`, then header
/// parameters, per-request headers and the idempotency key, each replacing earlier
/// values of its names, and last the `replace` headers a resent request sets.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderPlan {
    /// The operation's `Accept` value.
    pub(crate) accept: Option<HeaderValue>,
    /// The body's `Content-Type`.
    pub(crate) content_type: Option<HeaderValue>,
    /// Header parameters (several values of one name are all sent).
    pub(crate) parameters: Vec<(HeaderName, HeaderValue)>,
    /// Per-request headers from the request options.
    pub(crate) options: Vec<(HeaderName, HeaderValue)>,
    /// The idempotency key, the same on every attempt.
    pub(crate) idempotency_key: Option<(HeaderName, HeaderValue)>,
    /// Headers set on a prepared request afterwards (an event stream's
    /// `Last-Event-ID`), each replacing any other value.
    pub(crate) replace: Vec<(HeaderName, HeaderValue)>,
}

impl HeaderPlan {
    /// Whether a header parameter, a per-request header or a default header of `client`
    /// is named `name`.
    pub(crate) fn sets(&self, client: &ClientInner, name: &HeaderName) -> bool {
        client.default_headers.contains_key(name)
            || self.parameters.iter().any(|(n, _)| n == name)
            || self.options.iter().any(|(n, _)| n == name)
    }

    /// The headers of one attempt, with room for `more` (credentials, `Cookie`).
    pub(crate) fn to_map(&self, client: &ClientInner, more: usize) -> HeaderMap {
        let capacity = client.default_headers.len()
            + 3
            + self.parameters.len()
            + self.options.len()
            + self.replace.len()
            + more;
        let mut headers = HeaderMap::with_capacity(capacity);
        for (name, value) in &client.default_headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(http::header::USER_AGENT, client.user_agent.clone());
        if let Some(accept) = &self.accept {
            headers.insert(http::header::ACCEPT, accept.clone());
        }
        if let Some(content_type) = &self.content_type {
            headers.insert(http::header::CONTENT_TYPE, content_type.clone());
        }
        replace_headers(&mut headers, &self.parameters);
        replace_headers(&mut headers, &self.options);
        if let Some((name, value)) = &self.idempotency_key {
            headers.insert(name.clone(), value.clone());
        }
        for (name, value) in &self.replace {
            headers.insert(name.clone(), value.clone());
        }
        headers
    }
}

/// Puts `new` headers in `headers`, replacing any earlier value of the same name
/// (several values of one name in `new` are all kept).
fn replace_headers(headers: &mut HeaderMap, new: &[(HeaderName, HeaderValue)]) {
    for (index, (name, value)) in new.iter().enumerate() {
        if new[..index].iter().any(|(earlier, _)| earlier == name) {
            headers.append(name.clone(), value.clone());
        } else {
            headers.insert(name.clone(), value.clone());
        }
    }
}
