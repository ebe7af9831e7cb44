#!/usr/bin/env bash
# Debian packages the tests use: Prometheus with promtool (scrapes services, tests alert rules),
# kcat (an independent Kafka producer), Chromium (the account page's browser test) and openssl (test
# certificates). Installed with apt-get when missing; needs root or sudo.
set -euo pipefail
missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v kcat >/dev/null || missing+=(kcat)
command -v chromium >/dev/null || missing+=(chromium)
# openssl makes the throw-away CA and certificates of the secured-broker tests.
command -v openssl >/dev/null || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then as_root=(); elif sudo -n true 2>/dev/null; then as_root=(sudo -n); else
  echo "[system-packages] missing ${missing[*]}: install them with apt-get (needs root)" >&2
  exit 1
fi
echo "[system-packages] installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "[system-packages] apt-get could not install ${missing[*]}" >&2
  exit 1
fi
rm -f "$log"
# The Debian package starts a Prometheus service where an init system runs; the tests start their own.
"${as_root[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
