//! The `specforge.request` tracing span of a normal (buffered) request, captured by a
//! small subscriber: operation, method, path template, attempt, status and duration are
//! recorded, and no secret (an API key in the query) and no filled-in path appear in
//! any field. One test in its own binary: the subscriber is the thread's default.

mod common;

use specforge::__private::execute;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::{bounded, recorded, recording_server, respond};
use specforge::__private::SecurityScheme;
use specforge::__private::{Location, Method, Operation, Param, RawResponse, Request, SchemeKind};
use specforge::{
    ClientBuilder, Credential, Error, NoErrors, RequestOptions, Response, RetryPolicy,
};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A span's name and its fields (`name -> value`).
type SpanFields = (String, BTreeMap<String, String>);

/// Every field recorded on every span, by span id.
#[derive(Default)]
struct Capture {
    next_id: AtomicU64,
    spans: Mutex<BTreeMap<u64, SpanFields>>,
    /// Entered spans, innermost last (for `Span::current()`).
    stack: Mutex<Vec<(u64, &'static Metadata<'static>)>>,
    metadata: Mutex<BTreeMap<u64, &'static Metadata<'static>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

#[derive(Clone, Default)]
struct Shared(Arc<Capture>);

impl Subscriber for Shared {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.0.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        if let Ok(mut spans) = self.0.spans.lock() {
            spans.insert(id, (span.metadata().name().to_owned(), fields));
        }
        if let Ok(mut metadata) = self.0.metadata.lock() {
            metadata.insert(id, span.metadata());
        }
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Ok(mut spans) = self.0.spans.lock()
            && let Some((_, fields)) = spans.get_mut(&span.into_u64())
        {
            values.record(&mut Fields(fields));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, span: &Id) {
        let id = span.into_u64();
        let metadata = self
            .0
            .metadata
            .lock()
            .ok()
            .and_then(|m| m.get(&id).copied());
        if let (Ok(mut stack), Some(metadata)) = (self.0.stack.lock(), metadata) {
            stack.push((id, metadata));
        }
    }
    fn exit(&self, span: &Id) {
        if let Ok(mut stack) = self.0.stack.lock()
            && let Some(index) = stack.iter().rposition(|(id, _)| *id == span.into_u64())
        {
            stack.remove(index);
        }
    }
    fn current_span(&self) -> tracing_core::span::Current {
        match self.0.stack.lock().ok().and_then(|s| s.last().copied()) {
            Some((id, metadata)) => tracing_core::span::Current::new(Id::from_u64(id), metadata),
            None => tracing_core::span::Current::none(),
        }
    }
}

static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "key",
    kind: SchemeKind::ApiKey {
        location: Location::Query,
        param: "api_key",
    },
}];

static GET_PET: Operation = Operation {
    id: "getPet",
    method: Method::GET,
    path: "/pets/{petId}",
    accept: "application/json",
    security: &[&["key"]],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.empty(),
        _ => raw.unexpected(),
    }
}

#[tokio::test]
async fn a_request_span_records_method_path_template_status_attempt_and_duration() {
    let capture = Shared::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    bounded(async {
        // 503 first (retried), then 200: the span ends with attempt 2, status 200.
        let (base, log) = recording_server(|_| {
            static CALLS: AtomicU64 = AtomicU64::new(0);
            if CALLS.fetch_add(1, Ordering::SeqCst) == 0 {
                respond(503, &[("retry-after-ms", "5")], "")
            } else {
                respond(204, &[], "")
            }
        })
        .await;
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential("key", Credential::api_key("k-SECRET"))
            .retry_policy(RetryPolicy::default().jitter(false))
            .build()
            .expect("client");
        let mut request = Request::new(&GET_PET, RequestOptions::default());
        request.param(Param::path("petId"), &"pet-4711");
        let result = execute(&core, request, decode).await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(recorded(&log).len(), 2);
        assert!(recorded(&log)[1].uri.contains("api_key=k-SECRET"));
    })
    .await;

    let spans = capture.0.spans.lock().expect("lock").clone();
    let requests: Vec<&BTreeMap<String, String>> = spans
        .values()
        .filter(|(name, _)| name == "specforge.request")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(requests.len(), 1, "{spans:?}");
    let fields = requests[0];
    let field = |name: &str| fields.get(name).map(String::as_str);
    assert_eq!(field("operation"), Some("getPet"));
    assert_eq!(field("method"), Some("GET"));
    assert_eq!(field("path"), Some("/pets/{petId}"));
    assert_eq!(field("stream"), Some("false"));
    assert_eq!(field("attempt"), Some("2"));
    assert_eq!(field("status"), Some("204"));
    let duration: u64 = field("duration_ms")
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no duration_ms in {fields:?}"));
    assert!(duration < 20_000, "{duration}");
    for (_, fields) in spans.values() {
        for value in fields.values() {
            assert!(!value.contains("k-SECRET"), "secret in a span: {fields:?}");
            assert!(
                !value.contains("pet-4711"),
                "filled path in a span: {fields:?}"
            );
        }
    }
}
