#!/usr/bin/env bash
# Runs the PNG fuzzer: seeds in fuzz/seeds, growing corpus and any crash files in fuzz/work.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
[ -x fuzz/work/png_fuzz ] || fuzz/build.sh
mkdir -p fuzz/work/corpus fuzz/work/artifacts
cp -n fuzz/seeds/*.png fuzz/work/corpus/ 2>/dev/null || true
exec fuzz/work/png_fuzz -runs="$runs" -max_len=8192 -dict=fuzz/png.dict -rss_limit_mb=2048 \
    -artifact_prefix=fuzz/work/artifacts/ -print_final_stats=1 fuzz/work/corpus
