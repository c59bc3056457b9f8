//! Building the request URL: base URL + filled path template + encoded query.
//!
//! The path is appended to the base URL's path as text, never resolved with `Url::join`
//! (which drops the base path for `/pets`, replaces its last segment for `pets`, and
//! replaces the host for `//evil.example/x`). Every piece is already percent-encoded, so
//! parsing the result changes nothing but its representation. [`with_query`] adds the
//! API-key query pairs to a next-page URL.

/// The URL for `path` (starting with `/`) and `query` pairs (encoded, joined by `&`).
///
/// The base URL's path, `path` and the query are written as one path-absolute reference
/// and parsed relative to the base, which copies scheme, host and port from the base as
/// parsed once (parsing the whole URL again ran the host through IDNA on every call).
/// A reference that starts with `//` would name another host, so that one is parsed as
/// a whole URL; either way the host is checked.
pub(crate) fn build_url<'a>(
    base: &url::Url,
    path: &str,
    query: impl IntoIterator<Item = &'a String>,
) -> Result<url::Url, String> {
    let base_path = base.path().trim_end_matches('/');
    let mut text = String::with_capacity(base_path.len() + path.len() + 64);
    text.push_str(base_path);
    if !path.starts_with('/') {
        text.push('/');
    }
    text.push_str(path);
    let mut first = true;
    for pair in query.into_iter().filter(|p| !p.is_empty()) {
        text.push(if first { '?' } else { '&' });
        text.push_str(pair);
        first = false;
    }
    let parsed = if text.starts_with("//") {
        url::Url::parse(&format!("{}{text}", &base[..url::Position::BeforePath]))
    } else {
        url::Url::options().base_url(Some(base)).parse(&text)
    };
    let url = parsed.map_err(|e| format!("the request URL is invalid: {e}"))?;
    if url.host_str() != base.host_str()
        || url.port_or_known_default() != base.port_or_known_default()
    {
        return Err("the path would change the host of the request".to_owned());
    }
    Ok(url)
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
        let base = url::Url::parse("https://api.example.com/v1").map_err(|e| e.to_string())?;
        let url = build_url(
            &base,
            "/pets",
            &["a=1".to_owned(), String::new(), "b=%20".to_owned()],
        )?;
        assert_eq!(url.as_str(), "https://api.example.com/v1/pets?a=1&b=%20");
        let url = build_url(&base, "//evil.example/x", &[] as &[String])?;
        assert_eq!(url.as_str(), "https://api.example.com/v1//evil.example/x");
        let root = url::Url::parse("https://api.example.com/").map_err(|e| e.to_string())?;
        assert_eq!(
            build_url(&root, "/pets", &[] as &[String])?.as_str(),
            "https://api.example.com/pets"
        );
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
