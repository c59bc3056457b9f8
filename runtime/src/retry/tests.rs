//! Every rule of [`RetryPolicy::decide`] and the budget.

use http::HeaderValue;

use super::*;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(
            *name,
            HeaderValue::from_str(value).expect("test header value"),
        );
    }
    map
}

fn ctx<'a>(method: &'a Method, outcome: Outcome<'a>) -> AttemptContext<'a> {
    AttemptContext {
        retries_done: 0,
        method,
        idempotency_key: false,
        body_replayable: true,
        outcome,
        now: SystemTime::now(),
    }
}

fn status(code: u16, headers: &HeaderMap) -> Outcome<'_> {
    Outcome::Response {
        status: StatusCode::from_u16(code).expect("test status"),
        headers,
    }
}

fn fixed() -> RetryPolicy {
    RetryPolicy::default().jitter(false)
}

const FIRST: RetryDecision = RetryDecision::Retry {
    delay: Duration::from_millis(500),
};

#[test]
fn default_policy_values() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.retries(), 2);
    assert_eq!(policy.budget_config(), Some(RetryBudget::new(500, 5, 1)));
    assert_eq!(RetryPolicy::none().retries(), 0);
}

#[test]
fn retryable_statuses() {
    let none = HeaderMap::new();
    for code in [408, 409, 429, 500, 502, 503, 504, 599] {
        assert_eq!(
            fixed().decide(&ctx(&Method::GET, status(code, &none))),
            FIRST,
            "{code}"
        );
    }
    for code in [200, 201, 204, 301, 304, 400, 401, 403, 404, 410, 422] {
        assert_eq!(
            fixed().decide(&ctx(&Method::GET, status(code, &none))),
            RetryDecision::Stop(StopReason::NotRetryable),
            "{code}"
        );
    }
}

#[test]
fn transport_outcomes_retry_for_idempotent_methods() {
    for outcome in [Outcome::Connect, Outcome::Timeout, Outcome::Transport] {
        assert_eq!(
            fixed().decide(&ctx(&Method::GET, outcome)),
            FIRST,
            "{outcome:?}"
        );
    }
}

#[test]
fn backoff_doubles_and_caps() {
    let policy = fixed().max_retries(10);
    let delays: Vec<Duration> = (0..6)
        .map(|retries_done| {
            let mut context = ctx(&Method::GET, Outcome::Timeout);
            context.retries_done = retries_done;
            match policy.decide(&context) {
                RetryDecision::Retry { delay } => delay,
                RetryDecision::Stop(stop) => panic!("stopped: {stop:?}"),
            }
        })
        .collect();
    let ms: Vec<u128> = delays.iter().map(Duration::as_millis).collect();
    assert_eq!(ms, [500, 1000, 2000, 4000, 8000, 8000]);
}

#[test]
fn jitter_stays_within_three_quarters_and_full() {
    let policy = RetryPolicy::default();
    let mut distinct = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let delay = policy.backoff(1);
        assert!(
            delay >= Duration::from_millis(750) && delay <= Duration::from_millis(1000),
            "{delay:?}"
        );
        distinct.insert(delay);
    }
    assert!(distinct.len() > 10, "jitter varies the delay");
}

#[test]
fn attempts_exhausted() {
    let mut context = ctx(&Method::GET, Outcome::Timeout);
    context.retries_done = 2;
    assert_eq!(
        fixed().decide(&context),
        RetryDecision::Stop(StopReason::Exhausted)
    );
    context.retries_done = 0;
    assert_eq!(
        RetryPolicy::none().decide(&context),
        RetryDecision::Stop(StopReason::Exhausted)
    );
}

#[test]
fn idempotent_methods_retry_others_do_not() {
    let none = HeaderMap::new();
    for method in [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
    ] {
        assert_eq!(
            fixed().decide(&ctx(&method, status(503, &none))),
            FIRST,
            "{method}"
        );
        assert_eq!(
            fixed().decide(&ctx(&method, Outcome::Timeout)),
            FIRST,
            "{method}"
        );
    }
    for method in [Method::POST, Method::PATCH] {
        for outcome in [status(503, &none), Outcome::Timeout, Outcome::Transport] {
            assert_eq!(
                fixed().decide(&ctx(&method, outcome)),
                RetryDecision::Stop(StopReason::NotIdempotent),
                "{method} {outcome:?}"
            );
        }
    }
}

#[test]
fn post_retries_with_idempotency_key() {
    let none = HeaderMap::new();
    let mut context = ctx(&Method::POST, status(503, &none));
    context.idempotency_key = true;
    assert_eq!(fixed().decide(&context), FIRST);
    let mut context = ctx(&Method::PATCH, Outcome::Timeout);
    context.idempotency_key = true;
    assert_eq!(fixed().decide(&context), FIRST);
}

#[test]
fn post_retries_when_caller_opts_in() {
    let policy = fixed().retry_non_idempotent(true);
    assert_eq!(policy.decide(&ctx(&Method::POST, Outcome::Timeout)), FIRST);
}

#[test]
fn post_retries_when_it_never_left() {
    assert_eq!(fixed().decide(&ctx(&Method::POST, Outcome::Connect)), FIRST);
}

#[test]
fn streaming_bodies_never_retry() {
    for outcome in [Outcome::Connect, Outcome::Timeout] {
        let mut context = ctx(&Method::PUT, outcome);
        context.body_replayable = false;
        assert_eq!(
            fixed().decide(&context),
            RetryDecision::Stop(StopReason::BodyNotReplayable)
        );
    }
}

#[test]
fn x_should_retry_is_obeyed() {
    let no = headers(&[("x-should-retry", "false")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(503, &no))),
        RetryDecision::Stop(StopReason::ServerSaidNo)
    );
    let yes = headers(&[("x-should-retry", "true")]);
    assert_eq!(fixed().decide(&ctx(&Method::GET, status(400, &yes))), FIRST);
    // The server vouches for repeating a POST.
    assert_eq!(
        fixed().decide(&ctx(&Method::POST, status(400, &yes))),
        FIRST
    );
    // Still bounded by the attempt count.
    let mut context = ctx(&Method::GET, status(400, &yes));
    context.retries_done = 2;
    assert_eq!(
        fixed().decide(&context),
        RetryDecision::Stop(StopReason::Exhausted)
    );
    // Never on a success.
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(200, &yes))),
        RetryDecision::Stop(StopReason::NotRetryable)
    );
    let junk = headers(&[("x-should-retry", "maybe")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(503, &junk))),
        FIRST
    );
}

#[test]
fn retry_after_seconds() {
    let h = headers(&[("retry-after", "3")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(503, &h))),
        RetryDecision::Retry {
            delay: Duration::from_secs(3)
        }
    );
}

#[test]
fn retry_after_ms_wins_over_retry_after() {
    let h = headers(&[("retry-after-ms", "250"), ("retry-after", "3")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(429, &h))),
        RetryDecision::Retry {
            delay: Duration::from_millis(250)
        }
    );
    let h = headers(&[("retry-after-ms", "12.5")]);
    assert_eq!(
        server_delay(&h, SystemTime::now()),
        Some(Duration::from_micros(12_500))
    );
}

#[test]
fn retry_after_http_date() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
    let h = headers(&[("retry-after", later.as_str())]);
    let mut context = ctx(&Method::GET, status(503, &h));
    context.now = now;
    assert_eq!(
        fixed().decide(&context),
        RetryDecision::Retry {
            delay: Duration::from_secs(7)
        }
    );
    // A date in the past: no server delay, the computed backoff applies.
    let earlier = httpdate::fmt_http_date(now - Duration::from_secs(7));
    let h = headers(&[("retry-after", earlier.as_str())]);
    let mut context = ctx(&Method::GET, status(503, &h));
    context.now = now;
    assert_eq!(fixed().decide(&context), FIRST);
}

#[test]
fn retry_after_over_the_cap_stops() {
    let h = headers(&[("retry-after", "61")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(429, &h))),
        RetryDecision::Stop(StopReason::RetryAfterTooLong(Duration::from_secs(61)))
    );
    let h = headers(&[("retry-after", "60")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(429, &h))),
        RetryDecision::Retry {
            delay: Duration::from_secs(60)
        }
    );
    let policy = fixed().max_retry_after(Duration::from_secs(120));
    let h = headers(&[("retry-after", "90")]);
    assert_eq!(
        policy.decide(&ctx(&Method::GET, status(429, &h))),
        RetryDecision::Retry {
            delay: Duration::from_secs(90)
        }
    );
}

#[test]
fn unparsable_retry_after_falls_back_to_backoff() {
    for value in ["soon", "-3", "", "Wed, 99 Foo 2024"] {
        let h = headers(&[("retry-after", value)]);
        assert_eq!(
            fixed().decide(&ctx(&Method::GET, status(503, &h))),
            FIRST,
            "{value:?}"
        );
    }
    let h = headers(&[("retry-after", "0")]);
    assert_eq!(fixed().decide(&ctx(&Method::GET, status(503, &h))), FIRST);
}

#[test]
fn retry_after_is_ignored_on_non_retryable_statuses() {
    let h = headers(&[("retry-after", "1")]);
    assert_eq!(
        fixed().decide(&ctx(&Method::GET, status(404, &h))),
        RetryDecision::Stop(StopReason::NotRetryable)
    );
}

#[test]
fn budget_withdraws_and_refills() {
    let budget = BudgetState::new(RetryBudget::new(10, 5, 1));
    let policy = fixed().max_retries(100);
    let context = ctx(&Method::GET, Outcome::Timeout);
    assert_eq!(policy.decide_with_budget(&context, Some(&budget)), FIRST);
    assert_eq!(policy.decide_with_budget(&context, Some(&budget)), FIRST);
    assert_eq!(budget.available(), 0);
    assert_eq!(
        policy.decide_with_budget(&context, Some(&budget)),
        RetryDecision::Stop(StopReason::BudgetExhausted)
    );
    // Four healthy responses are not enough for one retry; the fifth is.
    for _ in 0..4 {
        budget.record_response(StatusCode::OK);
    }
    assert_eq!(
        policy.decide_with_budget(&context, Some(&budget)),
        RetryDecision::Stop(StopReason::BudgetExhausted)
    );
    budget.record_response(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(budget.available(), 4, "a failing response refills nothing");
    budget.record_response(StatusCode::NOT_FOUND);
    assert_eq!(policy.decide_with_budget(&context, Some(&budget)), FIRST);
    // Refill never passes the capacity.
    for _ in 0..100 {
        budget.deposit();
    }
    assert_eq!(budget.available(), 10);
}

#[test]
fn budget_is_not_charged_when_no_retry() {
    let budget = BudgetState::new(RetryBudget::new(10, 5, 1));
    let none = HeaderMap::new();
    let context = ctx(&Method::POST, status(503, &none));
    assert_eq!(
        fixed().decide_with_budget(&context, Some(&budget)),
        RetryDecision::Stop(StopReason::NotIdempotent)
    );
    assert_eq!(budget.available(), 10);
}

#[test]
fn budget_under_concurrency_never_overdraws() {
    let budget = std::sync::Arc::new(BudgetState::new(RetryBudget::new(100, 5, 1)));
    let granted = std::sync::Arc::new(AtomicU32::new(0));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let budget = budget.clone();
            let granted = granted.clone();
            std::thread::spawn(move || {
                for _ in 0..50 {
                    if budget.try_withdraw() {
                        granted.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
    assert_eq!(granted.load(Ordering::Relaxed), 20);
}
