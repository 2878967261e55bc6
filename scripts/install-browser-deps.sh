#!/usr/bin/env bash
# Installs what the browser tests (tests/web, marker "browser") need: Debian's chromium, driven by
# Playwright for Python through executable_path=/usr/bin/chromium, and the Noto fonts so that Arabic
# renders in screenshots. Idempotent: does nothing when both are already installed.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed" || need+=(fonts-noto-core)

if [ "${#need[@]}" -eq 0 ]; then
    echo "browser deps: chromium and fonts-noto-core already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
echo "browser deps: installed ${need[*]}"
