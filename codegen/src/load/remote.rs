//! Remote `$ref` targets (`http://`, `https://`).
//!
//! Fetched only when `Settings::allow_remote_refs` is on *and* the crate is
//! built with the `remote-refs` feature (a blocking HTTP client with rustls,
//! 30 s timeout, at most 16 MB per document). Relative refs inside a fetched
//! document resolve against its URL. Without the feature, [`fetch`] explains
//! how to enable it. The blocking client must not run inside an async
//! runtime's worker thread; build scripts, the macro and the CLI are not.

/// True for an absolute `http(s)` reference.
pub(crate) fn is_remote(reference: &str) -> bool {
    let lower = reference.get(..8).unwrap_or(reference).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `reference` resolved against the URL of the document containing it.
#[cfg(feature = "remote-refs")]
pub(crate) fn join(base: &str, reference: &str) -> Option<String> {
    let base = url::Url::parse(base).ok()?;
    base.join(reference).ok().map(|mut u| {
        u.set_fragment(None);
        u.to_string()
    })
}

/// Without the feature there are no remote documents to be relative to.
#[cfg(not(feature = "remote-refs"))]
pub(crate) fn join(_base: &str, _reference: &str) -> Option<String> {
    None
}

/// The body of `url`.
#[cfg(feature = "remote-refs")]
pub(crate) fn fetch(url: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    const LIMIT: u64 = 16 * 1024 * 1024;
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .user_agent(concat!("specforge/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let response = client.get(url).send().map_err(|e| e.to_string())?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered {status}"));
    }
    let mut body = Vec::new();
    response
        .take(LIMIT + 1)
        .read_to_end(&mut body)
        .map_err(|e| e.to_string())?;
    if body.len() as u64 > LIMIT {
        return Err(format!("the document is larger than {LIMIT} bytes"));
    }
    Ok(body)
}

/// Without the feature nothing is fetched.
#[cfg(not(feature = "remote-refs"))]
pub(crate) fn fetch(_url: &str) -> Result<Vec<u8>, String> {
    Err("this build of specforge-codegen cannot fetch: enable its `remote-refs` feature".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_references() {
        assert!(is_remote("https://example.com/a.yaml#/X"));
        assert!(is_remote("HTTP://example.com"));
        assert!(!is_remote("schemas/a.yaml"));
        assert!(!is_remote("#/components/schemas/A"));
    }
}
