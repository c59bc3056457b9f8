#!/usr/bin/env bash
# Instructions per call of the generated client and of hand-written reqwest (issue 16),
# counted by callgrind: a measure the machine's load does not move, beside the timed
# benchmark (`cargo run --release -p specforge-bench-runtime`), whose ratios move by a
# few percent between runs on a shared machine.
#
#   bench/runtime-instructions.sh             # sequential calls (3 GET : 1 POST)
#   bench/runtime-instructions.sh concurrent  # 64 calls in flight (or: get)
#
# Each side runs alone (`--side generated|hand --calls N --only SCENARIO`) twice, with 1,024 and 3,072
# calls; the difference divided by 2,048 is the cost of one call without the start-up.
# Reported per side: instructions on the client thread (the caller's runtime, reqwest,
# hyper's connection task, specforge) and on the server thread (axum answering), per call.
# Needs valgrind (Debian: `apt install valgrind`); takes about fifteen seconds after the build.
set -euo pipefail

scenario=${1:-sequential}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
command -v valgrind >/dev/null || { echo "needs valgrind (apt install valgrind)" >&2; exit 2; }
cargo build --release -q -p specforge-bench-runtime
bin=$target/release/specforge-bench-runtime
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The `summary:` line of callgrind's output for one thread: its instruction count.
instructions() {
    grep -m1 '^summary:' "$1" | awk '{print $2}'
}

declare -A client server
for side in generated hand; do
    for calls in 1024 3072; do
        valgrind --tool=callgrind --separate-threads=yes \
            --callgrind-out-file="$work/$side-$calls.out" \
            "$bin" --side "$side" --calls "$calls" --only "$scenario" >/dev/null 2>"$work/$side-$calls.log"
    done
    # One file per thread (`-01`, `-02`, ...): the first is the client (the main
    # thread), the last the server's worker.
    first=$(ls "$work/$side-1024.out"-* | sort | head -1)
    last=$(ls "$work/$side-1024.out"-* | sort | tail -1)
    per_call() {
        local thread=${1##*.out}
        echo $((($(instructions "$work/$side-3072.out$thread") - $(instructions "$1")) / 2048))
    }
    client[$side]=$(per_call "$first")
    server[$side]=$(per_call "$last")
done

printf '%-28s %12s %12s\n' "instructions per call" "generated" "hand-written"
printf '%-28s %12s %12s\n' "client thread" "${client[generated]}" "${client[hand]}"
printf '%-28s %12s %12s\n' "server thread" "${server[generated]}" "${server[hand]}"
python3 -c "print(f'client ratio {${client[generated]} / ${client[hand]}:.3f}x')"
