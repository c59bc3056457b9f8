//! [`ClientCore`]: the configured runtime client every generated `Client` wraps.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderValue};

use crate::credential::Credential;
use crate::describe::SecurityScheme;
use crate::retry::RetryPolicy;

/// The runtime client: HTTP connection pool, base URL, timeouts, credentials, retry
/// policy. Cheap to clone (one `Arc`); `Debug` shows no secret.
#[derive(Clone)]
pub struct ClientCore {
    pub(crate) inner: Arc<ClientInner>,
}

/// Everything a client holds, shared by its clones.
pub(crate) struct ClientInner {
    pub(crate) http: reqwest::Client,
    /// A custom transport (`None`: `http` is called directly).
    pub(crate) transport: Option<Arc<dyn crate::transport::SendRequest>>,
    /// Absolute http(s) URL without trailing `/`, query or fragment.
    pub(crate) base_url: url::Url,
    pub(crate) schemes: &'static [SecurityScheme],
    pub(crate) timeout: Duration,
    /// The connect timeout, when the runtime built the reqwest client (`None`: custom client).
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) default_headers: HeaderMap,
    pub(crate) credentials: Vec<(&'static SecurityScheme, Credential)>,
    pub(crate) allow_insecure_credentials: bool,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry_policy: RetryPolicy,
    /// The retry budget shared by every request of this client (and its clones).
    pub(crate) retry_budget: Option<crate::retry::BudgetState>,
    /// OAuth2 client-credentials token caches, one per scheme.
    pub(crate) oauth2: crate::oauth2::TokenSources,
    /// Before-send and after-receive hooks.
    pub(crate) hooks: crate::hooks::Hooks,
    /// The mock answering every call instead of the network (`Client::mock()`).
    pub(crate) mock: Option<crate::mock::MockServer>,
}

impl ClientCore {
    pub(crate) fn from_inner(inner: ClientInner) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Whether a mock answers this client's calls.
    pub(crate) fn is_mock(&self) -> bool {
        self.inner.mock.is_some()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// The underlying `reqwest::Client`.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The per-attempt total timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The cap on buffered response bodies.
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// The security schemes of the API.
    pub fn security_schemes(&self) -> &'static [SecurityScheme] {
        self.inner.schemes
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let header_names: Vec<&str> = inner.default_headers.keys().map(|n| n.as_str()).collect();
        f.debug_struct("ClientCore")
            .field(
                "base_url",
                &crate::url_build::redact_url(inner.base_url.as_str()),
            )
            .field("timeout", &inner.timeout)
            .field("user_agent", &inner.user_agent)
            .field("default_headers", &header_names)
            .field(
                "credentials",
                &inner
                    .credentials
                    .iter()
                    .map(|(s, c)| (s.name, c))
                    .collect::<Vec<_>>(),
            )
            .field(
                "allow_insecure_credentials",
                &inner.allow_insecure_credentials,
            )
            .field("max_response_bytes", &inner.max_response_bytes)
            .field("retry_policy", &inner.retry_policy)
            .field("hooks", &inner.hooks)
            .finish_non_exhaustive()
    }
}
