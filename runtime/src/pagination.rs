//! Pagination: `Link` headers (RFC 8288) and a generic page-by-page [`Stream`].
//!
//! [`parse_link_header`] reads every link of one or several `Link` field values
//! (quoted and unquoted parameters, escapes inside quoted strings, commas inside
//! `<...>` and inside quotes, several relation types in one `rel`); [`next_link`]
//! finds `rel="next"` in a response's headers, resolved against the request URL.
//!
//! [`pages`] turns a "fetch the page at this cursor → items and the next cursor"
//! function into a stream of [`Page`]s; [`items`] flattens it. The cursor type is
//! the caller's (a URL for `Link`, a token, an offset, a page number). The stream
//! ends when a page has no next cursor, after the first error, or when the server
//! hands back the cursor it was just asked for (a loop that would never end).
//!
//! `__private::link_pages` pages an operation by its
//! `Link` headers and `__private::next_url_pages`
//! by a next URL in its body, through the client (see `client.rs`: same-origin rule for
//! credentials); [`paginate`] pages an operation whose next request is re-built from the
//! previous one (see `requests.rs`).

pub(crate) mod client;
mod requests;

pub use futures::stream::BoxStream;
pub use requests::{flatten, paginate};

use std::future::Future;

use futures::{Stream, TryStreamExt as _, stream};
use http::HeaderMap;
use url::Url;

/// One link of a `Link` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target URI reference, as written between `<` and `>`.
    pub target: String,
    /// The relation types of `rel`, lower-cased (`rel="next last"` gives two).
    pub rel: Vec<String>,
    /// Every other parameter, names lower-cased, values unquoted; a parameter
    /// without a value has an empty one.
    pub params: Vec<(String, String)>,
}

impl Link {
    /// Whether the link has this relation type (case-insensitive).
    pub fn has_rel(&self, rel: &str) -> bool {
        self.rel.iter().any(|r| r.eq_ignore_ascii_case(rel))
    }
}

/// Parses one `Link` field value. Malformed links are skipped, never a panic.
pub fn parse_link_header(value: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return links;
        }
        let Some(after_open) = rest.strip_prefix('<') else {
            // Not a link: skip to the next top-level comma.
            rest = skip_past_comma(rest);
            continue;
        };
        let Some((target, after_target)) = after_open.split_once('>') else {
            return links;
        };
        let (link, after_params) = parse_params(target.trim(), after_target);
        links.push(link);
        rest = after_params;
    }
}

/// Reads `; name=value` parameters until the comma that ends the link.
fn parse_params<'a>(target: &str, mut rest: &'a str) -> (Link, &'a str) {
    let mut link = Link {
        target: target.to_owned(),
        rel: Vec::new(),
        params: Vec::new(),
    };
    let mut seen_rel = false;
    loop {
        rest = rest.trim_start();
        let Some(after_semicolon) = rest.strip_prefix(';') else {
            // End of this link: a comma, the end, or junk up to the next comma.
            return (link, skip_past_comma(rest));
        };
        let after_semicolon = after_semicolon.trim_start();
        let name_end = after_semicolon
            .find(|c: char| c == '=' || c == ';' || c == ',' || c.is_ascii_whitespace())
            .unwrap_or(after_semicolon.len());
        let (name, after_name) = after_semicolon.split_at(name_end);
        let name = name.to_ascii_lowercase();
        let after_name = after_name.trim_start();
        let (value, after_value) = match after_name.strip_prefix('=') {
            Some(value_start) => read_value(value_start.trim_start()),
            None => (String::new(), after_name),
        };
        rest = after_value;
        if name.is_empty() {
            continue;
        }
        // RFC 8288 §3.3: only the first `rel` counts.
        if name == "rel" {
            if !seen_rel {
                seen_rel = true;
                link.rel = value
                    .split_ascii_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect();
            }
        } else {
            link.params.push((name, value));
        }
    }
}

/// A quoted string (with `\` escapes) or a token.
fn read_value(input: &str) -> (String, &str) {
    if let Some(quoted) = input.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((index, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        value.push(escaped);
                    }
                }
                // `index` is the byte offset of the closing quote, a 1-byte char.
                '"' => return (value, quoted.get(index + 1..).unwrap_or("")),
                c => value.push(c),
            }
        }
        (value, "")
    } else {
        let end = input.find([';', ',']).unwrap_or(input.len());
        let (token, rest) = input.split_at(end);
        (token.trim_end().to_owned(), rest)
    }
}

/// The text after the next comma outside quotes (or nothing).
fn skip_past_comma(input: &str) -> &str {
    let mut in_quotes = false;
    let mut escaped = false;
    for (index, c) in input.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => return input.get(index + 1..).unwrap_or(""),
            _ => {}
        }
    }
    ""
}

/// All links of every `Link` field of `headers`.
pub fn links(headers: &HeaderMap) -> Vec<Link> {
    headers
        .get_all(http::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(parse_link_header)
        .collect()
}

/// The `rel="next"` target of a response, resolved against the URL it answered
/// (a relative reference is allowed). `None` when there is none or it is not a URL.
pub fn next_link(headers: &HeaderMap, request_url: &Url) -> Option<Url> {
    links(headers)
        .into_iter()
        .find(|link| link.has_rel("next"))
        .and_then(|link| request_url.join(&link.target).ok())
}

/// One page: its items and the cursor of the next page, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T, C> {
    /// The page's items.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last page.
    pub next: Option<C>,
}

/// Fetches page after page, starting at `first`, until a page has no next cursor.
///
/// `fetch` gets the cursor of the page to fetch. The stream ends after the first
/// error, and when a page's next cursor equals the cursor that fetched it.
pub fn pages<T, C, E, F, Fut>(first: C, fetch: F) -> impl Stream<Item = Result<Page<T, C>, E>>
where
    C: Clone + PartialEq,
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
{
    stream::unfold((Some(first), fetch), |(cursor, mut fetch)| async move {
        let cursor = cursor?;
        match fetch(cursor.clone()).await {
            Ok(page) => {
                let next = page.next.clone().filter(|next| *next != cursor);
                Some((Ok(page), (next, fetch)))
            }
            Err(error) => Some((Err(error), (None, fetch))),
        }
    })
}

/// The items of [`pages`], one by one.
pub fn items<T, C, E, F, Fut>(first: C, fetch: F) -> impl Stream<Item = Result<T, E>>
where
    C: Clone + PartialEq,
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, E>>,
{
    pages(first, fetch)
        .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
}
