#!/usr/bin/env bash
# Builds the guests of the vm and microvm examples from Debian packages:
#   OUT/vmlinuz             the kernel of linux-image-amd64 (apt-get download, then dpkg -x)
#   OUT/rootfs.cpio.gz      a rootfsImage: an initramfs with busybox-static, ./init and ./run
#   OUT/disk.img            a diskImage: a 16 MiB ext4 file system with the same files
#   OUT/boot-initrd.cpio.gz the initramfs that mounts a diskImage (./boot-init and the kernel's
#                           virtio block and ext4 modules), for the providers' diskInitrd setting
# Needs apt-get, dpkg, cpio, gzip, mke2fs and busybox-static (apt-get install cpio busybox-static).
# Usage: examples/vm/build.sh [OUT], OUT defaults to examples/vm/out. Reruns reuse the kernel.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in apt-get dpkg cpio gzip mke2fs; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found; install it first" >&2; exit 1; }
done
[ -x /bin/busybox ] || { echo "build.sh: /bin/busybox not found; apt-get install busybox-static" >&2; exit 1; }

# The modules a disk root needs, each after those it depends on (the depends= field of the
# module's .modinfo); Debian's kernel builds them as modules, not into the kernel.
modules=(crc16 crc32c_generic mbcache jbd2 ext4 virtio_ring virtio virtio_pci_legacy_dev
  virtio_pci_modern_dev virtio_pci virtio_blk)

if [ ! -s "$out/vmlinuz" ] || [ ! -s "$out/modules/virtio_blk.ko" ]; then
  # linux-image-amd64 is a metapackage; its dependency is the versioned kernel package.
  kernel_package="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')"
  if [ -z "$kernel_package" ]; then
    echo "build.sh: apt-cache knows no linux-image-amd64; run apt-get update first" >&2
    exit 1
  fi
  (cd "$work" && apt-get download "$kernel_package" >/dev/null 2>&1) || {
    echo "build.sh: apt-get download $kernel_package failed" >&2; exit 1; }
  dpkg -x "$work"/"$kernel_package"_*.deb "$work/kernel"
  rm -rf "$out/modules" && mkdir -p "$out/modules"
  for module in "${modules[@]}"; do
    find "$work"/kernel/lib/modules -name "$module.ko" -exec cp {} "$out/modules/" \;
  done
  cp "$work"/kernel/boot/vmlinuz-* "$out/vmlinuz.tmp"
  mv "$out/vmlinuz.tmp" "$out/vmlinuz"
fi

mkdir -p "$work/rootfs/bin" "$work/rootfs/boss"
cp /bin/busybox "$work/rootfs/bin/busybox"
install -m 0755 "$here/init" "$work/rootfs/init"
install -m 0755 "$here/run" "$work/rootfs/boss/run"
(cd "$work/rootfs" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/rootfs.cpio.gz.tmp"
mv "$out/rootfs.cpio.gz.tmp" "$out/rootfs.cpio.gz"

# The same files as an ext4 disk image; mke2fs -d fills it without mounting anything.
mke2fs -q -F -t ext4 -d "$work/rootfs" -L boss-root "$out/disk.img.tmp" 16M >/dev/null
mv "$out/disk.img.tmp" "$out/disk.img"

mkdir -p "$work/boot/bin" "$work/boot/modules"
cp /bin/busybox "$work/boot/bin/busybox"
install -m 0755 "$here/boot-init" "$work/boot/init"
cp "$out"/modules/*.ko "$work/boot/modules/"
printf '%s\n' "${modules[@]}" > "$work/boot/modules/order"
(cd "$work/boot" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/boot-initrd.cpio.gz.tmp"
mv "$out/boot-initrd.cpio.gz.tmp" "$out/boot-initrd.cpio.gz"
echo "build.sh: wrote $out/vmlinuz, $out/rootfs.cpio.gz, $out/disk.img and $out/boot-initrd.cpio.gz"
