#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing.
# Browser tests never download a browser; they drive /usr/bin/chromium (or $CHROMIUM_PATH).
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing at $bin and this is not root: run 'apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$bin" --version
