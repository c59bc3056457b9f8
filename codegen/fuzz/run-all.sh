#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after the other,
# from the committed seeds (seeds/) plus the inputs found so far (corpus/<target>/,
# not committed). Crashes, hangs and leaks land in artifacts/<target>/.
# Stable Rust is enough: RUSTC_BOOTSTRAP=1 lets it accept cargo-fuzz's -Z flags.
# Needs `cargo install cargo-fuzz`. See docs/fuzzing.md.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
status=0
for target in $(cargo fuzz list); do
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" seeds -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 || status=1
done
exit "$status"
