#!/usr/bin/env bash
# Installs what the pipeline needs on Debian or Ubuntu with Node.js 20:
# system packages (Chromium for the PDF and browser tests, Noto fonts, PDF tools,
# epubcheck for the EPUB tests),
# pnpm 12.4.2, and the workspace dependencies. Safe to run again: it skips what is there.
#
#   bash scripts/bootstrap.sh            install, then run `pnpm build`
#   bash scripts/bootstrap.sh --no-build install only (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages=(chromium fonts-noto-core poppler-utils qpdf epubcheck)
pnpm_version=12.4.2
build=1
[[ "${1:-}" == "--no-build" ]] && build=0

say() { printf '[bootstrap] %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if (( node_major < 20 )); then
  say "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))."
  say "Install it from your distribution or https://nodejs.org, then run this again."
  exit 3
fi

missing=()
for package in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  if ! command -v apt-get >/dev/null; then
    say "Not a Debian-like system: install these yourself: ${missing[*]} (or set CHROME_PATH to a Chrome binary)."
  else
    sudo=""
    if (( EUID != 0 )); then
      if command -v sudo >/dev/null; then sudo="sudo"; else say "Run as root or install sudo to install: ${missing[*]}"; exit 3; fi
    fi
    say "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [[ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]]; then
  say "Installing pnpm $pnpm_version"
  npm install --global --silent "pnpm@$pnpm_version"
fi

export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1
say "Installing workspace dependencies"
pnpm install --frozen-lockfile --reporter=silent

if (( build )); then
  pnpm build
fi
