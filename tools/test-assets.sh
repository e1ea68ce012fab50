#!/usr/bin/env bash
# Prepares what the integration tests boot: Debian's kernel and a small initrd, in target/test-assets.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/demo-assets.sh"
mkdir -p "$root/target/test-assets"
demo_assets "$root/target/test-assets"
chmod -R a+rX "$root/target/test-assets"
echo "test assets: $(ls "$root/target/test-assets" | tr '\n' ' ')" >&2
