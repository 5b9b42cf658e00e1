#!/usr/bin/env bash
# Builds every example's artifact from the sources in examples/, then writes ready-to-apply pods
# with absolute artifact paths (the API requires them) to examples/out/:
#   bin/bossctl apply -f examples/out/wasm-pod.yaml
# Needs wabt, busybox-static, cpio and apt-get (for the VM kernel); .ci/run installs them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out"
mkdir -p "$out"

"$here/wasm/build.sh" "$out/wasm"
"$here/container/build.sh" "$out/container"
"$here/vm/build.sh" "$here/vm/out"

for template in "$here"/templates/*.yaml; do
  sed -e "s|@EXAMPLES@|$here|g" "$template" > "$out/$(basename "$template")"
done
echo "examples: pods written to $out"
