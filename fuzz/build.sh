#!/usr/bin/env bash
# Builds the libFuzzer + AddressSanitizer harness over ClearanceImaging's own decode sources.
# SwiftPM cannot link a libFuzzer binary, so this compiles the listed files directly with swiftc.
#
#   fuzz/build.sh                 # -> fuzz/work/png_fuzz
#   fuzz/run.sh [runs]            # seeds -> fuzz/work/corpus, default 1,000,000 runs
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/work
# shellcheck disable=SC2046
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name ClearanceImaging -I Sources/CLibPNG \
    $(cat fuzz/sources.txt) fuzz/FuzzEntry.swift \
    -lpng16 -o fuzz/work/png_fuzz
echo "built fuzz/work/png_fuzz"
