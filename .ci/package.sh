#!/usr/bin/env bash
# The three published crates package without a warning (metadata, readme, license
# files, includes). Offline and without building: under a second.
#
#   .ci/package.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(cargo package --offline --no-verify --allow-dirty \
    -p specforge -p specforge-codegen -p specforge-macro 2>&1)
echo "$out"
if grep -qi 'warning' <<<"$out"; then
    echo "error: cargo package warned (above)" >&2
    exit 1
fi
