//! `__builder_methods!`: every [`ClientBuilder`](crate::ClientBuilder) method,
//! forwarded from a generated `ClientBuilder` (one macro in the runtime instead of the
//! same forwarding code in every generated client).

/// Forwards every [`ClientBuilder`](crate::ClientBuilder) method from a generated builder
/// (`struct ClientBuilder { inner: ::specforge::ClientBuilder }`) and adds
/// `build() -> Result<$client, BuildError>` (`$client` has a field `core: ClientCore`).
#[macro_export]
#[doc(hidden)]
macro_rules! __builder_methods {
    ($client:ident) => {
        /// The base URL every path is appended to (default: the document's first server).
        pub fn base_url(self, url: impl ::core::convert::AsRef<str>) -> Self {
            Self {
                inner: self.inner.base_url(url),
            }
        }
        /// Per-attempt total timeout (default 60 s).
        pub fn timeout(self, timeout: ::core::time::Duration) -> Self {
            Self {
                inner: self.inner.timeout(timeout),
            }
        }
        /// Connect timeout (default 5 s).
        pub fn connect_timeout(self, timeout: ::core::time::Duration) -> Self {
            Self {
                inner: self.inner.connect_timeout(timeout),
            }
        }
        /// The `User-Agent` header (default `specforge/<version>`).
        pub fn user_agent(
            self,
            user_agent: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.user_agent(user_agent),
            }
        }
        /// A header sent with every request.
        pub fn default_header(
            self,
            name: impl ::core::convert::Into<::std::string::String>,
            value: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.default_header(name, value),
            }
        }
        /// Uses this `reqwest::Client` (proxies, TLS roots, ...).
        pub fn reqwest_client(self, client: ::specforge::reqwest::Client) -> Self {
            Self {
                inner: self.inner.reqwest_client(client),
            }
        }
        /// Sets the credential for the security scheme named `scheme`.
        pub fn credential(self, scheme: &str, credential: ::specforge::Credential) -> Self {
            Self {
                inner: self.inner.credential(scheme, credential),
            }
        }
        /// Allows credentials over plain `http://` to hosts other than loopback.
        pub fn allow_insecure_credentials(self, allow: bool) -> Self {
            Self {
                inner: self.inner.allow_insecure_credentials(allow),
            }
        }
        /// Cap on a buffered response body, counted after decompression (default 32 MiB).
        pub fn max_response_bytes(self, max: usize) -> Self {
            Self {
                inner: self.inner.max_response_bytes(max),
            }
        }
        /// The retry policy.
        pub fn retry_policy(self, policy: ::specforge::RetryPolicy) -> Self {
            Self {
                inner: self.inner.retry_policy(policy),
            }
        }
        /// Adds a hook run on every attempt's request just before it is sent (signing,
        /// tracing); see `specforge::hooks`.
        pub fn before_send(self, hook: impl ::specforge::hooks::BeforeSend) -> Self {
            Self {
                inner: self.inner.before_send(hook),
            }
        }
        /// Adds a hook run on the status and headers of every attempt's response; see
        /// `specforge::hooks`.
        pub fn after_receive(self, hook: impl ::specforge::hooks::AfterReceive) -> Self {
            Self {
                inner: self.inner.after_receive(hook),
            }
        }
        /// Sends every attempt through this tower service instead of the
        /// `reqwest::Client`; see `specforge::ClientBuilder::transport`.
        pub fn transport<S, B>(self, service: S) -> Self
        where
            S: ::specforge::tower_service::Service<
                    ::specforge::http::Request<::specforge::reqwest::Body>,
                    Response = ::specforge::http::Response<B>,
                > + ::core::clone::Clone
                + ::core::marker::Send
                + ::core::marker::Sync
                + 'static,
            S::Error: ::core::convert::Into<::specforge::BoxError>,
            S::Future: ::core::marker::Send + 'static,
            B: ::specforge::http_body::Body + ::core::marker::Send + ::core::marker::Sync + 'static,
            B::Data: ::core::convert::Into<::specforge::bytes::Bytes>,
            B::Error: ::core::convert::Into<::specforge::BoxError>,
        {
            Self {
                inner: self.inner.transport(service),
            }
        }
        /// Sends every attempt through this tower layer around the client's
        /// `reqwest::Client`; see `specforge::ClientBuilder::transport_layer`.
        pub fn transport_layer<L, B>(self, layer: L) -> Self
        where
            L: ::specforge::tower_layer::Layer<::specforge::ReqwestTransport>
                + ::core::marker::Send
                + ::core::marker::Sync
                + 'static,
            L::Service: ::specforge::tower_service::Service<
                    ::specforge::http::Request<::specforge::reqwest::Body>,
                    Response = ::specforge::http::Response<B>,
                > + ::core::clone::Clone
                + ::core::marker::Send
                + ::core::marker::Sync
                + 'static,
            <L::Service as ::specforge::tower_service::Service<
                ::specforge::http::Request<::specforge::reqwest::Body>,
            >>::Error: ::core::convert::Into<::specforge::BoxError>,
            <L::Service as ::specforge::tower_service::Service<
                ::specforge::http::Request<::specforge::reqwest::Body>,
            >>::Future: ::core::marker::Send + 'static,
            B: ::specforge::http_body::Body + ::core::marker::Send + ::core::marker::Sync + 'static,
            B::Data: ::core::convert::Into<::specforge::bytes::Bytes>,
            B::Error: ::core::convert::Into<::specforge::BoxError>,
        {
            Self {
                inner: self.inner.transport_layer(layer),
            }
        }
        /// Validates the configuration and creates the client.
        pub fn build(self) -> ::core::result::Result<$client, ::specforge::BuildError> {
            ::core::result::Result::Ok($client {
                core: self.inner.build()?,
            })
        }
    };
}
