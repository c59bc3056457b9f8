//! A request prepared for sending: [`Prepared`], checked and encoded once, the same for
//! every attempt (path, query, headers, cookies, body, timeouts, hooks).

use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};

use crate::client::ClientInner;
use crate::describe::Operation;
use crate::error::{Error, InvalidRequest, NoErrors, OperationRef};
use crate::request::Body;
use crate::request::Request;
use crate::retry::RetryPolicy;

mod headers;

pub(crate) use headers::HeaderPlan;

/// A request ready to be sent, the same for every attempt.
///
/// Every call's future holds one (docs/performance.md: its size is paid on every call),
/// so what can be derived from the operation is not stored, and what few requests
/// have is behind one pointer ([`RareParts`]).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) operation: &'static Operation,
    /// The request target: the base URL's path, the filled path and the encoded query,
    /// written once (`encoding::path::request_target`).
    pub(crate) target: String,
    /// Every header but auth and `Cookie`, written per attempt.
    pub(crate) headers: HeaderPlan,
    pub(crate) body: Body,
    /// Per-attempt total timeout.
    pub(crate) timeout: Duration,
    /// Whether an idempotency key is sent.
    pub(crate) has_idempotency_key: bool,
    /// The attempt in progress, from 1 (for hooks).
    pub(crate) attempt: AttemptNumber,
    /// Per-request retry settings, hooks, cookie parameters and a next-page URL; `None`
    /// when the request has none of them (nearly every request).
    pub(crate) rare: Option<Box<RareParts>>,
}

/// The parts of a [`Prepared`] request that few requests have.
#[derive(Debug, Clone, Default)]
pub(crate) struct RareParts {
    /// Per-request retry limit.
    pub(crate) max_retries: Option<u32>,
    /// Per-request retry policy.
    pub(crate) retry_policy: Option<RetryPolicy>,
    /// A next-page URL (`Link: rel="next"`) that replaces base URL, path and query.
    pub(crate) next_url: Option<url::Url>,
    /// The request's own hooks (run after the client's).
    pub(crate) hooks: crate::hooks::Hooks,
    /// Cookie pairs from parameters.
    pub(crate) cookies: Vec<String>,
}

/// The hooks of a request that has none of its own.
static NO_HOOKS: crate::hooks::Hooks = crate::hooks::Hooks::EMPTY;

/// The number of the attempt in progress, set by the attempt loop and read by the hooks
/// (`Prepared` is shared by reference across attempts).
#[derive(Debug, Default)]
pub(crate) struct AttemptNumber(std::sync::atomic::AtomicU32);

impl AttemptNumber {
    pub(crate) fn get(&self) -> u32 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Clone for AttemptNumber {
    fn clone(&self) -> Self {
        Self(std::sync::atomic::AtomicU32::new(self.get()))
    }
}

impl Prepared {
    /// The operation's id, method and path, for errors.
    pub(crate) fn op_ref(&self) -> OperationRef {
        OperationRef::of(self.operation)
    }

    /// The HTTP method.
    pub(crate) fn method(&self) -> &Method {
        &self.operation.method
    }

    /// The next-page URL that replaces base URL, path and query, if any.
    pub(crate) fn next_url(&self) -> Option<&url::Url> {
        self.rare.as_ref()?.next_url.as_ref()
    }

    /// Sets (or clears) the next-page URL.
    pub(crate) fn set_next_url(&mut self, next_url: Option<url::Url>) {
        if next_url.is_some() || self.rare.is_some() {
            self.rare.get_or_insert_with(Box::default).next_url = next_url;
        }
    }

    /// The cookie pairs of the request's parameters (none for most requests).
    pub(crate) fn cookies(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |rare| &rare.cookies)
    }

    /// The request's own hooks (none for most requests).
    pub(crate) fn hooks(&self) -> &crate::hooks::Hooks {
        self.rare.as_ref().map_or(&NO_HOOKS, |rare| &rare.hooks)
    }

    /// The request's own retry limit and policy, if it sets them.
    pub(crate) fn retry_overrides(&self) -> (Option<u32>, Option<&RetryPolicy>) {
        match &self.rare {
            Some(rare) => (rare.max_retries, rare.retry_policy.as_ref()),
            None => (None, None),
        }
    }

    /// Starts attempt `number` (from 1): recorded on the current span and for the hooks.
    pub(crate) fn start_attempt(&self, number: u32) {
        self.attempt
            .0
            .store(number, std::sync::atomic::Ordering::Relaxed);
        crate::trace::record("attempt", number);
    }
}

/// Checks and encodes everything that does not change between attempts.
pub(crate) fn prepare(client: &ClientInner, request: Request) -> Result<Prepared, Error<NoErrors>> {
    let Request {
        operation,
        mut inner,
        ..
    } = request;
    let invalid =
        |parameter: Option<String>, reason: String| invalid_request(operation, parameter, reason);
    if let Some((parameter, reason)) = inner.error {
        return Err(invalid(Some(parameter), reason));
    }
    let target = crate::encoding::path::request_target(
        &client.base_url,
        operation.path,
        &inner.path,
        &inner.query,
    )
    .map_err(|(parameter, reason)| invalid(Some(parameter), reason))?;

    let options = std::mem::take(&mut inner.options).into_set();
    let (headers, has_idempotency_key) =
        header_plan(client, operation, &mut inner, options.as_deref(), &invalid)?;
    let timeout = options
        .as_ref()
        .and_then(|options| options.timeout)
        .unwrap_or(client.timeout);
    Ok(Prepared {
        operation,
        target,
        headers,
        body: inner.body,
        timeout,
        has_idempotency_key,
        attempt: AttemptNumber::default(),
        rare: rare_parts(options.map(|options| *options), inner.cookies),
    })
}

/// An [`Error::InvalidRequest`] of `operation`. Cold, as every error constructor on
/// the call path: out of line, so that the code a call runs stays together in fewer
/// cache lines (docs/performance.md).
#[cold]
#[inline(never)]
fn invalid_request(
    operation: &'static Operation,
    parameter: Option<String>,
    reason: String,
) -> Error<NoErrors> {
    Error::InvalidRequest(Box::new(InvalidRequest {
        operation: Some(OperationRef::of(operation)),
        parameter,
        reason,
    }))
}

/// The per-request retry settings and hooks of `options` and the cookie parameters,
/// boxed; `None` when there are none.
fn rare_parts(
    options: Option<crate::options::OptionValues>,
    cookies: Vec<String>,
) -> Option<Box<RareParts>> {
    let options = options.filter(|options| {
        options.retries.is_some() || options.retry_policy.is_some() || !options.hooks.is_empty()
    });
    if options.is_none() && cookies.is_empty() {
        return None;
    }
    Some(rare_box(options.unwrap_or_default(), cookies))
}

/// [`RareParts`] of `options` and `cookies`, boxed. Out of line: few requests have any.
#[inline(never)]
fn rare_box(options: crate::options::OptionValues, cookies: Vec<String>) -> Box<RareParts> {
    Box::new(RareParts {
        max_retries: options.retries,
        retry_policy: options.retry_policy,
        next_url: None,
        hooks: options.hooks,
        cookies,
    })
}

/// The request's headers, checked (see [`HeaderPlan`]), and whether it carries an
/// idempotency key. Takes the header parameters out of `inner`.
fn header_plan(
    client: &ClientInner,
    operation: &'static Operation,
    inner: &mut crate::request::RequestParts,
    options: Option<&crate::options::OptionValues>,
    invalid: &impl Fn(Option<String>, String) -> Error<NoErrors>,
) -> Result<(HeaderPlan, bool), Error<NoErrors>> {
    let mut headers = HeaderPlan::default();
    if !operation.accept.is_empty() && !headers.set_accept(operation.accept) {
        return Err(invalid(
            None,
            "the operation's Accept value is not a valid header".to_owned(),
        ));
    }
    if let Body::Bytes { content_type, .. } | Body::Stream { content_type, .. } = &inner.body
        && !content_type.is_empty()
        && !headers.set_content_type(content_type)
    {
        return Err(invalid(
            Some("body".to_owned()),
            "invalid content type".to_owned(),
        ));
    }
    if !inner.headers.is_empty() {
        headers.add_group(std::mem::take(&mut inner.headers));
    }
    if let Some(options) = options
        && !options.headers.is_empty()
    {
        headers.add_group(option_headers(&options.headers, invalid)?);
    }
    let has_idempotency_key = match operation.idempotency_header {
        Some(name) => {
            let key = idempotency_key(
                client,
                &headers,
                name,
                options.and_then(|options| options.idempotency_key.as_deref()),
            )
            .map_err(|reason| invalid(Some(name.to_owned()), reason))?;
            if let Some((name, value)) = key {
                headers.replace(name, value);
            }
            true
        }
        None => false,
    };
    Ok((headers, has_idempotency_key))
}

/// The per-request headers of the request's options, checked. Out of line: few
/// requests set any.
#[inline(never)]
fn option_headers(
    option_headers: &[(String, String)],
    invalid: &impl Fn(Option<String>, String) -> Error<NoErrors>,
) -> Result<Vec<(HeaderName, HeaderValue)>, Error<NoErrors>> {
    let mut checked = Vec::with_capacity(option_headers.len());
    for (name, value) in option_headers {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid(Some(name.clone()), "not a valid header name".to_owned()))?;
        let header_value = crate::encoding::header::header_value(value)
            .map_err(|reason| invalid(Some(name.clone()), reason))?;
        checked.push((header_name, header_value));
    }
    Ok(checked)
}

/// The idempotency header: the caller's key, none when a parameter or header already
/// sets it (that one is sent), or a new UUID v4; the same on every attempt.
#[inline(never)]
fn idempotency_key(
    client: &ClientInner,
    headers: &HeaderPlan,
    name: &str,
    key: Option<&str>,
) -> Result<Option<(HeaderName, HeaderValue)>, String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| "not a valid header name".to_owned())?;
    let value = match key {
        Some(key) => crate::encoding::header::header_value(key)?,
        None if headers.sets(client, &name) => return Ok(None),
        None => crate::encoding::header::header_value(&uuid::Uuid::new_v4().to_string())?,
    };
    Ok(Some((name, value)))
}
