//! The four scenarios, each written twice: with the generated client, and by hand with
//! reqwest (and eventsource-stream for SSE), as a careful person would.

use futures::StreamExt as _;
use futures::TryStreamExt as _;
use serde::{Deserialize, Serialize};

use crate::BoxError;
use crate::server::{DOWNLOAD_BYTES, EVENTS};

/// The generated client (`build.rs`, from `openapi.yaml`).
#[allow(dead_code)]
mod api {
    include!(concat!(env!("OUT_DIR"), "/bench_api.rs"));
}

/// Concurrent calls in flight at once.
const CONCURRENCY: usize = 64;

/// One scenario; a unit is a call, a whole download or a whole event stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// GET `/items/{id}?verbose=true` decoded into a struct, nothing else.
    Get,
    /// GET `/items/{id}?verbose=true` decoded into a struct; every fourth call a POST
    /// with a JSON body.
    Sequential,
    /// The same calls, 64 in flight at once (a unit is one call).
    Concurrent,
    /// 100 MB read as a stream of chunks (three downloads per round).
    Download,
    /// 100,000 events of `{"n":…}` decoded into a struct (a unit is one event).
    Sse,
}

impl Scenario {
    /// Every scenario, in the order printed.
    pub const ALL: [Scenario; 5] = [
        Scenario::Get,
        Scenario::Sequential,
        Scenario::Concurrent,
        Scenario::Download,
        Scenario::Sse,
    ];

    /// The name `--only` takes.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::Get => "get",
            Scenario::Sequential => "sequential",
            Scenario::Concurrent => "concurrent",
            Scenario::Download => "download",
            Scenario::Sse => "sse",
        }
    }

    /// The row label.
    pub fn label(self) -> &'static str {
        match self {
            Scenario::Get => "simple GET call",
            Scenario::Sequential => "sequential call (3 GET : 1 POST)",
            Scenario::Concurrent => "64 concurrent calls (per call)",
            Scenario::Download => "100 MB streamed download",
            Scenario::Sse => "SSE, 100,000 events (per event)",
        }
    }

    /// Units of one timed round: short rounds (tens of milliseconds), so that the two
    /// sides of a pair of rounds meet the same machine.
    pub fn units(self) -> usize {
        match self {
            Scenario::Get | Scenario::Sequential => 250,
            Scenario::Concurrent => CONCURRENCY * 8,
            Scenario::Download => 1,
            Scenario::Sse => EVENTS,
        }
    }

    /// Units of the warm-up run.
    pub fn warmup_units(self) -> usize {
        match self {
            Scenario::Get | Scenario::Sequential => 200,
            Scenario::Concurrent => CONCURRENCY * 4,
            Scenario::Download => 1,
            Scenario::Sse => EVENTS,
        }
    }

    /// Units of the allocation-counting run.
    pub fn counted_units(self) -> usize {
        match self {
            Scenario::Get | Scenario::Sequential => 400,
            Scenario::Concurrent => CONCURRENCY * 4,
            Scenario::Download => 1,
            Scenario::Sse => EVENTS,
        }
    }

    /// Bytes per unit, for a throughput line.
    pub fn bytes_per_unit(self) -> Option<usize> {
        (self == Scenario::Download).then_some(DOWNLOAD_BYTES)
    }
}

/// The body of the POST every fourth call.
fn new_item() -> NewItem {
    NewItem {
        name: "widget".to_owned(),
        tags: vec!["a".to_owned(), "b".to_owned()],
    }
}

/// The generated side.
pub struct Generated {
    client: api::Client,
}

impl Generated {
    pub fn new(base: &str) -> Result<Self, BoxError> {
        Ok(Self {
            client: api::Client::new(base)?,
        })
    }

    /// Runs `units` of `scenario`.
    pub async fn run(&self, scenario: Scenario, units: usize) -> Result<(), BoxError> {
        match scenario {
            Scenario::Get => {
                for i in 0..units {
                    self.call(i * 4).await?;
                }
            }
            Scenario::Sequential => {
                for i in 0..units {
                    self.call(i).await?;
                }
            }
            Scenario::Concurrent => {
                for batch in 0..units.div_ceil(CONCURRENCY) {
                    let calls = (0..CONCURRENCY).map(|i| self.call(batch * CONCURRENCY + i));
                    futures::future::try_join_all(calls).await?;
                }
            }
            Scenario::Download => {
                for _ in 0..units {
                    let mut body = self.client.download().send_streaming().await?.into_body();
                    let mut received = 0;
                    while let Some(chunk) = body.next().await {
                        received += chunk?.len();
                    }
                    check(received == DOWNLOAD_BYTES, "download size")?;
                }
            }
            Scenario::Sse => {
                let mut events = self.client.events().await?;
                let mut sum = 0_i64;
                let mut seen = 0;
                while seen < units {
                    let Some(event) = events.next().await else {
                        break;
                    };
                    sum += event?.data.n;
                    seen += 1;
                }
                check(seen == units && sum > 0, "event count")?;
            }
        }
        Ok(())
    }

    async fn call(&self, i: usize) -> Result<(), BoxError> {
        if i % 4 == 3 {
            let body = api::types::NewItem {
                name: "widget".to_owned(),
                tags: Some(vec!["a".to_owned(), "b".to_owned()]),
            };
            let item = self.client.create_item(body).await?;
            check(item.tags.len() == 2, "created item")
        } else {
            let item = self.client.get_item(i as i64).verbose(true).await?;
            check(item.id == i as i64, "item id")
        }
    }
}

/// What the hand-written side decodes (its own types, as a hand-written client has).
#[derive(Deserialize)]
struct Item {
    id: i64,
    #[allow(dead_code)]
    name: String,
    tags: Vec<String>,
    #[allow(dead_code)]
    verbose: Option<bool>,
}

#[derive(Serialize)]
struct NewItem {
    name: String,
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct Tick {
    n: i64,
}

/// The `User-Agent` the generated client sends by default (this crate shares the
/// runtime's workspace version).
pub const GENERATED_USER_AGENT: &str = concat!("specforge/", env!("CARGO_PKG_VERSION"));

/// The hand-written side: `reqwest::Client::new()`, or with `--hand-user-agent` a client
/// that sends the generated client's `User-Agent` too (the same request on the wire).
pub struct Hand {
    http: reqwest::Client,
    base: String,
}

impl Hand {
    pub fn new(base: &str, user_agent: Option<&str>) -> Result<Self, BoxError> {
        let http = match user_agent {
            None => reqwest::Client::new(),
            Some(user_agent) => reqwest::Client::builder().user_agent(user_agent).build()?,
        };
        Ok(Self {
            http,
            base: base.to_owned(),
        })
    }

    /// Runs `units` of `scenario`.
    pub async fn run(&self, scenario: Scenario, units: usize) -> Result<(), BoxError> {
        match scenario {
            Scenario::Get => {
                for i in 0..units {
                    self.call(i * 4).await?;
                }
            }
            Scenario::Sequential => {
                for i in 0..units {
                    self.call(i).await?;
                }
            }
            Scenario::Concurrent => {
                for batch in 0..units.div_ceil(CONCURRENCY) {
                    let calls = (0..CONCURRENCY).map(|i| self.call(batch * CONCURRENCY + i));
                    futures::future::try_join_all(calls).await?;
                }
            }
            Scenario::Download => {
                for _ in 0..units {
                    let response = self
                        .http
                        .get(format!("{}/download", self.base))
                        .send()
                        .await?
                        .error_for_status()?;
                    let mut body = response.bytes_stream();
                    let mut received = 0;
                    while let Some(chunk) = body.next().await {
                        received += chunk?.len();
                    }
                    check(received == DOWNLOAD_BYTES, "download size")?;
                }
            }
            Scenario::Sse => {
                use eventsource_stream::Eventsource as _;
                let response = self
                    .http
                    .get(format!("{}/events", self.base))
                    .header(reqwest::header::ACCEPT, "text/event-stream")
                    .send()
                    .await?
                    .error_for_status()?;
                let mut events = response
                    .bytes_stream()
                    .eventsource()
                    .map_err(BoxError::from);
                let mut sum = 0_i64;
                let mut seen = 0;
                while seen < units {
                    let Some(event) = events.next().await else {
                        break;
                    };
                    sum += serde_json::from_str::<Tick>(&event?.data)?.n;
                    seen += 1;
                }
                check(seen == units && sum > 0, "event count")?;
            }
        }
        Ok(())
    }

    async fn call(&self, i: usize) -> Result<(), BoxError> {
        if i % 4 == 3 {
            let item: Item = self
                .http
                .post(format!("{}/items", self.base))
                .json(&new_item())
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            check(item.tags.len() == 2, "created item")
        } else {
            let item: Item = self
                .http
                .get(format!("{}/items/{i}", self.base))
                .query(&[("verbose", true)])
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            check(item.id == i as i64, "item id")
        }
    }
}

fn check(ok: bool, what: &str) -> Result<(), BoxError> {
    if ok {
        Ok(())
    } else {
        Err(format!("wrong result: {what}").into())
    }
}
