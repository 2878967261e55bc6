#!/usr/bin/env bash
# Installs what reading images (and image-only PDF pages, with --ocr) needs: Debian's Tesseract with its
# Arabic and English models, driven by pytesseract; and libfribidi0, which Pillow's text layout loads to
# render Arabic right to left (the OCR tests and `basira bench` draw their own test images).
# Idempotent: does nothing when all are already installed.
set -euo pipefail

need=()
for package in tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng libfribidi0; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done

if [ "${#need[@]}" -eq 0 ]; then
    echo "ocr deps: tesseract-ocr (ara, eng) and libfribidi0 already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
echo "ocr deps: installed ${need[*]}"
