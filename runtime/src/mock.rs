//! Typed mocks: a client whose calls are answered in process, for users' tests.
//!
//! A generated crate with mocks (setting `mock`; the CLI crate's `mock` feature) has
//! `Client::mock()`, which returns a client and a `Mock` with two methods per operation:
//! `mock.get_pet(|call| call.pet_id == 7)` starts an [`Expect`] for the calls its
//! closure accepts (the closure sees the call's typed arguments), answered with
//! [`Expect::returns`], [`Expect::fails_with`] or [`Expect::answers`]; and
//! `mock.get_pet_calls()` lists the calls made, typed, oldest first.
//!
//! A mocked call never reaches the network: the runtime hands the operation's typed
//! answer back before anything is encoded or sent (no hooks, credentials, retries or
//! timeouts run). Pagination works unchanged: each page is a call (a cursor page carries
//! its cursor in the call's arguments; a page that follows a URL, from a `Link` header
//! or the body, is the first page's call again, so answer pages in order with
//! [`Expect::times`] and set the `Link` header with [`Expect::header`]). Downloads
//! answer with the whole body as `Bytes`. Server-Sent Events operations cannot be mocked.
//!
//! A call no expectation accepts panics with the operation's name and the call's
//! arguments (like `mockall`), so a test never passes on a call it did not plan for;
//! [`MockServer::verify`] (the generated `Mock::verify`) panics when an expectation with
//! [`Expect::times`] was called fewer times.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::describe::Operation;
use crate::error::{ApiError, Error, NoErrors};
use crate::request::{CallRecord, SharedCall};
use crate::response::Response;

/// The status code a value of a response enum stands for: a success enum's variant is
/// its 2xx status, an error enum's variant its error status (`4XX` gives 400, `default`
/// 500). Generated for every response enum of a crate with mocks.
pub trait Status {
    /// The status of this value's response.
    fn status(&self) -> u16;
}

impl Status for NoErrors {
    fn status(&self) -> u16 {
        match *self {}
    }
}

/// Whether `call` is a `C` that `matches` accepts.
type Matcher = Box<dyn Fn(&dyn CallRecord) -> bool + Send + Sync>;
/// The answer to an accepted call: a boxed `Result<Response<T>, Error<E>>`. Shared, so
/// that it runs after the expectations' lock is released (an `answers` closure may use
/// the mock itself).
type Answerer = Arc<dyn Fn(&dyn CallRecord) -> Box<dyn Any + Send> + Send + Sync>;

/// One expectation: which calls of which operation it accepts, and its answer.
struct Rule {
    operation: &'static str,
    method: &'static str,
    matches: Matcher,
    answer: Answerer,
    /// How many calls it answers (`None`: any number).
    times: Option<usize>,
    used: usize,
}

impl Rule {
    fn accepts(&self, operation: &str, call: &dyn CallRecord) -> bool {
        self.operation == operation
            && self.times.is_none_or(|times| self.used < times)
            && (self.matches)(call)
    }
}

/// A call the mock received.
struct Recorded {
    operation: &'static str,
    call: SharedCall,
}

#[derive(Default)]
struct State {
    rules: Mutex<Vec<Rule>>,
    calls: Mutex<Vec<Recorded>>,
}

/// The shared state behind a generated `Mock` and its client: expectations and calls.
/// Cheap to clone (one `Arc`).
#[derive(Clone, Default)]
pub struct MockServer {
    state: Arc<State>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("expectations", &lock(&self.state.rules).len())
            .field("calls", &lock(&self.state.calls).len())
            .finish()
    }
}

/// Locks `mutex`, going on after a panic elsewhere (a failed test's panic must not
/// hide the calls from the next assertion).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl MockServer {
    /// An empty mock: no expectations, no calls.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts an expectation for the calls of `operation` (its operationId; `method` is
    /// its Rust method, for messages) whose arguments `matches` accepts.
    /// `success_status` gives the status of a successful answer. (What the generated
    /// `Mock` methods call.)
    #[doc(hidden)]
    pub fn expect<C, T, E>(
        &self,
        operation: &'static str,
        method: &'static str,
        success_status: fn(&T) -> u16,
        matches: impl Fn(&C) -> bool + Send + Sync + 'static,
    ) -> Expect<C, T, E> {
        Expect {
            server: self.clone(),
            operation,
            method,
            success_status,
            matches: Box::new(matches),
            times: None,
            status: None,
            headers: HeaderMap::new(),
            error: PhantomData,
        }
    }

    /// The calls of `operation` so far, oldest first (what the generated `…_calls()`
    /// methods call).
    #[doc(hidden)]
    pub fn calls<C: Send + Sync + 'static>(&self, operation: &str) -> Vec<Arc<C>> {
        lock(&self.state.calls)
            .iter()
            .filter(|recorded| recorded.operation == operation)
            .filter_map(|recorded| recorded.call.clone().into_any().downcast::<C>().ok())
            .collect()
    }

    /// Panics when an expectation limited by [`Expect::times`] was called fewer times.
    pub fn verify(&self) {
        let missing: Vec<String> = lock(&self.state.rules)
            .iter()
            .filter_map(|rule| {
                let times = rule.times?;
                (rule.used < times).then(|| {
                    format!(
                        "`{}` ({}): expected {times} call(s), got {}",
                        rule.method, rule.operation, rule.used
                    )
                })
            })
            .collect();
        assert!(
            missing.is_empty(),
            "specforge mock: expectations not met:\n{}",
            missing.join("\n")
        );
    }

    fn add(&self, rule: Rule) {
        lock(&self.state.rules).push(rule);
    }

    /// The answer to a call of `operation` with arguments `call`, as the typed result of
    /// the operation's send. Panics on a call no expectation accepts.
    pub(crate) fn answer<T: 'static, E: 'static>(
        &self,
        operation: &'static Operation,
        call: Option<&SharedCall>,
    ) -> Result<Response<T>, Error<E>> {
        let Some(call) = call else {
            // Generated code records every call of a mocked client; only a `Request`
            // built by hand and sent through `__private` arrives without one.
            panic!(
                "specforge mock: `{}` was sent without its arguments (a request built by hand \
                 cannot be mocked)",
                operation.id
            );
        };
        lock(&self.state.calls).push(Recorded {
            operation: operation.id,
            call: call.clone(),
        });
        let answerer = {
            let mut rules = lock(&self.state.rules);
            rules
                .iter_mut()
                .find(|rule| rule.accepts(operation.id, call.as_ref()))
                .map(|rule| {
                    rule.used += 1;
                    Arc::clone(&rule.answer)
                })
        };
        let Some(answer) = answerer.map(|answer| answer(call.as_ref())) else {
            // A test tool's way to fail: the test called something it did not expect.
            // The lock is released, so the mock stays usable by the test's assertions.
            panic!(
                "specforge mock: unexpected call of `{}` ({} {}): no expectation accepts {call:?}",
                operation.id, operation.method, operation.path
            );
        };
        match answer.downcast::<Result<Response<T>, Error<E>>>() {
            Ok(result) => match *result {
                Err(Error::Api(mut api)) => {
                    api.operation = Some(crate::error::OperationRef::of(operation));
                    Err(Error::Api(api))
                }
                result => result,
            },
            // Generated code gives each operation's expectation and send the same types;
            // a mismatch is a generator bug, not something a document or a test causes.
            Err(_) => panic!(
                "specforge mock: the answer for `{}` does not have the type its send expects",
                operation.id
            ),
        }
    }
}

/// An expectation being set up: limit it ([`times`](Self::times)), shape its response
/// ([`status`](Self::status), [`header`](Self::header)), then give its answer, which
/// registers it. `C` is the operation's call (its typed arguments), `T` its success
/// type, `E` its error type. Expectations are tried in the order they were registered;
/// the first that accepts a call (and is not used up) answers it. Matchers run while the
/// mock's expectations are locked, so keep them pure (no use of the mock); an
/// `answers` closure runs after, and may use it.
#[must_use = "an expectation does nothing until `returns`, `fails_with` or `answers` registers it"]
pub struct Expect<C, T, E> {
    server: MockServer,
    operation: &'static str,
    method: &'static str,
    success_status: fn(&T) -> u16,
    matches: Box<dyn Fn(&C) -> bool + Send + Sync>,
    times: Option<usize>,
    status: Option<StatusCode>,
    headers: HeaderMap,
    /// `E` is the answer's error type; no value of it is held.
    error: PhantomData<fn() -> E>,
}

impl<C, T, E> fmt::Debug for Expect<C, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expect")
            .field("operation", &self.operation)
            .field("times", &self.times)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl<C, T, E> Expect<C, T, E>
where
    C: Send + Sync + 'static,
    T: Send + 'static,
    E: Status + Send + 'static,
{
    /// Answers at most `times` calls; then the next expectation that accepts the call
    /// answers it. [`MockServer::verify`] checks that it was called `times` times.
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }

    /// Answers one call: [`times(1)`](Self::times).
    pub fn once(self) -> Self {
        self.times(1)
    }

    /// The response's status, instead of the one the answer's value stands for.
    ///
    /// # Panics
    /// When `status` is not between 100 and 999.
    pub fn status(mut self, status: u16) -> Self {
        // The test's own value: a bad one fails the test where it is written.
        match StatusCode::from_u16(status) {
            Ok(status) => self.status = Some(status),
            Err(_) => panic!("specforge mock: {status} is not an HTTP status"),
        }
        self
    }

    /// Adds a response header (a `Link` header for the next page, a rate limit, …).
    ///
    /// # Panics
    /// When `name` or `value` is not a valid header name or value.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.append(name, value);
            }
            _ => panic!("specforge mock: `{name}: {value}` is not a valid header"),
        }
        self
    }

    /// Answers with success `body` (cloned for each call it answers).
    pub fn returns(self, body: T)
    where
        T: Clone + Sync,
    {
        self.answers(move |_| Ok(body.clone()));
    }

    /// Answers with the declared error `error` (`specforge::Error::Api`, with the status
    /// its variant stands for).
    pub fn fails_with(self, error: E)
    where
        E: Clone + Sync,
    {
        self.answers(move |_| Err(error.clone()));
    }

    /// Answers each call with what `answer` makes of its arguments.
    pub fn answers(self, answer: impl Fn(&C) -> Result<T, E> + Send + Sync + 'static) {
        let Self {
            server,
            operation,
            method,
            success_status,
            matches,
            times,
            status,
            headers,
            error: PhantomData,
        } = self;
        let matches: Matcher =
            Box::new(move |call| call.as_any().downcast_ref().is_some_and(&matches));
        let answer: Answerer = Arc::new(move |call| {
            let Some(call) = call.as_any().downcast_ref::<C>() else {
                unreachable!("a rule answers only the calls its matcher accepted")
            };
            let result = match answer(call) {
                Ok(body) => {
                    let code = status.unwrap_or_else(|| code(success_status(&body)));
                    Ok(Response::new(code, headers.clone(), body))
                }
                Err(error) => {
                    let code = status.unwrap_or_else(|| code(error.status()));
                    Err(Error::Api(Box::new(ApiError {
                        operation: None,
                        status: code,
                        headers: headers.clone(),
                        body: error,
                    })))
                }
            };
            Box::new(result)
        });
        server.add(Rule {
            operation,
            method,
            matches,
            answer,
            times,
            used: 0,
        });
    }
}

/// `status` as a `StatusCode` (500 when it is not one: generated statuses always are).
fn code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
