#!/usr/bin/env bash
# Checks a crate written by `specforge generate` with each of its tag features
# alone, with none, and with all: each build must pass clippy with -D warnings and
# build its docs with RUSTDOCFLAGS=-D warnings; then the README's examples must
# compile (they are the crate's doctests). The features are read from the
# crate's Cargo.toml (the `[features]` table specforge writes); the runtime features it
# forwards (`gzip = ["specforge/gzip"]`, TLS backends) are not tags and are left out
# (.ci/runtime-features.sh checks those on the runtime).
#
#   examples/tag-features/check-features.sh [CRATE_DIR]    (default: this folder)
#
# `.ci/run` runs it on this folder; run it on any generated crate (with its own
# target directory, or CARGO_TARGET_DIR) to check a real API tag by tag.
set -euo pipefail
dir="${1:-$(dirname "${BASH_SOURCE[0]}")}"
manifest="$dir/Cargo.toml"
features=$(awk '/^\[features\]/ { on = 1; next } /^\[/ { on = 0 } on && $1 != "default" && $2 == "=" && $3 == "[]" { print $1 }' "$manifest")
if [ -z "$features" ]; then
    echo "error: $manifest has no [features] table" >&2
    exit 1
fi
check() {
    echo "== features: ${1:-(none)}"
    cargo clippy -q --manifest-path "$manifest" --no-default-features --features "$1" -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --manifest-path "$manifest" --no-default-features --features "$1"
}
check ""
for feature in $features; do
    check "$feature"
done
echo "== all features"
cargo clippy -q --manifest-path "$manifest" -- -D warnings
if grep -q '^mock = \[\]' "$manifest"; then
    echo "== default features and the typed mocks"
    cargo clippy -q --manifest-path "$manifest" --features mock -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --manifest-path "$manifest" --features mock
fi
# The README is the crate's documentation: its examples compile as doctests.
echo "== README examples (doctests)"
cargo test -q --doc --manifest-path "$manifest"
echo "ok: $(echo "$features" | wc -w) features (tags and mock), each alone, none and all; README examples"
