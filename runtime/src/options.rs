//! Per-request options: [`RequestOptions`].

use std::time::Duration;

/// Options for one request, set with `.request_options(..)` on a generated request value.
///
/// ```
/// # use std::time::Duration;
/// let options = specforge::RequestOptions::default()
///     .timeout(Duration::from_secs(5))
///     .header("X-Trace", "abc")
///     .no_retry();
/// # let _ = options;
/// ```
/// `Debug` shows header names only: a header set here may carry a secret.
///
/// Options are rare, and every request value holds them and is moved as it is built and
/// sent: they are one pointer, allocated only when something is set.
#[derive(Clone, Default)]
pub struct RequestOptions {
    set: Option<Box<OptionValues>>,
}

/// What [`RequestOptions`] hold once something is set.
#[derive(Clone, Default)]
pub(crate) struct OptionValues {
    pub(crate) timeout: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) retries: Option<u32>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) retry_policy: Option<crate::RetryPolicy>,
    pub(crate) hooks: crate::hooks::Hooks,
    pub(crate) sse_reconnect: Option<crate::reconnect::Reconnect>,
}

impl std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let empty = OptionValues::default();
        let values = self.set.as_deref().unwrap_or(&empty);
        let names: Vec<&str> = values
            .headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &values.timeout)
            .field("headers", &names)
            .field("retries", &values.retries)
            .field("idempotency_key", &values.idempotency_key)
            .field("hooks", &values.hooks)
            .field("sse_reconnect", &values.sse_reconnect)
            .finish()
    }
}

impl RequestOptions {
    /// Creates empty options (the client's settings apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// The values, allocated on the first setting.
    fn values_mut(&mut self) -> &mut OptionValues {
        self.set.get_or_insert_with(Box::default)
    }

    /// The values set, if any (no defaults made for a request that set nothing).
    pub(crate) fn into_set(self) -> Option<Box<OptionValues>> {
        self.set
    }

    /// The values set, if any.
    pub(crate) fn values(&self) -> Option<&OptionValues> {
        self.set.as_deref()
    }

    /// Per-attempt total timeout for this request (overrides the client's).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.values_mut().timeout = Some(timeout);
        self
    }

    /// Adds a header to this request (after the client's default headers; a header set
    /// here replaces a default header of the same name). Invalid names or values are
    /// reported as `Error::InvalidRequest` when the request is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.values_mut().headers.push((name.into(), value.into()));
        self
    }

    /// Maximum number of retries for this request (overrides the client's policy).
    pub fn retries(mut self, retries: u32) -> Self {
        self.values_mut().retries = Some(retries);
        self
    }

    /// The retry policy for this request (overrides the client's; `retries` still caps
    /// it). The client's retry budget applies either way.
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
        self.values_mut().retry_policy = Some(policy);
        self
    }

    /// Never retry this request.
    pub fn no_retry(self) -> Self {
        self.retries(0)
    }

    /// Idempotency key sent (in the operation's declared idempotency header) on every
    /// attempt of this request.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.values_mut().idempotency_key = Some(key.into());
        self
    }

    /// Adds a before-send hook for this request, run after the client's (see
    /// [`crate::hooks`]).
    pub fn before_send(mut self, hook: impl crate::hooks::BeforeSend) -> Self {
        self.values_mut()
            .hooks
            .before_send
            .push(std::sync::Arc::new(hook));
        self
    }

    /// Adds an after-receive hook for this request, run after the client's (see
    /// [`crate::hooks`]).
    pub fn after_receive(mut self, hook: impl crate::hooks::AfterReceive) -> Self {
        self.values_mut()
            .hooks
            .after_receive
            .push(std::sync::Arc::new(hook));
        self
    }

    /// For an operation answering `text/event-stream`: reconnect when the connection
    /// ends, with `Last-Event-ID`, after the server's `retry:` time (see
    /// [`crate::sse::Reconnect`]). Default: no reconnection, the stream ends.
    pub fn sse_reconnect(mut self, policy: crate::reconnect::Reconnect) -> Self {
        self.values_mut().sse_reconnect = Some(policy);
        self
    }

    /// The timeout set for this request, if any.
    pub fn get_timeout(&self) -> Option<Duration> {
        self.values().and_then(|values| values.timeout)
    }

    /// The retry limit set for this request, if any.
    pub fn get_retries(&self) -> Option<u32> {
        self.values().and_then(|values| values.retries)
    }

    /// The idempotency key set for this request, if any.
    pub fn get_idempotency_key(&self) -> Option<&str> {
        self.values()
            .and_then(|values| values.idempotency_key.as_deref())
    }

    /// The extra headers of this request, in order.
    pub fn get_headers(&self) -> &[(String, String)] {
        self.values().map_or(&[], |values| &values.headers)
    }
}
