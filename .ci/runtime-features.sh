#!/usr/bin/env bash
# The runtime's Cargo features as a library user picks them (runtime/README.md,
# "Cargo features"), checked on the dependency graph and by one build:
#
# - default features: `cargo tree -d` shows no crate in two versions;
# - `rustls-ring`, `native-tls` and no TLS at all, each without compression: no aws-lc
#   and no compression crate in the graph; ring's graph has no duplicate but getrandom
#   (native-tls brings syn 2 through openssl-macros, which the project cannot avoid);
# - a generated crate forwards them: example-cli-crate with `native-tls` alone has no
#   aws-lc either;
# - `rustls-ring` builds and a client builds with it (the runtime installs ring as the
#   rustls provider; without that reqwest panics): the runtime's tls test, run in that
#   configuration.
#
#   .ci/runtime-features.sh        (run by .ci/run; about a minute on a warm target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
    echo "error: $*" >&2
    exit 1
}

# deps PACKAGE CARGO_TREE_ARGS...: the normal dependencies' names, one a line.
deps() {
    local package="$1"
    shift
    cargo tree -q -p "$package" -e normal --prefix none "$@" | awk '{ print $1 }' | sort -u
}

# duplicates CARGO_TREE_ARGS...: crates the runtime's graph holds in two versions.
duplicates() {
    cargo tree -q -p specforge -e normal -d --depth 0 --prefix none "$@" 2>/dev/null | awk 'NF { print $1, $2 }'
}

dups=$(duplicates)
[ -z "$dups" ] || fail "the runtime's default graph has duplicated crates:"$'\n'"$dups"
# ring 0.17 draws from getrandom 0.2, uuid (idempotency keys) from getrandom 0.4: the
# one duplicate the ecosystem imposes there.
dups=$(duplicates --no-default-features --features rustls-ring | grep -v '^getrandom ' || true)
[ -z "$dups" ] || fail "the runtime's rustls-ring graph has duplicated crates:"$'\n'"$dups"

unwanted='^(aws-lc-rs|aws-lc-sys|async-compression|flate2|brotli|zstd)$'
for tls in rustls-ring native-tls ""; do
    found=$(deps specforge --no-default-features --features "$tls" | grep -E "$unwanted" || true)
    [ -z "$found" ] || fail "specforge with features [${tls}] still depends on: $found"
    echo "ok: specforge --no-default-features --features '${tls}': no aws-lc, no compression"
done
deps specforge --no-default-features --features rustls-ring | grep -qx ring ||
    fail "rustls-ring does not bring ring"
deps specforge | grep -qx aws-lc-sys || fail "the default features do not bring aws-lc (rustls-aws-lc)"

found=$(deps example-cli-crate --no-default-features --features native-tls | grep -E "$unwanted" || true)
[ -z "$found" ] || fail "a generated crate with native-tls alone still depends on: $found"
echo "ok: a generated crate forwards native-tls without aws-lc"

cargo test -q -p specforge --lib --no-default-features --features rustls-ring tls::
echo "ok: the runtime builds with rustls-ring and a client builds"
