//! The connect timeout: a listener whose accept queue is full drops new SYNs (Linux), so
//! connecting hangs until `connect_timeout` elapses → `Error::Timeout` in phase `Connect`.

mod common;

use specforge::__private::execute;
use std::time::{Duration, Instant};

use common::bounded;
use specforge::__private::{Method, Operation, RawResponse, Request};
use specforge::{
    ClientBuilder, Error, NoErrors, RequestOptions, Response, RetryPolicy, TimeoutPhase,
};

static OP: Operation = Operation {
    id: "get",
    method: Method::GET,
    path: "/",
    accept: "",
    security: &[],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    raw.empty()
}

#[tokio::test]
async fn connect_timeout_is_a_connect_timeout() {
    bounded(async {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind("127.0.0.1:0".parse().expect("addr"))
            .expect("bind");
        let addr = socket.local_addr().expect("addr");
        let listener = socket.listen(1).expect("listen");
        // Fill the accept queue (never accepted), without waiting on the ones that hang.
        let mut fillers = Vec::new();
        for _ in 0..8 {
            if let Ok(Ok(stream)) = tokio::time::timeout(
                Duration::from_millis(100),
                tokio::net::TcpStream::connect(addr),
            )
            .await
            {
                fillers.push(stream);
            }
        }
        let core = ClientBuilder::new(None, &[])
            .base_url(format!("http://{addr}"))
            .connect_timeout(Duration::from_millis(300))
            .timeout(Duration::from_secs(10))
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("client");
        let started = Instant::now();
        let error = execute(&core, Request::new(&OP, RequestOptions::default()), decode)
            .await
            .expect_err("timeout");
        let elapsed = started.elapsed();
        match &error {
            Error::Timeout(timeout) => {
                assert_eq!(timeout.phase, TimeoutPhase::Connect);
                assert_eq!(timeout.limit, Some(Duration::from_millis(300)));
            }
            other => panic!("{other:?}"),
        }
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
        drop((listener, fillers));
    })
    .await;
}
