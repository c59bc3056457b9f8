//! [`ClientBuilder`]: configuration of a client, validated once by `build()`, and the
//! `__builder_methods!` macro that forwards it from generated builders.

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::client::{ClientCore, ClientInner};
use crate::credential::{Credential, CredentialKind};
use crate::describe::{SchemeKind, SecurityScheme};
use crate::retry::RetryPolicy;

// `__builder_methods!`: the generated `ClientBuilder`'s forwarding methods.
#[path = "builder/forward.rs"]
mod forward;

/// Default per-attempt total timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default cap on a buffered response body: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No base URL was given and the document declares no server.
    #[error("no base URL: the API document declares no server, so set one with `base_url(..)`")]
    MissingBaseUrl,
    /// The base URL is not an absolute `http` or `https` URL.
    #[error("invalid base URL: {reason}")]
    InvalidBaseUrl {
        /// What is wrong (the URL itself is not repeated: it may carry credentials).
        reason: String,
    },
    /// A credential names a security scheme the API does not declare.
    #[error("no security scheme named `{scheme}` in this API")]
    UnknownScheme {
        /// The name given.
        scheme: String,
    },
    /// A credential of the wrong kind for its security scheme.
    #[error("security scheme `{scheme}` expects {expected}, got {got}")]
    CredentialMismatch {
        /// The scheme name.
        scheme: String,
        /// What the scheme expects.
        expected: &'static str,
        /// What was given.
        got: &'static str,
    },
    /// A default header with an invalid name or value (CR, LF, NUL, ...).
    #[error("invalid default header `{name}`")]
    InvalidHeader {
        /// The header name as given.
        name: String,
    },
    /// The user agent is not a valid header value.
    #[error("invalid user agent")]
    InvalidUserAgent,
    /// The HTTP client could not be created (e.g. TLS backend initialization).
    #[error("cannot create the HTTP client")]
    Http(#[source] reqwest::Error),
}

/// The `User-Agent` a client sends unless told otherwise.
const DEFAULT_USER_AGENT: &str = concat!("specforge/", env!("CARGO_PKG_VERSION"));

/// Builds a [`ClientCore`]. Generated `ClientBuilder`s wrap it and forward every method.
#[derive(Clone)]
pub struct ClientBuilder {
    pub(crate) default_base_url: Option<&'static str>,
    pub(crate) base_url: Option<String>,
    pub(crate) schemes: &'static [SecurityScheme],
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) default_headers: Vec<(String, String)>,
    pub(crate) reqwest_client: Option<reqwest::Client>,
    pub(crate) credentials: Vec<(String, Credential)>,
    pub(crate) allow_insecure_credentials: bool,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) hooks: crate::hooks::Hooks,
    pub(crate) transport: crate::transport::TransportChoice,
    /// The mock that answers every call instead of the network (`Client::mock()`).
    pub(crate) mock: Option<crate::mock::MockServer>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self
            .default_headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        f.debug_struct("ClientBuilder")
            .field(
                "base_url",
                &self
                    .base_url
                    .as_deref()
                    .or(self.default_base_url)
                    .map(crate::url_build::redact_url),
            )
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &header_names)
            .field("custom_reqwest_client", &self.reqwest_client.is_some())
            .field("credentials", &self.credentials)
            .field(
                "allow_insecure_credentials",
                &self.allow_insecure_credentials,
            )
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry_policy", &self.retry_policy)
            .field("hooks", &self.hooks)
            .field("transport", &self.transport)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder for an API whose first server is `default_base_url` and whose security
    /// schemes are `schemes` (both emitted by the generator).
    pub fn new(default_base_url: Option<&'static str>, schemes: &'static [SecurityScheme]) -> Self {
        Self {
            default_base_url,
            base_url: None,
            schemes,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            default_headers: Vec::new(),
            reqwest_client: None,
            credentials: Vec::new(),
            allow_insecure_credentials: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry_policy: RetryPolicy::default(),
            hooks: crate::hooks::Hooks::default(),
            transport: crate::transport::TransportChoice::default(),
            mock: None,
        }
    }

    /// The base URL every path is appended to (default: the document's first server).
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// Per-attempt total timeout: connecting, sending, waiting and reading the body
    /// (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Connect timeout (default 5 s). Not applied to a custom [`reqwest_client`](Self::reqwest_client),
    /// which keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `specforge/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request (validated by `build()`).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Uses this `reqwest::Client` (proxies, TLS roots, ...). Its own connect timeout and
    /// redirect policy apply; the per-attempt timeout of this builder still does. Build it
    /// with `.redirect(specforge::redirect_policy()).referer(false)` so that credentials do
    /// not follow redirects to another origin (reqwest's default policy forwards custom
    /// API-key headers).
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.reqwest_client = Some(client);
        self
    }

    /// Sets the credential for the security scheme named `scheme` (the key in
    /// `components.securitySchemes`). Checked against the scheme by `build()`.
    pub fn credential(mut self, scheme: &str, credential: Credential) -> Self {
        self.credentials.retain(|(name, _)| name != scheme);
        self.credentials.push((scheme.to_owned(), credential));
        self
    }

    /// Allows credentials over plain `http://` to hosts other than loopback (default:
    /// refused, the request fails with `Error::InvalidRequest`).
    pub fn allow_insecure_credentials(mut self, allow: bool) -> Self {
        self.allow_insecure_credentials = allow;
        self
    }

    /// Cap on a buffered response body, counted after decompression (default 32 MiB).
    pub fn max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Adds a hook run on every attempt's request just before it is sent, after the
    /// credentials are applied (see [`crate::hooks`]). Several hooks run in the order
    /// they were added.
    pub fn before_send(mut self, hook: impl crate::hooks::BeforeSend) -> Self {
        self.hooks.before_send.push(std::sync::Arc::new(hook));
        self
    }

    /// Adds a hook run on the status and headers of every attempt's response; its error
    /// fails the request with [`Error::Hook`](crate::Error::Hook) (see [`crate::hooks`]).
    pub fn after_receive(mut self, hook: impl crate::hooks::AfterReceive) -> Self {
        self.hooks.after_receive.push(std::sync::Arc::new(hook));
        self
    }

    /// Sends every attempt through `service` instead of the `reqwest::Client`: any tower
    /// `Service<http::Request<reqwest::Body>>` answering an `http::Response` (a
    /// record/replay fake, a tower-http stack over a [`ReqwestTransport`](crate::ReqwestTransport),
    /// a `tower::service_fn` around reqwest-middleware's `ClientWithMiddleware`). It
    /// receives the fully built request (credentials and hooks applied) once per
    /// attempt; retries, timeouts and hooks stay above it, and streamed responses come
    /// through it too. Its errors become [`Error::Transport`](crate::Error::Transport) (a
    /// `reqwest::Error` inside is recognized as reqwest's own). Replaces a
    /// [`transport_layer`](Self::transport_layer).
    pub fn transport<S, B>(mut self, service: S) -> Self
    where
        S: tower_service::Service<http::Request<reqwest::Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Error: Into<crate::BoxError>,
        S::Future: Send + 'static,
        B: http_body::Body + Send + Sync + 'static,
        B::Data: Into<bytes::Bytes>,
        B::Error: Into<crate::BoxError>,
    {
        self.transport =
            crate::transport::TransportChoice::Service(crate::transport::from_service(service));
        self
    }

    /// Sends every attempt through `layer` wrapped around the client's own
    /// `reqwest::Client` (the one it builds, or [`reqwest_client`](Self::reqwest_client)'s)
    /// as a [`ReqwestTransport`](crate::ReqwestTransport): a tower-http layer, a
    /// `tower::ServiceBuilder`'s stack. See [`transport`](Self::transport), which it
    /// replaces.
    pub fn transport_layer<L, B>(mut self, layer: L) -> Self
    where
        L: tower_layer::Layer<crate::ReqwestTransport> + Send + Sync + 'static,
        L::Service: tower_service::Service<http::Request<reqwest::Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as tower_service::Service<http::Request<reqwest::Body>>>::Error:
            Into<crate::BoxError>,
        <L::Service as tower_service::Service<http::Request<reqwest::Body>>>::Future:
            Send + 'static,
        B: http_body::Body + Send + Sync + 'static,
        B::Data: Into<bytes::Bytes>,
        B::Error: Into<crate::BoxError>,
    {
        self.transport = crate::transport::TransportChoice::layer(layer);
        self
    }

    /// A client whose calls `mock` answers: nothing is sent ([`crate::mock`]).
    pub(crate) fn mocked(mut self, mock: crate::mock::MockServer) -> Self {
        self.mock = Some(mock);
        self
    }

    /// Validates the configuration and creates the client.
    pub fn build(self) -> Result<ClientCore, BuildError> {
        let base_url = parse_base_url(self.base_url.as_deref().or(self.default_base_url))?;
        // The default as a static value: every request copies it, and a static one is
        // copied without touching a shared reference count. `from_static` cannot panic
        // on it: `specforge/` and a Cargo version are visible ASCII.
        let user_agent = if self.user_agent == DEFAULT_USER_AGENT {
            HeaderValue::from_static(DEFAULT_USER_AGENT)
        } else {
            HeaderValue::from_str(&self.user_agent).map_err(|_| BuildError::InvalidUserAgent)?
        };
        let default_headers = header_map(&self.default_headers)?;
        let credentials = check_credentials(self.schemes, self.credentials)?;
        let (http, connect_timeout) = match self.reqwest_client {
            Some(client) => (client, None),
            None => (
                build_http_client(self.connect_timeout)?,
                Some(self.connect_timeout),
            ),
        };
        let transport = self.transport.resolve(&http);
        Ok(ClientCore::from_inner(ClientInner {
            http,
            transport,
            base_url,
            schemes: self.schemes,
            timeout: self.timeout,
            connect_timeout,
            user_agent,
            default_headers,
            credentials,
            allow_insecure_credentials: self.allow_insecure_credentials,
            max_response_bytes: self.max_response_bytes,
            retry_budget: self
                .retry_policy
                .budget_config()
                .map(crate::retry::BudgetState::new),
            retry_policy: self.retry_policy,
            oauth2: crate::oauth2::TokenSources::default(),
            hooks: self.hooks,
            mock: self.mock,
        }))
    }
}

/// The reqwest client the runtime creates when the user gives none.
fn build_http_client(connect_timeout: Duration) -> Result<reqwest::Client, BuildError> {
    // Same-origin redirects only, no Referer (see redirect.rs).
    crate::redirect::configure(crate::tls::client_builder().connect_timeout(connect_timeout))
        .build()
        .map_err(BuildError::Http)
}

/// Parses and normalizes the base URL: absolute http(s), no query or fragment, no
/// trailing `/` (paths start with `/`).
pub(crate) fn parse_base_url(url: Option<&str>) -> Result<url::Url, BuildError> {
    let text = url.ok_or(BuildError::MissingBaseUrl)?;
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        reason: reason.to_owned(),
    };
    if text.contains('{') {
        return Err(invalid(
            "it contains an unfilled server variable `{..}`; pass a concrete URL to `base_url(..)`",
        ));
    }
    let mut parsed = url::Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => BuildError::InvalidBaseUrl {
            reason: "it is relative; pass an absolute URL (https://host/path) to `base_url(..)`"
                .to_owned(),
        },
        other => BuildError::InvalidBaseUrl {
            reason: other.to_string(),
        },
    })?;
    if parsed.scheme() != "http" && parsed.scheme() != "https" {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    let trimmed = parsed.path().trim_end_matches('/').to_owned();
    parsed.set_path(&trimmed);
    Ok(parsed)
}

fn header_map(headers: &[(String, String)]) -> Result<HeaderMap, BuildError> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let invalid = || BuildError::InvalidHeader { name: name.clone() };
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let header_value = HeaderValue::from_str(value).map_err(|_| invalid())?;
        map.append(header_name, header_value);
    }
    Ok(map)
}

/// Checks every credential against its scheme; returns them keyed by scheme.
fn check_credentials(
    schemes: &'static [SecurityScheme],
    credentials: Vec<(String, Credential)>,
) -> Result<Vec<(&'static SecurityScheme, Credential)>, BuildError> {
    let mut checked = Vec::with_capacity(credentials.len());
    for (name, credential) in credentials {
        let Some(scheme) = schemes.iter().find(|s| s.name == name) else {
            return Err(BuildError::UnknownScheme { scheme: name });
        };
        let fits = matches!(
            (&scheme.kind, &credential.kind),
            (SchemeKind::ApiKey { .. }, CredentialKind::ApiKey(_))
                | (SchemeKind::Basic, CredentialKind::Basic { .. })
                | (
                    SchemeKind::Bearer
                        | SchemeKind::Token
                        | SchemeKind::OAuth2ClientCredentials { .. },
                    CredentialKind::Bearer(_)
                )
                | (
                    SchemeKind::OAuth2ClientCredentials { .. },
                    CredentialKind::ClientCredentials(_)
                )
        );
        if !fits {
            let expected = match scheme.kind {
                SchemeKind::ApiKey { .. } => "an API key",
                SchemeKind::Basic => "a user and password (HTTP basic)",
                SchemeKind::Bearer | SchemeKind::Token => "a bearer token",
                SchemeKind::OAuth2ClientCredentials { .. } => {
                    "OAuth2 client credentials or a bearer token"
                }
            };
            return Err(BuildError::CredentialMismatch {
                scheme: name,
                expected,
                got: credential.kind_name(),
            });
        }
        checked.push((scheme, credential));
    }
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_url_password() {
        let builder =
            ClientBuilder::new(None, &[]).base_url("https://user:hunter2@api.example.com/");
        let debug = format!("{builder:?}");
        assert!(
            !debug.contains("hunter2") && debug.contains("user:***@"),
            "{debug}"
        );
        let core = builder.build().map(|core| format!("{core:?}"));
        assert!(
            core.as_ref().is_ok_and(|d| !d.contains("hunter2")),
            "{core:?}"
        );
    }

    #[test]
    fn base_url_normalized() {
        let url = parse_base_url(Some("https://api.example.com/v1/")).map(|u| u.to_string());
        assert_eq!(url.ok().as_deref(), Some("https://api.example.com/v1"));
        assert!(matches!(
            parse_base_url(None),
            Err(BuildError::MissingBaseUrl)
        ));
        assert!(matches!(
            parse_base_url(Some("/v1")),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
        assert!(matches!(
            parse_base_url(Some("ftp://x")),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
        assert!(matches!(
            parse_base_url(Some("https://{region}.example.com")),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
    }

    static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
        name: "api_key",
        kind: SchemeKind::ApiKey {
            location: crate::describe::Location::Header,
            param: "X-API-Key",
        },
    }];

    #[test]
    fn credentials_checked_against_schemes() {
        let builder = || ClientBuilder::new(Some("https://x.example"), SCHEMES);
        assert!(
            builder()
                .credential("api_key", Credential::api_key("k"))
                .build()
                .is_ok()
        );
        assert!(matches!(
            builder()
                .credential("nope", Credential::api_key("k"))
                .build(),
            Err(BuildError::UnknownScheme { .. })
        ));
        assert!(matches!(
            builder()
                .credential("api_key", Credential::bearer("t"))
                .build(),
            Err(BuildError::CredentialMismatch { .. })
        ));
        assert!(matches!(
            builder().default_header("X-A", "a\r\nb").build(),
            Err(BuildError::InvalidHeader { .. })
        ));
    }
}
