//! Pagination of an operation by following URLs through the client:
//! `link_pages` (`Link: rel="next"` response headers) and
//! `next_url_pages` (the next page's URL in the body, e.g. `next`,
//! `next_url` or `links.next`).
//!
//! The first page is the operation's request as built; each next page is the same
//! request (method, headers, options, hooks) sent to the next URL, which replaces base
//! URL, path and query. A next URL is resolved against the URL of the page that gave it
//! (RFC 3986: an absolute URL stays as is, `/v1/items?page=2` keeps the origin,
//! `?page=2` keeps the path). Credentials go only to a next URL of the client's own
//! origin (scheme, host and port; API-key query parameters are re-added, replacing any
//! the server echoed); a next URL on another origin is still followed, with no
//! credential at all (as a redirect would be). Each page goes through the full attempt
//! loop (retries, OAuth2 replay, hooks) in its own `specforge.request` span. The stream
//! ends at a page without a next URL (absent, `null` or empty), at the first error, at a
//! next URL that is not HTTP(S) or does not parse, or when a page points to itself.

use futures::stream::{BoxStream, StreamExt as _, TryStreamExt as _};
use http::HeaderMap;

use crate::client::ClientCore;
use crate::error::Error;
use crate::pagination::{Page, next_link, pages};
use crate::request::Request;
use crate::response::Decode;

/// The pages of a `Link`-paginated operation, each decoded by `decode` into its items.
pub(crate) fn link_pages<T, E>(
    core: ClientCore,
    request: Request,
    decode: Decode<Vec<T>, E>,
) -> BoxStream<'static, Result<Vec<T>, Error<E>>>
where
    T: Send + 'static,
    E: Send + 'static,
{
    follow_pages(
        core,
        request,
        decode,
        |headers: &HeaderMap, _: &Vec<T>, page_url: &url::Url| next_link(headers, page_url),
        |items| items,
    )
}

/// The pages of an operation whose body names the next page's URL: `decode` gives
/// the body `B`, `next` the URL in it (`None`, or an empty string, on the last
/// page), `items` the page's items.
pub(crate) fn next_url_pages<B, T, E>(
    core: ClientCore,
    request: Request,
    decode: Decode<B, E>,
    next: fn(&B) -> Option<&str>,
    items: fn(B) -> Vec<T>,
) -> BoxStream<'static, Result<Vec<T>, Error<E>>>
where
    B: Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    follow_pages(
        core,
        request,
        decode,
        move |_: &HeaderMap, body: &B, page_url: &url::Url| {
            next(body)
                .filter(|target| !target.trim().is_empty())
                .and_then(|target| page_url.join(target.trim()).ok())
        },
        items,
    )
}

/// Page after page: the request as built, then the URL `next` finds in each
/// response (headers, decoded body, the page's URL).
fn follow_pages<B, T, E, N>(
    core: ClientCore,
    request: Request,
    decode: Decode<B, E>,
    next: N,
    items: fn(B) -> Vec<T>,
) -> BoxStream<'static, Result<Vec<T>, Error<E>>>
where
    B: Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
    N: Fn(&HeaderMap, &B, &url::Url) -> Option<url::Url> + Clone + Send + Sync + 'static,
{
    let call = request.call.clone();
    let prepared = match crate::prepare::prepare(&core.inner, request) {
        Ok(prepared) => prepared,
        Err(error) => return futures::stream::once(async move { Err(error.widen()) }).boxed(),
    };
    let first_url = crate::url_build::build_url(&core.inner.base_url, &prepared.target, &[]);
    pages(None::<url::Url>, move |cursor| {
        let core = core.clone();
        let next = next.clone();
        let mut prepared = prepared.clone();
        let page_url = cursor.clone().unwrap_or_else(|| first_url.clone());
        prepared.set_next_url(cursor);
        let call = call.clone();
        async move {
            let page = match &core.inner.mock {
                Some(mock) => mock.answer(prepared.operation, call.as_ref())?,
                None => {
                    let raw = crate::execute::traced_attempts(&core.inner, &prepared)
                        .await
                        .map_err(Error::widen)?;
                    decode(raw)?
                }
            };
            let headers = page.headers().clone();
            let body = page.into_body();
            let following = next(&headers, &body, &page_url)
                .filter(|url| matches!(url.scheme(), "http" | "https"));
            Ok(Page {
                items: vec![items(body)],
                next: following.map(Some),
            })
        }
    })
    .map_ok(|page| futures::stream::iter(page.items.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}
