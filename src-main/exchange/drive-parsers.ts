/**
 * The pure half of finding places to write an export to (drives.ts does the I/O): reading the
 * text the system gives us — /proc/mounts, XDG's user-dirs.dirs, PowerShell's volume list — and
 * deciding the order the screen offers them in. Kept apart so fixtures can test it on any OS.
 */
import type { ExchangeDrive } from '../../src-preload/contract';

export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
}

/** /proc/mounts writes space, tab, newline and backslash in paths as octal escapes (`\040`). */
const unescapeMountField = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** `/dev/sdb1 /media/zhou/KINGSTON vfat rw,… 0 0` per line; later mounts on the same point hide earlier ones. */
export function parseProcMounts(text: string): MountEntry[] {
  const byMountPoint = new Map<string, MountEntry>();
  for (const line of text.split('\n')) {
    const [device, mountPoint, fsType] = line.trim().split(/\s+/);
    if (!device || !mountPoint || !fsType) continue;
    const entry = { device: unescapeMountField(device), mountPoint: unescapeMountField(mountPoint), fsType };
    byMountPoint.delete(entry.mountPoint); // keep the latest, in mount order
    byMountPoint.set(entry.mountPoint, entry);
  }
  return [...byMountPoint.values()];
}

/** Systemd's automount placeholders, kernel file systems and RAM disks (gone at power-off) are never a place for an export. */
const NOT_STORAGE = new Set([
  'autofs', 'proc', 'sysfs', 'devpts', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'binfmt_misc', 'fusectl', 'mqueue', 'configfs',
  'tmpfs', 'devtmpfs', 'ramfs', 'overlay',
]);

export type MountPlace = 'media' | 'mnt';

/**
 * Where Linux desktops mount sticks: udisks uses /media/<user>/<label> (Debian, Ubuntu) or
 * /run/media/<user>/<label> (Fedora, openSUSE); usbmount-style setups use /media/<name>; people
 * mount by hand under /mnt/<name>. Another user's /media/<them>/… is not ours to write to.
 */
export function exchangeMountPlace(mountPoint: string, user: string): MountPlace | null {
  const parts = mountPoint.split('/').filter(Boolean);
  if (parts[0] === 'media') {
    if (parts.length === 2) return 'media';
    if (parts.length >= 3 && parts[1] === user) return 'media';
    return null;
  }
  if (parts[0] === 'run' && parts[1] === 'media') return parts.length >= 4 && parts[2] === user ? 'media' : null;
  if (parts[0] === 'mnt' && parts.length >= 2) return 'mnt';
  return null;
}

/** The mounts worth offering, each with where it sits (which decides "removable" when /sys cannot). */
export function linuxExchangeMounts(mounts: readonly MountEntry[], user: string): (MountEntry & { place: MountPlace })[] {
  const found: (MountEntry & { place: MountPlace })[] = [];
  for (const mount of mounts) {
    if (NOT_STORAGE.has(mount.fsType)) continue;
    const place = exchangeMountPlace(mount.mountPoint, user);
    if (place) found.push({ ...mount, place });
  }
  return found;
}

/**
 * The whole disk a partition device belongs to, as named under /sys/block: `/dev/sdb1` → `sdb`,
 * `/dev/nvme0n1p2` → `nvme0n1`, `/dev/mmcblk0p1` → `mmcblk0`. Null for what is not a /dev block
 * device (network shares, fuse, drvfs under WSL): for those we cannot tell.
 */
export function diskOfDevice(device: string): string | null {
  const m = /^\/dev\/([a-z][a-z0-9]*)$/.exec(device);
  if (!m) return null;
  const name = m[1]!;
  const numbered = /^((?:nvme\d+n\d+)|(?:mmcblk\d+)|(?:loop\d+)|(?:md\d+)|(?:sr\d+))(?:p\d+)?$/.exec(name);
  if (numbered) return numbered[1]!;
  return name.replace(/\d+$/, '');
}

/** `XDG_DESKTOP_DIR="$HOME/桌面"` → the desktop and documents folders (Chinese desktops name them 桌面, 文档). */
export function parseUserDirs(text: string, home: string): { desktop?: string; documents?: string } {
  const dirs: { desktop?: string; documents?: string } = {};
  for (const line of text.split('\n')) {
    const m = /^\s*XDG_(DESKTOP|DOCUMENTS)_DIR\s*=\s*"(.*)"\s*$/.exec(line);
    if (!m) continue;
    const path = m[2]!.replace(/^\$HOME(?=\/|$)/, home).replace(/\\"/g, '"');
    if (!path.startsWith('/')) continue; // only absolute paths or $HOME/… are allowed by the spec
    if (m[1] === 'DESKTOP') dirs.desktop = path;
    else dirs.documents = path;
  }
  return dirs;
}

export interface WindowsVolume {
  /** `E:` */
  letter: string;
  label: string;
  /** Win32_LogicalDisk.DriveType: 2 removable, 3 local disk, 4 network, 5 CD. */
  driveType: number | null;
}

/**
 * `Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID,DriveType,VolumeName | ConvertTo-Json`:
 * one object when there is one disk, an array otherwise. Anything unreadable gives an empty list
 * (the caller then falls back to probing the letters).
 */
export function parseWindowsVolumes(json: string): WindowsVolume[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  const volumes: WindowsVolume[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const { DeviceID, DriveType, VolumeName } = item as Record<string, unknown>;
    if (typeof DeviceID !== 'string' || !/^[A-Z]:$/i.test(DeviceID)) continue;
    volumes.push({ letter: DeviceID.toUpperCase(), label: typeof VolumeName === 'string' ? VolumeName : '', driveType: typeof DriveType === 'number' ? DriveType : null });
  }
  return volumes;
}

const KIND_ORDER: Record<ExchangeDrive['kind'], number> = { removable: 0, fixed: 1, desktop: 2, documents: 3, home: 4 };

/** Removable drives first (the export is for a stick), then other disks, then the user's own folders; each path once. */
export function orderDrives(drives: readonly ExchangeDrive[]): ExchangeDrive[] {
  const seen = new Set<string>();
  return [...drives]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.kind === 'removable' || a.kind === 'fixed' ? a.path.localeCompare(b.path) : 0))
    .filter((d) => (seen.has(d.path) ? false : (seen.add(d.path), true)));
}
