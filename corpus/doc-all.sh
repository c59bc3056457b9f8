#!/usr/bin/env bash
# Documents the client of every corpus manifest entry with rustdoc, warnings denied, one entry
# at a time, and counts the rustdoc warnings by lint.
#
#   corpus/doc-all.sh [entry ...]        # no argument: every entry of the manifest
#
# Per entry: SPECFORGE_CORPUS=<entry> RUSTDOCFLAGS="-D warnings" cargo doc -p specforge-corpus --no-deps
# (the library is `#![deny(warnings)]` as well). CI runs the same for the default subset
# (`.ci/run`, step "rustdoc": `cargo doc --workspace --no-deps`). Per entry it records documented yes/no and the number of
# rustdoc diagnostics, appended to `$OUT.tsv` (default `target/corpus-doc.tsv`); every
# diagnostic goes to `$LOGS/<module>.json`; the end prints the totals by lint.
# Run it niced on a shared machine: `nice -n 19 corpus/doc-all.sh`.
# Exit status: 0 when every entry documented without a warning, 1 otherwise.
set -u -o pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
manifest="$root/../shared/corpus/manifest.tsv"
target=${CARGO_TARGET_DIR:-$root/target}
out=${OUT:-$target/corpus-doc}
logs=${LOGS:-$target/corpus-doc}
mkdir -p "$logs"

if [ ! -f "$manifest" ]; then
    echo "doc-all: no corpus manifest at $manifest" >&2
    exit 2
fi
# shellcheck source=corpus/entries.sh
source "$root/corpus/entries.sh"
select_entries "$manifest" "$@"

tsv="$out.tsv"
printf 'entry\tdocumented\tdiagnostics\n' >"$tsv"
failed=0
for entry in "${entries[@]}"; do
    module=$(module_of "$entry")
    log="$logs/$module.json"
    SPECFORGE_CORPUS="$entry" RUSTDOCFLAGS="-D warnings" \
        cargo doc -q -p specforge-corpus --no-deps --message-format=json >"$log" 2>"$logs/$module.stderr"
    status=$?
    count=$(jq -r 'select(.reason == "compiler-message") | .message
        | select(.code != null) | .code.code' "$log" 2>/dev/null | grep -c .)
    if [ $status -eq 0 ]; then documented=yes; else documented=no; failed=1; fi
    printf '%s\t%s\t%s\n' "$entry" "$documented" "$count" >>"$tsv"
    echo "doc-all: $entry: documented=$documented diagnostics=$count" >&2
done
echo "doc-all: by lint, over $(( $(wc -l <"$tsv") - 1 )) entries:" >&2
cat "$logs"/*.json 2>/dev/null | jq -r 'select(.reason == "compiler-message") | .message
    | select(.code != null) | .code.code' | sort | uniq -c | sort -rn >&2
echo "doc-all: wrote $tsv" >&2
exit $failed
