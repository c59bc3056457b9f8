//! Not a timed test: `cargo test -p specforge --release --test perf_smoke -- --ignored
//! --nocapture` prints the cost of preparing and sending requests over loopback, to
//! compare runtime changes. It asserts only that every request succeeded.

mod common;

use specforge::__private::execute;
use std::time::Instant;

use common::{bounded, no_content, recording_server};
use specforge::__private::{Method, Operation, Param, RawResponse, Request, Style};
use specforge::{ClientBuilder, Error, NoErrors, RequestOptions, Response};

static OP: Operation = Operation {
    id: "search",
    method: Method::GET,
    path: "/items/{id}",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    raw.empty()
}

fn fill(request: &mut Request, i: u64) {
    request.param(Param::path("id"), &i);
    request.param(Param::query("q"), "hello world");
    request.param(
        Param::query("tags")
            .style(Style::PipeDelimited)
            .explode(false),
        &["a", "b", "c"],
    );
    request.param(
        Param::query("filter").style(Style::DeepObject),
        &serde_json::json!({"a": 1, "b": "x"}),
    );
    request.param(Param::header("X-Trace"), "abc");
}

#[tokio::test]
#[ignore = "prints numbers; run with --ignored --nocapture"]
async fn perf_smoke() {
    bounded(async {
        let n = 2000u64;
        let started = Instant::now();
        for i in 0..n {
            let mut request = Request::new(&OP, RequestOptions::default());
            fill(&mut request, i);
            std::hint::black_box(request);
        }
        let fill_time = started.elapsed();

        let (base, log) = recording_server(no_content).await;
        let core = ClientBuilder::new(None, &[]).base_url(&base).build().expect("client");
        let started = Instant::now();
        for i in 0..n {
            let mut request = Request::new(&OP, RequestOptions::default());
            fill(&mut request, i);
            assert!(execute(&core, request, decode).await.is_ok());
        }
        let send_time = started.elapsed();
        assert_eq!(common::recorded(&log).len(), n as usize);
        println!(
            "fill 5 params: {:.2} µs/request; fill + send + receive over loopback: {:.1} µs/request ({:.0} req/s sequential)",
            fill_time.as_secs_f64() * 1e6 / n as f64,
            send_time.as_secs_f64() * 1e6 / n as f64,
            n as f64 / send_time.as_secs_f64()
        );
    })
    .await;
}
