//! Pagination by re-building the request: cursor, offset and page-number
//! conventions, as generated code drives them ([`paginate`], [`flatten`]).
//!
//! Generated code gives the first request value, the function that sends one
//! (its `IntoFuture::into_future`), the function that makes the next request
//! value from the current one and the page it got (`None`: last page), and the
//! function that takes a page's items out of its body. Everything else (the
//! loop, stopping after the first error) lives here.

use futures::stream::{self, BoxStream, StreamExt as _, TryStreamExt as _};

use crate::BoxFuture;

/// The pages of a paginated operation, each as its items. The stream ends after
/// a page for which `next` gives `None`, or after the first error.
pub fn paginate<R, B, T, E>(
    first: R,
    send: fn(R) -> BoxFuture<Result<B, E>>,
    next: fn(&R, &B) -> Option<R>,
    items: fn(B) -> Vec<T>,
) -> BoxStream<'static, Result<Vec<T>, E>>
where
    R: Clone + Send + 'static,
    B: Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    stream::unfold(Some(first), move |request| async move {
        let request = request?;
        match send(request.clone()).await {
            Ok(body) => {
                let following = next(&request, &body);
                Some((Ok(items(body)), following))
            }
            Err(error) => Some((Err(error), None)),
        }
    })
    .boxed()
}

/// The items of a stream of pages, one by one.
pub fn flatten<T, E>(
    pages: BoxStream<'static, Result<Vec<T>, E>>,
) -> BoxStream<'static, Result<T, E>>
where
    T: Send + 'static,
    E: Send + 'static,
{
    pages
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(page: u32) -> BoxFuture<Result<Vec<u32>, String>> {
        Box::pin(async move {
            match page {
                0..=2 => Ok(vec![page * 10, page * 10 + 1]),
                3 => Ok(Vec::new()),
                _ => Err(format!("page {page}")),
            }
        })
    }

    #[allow(clippy::ptr_arg)] // the shape `paginate` takes: `fn(&R, &B)` with `B = Vec<u32>`
    fn next(page: &u32, items: &Vec<u32>) -> Option<u32> {
        (!items.is_empty()).then_some(page + 1)
    }

    #[tokio::test]
    async fn pages_until_next_gives_none() {
        let pages: Vec<_> = paginate(0, send, next, |items| items).collect().await;
        assert_eq!(
            pages,
            vec![
                Ok(vec![0, 1]),
                Ok(vec![10, 11]),
                Ok(vec![20, 21]),
                Ok(vec![])
            ]
        );
        let items: Vec<_> = flatten(paginate(1, send, next, |items| items))
            .collect()
            .await;
        assert_eq!(items, vec![Ok(10), Ok(11), Ok(20), Ok(21)]);
    }

    #[tokio::test]
    async fn the_first_error_ends_the_stream() {
        let pages: Vec<_> = paginate(4, send, |page, _| Some(page + 1), |items| items)
            .collect()
            .await;
        assert_eq!(pages, vec![Err("page 4".to_owned())]);
    }
}
