#!/usr/bin/env bash
# Runs the benchmarks in Release. Usage: scripts/bench.sh [mode]   (default: all; e.g. validation)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- all
fi
dotnet run -c Release --project tests/SiteBuilder.Benchmarks -- "$@"
