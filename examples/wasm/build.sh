#!/usr/bin/env bash
# Assembles the WASM example from hello.wat with wabt's wat2wasm (apt-get install wabt).
# Usage: examples/wasm/build.sh [OUT], OUT defaults to examples/wasm/out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)"
command -v wat2wasm >/dev/null || { echo "build.sh: wat2wasm not found; apt-get install wabt" >&2; exit 1; }
wat2wasm "$here/hello.wat" -o "$out/hello.wasm"
echo "build.sh: wrote $out/hello.wasm"
