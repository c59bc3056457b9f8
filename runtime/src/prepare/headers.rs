//! The headers of a prepared request: checked once by `prepare`, written into a fresh
//! map for every attempt ([`HeaderPlan::to_map`]).
//!
//! An attempt must own its map (reqwest takes it). Building the map from this plan costs
//! one map per attempt; building a map in `prepare` and cloning it per attempt cost two
//! maps, and the clone, on every call (docs/performance.md).

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::client::ClientInner;

/// Every header of a request but credentials and `Cookie`, in the order they apply:
/// the client's default headers, `User-Agent`, `Accept`, `Content-Type`, then
/// [`HeaderPlan::entries`].
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderPlan {
    /// The operation's `Accept` value.
    accept: Option<HeaderValue>,
    /// The body's `Content-Type`.
    content_type: Option<HeaderValue>,
    /// Header parameters, per-request headers, the idempotency key and the headers a
    /// resent request sets, in that order, each saying how it applies.
    entries: Vec<(HeaderName, HeaderValue, Apply)>,
}

/// How a header of [`HeaderPlan::entries`] applies to the values before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Apply {
    /// Replaces earlier values of its name.
    Replace,
    /// Adds a value (a later value of a name in the same group).
    Append,
}

impl HeaderPlan {
    /// Sets the `Accept` value; `false` (nothing set) when it is not a valid header value.
    pub(crate) fn set_accept(&mut self, text: &'static str) -> bool {
        self.accept = static_header_value(text);
        self.accept.is_some()
    }

    /// Sets the `Content-Type` value; `false` (nothing set) when it is not a valid
    /// header value.
    pub(crate) fn set_content_type(&mut self, text: &'static str) -> bool {
        self.content_type = static_header_value(text);
        self.content_type.is_some()
    }

    /// Adds a group of headers (the header parameters, or the per-request headers): the
    /// group's first value of a name replaces earlier values, its later values of that
    /// name are all sent.
    pub(crate) fn add_group(&mut self, group: Vec<(HeaderName, HeaderValue)>) {
        let start = self.entries.len();
        for (name, value) in group {
            let again = self.entries[start..].iter().any(|(n, _, _)| *n == name);
            let apply = if again { Apply::Append } else { Apply::Replace };
            self.entries.push((name, value, apply));
        }
    }

    /// Sets `name` to `value`, replacing every earlier value.
    pub(crate) fn replace(&mut self, name: HeaderName, value: HeaderValue) {
        self.entries.push((name, value, Apply::Replace));
    }

    /// Whether a default header of `client` or a header added so far is named `name`.
    pub(crate) fn sets(&self, client: &ClientInner, name: &HeaderName) -> bool {
        client.default_headers.contains_key(name) || self.entries.iter().any(|(n, _, _)| n == name)
    }

    /// The headers of one attempt, with room for `more` (credentials, `Cookie`).
    pub(crate) fn to_map(&self, client: &ClientInner, more: usize) -> HeaderMap {
        // The default headers, `User-Agent`, `Accept`, `Content-Type`, the entries.
        let capacity = client.default_headers.len() + 3 + self.entries.len() + more;
        let mut headers = HeaderMap::with_capacity(capacity);
        for (name, value) in &client.default_headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(http::header::USER_AGENT, client.user_agent.clone());
        // Static values: copied without a reference count.
        if let Some(accept) = &self.accept {
            headers.insert(http::header::ACCEPT, accept.clone());
        }
        if let Some(content_type) = &self.content_type {
            headers.insert(http::header::CONTENT_TYPE, content_type.clone());
        }
        for (name, value, apply) in &self.entries {
            match apply {
                Apply::Replace => headers.insert(name.clone(), value.clone()),
                Apply::Append => {
                    headers.append(name.clone(), value.clone());
                    None
                }
            };
        }
        headers
    }
}

/// A header value from a `'static` text of the operation's description, never copied;
/// `None` when the text is not a valid header value. The bytes are checked once
/// (`from_static` after a check of ours would check them twice, and it panics on bytes
/// `from_str` accepts).
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    HeaderValue::from_maybe_shared(bytes::Bytes::from_static(text.as_bytes())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_value_takes_what_a_header_value_may_hold() {
        for (text, valid) in [
            ("application/json", true),
            ("text/plain; charset=utf-8", true),
            ("a\tb", true),
            ("caf\u{e9}", true),
            ("a\nb", false),
            ("a\u{7f}", false),
        ] {
            let value = static_header_value(text);
            assert_eq!(value.is_some(), valid, "{text:?}");
            assert!(value.is_none_or(|value| value.as_bytes() == text.as_bytes()));
        }
    }

    fn value(text: &'static str) -> HeaderValue {
        HeaderValue::from_static(text)
    }

    #[test]
    fn a_group_replaces_earlier_values_and_keeps_its_own_repeats() {
        // Test code: a fixed loopback base URL; an `expect` failing here fails the test.
        let client = crate::builder::ClientBuilder::new(Some("http://127.0.0.1:9"), &[])
            .build()
            .expect("a loopback base URL is valid");
        let name = HeaderName::from_static("x-tag");
        let mut plan = HeaderPlan::default();
        plan.add_group(vec![(name.clone(), value("a")), (name.clone(), value("b"))]);
        let map = plan.to_map(&client.inner, 0);
        assert_eq!(map.get_all(&name).iter().collect::<Vec<_>>(), ["a", "b"]);
        plan.add_group(vec![(name.clone(), value("c")), (name.clone(), value("d"))]);
        let map = plan.to_map(&client.inner, 0);
        assert_eq!(map.get_all(&name).iter().collect::<Vec<_>>(), ["c", "d"]);
        plan.replace(name.clone(), value("e"));
        let map = plan.to_map(&client.inner, 0);
        assert_eq!(map.get_all(&name).iter().collect::<Vec<_>>(), ["e"]);
        assert!(plan.sets(&client.inner, &name));
        assert!(map.contains_key(http::header::USER_AGENT));
    }
}
