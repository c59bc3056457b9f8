#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 60), one after
# the other, from the committed seeds (seeds/) plus the inputs found so far
# (corpus/<target>/, not committed). Crashes, hangs and leaks land in artifacts/<target>/.
# Stable Rust is enough: RUSTC_BOOTSTRAP=1 lets it accept cargo-fuzz's -Z flags.
# Needs `cargo install cargo-fuzz`. See docs/fuzzing.md.
#
#   codegen/fuzz/run-all.sh 600               # every target, 10 minutes each
#   codegen/fuzz/run-all.sh 600 load pipeline # some
#
# The per-input timeout is 30 s: an input at the `$ref` budget (SF0018, a million
# inlined values) takes about 1.3 s in a release build, but 10 to 20 times that in the
# fuzzer's instrumented build on a busy machine; a real hang still stands out.
set -euo pipefail
seconds="${1:-60}"
shift || true
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" seeds -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 || status=1
done
exit "$status"
