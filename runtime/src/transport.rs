//! The transport seam: what sends one fully built request and returns the response
//! head. The default is the client's `reqwest::Client`, called directly (no boxing, no
//! conversion, nothing added). A user's transport is any tower
//! [`Service`](tower_service::Service) from `http::Request<reqwest::Body>` to an
//! `http::Response` (the shape tower-http's layers and most of the ecosystem use), set
//! with `ClientBuilder::transport`; or a tower [`Layer`](tower_layer::Layer) wrapped
//! around the client's own `reqwest::Client` as a [`ReqwestTransport`]
//! (`ClientBuilder::transport_layer`).
//!
//! Everything else stays above the seam: credentials, hooks, the per-attempt timeout,
//! retries and the OAuth2 401 replay call the transport once per attempt, and streamed
//! responses (downloads, Server-Sent Events) come through it too. A cross-origin
//! redirect hop (`redirect.rs`) is re-issued by the `reqwest::Client` itself.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use reqwest::ResponseBuilderExt as _;

// The error a custom transport returns (tower's `BoxError` too). A `reqwest::Error`
// inside it is recognized (timeouts, connect errors) as if reqwest had been called.
use crate::body::BoxError;

/// The future of one send through a custom transport.
type SendFuture = Pin<Box<dyn Future<Output = Result<reqwest::Response, BoxError>> + Send>>;

/// A type-erased custom transport.
pub(crate) trait SendRequest: Send + Sync {
    /// Sends `request` once.
    fn send(&self, request: reqwest::Request) -> SendFuture;
}

/// A tower service as a [`SendRequest`]: cloned per call (as tower's `BoxCloneService`
/// does), then `poll_ready` and `call`, with the conversions between reqwest's and
/// `http`'s request and response types around it.
struct ServiceTransport<S>(S);

impl<S, B> SendRequest for ServiceTransport<S>
where
    S: tower_service::Service<http::Request<reqwest::Body>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + Sync + 'static,
    B::Data: Into<bytes::Bytes>,
    B::Error: Into<BoxError>,
{
    fn send(&self, request: reqwest::Request) -> SendFuture {
        let mut service = self.0.clone();
        Box::pin(async move {
            let url = request.url().clone();
            let request = http::Request::try_from(request)?;
            std::future::poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(Into::into)?;
            let response = service.call(request).await.map_err(Into::into)?;
            Ok(to_reqwest(response, url))
        })
    }
}

/// An `http::Response` as a `reqwest::Response`; its URL is the one a layer below
/// recorded (reqwest's `ResponseBuilderExt::url`), else `url` (the request's).
fn to_reqwest<B>(response: http::Response<B>, url: url::Url) -> reqwest::Response
where
    B: http_body::Body + Send + Sync + 'static,
    B::Data: Into<bytes::Bytes>,
    B::Error: Into<BoxError>,
{
    let (mut parts, body) = response.into_parts();
    let mut extensions = url_extension(url);
    extensions.extend(std::mem::take(&mut parts.extensions));
    parts.extensions = extensions;
    reqwest::Response::from(http::Response::from_parts(parts, reqwest_body(body)))
}

/// Extensions holding reqwest's record of a response's URL.
fn url_extension(url: url::Url) -> http::Extensions {
    let mut builder = http::Response::builder().url(url);
    builder
        .extensions_mut()
        .map(std::mem::take)
        .unwrap_or_default()
}

/// `body` as a `reqwest::Body`: itself when it is one, else wrapped.
fn reqwest_body<B>(body: B) -> reqwest::Body
where
    B: http_body::Body + Send + Sync + 'static,
    B::Data: Into<bytes::Bytes>,
    B::Error: Into<BoxError>,
{
    let mut body = Some(body);
    match (&mut body as &mut dyn Any).downcast_mut::<Option<reqwest::Body>>() {
        Some(reqwest_body) => reqwest_body.take().unwrap_or_default(),
        None => body.map(reqwest::Body::wrap).unwrap_or_default(),
    }
}

/// Boxes a tower service as a transport.
pub(crate) fn from_service<S, B>(service: S) -> Arc<dyn SendRequest>
where
    S: tower_service::Service<http::Request<reqwest::Body>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + Sync + 'static,
    B::Data: Into<bytes::Bytes>,
    B::Error: Into<BoxError>,
{
    Arc::new(ServiceTransport(service))
}

/// A `reqwest::Client` as a tower service over `http` types: the bottom of a transport
/// stack (`ClientBuilder::transport_layer` wraps the client's own in one; build one
/// yourself for `ClientBuilder::transport`). The response records its final URL.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Sends with `client`.
    pub fn new(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl tower_service::Service<http::Request<reqwest::Body>> for ReqwestTransport {
    type Response = http::Response<reqwest::Body>;
    type Error = reqwest::Error;
    type Future =
        Pin<Box<dyn Future<Output = Result<http::Response<reqwest::Body>, reqwest::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<reqwest::Body>) -> Self::Future {
        let client = self.client.clone();
        Box::pin(async move {
            let response = client.execute(reqwest::Request::try_from(request)?).await?;
            let url = response.url().clone();
            let mut response = http::Response::from(response);
            response.extensions_mut().extend(url_extension(url));
            Ok(response)
        })
    }
}

/// Makes a transport from the client's `reqwest::Client` (a layer around it).
type LayerFn = dyn Fn(reqwest::Client) -> Arc<dyn SendRequest> + Send + Sync;

/// The transport a builder was given.
#[derive(Clone, Default)]
pub(crate) enum TransportChoice {
    /// The client's `reqwest::Client`, called directly.
    #[default]
    Reqwest,
    /// A user's service, instead of the `reqwest::Client`.
    Service(Arc<dyn SendRequest>),
    /// A user's layer around the `reqwest::Client`.
    Layer(Arc<LayerFn>),
}

impl TransportChoice {
    /// A layer around the client's `reqwest::Client`.
    pub(crate) fn layer<L, B>(layer: L) -> Self
    where
        L: tower_layer::Layer<ReqwestTransport> + Send + Sync + 'static,
        L::Service: tower_service::Service<http::Request<reqwest::Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as tower_service::Service<http::Request<reqwest::Body>>>::Error: Into<BoxError>,
        <L::Service as tower_service::Service<http::Request<reqwest::Body>>>::Future:
            Send + 'static,
        B: http_body::Body + Send + Sync + 'static,
        B::Data: Into<bytes::Bytes>,
        B::Error: Into<BoxError>,
    {
        Self::Layer(Arc::new(move |http| {
            from_service(layer.layer(ReqwestTransport::new(http)))
        }))
    }

    /// The custom transport of a client whose `reqwest::Client` is `http`; `None` for
    /// the default.
    pub(crate) fn resolve(&self, http: &reqwest::Client) -> Option<Arc<dyn SendRequest>> {
        match self {
            Self::Reqwest => None,
            Self::Service(service) => Some(service.clone()),
            Self::Layer(layer) => Some(layer(http.clone())),
        }
    }
}

impl fmt::Debug for TransportChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Reqwest => "reqwest",
            Self::Service(_) => "custom service",
            Self::Layer(_) => "layer around reqwest",
        })
    }
}
