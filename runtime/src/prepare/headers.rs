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
    /// The operation's `Accept` value, checked ([`static_header_value`] gives it). Text,
    /// not a `HeaderValue`: every call's future holds the plan, and the value is made
    /// per attempt without a copy.
    accept: Option<&'static str>,
    /// The body's `Content-Type`, checked as `accept` is.
    content_type: Option<&'static str>,
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
        let valid = static_header_value(text).is_some();
        if valid {
            self.accept = Some(text);
        }
        valid
    }

    /// Sets the `Content-Type` value; `false` (nothing set) when it is not a valid
    /// header value.
    pub(crate) fn set_content_type(&mut self, text: &'static str) -> bool {
        let valid = static_header_value(text).is_some();
        if valid {
            self.content_type = Some(text);
        }
        valid
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
        // Checked when set: `static_header_value` gives them.
        if let Some(accept) = self.accept.and_then(static_header_value) {
            headers.insert(http::header::ACCEPT, accept);
        }
        if let Some(content_type) = self.content_type.and_then(static_header_value) {
            headers.insert(http::header::CONTENT_TYPE, content_type);
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

/// A header value from a `'static` text of the operation's description, without a
/// copy when it is ASCII; `None` when the text is not a valid header value.
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    // Exactly what `HeaderValue::from_static` accepts (visible ASCII, space and tab), so
    // it cannot panic; other bytes `from_str` accepts are copied.
    if text
        .bytes()
        .all(|byte| byte == b'\t' || (0x20..0x7f).contains(&byte))
    {
        Some(HeaderValue::from_static(text))
    } else {
        HeaderValue::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
