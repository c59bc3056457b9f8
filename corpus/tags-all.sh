#!/usr/bin/env bash
# Per-tag features on real documents: writes the client crate of each corpus entry with
# `specforge generate` (per-tag features are on by default there) and checks it with
# `examples/tag-features/check-features.sh`: clippy with -D warnings and rustdoc with
# RUSTDOCFLAGS=-D warnings for each tag feature alone, for none, and clippy for all.
#
#   corpus/tags-all.sh                 # every entry of the manifest, smallest first
#   corpus/tags-all.sh ENTRY...        # the named entries (the manifest's `file` column)
#
# `.ci/run` runs it on a handful of small entries with several tags (step "corpus tags");
# the whole corpus is a documented command, not a CI step (about three hours on 2 cores:
# GitHub's client alone has 47 tags). Run it niced on a shared machine.
#
# All crates share one target directory ($CARGO_TARGET_DIR/corpus-tags), so the
# dependencies are compiled once. Per entry it prints the number of features checked and
# ok/FAILED; the output of a failed check is kept in $CARGO_TARGET_DIR/corpus-tags/logs.
# Exit status: 0 when every entry passed, 1 otherwise, 2 without the corpus.
set -u -o pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
manifest="$root/../shared/corpus/manifest.tsv"
target=${CARGO_TARGET_DIR:-$root/target}
work="$target/corpus-tags"
mkdir -p "$work/crates" "$work/logs"

if [ ! -f "$manifest" ]; then
    echo "tags-all: no corpus manifest at $manifest" >&2
    exit 2
fi
# shellcheck source=corpus/entries.sh
source "$root/corpus/entries.sh"
select_entries "$manifest" "$@"

cargo build -q -p specforge-codegen --bin specforge || exit 1
specforge="$target/debug/specforge"

failed=0
for entry in "${entries[@]}"; do
    module=$(module_of "$entry")
    crate="$work/crates/$module"
    log="$work/logs/$module.log"
    rm -rf "$crate"
    if ! "$specforge" generate "$root/../shared/corpus/$entry" --out "$crate" \
        --name "${module//_/-}-client" --runtime-path "$root/runtime" >"$log" 2>&1; then
        echo "FAILED $entry: does not generate (see $log)"
        failed=1
        continue
    fi
    # The crate lies inside this repository's folder: it is a workspace of its own.
    printf '\n[workspace]\n' >>"$crate/Cargo.toml"
    if CARGO_TARGET_DIR="$work/target" examples/tag-features/check-features.sh "$crate" >>"$log" 2>&1; then
        echo "ok     $entry: $(tail -1 "$log" | sed 's/^ok: //')"
    else
        echo "FAILED $entry: $(grep "^== features" "$log" | tail -1) … (see $log)"
        grep -E '^(error|warning)' "$log" | head -5
        failed=1
    fi
done
exit $failed
