//! Building the request URL: base URL + filled path template + encoded query.
//!
//! The path is appended to the base URL's path as text, never resolved with `Url::join`
//! (which drops the base path for `/pets`, replaces its last segment for `pets`, and
//! replaces the host for `//evil.example/x`). Every piece is already percent-encoded, so
//! the URL's parser changes nothing but its representation. A request's target (base
//! path, filled path, query) is written once, when it is prepared
//! (`encoding::path::request_target`); each attempt sets it as the path and query of a
//! copy of the base URL ([`build_url`]). [`with_query`] adds the API-key query pairs to
//! a next-page URL.

/// The URL of a request `target` (`encoding::path::request_target`), with `extra` query
/// pairs (encoded; API keys) appended.
///
/// The base URL, parsed once, is copied and given the target's path and query: scheme,
/// host and port are never parsed again (parsing the whole URL ran the host through IDNA
/// on every call), and no target can change them (a path starting with `//` stays a
/// path; a `#` in it is encoded, not taken for a fragment).
pub(crate) fn build_url(base: &url::Url, target: &str, extra: &[String]) -> url::Url {
    let with_extra;
    let text = if extra.iter().all(String::is_empty) {
        target
    } else {
        with_extra = append_query(target, extra);
        with_extra.as_str()
    };
    let (path, query) = match text.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (text, None),
    };
    let mut url = base.clone();
    url.set_path(path);
    url.set_query(query);
    url.set_fragment(None);
    url
}

/// `target` with the non-empty `pairs` appended to its query.
fn append_query(target: &str, pairs: &[String]) -> String {
    let mut text = target.to_owned();
    let mut first = !target.contains('?');
    for pair in pairs.iter().filter(|pair| !pair.is_empty()) {
        text.push(if first { '?' } else { '&' });
        text.push_str(pair);
        first = false;
    }
    text
}

/// `url` with pre-encoded `name=value` pairs appended, replacing pieces of the same
/// name already in its query (a server may echo an API key into its links).
pub(crate) fn with_query(url: &url::Url, pairs: &[String]) -> url::Url {
    let mut url = url.clone();
    if pairs.is_empty() {
        return url;
    }
    let name = |piece: &str| piece.split('=').next().unwrap_or(piece).to_owned();
    let added: Vec<String> = pairs.iter().map(|pair| name(pair)).collect();
    let mut pieces: Vec<String> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|piece| !piece.is_empty() && !added.contains(&name(piece)))
        .map(str::to_owned)
        .collect();
    pieces.extend(pairs.iter().cloned());
    url.set_query(Some(&pieces.join("&")));
    url
}

/// The URL for `Debug` output: a password in it is replaced by `***`.
pub(crate) fn redact_url(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut url) if url.password().is_some() => {
            // Setting a password on a URL that already has one cannot fail.
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_without_resolving() -> Result<(), String> {
        let url_of = |base: &url::Url, target: &str, extra: &[String]| {
            String::from(build_url(base, target, extra))
        };
        let base = url::Url::parse("https://api.example.com/v1").map_err(|e| e.to_string())?;
        let extra = ["".to_owned(), "b=%20".to_owned()];
        assert_eq!(
            url_of(&base, "/v1/pets?a=1", &extra),
            "https://api.example.com/v1/pets?a=1&b=%20"
        );
        assert_eq!(
            url_of(&base, "/v1/pets", &extra),
            "https://api.example.com/v1/pets?b=%20"
        );
        assert_eq!(
            url_of(&base, "/v1//evil.example/x", &[]),
            "https://api.example.com/v1//evil.example/x"
        );
        // A target starting with `//` names no other host.
        assert_eq!(
            url_of(&base, "//evil.example/x?a=1", &[]),
            "https://api.example.com//evil.example/x?a=1"
        );
        // Nor does a `#`: it is part of the path, not a fragment.
        assert_eq!(
            url_of(&base, "/v1/x#y?q=1", &[]),
            "https://api.example.com/v1/x%23y?q=1"
        );
        let root = url::Url::parse("https://api.example.com/").map_err(|e| e.to_string())?;
        assert_eq!(url_of(&root, "/pets", &[]), "https://api.example.com/pets");
        Ok(())
    }

    #[test]
    fn query_pairs_are_appended_and_replace_echoes() {
        let url = url::Url::parse("https://a.test/items?page=2&api_key=old").expect("url");
        let with = with_query(&url, &["api_key=k%20y".to_owned()]);
        assert_eq!(with.as_str(), "https://a.test/items?page=2&api_key=k%20y");
        let bare = url::Url::parse("https://a.test/items").expect("url");
        assert_eq!(
            with_query(&bare, &["k=v".to_owned()]).as_str(),
            "https://a.test/items?k=v"
        );
        assert_eq!(with_query(&bare, &[]).as_str(), "https://a.test/items");
    }
}
