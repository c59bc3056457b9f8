//! The TLS backend chosen by Cargo features, applied where the runtime builds a
//! `reqwest::Client` (the default client and the OAuth2 token client).
//!
//! `rustls-aws-lc` and `native-tls` need nothing here: reqwest picks them. With
//! `rustls-ring`, reqwest is built without a rustls crypto provider and would panic on
//! building a client, so [`client_builder`] installs ring as the process's default
//! provider first, unless the application has installed one (which then wins).
//! Without any TLS feature the runtime speaks plain `http` only; reqwest refuses an
//! `https` URL when the request is sent. docs/cargo-features.md has the whole story.

/// `reqwest::Client::builder()` with the TLS backend of the enabled features ready.
pub(crate) fn client_builder() -> reqwest::ClientBuilder {
    #[cfg(feature = "rustls-ring")]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err only when another thread installed a provider meanwhile: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
}

#[cfg(test)]
mod tests {
    /// With `rustls-ring` alone, reqwest panics here unless a provider was installed
    /// (`.ci/runtime-features.sh` runs this test in that configuration).
    #[test]
    fn a_client_builds_with_the_enabled_backend() {
        assert!(super::client_builder().build().is_ok());
    }
}
