#!/usr/bin/env bash
# Installs what the browser tests (tests/web, marker "browser") need: Debian's chromium, driven by
# Playwright for Python through executable_path=/usr/bin/chromium, and the Noto fonts so that Arabic
# renders in screenshots. Idempotent: does nothing when both are already installed. Installing needs root
# or sudo (apt-get); when that is impossible or fails, CI=true fails here, elsewhere a warning is printed and
# tests/conftest.py skips the browser tests, each with the reason.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed" || need+=(fonts-noto-core)

if [ "${#need[@]}" -eq 0 ]; then
    echo "browser deps: chromium and fonts-noto-core already installed"
    exit 0
fi

give_up() {
    case "${CI:-}" in
        true|1|yes) echo "browser deps: FAILED: $1" >&2; exit 1 ;;
    esac
    echo "browser deps: WARNING: $1; the browser tests will be skipped" >&2
    exit 0
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || give_up "need root or sudo to apt-get install ${need[*]}"
    SUDO="sudo"  # may ask for the password once
fi
command -v apt-get >/dev/null 2>&1 || give_up "no apt-get here to install ${need[*]} (a Debian/Ubuntu system is needed)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || give_up "apt-get update failed"
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" || give_up "apt-get install ${need[*]} failed"
echo "browser deps: installed ${need[*]}"
