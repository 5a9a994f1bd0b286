#!/usr/bin/env bash
# Runs the benchmarks in Release. Usage: scripts/bench.sh [mode]   (default: all; modes: validation, generation, runbooks, pages, dashboard, recording)
# pages: bytes transferred (brotli where offered) for the sign-in page, the workspace, the API reference and the operations dashboard, document plus assets, and how many assets a later visit asks for again.
# recording: CPU per generation at 200 streams with metrics recorded and with SiteBuilder:Observability:Record=false (target ≤ 1 % more).
# generation: BENCH_GENERATION_CONCURRENCY=1,50,200 (the default) sets the concurrent streams of each offline run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- all
fi
dotnet run -c Release --project tests/SiteBuilder.Benchmarks -- "$@"
