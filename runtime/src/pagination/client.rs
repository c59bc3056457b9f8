//! `Link: rel="next"` pagination of an operation through the client:
//! [`ClientCore::link_pages`] and [`ClientCore::link_items`].
//!
//! The first page is the operation's request as built; each next page is the same
//! request (method, headers, options) sent to the `rel="next"` URL of the previous
//! response (resolved against that page's URL), which replaces base URL, path and query.
//! Credentials go only to a next URL of the client's own origin (API-key query
//! parameters are re-added, replacing any the server echoed); a next URL on another
//! origin gets none. Each page goes through the full attempt loop (retries, OAuth2
//! replay). The stream ends at a page without `rel="next"`, at the first error, at a
//! non-HTTP(S) next URL, or when a page points to itself.

use futures::stream::{BoxStream, StreamExt as _, TryStreamExt as _};

use crate::client::ClientCore;
use crate::error::Error;
use crate::pagination::{Page, next_link, pages};
use crate::private::{Decode, Request};

impl ClientCore {
    /// The pages of a `Link`-paginated operation, each decoded by `decode` into its items.
    pub fn link_pages<T, E>(
        &self,
        request: Request,
        decode: Decode<Vec<T>, E>,
    ) -> BoxStream<'static, Result<Vec<T>, Error<E>>>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let prepared = match self.prepare(request) {
            Ok(prepared) => prepared,
            Err(error) => return futures::stream::once(async move { Err(error.widen()) }).boxed(),
        };
        let first_url =
            crate::url_build::build_url(&self.inner.base_url, &prepared.path, &prepared.query).ok();
        let core = self.clone();
        pages(None::<url::Url>, move |next| {
            let core = core.clone();
            let mut prepared = prepared.clone();
            let page_url = next.clone().or_else(|| first_url.clone());
            prepared.next_url = next;
            async move {
                let raw = core
                    .traced_attempts(&prepared)
                    .await
                    .map_err(Error::widen)?;
                let next = page_url
                    .and_then(|url| next_link(&raw.headers, &url))
                    .filter(|url| matches!(url.scheme(), "http" | "https"));
                let items = decode(raw)?.into_body();
                Ok(Page {
                    items: vec![items],
                    next: next.map(Some),
                })
            }
        })
        .map_ok(|page| futures::stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
    }

    /// The items of [`link_pages`](Self::link_pages), one by one.
    pub fn link_items<T, E>(
        &self,
        request: Request,
        decode: Decode<Vec<T>, E>,
    ) -> BoxStream<'static, Result<T, Error<E>>>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        self.link_pages(request, decode)
            .map_ok(|items| futures::stream::iter(items.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}
