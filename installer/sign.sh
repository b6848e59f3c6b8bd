#!/usr/bin/env bash
# Authenticode-sign Windows executables and the NSIS installer of Biên chế (issue 22).
#
#   BIENCHE_SIGN_PFX=/path/cert.pfx BIENCHE_SIGN_PASSWORD=… installer/sign.sh [--timestamp URL] FILE…
#
# Uses osslsigncode (Debian package "osslsigncode"), SHA-256, with the certificate the deploying
# organisation gives in BIENCHE_SIGN_PFX (PKCS#12) and its password in BIENCHE_SIGN_PASSWORD (read
# from a private temporary file, never put on a command line). Each FILE is signed to a temporary
# name in its own folder, then renamed over the original: a failed run leaves the file as it was.
# --timestamp URL (or BIENCHE_SIGN_TIMESTAMP_URL) adds an RFC 3161 timestamp when the build machine
# is online, so the signature stays valid after the certificate expires.
# With BIENCHE_SIGN_CA=ca.pem each signed file is verified against that root before the rename.
set -euo pipefail

timestamp="${BIENCHE_SIGN_TIMESTAMP_URL:-}"
if [ "${1:-}" = "--timestamp" ]; then
  timestamp="${2:?--timestamp cần một địa chỉ}"
  shift 2
fi
[ $# -gt 0 ] || { echo "Cách dùng: installer/sign.sh [--timestamp URL] TỆP…" >&2; exit 2; }
pfx="${BIENCHE_SIGN_PFX:?Thiếu BIENCHE_SIGN_PFX: đường dẫn tệp chứng thư .pfx}"
[ -r "$pfx" ] || { echo "Không đọc được tệp chứng thư «$pfx»." >&2; exit 2; }
command -v osslsigncode >/dev/null || { echo "Thiếu osslsigncode (apt-get install osslsigncode)." >&2; exit 2; }

passfile="$(mktemp)"
trap 'rm -f "$passfile"' EXIT
chmod 600 "$passfile"
printf '%s' "${BIENCHE_SIGN_PASSWORD:-}" > "$passfile"

for file in "$@"; do
  [ -f "$file" ] || { echo "Không có tệp «$file»." >&2; exit 2; }
  tmp="$(dirname "$file")/.$(basename "$file").signing.tmp"
  rm -f "$tmp"
  args=(sign -pkcs12 "$pfx" -readpass "$passfile" -h sha256 -n "Biên chế" -in "$file" -out "$tmp")
  [ -n "$timestamp" ] && args+=(-ts "$timestamp")
  if ! osslsigncode "${args[@]}" >/dev/null; then
    rm -f "$tmp"; echo "Ký «$file» không thành công." >&2; exit 1
  fi
  if [ -n "${BIENCHE_SIGN_CA:-}" ] && ! osslsigncode verify -CAfile "$BIENCHE_SIGN_CA" -in "$tmp" >/dev/null; then
    rm -f "$tmp"; echo "Chữ ký của «$file» không xác minh được với BIENCHE_SIGN_CA." >&2; exit 1
  fi
  mv -f "$tmp" "$file"
  echo "Đã ký: $file"
done
