#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need first.
#   - the emulators' npm packages (dynalite for DynamoDB, s3rver for S3, @cdktf/hcl2json for the Terraform checks), from the committed lock file
#   - Debian's chromium for the browser tests, and python3-httpx and curl for the documentation's samples
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Storage"]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '\n== %s\n' "$*"; }

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  say "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
python3 -c 'import httpx' >/dev/null 2>&1 || /usr/bin/python3 -c 'import httpx' >/dev/null 2>&1 || missing+=(python3-httpx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
# Debian's python3-httpx lives in the system interpreter; prefer it when another python3 comes first on PATH.
if ! python3 -c 'import httpx' >/dev/null 2>&1 && [ -x /usr/bin/python3 ]; then
  export SITEBUILDER_PYTHON=/usr/bin/python3
fi

say "Installing the emulators (npm ci in tests/emulators)"
(cd tests/emulators && npm ci --no-audit --no-fund --loglevel=error)

say "Building"
dotnet build SiteBuilder.Portal.sln -c Release --nologo -v quiet

say "Testing"
if [ $# -gt 0 ]; then
  dotnet test SiteBuilder.Portal.sln -c Release --no-build --nologo "$@"
  exit
fi
# The browser tests run alone, after the others: they watch one live portal at a person's pace, and on two cores the
# other projects' test hosts beside them once held a sign-in past its 45 s wait. Both phases run; either failing fails.
status=0
dotnet test SiteBuilder.Portal.sln -c Release --no-build --nologo --filter "FullyQualifiedName!~SiteBuilder.E2E." || status=$?
say "Testing in the browser"
dotnet test tests/SiteBuilder.E2E -c Release --no-build --nologo || status=$?
exit $status
