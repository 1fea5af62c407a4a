#!/usr/bin/env bash
# Self-signed development certificate for the reference server (127.0.0.1,
# localhost, ::1). Usage: scripts/make-dev-cert.sh <outdir>
# Writes <outdir>/cert.pem and <outdir>/key.pem. Clients trust cert.pem as
# their CA (e.g. connect-node `nodeOptions: { ca }`, Python `tls_cert_path`).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <outdir>" >&2
  exit 2
fi
outdir=$1
command -v openssl >/dev/null || { echo "error: openssl not found" >&2; exit 1; }
mkdir -p "$outdir"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -days 825 -subj "/CN=mosaico-dev" \
  -addext "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,digitalSignature,keyCertSign" \
  -addext "extendedKeyUsage=serverAuth" \
  -keyout "$outdir/key.pem" -out "$outdir/cert.pem" 2>/dev/null
chmod 600 "$outdir/key.pem"
echo "wrote $outdir/cert.pem and $outdir/key.pem"
