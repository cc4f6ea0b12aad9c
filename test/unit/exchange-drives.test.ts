/**
 * Finding the stick (issue 5): the text the system gives us — /proc/mounts, user-dirs.dirs,
 * PowerShell's volume list — read from fixtures taken from real machines, so these run on any OS.
 */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExchangeDrive } from '../../src-preload/contract';
import {
  diskOfDevice,
  exchangeMountPlace,
  linuxExchangeMounts,
  orderDrives,
  parseProcMounts,
  parseUserDirs,
  parseWindowsVolumes,
} from '../../src-main/exchange/drive-parsers';
import { listCdxFiles } from '../../src-main/exchange/drives';
import { ExchangeError } from '../../src-main/exchange/exchange-error';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'drives', name), 'utf8');

describe('/proc/mounts', () => {
  it('gives device, mount point and type, with octal escapes (spaces) decoded', () => {
    const mounts = parseProcMounts(fixture('ubuntu-desktop-with-stick.mounts'));
    expect(mounts).toContainEqual({ device: '/dev/sdb1', mountPoint: '/media/zhou/KINGSTON', fsType: 'vfat' });
    expect(mounts).toContainEqual({ device: '/dev/sdc1', mountPoint: '/media/zhou/总部 资料', fsType: 'exfat' });
  });

  it('keeps the latest mount on a point (a remount hides the earlier entry)', () => {
    const mounts = parseProcMounts(fixture('fedora-run-media.mounts')).filter((m) => m.mountPoint === '/run/media/li/USB DISK');
    expect(mounts).toHaveLength(1);
  });

  it('ignores blank and short lines', () => {
    expect(parseProcMounts('\n  \n/dev/sdb1 /media/x\n')).toEqual([]);
  });
});

describe('which mounts are offered', () => {
  it('Ubuntu: the user’s sticks under /media/<user> and disks under /mnt, not another user’s stick, the system disk or RAM disks', () => {
    const offered = linuxExchangeMounts(parseProcMounts(fixture('ubuntu-desktop-with-stick.mounts')), 'zhou');
    expect(offered.map((m) => [m.mountPoint, m.place])).toEqual([
      ['/media/zhou/KINGSTON', 'media'],
      ['/media/zhou/总部 资料', 'media'],
      ['/mnt/backup', 'mnt'],
    ]);
  });

  it('Fedora: /run/media/<user>/*', () => {
    const offered = linuxExchangeMounts(parseProcMounts(fixture('fedora-run-media.mounts')), 'li');
    expect(offered.map((m) => m.mountPoint)).toEqual(['/run/media/li/SD_CARD', '/run/media/li/USB DISK']);
    expect(linuxExchangeMounts(parseProcMounts(fixture('fedora-run-media.mounts')), 'zhou')).toEqual([]);
  });

  it('WSL: the Windows drives under /mnt, not the tmpfs at /mnt/wsl', () => {
    const offered = linuxExchangeMounts(parseProcMounts(fixture('wsl.mounts')), 'zhou');
    expect(offered.map((m) => [m.mountPoint, m.device])).toEqual([
      ['/mnt/c', 'drvfs'],
      ['/mnt/e', 'drvfs'],
    ]);
  });

  it('places: /media/<name> (usbmount), /media/<user>/<label>, /run/media/<user>/<label>, /mnt/<name>; not the roots themselves', () => {
    expect(exchangeMountPlace('/media/usb0', 'zhou')).toBe('media');
    expect(exchangeMountPlace('/media/zhou/STICK', 'zhou')).toBe('media');
    expect(exchangeMountPlace('/media/wang/STICK', 'zhou')).toBeNull();
    expect(exchangeMountPlace('/run/media/zhou/STICK', 'zhou')).toBe('media');
    expect(exchangeMountPlace('/run/media/zhou', 'zhou')).toBeNull();
    expect(exchangeMountPlace('/mnt/data', 'zhou')).toBe('mnt');
    expect(exchangeMountPlace('/mnt', 'zhou')).toBeNull();
    expect(exchangeMountPlace('/media', 'zhou')).toBeNull();
    expect(exchangeMountPlace('/home/zhou', 'zhou')).toBeNull();
  });
});

describe('the disk behind a partition, for /sys/block/<disk>/removable', () => {
  it.each([
    ['/dev/sdb1', 'sdb'],
    ['/dev/sdb', 'sdb'],
    ['/dev/nvme0n1p2', 'nvme0n1'],
    ['/dev/mmcblk0p1', 'mmcblk0'],
    ['/dev/mmcblk0', 'mmcblk0'],
    ['/dev/sr0', 'sr0'],
    ['/dev/vda', 'vda'],
  ])('%s → %s', (device, disk) => expect(diskOfDevice(device)).toBe(disk));

  it.each(['drvfs', '/dev/mapper/fedora-root', '//server/share', 'tmpfs'])('%s: cannot tell', (device) => expect(diskOfDevice(device)).toBeNull());
});

describe('XDG user folders', () => {
  it('reads 桌面 and 文档 on a Chinese desktop', () => {
    expect(parseUserDirs(fixture('user-dirs-zh.dirs'), '/home/zhou')).toEqual({ desktop: '/home/zhou/桌面', documents: '/home/zhou/文档' });
  });
  it('accepts absolute paths and ignores relative ones', () => {
    expect(parseUserDirs('XDG_DESKTOP_DIR="/data/desk"\nXDG_DOCUMENTS_DIR="docs"', '/home/zhou')).toEqual({ desktop: '/data/desk' });
  });
});

describe('Windows volumes from PowerShell', () => {
  it('reads letter, label and drive type', () => {
    expect(parseWindowsVolumes(fixture('windows-volumes.json'))).toEqual([
      { letter: 'C:', label: 'Windows', driveType: 3 },
      { letter: 'D:', label: '', driveType: 5 },
      { letter: 'E:', label: 'KINGSTON', driveType: 2 },
      { letter: 'Z:', label: '共享', driveType: 4 },
    ]);
  });
  it('accepts a single object (one disk) and survives garbage', () => {
    expect(parseWindowsVolumes('{"DeviceID":"C:","DriveType":3,"VolumeName":"OS"}')).toEqual([{ letter: 'C:', label: 'OS', driveType: 3 }]);
    expect(parseWindowsVolumes('')).toEqual([]);
    expect(parseWindowsVolumes('Get-CimInstance : 拒绝访问')).toEqual([]);
    expect(parseWindowsVolumes('[{"DeviceID":"\\\\\\\\server"}, null, 3]')).toEqual([]);
  });
});

describe('the order offered', () => {
  const drive = (path: string, kind: ExchangeDrive['kind']): ExchangeDrive => ({ path, label: path, kind, removable: kind === 'removable', freeBytes: null });
  it('removable drives first, then other disks, then desktop, documents, home; each path once', () => {
    const ordered = orderDrives([
      drive('/home/zhou', 'home'),
      drive('/mnt/backup', 'fixed'),
      drive('/home/zhou/桌面', 'desktop'),
      drive('/media/zhou/B', 'removable'),
      drive('/home/zhou/文档', 'documents'),
      drive('/media/zhou/A', 'removable'),
      drive('/home/zhou', 'home'),
    ]);
    expect(ordered.map((d) => d.path)).toEqual(['/media/zhou/A', '/media/zhou/B', '/mnt/backup', '/home/zhou/桌面', '/home/zhou/文档', '/home/zhou']);
  });
});

describe('listCdxFiles', () => {
  const folder = mkdtempSync(join(tmpdir(), 'complaint-desk-cdx-list-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the .cdx files newest first with size and Shanghai wall time; not part files, other files or subfolders', async () => {
    const write = (name: string, bytes: number, iso: string) => {
      writeFileSync(join(folder, name), Buffer.alloc(bytes));
      const at = new Date(iso);
      utimesSync(join(folder, name), at, at);
    };
    write('YGHA-20261101-20261130.cdx', 2048, '2026-12-01T01:30:00Z');
    write('LHJY-20261101-20261130.CDX', 10, '2026-12-02T02:05:00Z');
    write('.YGHA-20261201-20261231.cdx.1a2b3c4d.part', 5, '2026-12-03T00:00:00Z');
    write('notes.txt', 3, '2026-12-03T00:00:00Z');
    mkdirSync(join(folder, 'old.cdx'));
    const files = await listCdxFiles(folder, 'Asia/Shanghai');
    expect(files).toEqual([
      { path: join(folder, 'LHJY-20261101-20261130.CDX'), name: 'LHJY-20261101-20261130.CDX', bytes: 10, modifiedAt: '2026-12-02 10:05' },
      { path: join(folder, 'YGHA-20261101-20261130.cdx'), name: 'YGHA-20261101-20261130.cdx', bytes: 2048, modifiedAt: '2026-12-01 09:30' },
    ]);
  });

  it('a missing folder is refused naming the folder field', async () => {
    const error = await listCdxFiles(join(folder, 'pulled-out'), 'Asia/Shanghai').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error).toMatchObject({ field: 'folder', message: expect.stringContaining('找不到该文件夹') as unknown });
  });
});
