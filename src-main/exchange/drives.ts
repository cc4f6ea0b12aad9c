/**
 * Places to write an export to or read imports from (issue 5): removable drives first — the
 * export is meant for a USB stick — then other disks, then the user's desktop, documents and home
 * folder as fallbacks. And the .cdx files in a chosen folder.
 *
 * Removable detection, per system:
 * - Linux: mounts under /media, /run/media/<user>, /mnt (from /proc/mounts); removable when the
 *   disk says so in /sys/block/<disk>/removable or sits on a USB bus, else judged by where it is
 *   mounted (udisks mounts sticks under /media; /mnt is for disks mounted by hand).
 * - Windows: the drive letters that exist; PowerShell's Win32_LogicalDisk says which are removable
 *   (DriveType 2). If PowerShell does not answer within a few seconds the letters are still
 *   listed, none marked removable (USB hard disks report DriveType 3 anyway).
 * - macOS: /Volumes/*, every one but the start-up disk counted as removable.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { readdir, stat, statfs } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { ExchangeDrive, ExchangeFile } from '../../src-preload/contract';
import { toWallTime } from '../../src-preload/contract/wall-time';
import { CDX_EXTENSION } from './cdx-format';
import { exchangeErrors } from './exchange-error';
import { diskOfDevice, linuxExchangeMounts, orderDrives, parseProcMounts, parseUserDirs, parseWindowsVolumes, type MountEntry, type MountPlace } from './drive-parsers';

/** Free space in bytes, or null when the system will not say (a stick pulled a moment ago). */
async function freeBytesOf(path: string): Promise<number | null> {
  try {
    const s = await statfs(path);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** /sys knows whether a disk is removable; a USB disk that says 0 (most USB hard disks) still sits on a USB bus. */
function linuxRemovable(mount: MountEntry & { place: MountPlace }): boolean {
  const disk = diskOfDevice(mount.device);
  if (disk) {
    const flag = readText(`/sys/block/${disk}/removable`);
    if (flag !== null) {
      if (flag.trim() === '1') return true;
      try {
        return realpathSync(`/sys/block/${disk}`).includes('/usb');
      } catch {
        return false;
      }
    }
  }
  return mount.place === 'media';
}

function linuxDrives(): Omit<ExchangeDrive, 'freeBytes'>[] {
  const text = readText('/proc/mounts') ?? '';
  return linuxExchangeMounts(parseProcMounts(text), userInfo().username).map((mount) => {
    const removable = linuxRemovable(mount);
    return { path: mount.mountPoint, label: basename(mount.mountPoint), kind: removable ? 'removable' : 'fixed', removable };
  });
}

function macDrives(): Omit<ExchangeDrive, 'freeBytes'>[] {
  let names: string[];
  try {
    names = readdirSync('/Volumes');
  } catch {
    return [];
  }
  const drives: Omit<ExchangeDrive, 'freeBytes'>[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join('/Volumes', name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue;
    }
    if (real === '/') continue; // "Macintosh HD" is a link to the start-up disk
    drives.push({ path, label: name, kind: 'removable', removable: true });
  }
  return drives;
}

/** PowerShell's list of logical disks, or [] if it does not answer in time. */
function windowsVolumes(): Promise<ReturnType<typeof parseWindowsVolumes>> {
  const script = 'Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID,DriveType,VolumeName | ConvertTo-Json -Compress';
  return new Promise((resolve) => {
    execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { timeout: 5000, windowsHide: true }, (error, stdout) => {
      resolve(error ? [] : parseWindowsVolumes(stdout));
    });
  });
}

async function windowsDrives(): Promise<Omit<ExchangeDrive, 'freeBytes'>[]> {
  const volumes = await windowsVolumes();
  const known = new Map(volumes.map((v) => [v.letter, v]));
  const drives: Omit<ExchangeDrive, 'freeBytes'>[] = [];
  for (const code of Array.from({ length: 26 }, (_, i) => 65 + i)) {
    const letter = `${String.fromCharCode(code)}:`;
    const volume = known.get(letter);
    if (volume && (volume.driveType === 4 || volume.driveType === 5)) continue; // network shares and CD drives: not for an export
    if (!volume && !existsSync(`${letter}\\`)) continue;
    const removable = volume?.driveType === 2;
    drives.push({ path: `${letter}\\`, label: volume?.label ? `${volume.label} (${letter})` : letter, kind: removable ? 'removable' : 'fixed', removable });
  }
  return drives;
}

/** Desktop, documents and home folder, where they exist (a Chinese Linux desktop calls them 桌面 and 文档). */
function userFolders(): Omit<ExchangeDrive, 'freeBytes'>[] {
  const home = homedir();
  const xdg = process.platform === 'linux' ? parseUserDirs(readText(join(home, '.config', 'user-dirs.dirs')) ?? '', home) : {};
  const candidates: Omit<ExchangeDrive, 'freeBytes'>[] = [
    { path: xdg.desktop ?? join(home, 'Desktop'), label: '', kind: 'desktop', removable: false },
    { path: xdg.documents ?? join(home, 'Documents'), label: '', kind: 'documents', removable: false },
    { path: home, label: '', kind: 'home', removable: false },
  ];
  return candidates.filter((c) => c.path !== '' && existsSync(c.path)).map((c) => ({ ...c, label: basename(c.path) || c.path }));
}

/** Everything the folder chooser offers, removable drives first, each with its free space. */
export async function listDrives(): Promise<ExchangeDrive[]> {
  const system =
    process.platform === 'win32' ? await windowsDrives() : process.platform === 'darwin' ? macDrives() : process.platform === 'linux' ? linuxDrives() : [];
  const places = orderDrives([...system, ...userFolders()].map((d) => ({ ...d, freeBytes: null })));
  return Promise.all(places.map(async (d) => ({ ...d, freeBytes: await freeBytesOf(d.path) })));
}

/** The export files in a folder (not its subfolders; never the hidden `.part` files of an unfinished export), newest first. */
export async function listCdxFiles(folder: string, timeZone: string): Promise<ExchangeFile[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    throw exchangeErrors.invalid('folder', 'exchange.folderUnreadable');
  }
  const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith(CDX_EXTENSION)).map((e) => e.name);
  const files: (ExchangeFile & { mtimeMs: number })[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      const s = await stat(path);
      files.push({ path, name, bytes: s.size, modifiedAt: toWallTime(s.mtime, timeZone), mtimeMs: s.mtimeMs });
    } catch {
      // removed between listing and stat: not there any more
    }
  }
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name)).map(({ mtimeMs: _, ...file }) => file);
}
