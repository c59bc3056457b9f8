//! Per-call overhead of a generated specforge client against hand-written reqwest
//! (issue 16). Run it with
//!
//! ```sh
//! cargo run --release -p specforge-bench-runtime            # 7 rounds
//! cargo run --release -p specforge-bench-runtime -- --rounds 11 --only sequential
//! ```
//!
//! An axum server on 127.0.0.1 runs in its own runtime (one worker thread); the
//! clients run one at a time on the main thread (a current-thread runtime). Each
//! scenario runs in rounds that alternate which side goes first; the table shows
//! medians. Allocations are counted on the client thread only (`alloc.rs`).

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
}

fn parse_args() -> Result<Args, BoxError> {
    let mut args = Args {
        rounds: 7,
        only: None,
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--rounds" => args.rounds = words.next().ok_or("--rounds N")?.parse()?,
            "--only" => args.only = Some(words.next().ok_or("--only SCENARIO")?),
            other => return Err(format!("unknown argument {other:?} (--rounds N, --only get|sequential|concurrent|download|sse)").into()),
        }
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
    let hand = Hand::new(base);
    println!(
        "specforge runtime overhead: {} rounds, medians, client on one thread, server on another\n",
        args.rounds
    );
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
        gen_median / hand_median,
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
            hand_median / gen_median,
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

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
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
