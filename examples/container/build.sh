#!/usr/bin/env bash
# Builds the container example's image: a root file system tar with busybox-static, which the
# container provider imports with `podman import` (no registry is involved).
# Usage: examples/container/build.sh [OUT], OUT defaults to examples/container/out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)"
[ -x /bin/busybox ] || { echo "build.sh: /bin/busybox not found; apt-get install busybox-static" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/bin" "$work/tmp" "$work/proc" "$work/sys" "$work/dev"
cp /bin/busybox "$work/bin/busybox"
for applet in sh echo sleep cat env ls hostname uname; do
  ln -s busybox "$work/bin/$applet"
done
tar -C "$work" --owner=0 --group=0 --sort=name --mtime=@0 -cf "$out/busybox-rootfs.tar.tmp" .
mv "$out/busybox-rootfs.tar.tmp" "$out/busybox-rootfs.tar"
echo "build.sh: wrote $out/busybox-rootfs.tar"
