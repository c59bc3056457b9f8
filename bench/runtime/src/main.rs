//! Per-call overhead of a generated specforge client against hand-written reqwest
//! (issue 16). Run it with
//!
//! ```sh
//! cargo run --release -p specforge-bench-runtime            # 41 rounds
//! cargo run --release -p specforge-bench-runtime -- --rounds 81 --only sequential
//! cargo run --release -p specforge-bench-runtime -- --side generated --calls 3000
//! ```
//!
//! An axum server on 127.0.0.1 runs in its own runtime (one worker thread); the
//! clients run one at a time on the main thread (a current-thread runtime). Each
//! scenario runs in short rounds that alternate which side goes first; the table shows
//! the median time per unit of each side and, as the ratio, the median of the rounds'
//! ratios (each round of one side against the adjacent round of the other, so that a
//! slow spell of the machine weighs on both). Allocations are counted on the client
//! thread only (`alloc.rs`).
//!
//! `--hand-user-agent` gives the hand-written client the generated client's default
//! `User-Agent` header, so that both put the same request on the wire: the server, on
//! the other core, then parses the same headers for both (by default the generated
//! request carries one header more).
//!
//! `--side generated|hand --calls N` runs N sequential calls (or N units of the scenario
//! `--only` names: `get`, `sequential` or `concurrent`) of one side only and prints
//! nothing: the mode for a profiler (`bench/runtime-instructions.sh` counts
//! instructions per call with callgrind).

mod alloc;
mod scenarios;
mod server;

use std::time::{Duration, Instant};

use scenarios::{Generated, Hand, Scenario};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Command-line settings.
struct Args {
    rounds: usize,
    only: Option<String>,
    /// Profile mode: one side only (`generated` or `hand`), `calls` units of `only`
    /// (sequential calls when not given).
    side: Option<String>,
    calls: usize,
    /// The hand-written client sends the generated client's `User-Agent`.
    hand_user_agent: bool,
}

const USAGE: &str = "--rounds N, --only get|sequential|concurrent|download|sse, \
                     --hand-user-agent, --side generated|hand --calls N";

fn parse_args() -> Result<Args, BoxError> {
    let mut args = Args {
        rounds: 41,
        only: None,
        side: None,
        calls: 1000,
        hand_user_agent: false,
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        let mut value = || {
            words
                .next()
                .ok_or(format!("{word} needs a value ({USAGE})"))
        };
        match word.as_str() {
            "--rounds" => args.rounds = value()?.parse()?,
            "--only" => args.only = Some(value()?),
            "--side" => args.side = Some(value()?),
            "--calls" => args.calls = value()?.parse()?,
            "--hand-user-agent" => args.hand_user_agent = true,
            other => return Err(format!("unknown argument {other:?} ({USAGE})").into()),
        }
    }
    if args.rounds == 0 {
        return Err("--rounds must be at least 1".into());
    }
    Ok(args)
}

fn main() -> Result<(), BoxError> {
    let args = parse_args()?;
    let base = server::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(&base, &args))
}

async fn run(base: &str, args: &Args) -> Result<(), BoxError> {
    let generated = Generated::new(base)?;
    let user_agent = args
        .hand_user_agent
        .then_some(scenarios::GENERATED_USER_AGENT);
    let hand = Hand::new(base, user_agent)?;
    if let Some(side) = &args.side {
        let scenario = match args.only.as_deref() {
            None => Scenario::Sequential,
            Some(key) => Scenario::ALL
                .into_iter()
                .find(|scenario| scenario.key() == key)
                .ok_or(format!("--only {key:?}: not a scenario ({USAGE})"))?,
        };
        return profile(side, scenario, &generated, &hand, args.calls).await;
    }
    println!(
        "specforge runtime overhead: {} rounds, medians (ratio: median of adjacent rounds' ratios), \
         client on one thread, server on another\n",
        args.rounds
    );
    if let Some(user_agent) = user_agent {
        println!("hand-written client sends the generated client's User-Agent: {user_agent}\n");
    }
    println!(
        "{:<34} {:>14} {:>14} {:>7} {:>12} {:>12}",
        "scenario (time per unit)",
        "generated",
        "hand-written",
        "ratio",
        "allocs gen",
        "allocs hand"
    );
    for scenario in Scenario::ALL {
        if args
            .only
            .as_deref()
            .is_some_and(|only| only != scenario.key())
        {
            continue;
        }
        measure(scenario, &generated, &hand, args.rounds).await?;
    }
    Ok(())
}

/// Profile mode: a warm-up, then `calls` units of `scenario` on one side.
async fn profile(
    side: &str,
    scenario: Scenario,
    generated: &Generated,
    hand: &Hand,
    calls: usize,
) -> Result<(), BoxError> {
    match side {
        "generated" => {
            generated.run(scenario, scenario.warmup_units()).await?;
            generated.run(scenario, calls).await
        }
        "hand" => {
            hand.run(scenario, scenario.warmup_units()).await?;
            hand.run(scenario, calls).await
        }
        other => Err(format!("--side {other:?}: generated or hand").into()),
    }
}

/// Runs one scenario: a warm-up per side, `rounds` alternating timed rounds, then one
/// counted run per side.
async fn measure(
    scenario: Scenario,
    generated: &Generated,
    hand: &Hand,
    rounds: usize,
) -> Result<(), BoxError> {
    generated.run(scenario, scenario.warmup_units()).await?;
    hand.run(scenario, scenario.warmup_units()).await?;
    let units = scenario.units();
    let mut gen_times = Vec::with_capacity(rounds);
    let mut hand_times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        if round % 2 == 0 {
            gen_times.push(timed(generated.run(scenario, units)).await?);
            hand_times.push(timed(hand.run(scenario, units)).await?);
        } else {
            hand_times.push(timed(hand.run(scenario, units)).await?);
            gen_times.push(timed(generated.run(scenario, units)).await?);
        }
    }
    let mut ratios: Vec<f64> = gen_times
        .iter()
        .zip(&hand_times)
        .map(|(generated, hand)| generated.as_secs_f64() / hand.as_secs_f64())
        .collect();
    let ratio = median(&mut ratios);
    let count_units = scenario.counted_units();
    let (result, gen_count) = alloc::counted(generated.run(scenario, count_units)).await;
    result?;
    let (result, hand_count) = alloc::counted(hand.run(scenario, count_units)).await;
    result?;
    let per_unit = |time: Duration| time.as_secs_f64() / units as f64;
    let gen_median = per_unit(median(&mut gen_times));
    let hand_median = per_unit(median(&mut hand_times));
    let per_count = |count: alloc::Count| count.allocations as f64 / count_units as f64;
    println!(
        "{:<34} {:>14} {:>14} {:>6.3}× {:>12.1} {:>12.1}",
        scenario.label(),
        format_time(gen_median),
        format_time(hand_median),
        ratio,
        per_count(gen_count),
        per_count(hand_count),
    );
    if let Some(bytes) = scenario.bytes_per_unit() {
        let rate = |seconds: f64| bytes as f64 / seconds / 1e6;
        println!(
            "{:<34} {:>10.0} MB/s {:>9.0} MB/s {:>6.3}×",
            "  throughput",
            rate(gen_median),
            rate(hand_median),
            1.0 / ratio,
        );
    }
    Ok(())
}

async fn timed<F: std::future::Future<Output = Result<(), BoxError>>>(
    work: F,
) -> Result<Duration, BoxError> {
    let started = Instant::now();
    work.await?;
    Ok(started.elapsed())
}

/// The median of `values` (the upper one of an even count); `rounds` is at least 1.
fn median<T: PartialOrd + Copy>(values: &mut [T]) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values[values.len() / 2]
}

fn format_time(seconds: f64) -> String {
    if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else if seconds >= 1e-6 {
        format!("{:.2} µs", seconds * 1e6)
    } else {
        format!("{:.0} ns", seconds * 1e9)
    }
}
