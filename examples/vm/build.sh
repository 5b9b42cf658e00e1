#!/usr/bin/env bash
# Builds the guest of the vm and microvm examples from Debian packages:
#   OUT/vmlinuz          the kernel of linux-image-amd64 (apt-get download, then dpkg -x)
#   OUT/rootfs.cpio.gz   an initramfs with busybox-static, ./init and ./run
# Needs apt-get, dpkg, cpio, gzip and busybox-static (apt-get install cpio busybox-static).
# Usage: examples/vm/build.sh [OUT], OUT defaults to examples/vm/out. Reruns reuse the kernel.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in apt-get dpkg cpio gzip; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found; install it first" >&2; exit 1; }
done
[ -x /bin/busybox ] || { echo "build.sh: /bin/busybox not found; apt-get install busybox-static" >&2; exit 1; }

if [ ! -s "$out/vmlinuz" ]; then
  # linux-image-amd64 is a metapackage; its dependency is the versioned kernel package.
  kernel_package="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')"
  if [ -z "$kernel_package" ]; then
    echo "build.sh: apt-cache knows no linux-image-amd64; run apt-get update first" >&2
    exit 1
  fi
  (cd "$work" && apt-get download "$kernel_package" >/dev/null 2>&1) || {
    echo "build.sh: apt-get download $kernel_package failed" >&2; exit 1; }
  dpkg -x "$work"/"$kernel_package"_*.deb "$work/kernel"
  cp "$work"/kernel/boot/vmlinuz-* "$out/vmlinuz.tmp"
  mv "$out/vmlinuz.tmp" "$out/vmlinuz"
fi

mkdir -p "$work/rootfs/bin" "$work/rootfs/boss"
cp /bin/busybox "$work/rootfs/bin/busybox"
install -m 0755 "$here/init" "$work/rootfs/init"
install -m 0755 "$here/run" "$work/rootfs/boss/run"
(cd "$work/rootfs" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/rootfs.cpio.gz.tmp"
mv "$out/rootfs.cpio.gz.tmp" "$out/rootfs.cpio.gz"
echo "build.sh: wrote $out/vmlinuz and $out/rootfs.cpio.gz"
