import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CDX_HEADER_BYTES,
  CDX_TAG_BYTES,
  cdxFileBytes,
  newCdxKey,
  PendingManifest,
  readChunks,
  readCdx,
  readCdxHead,
  writeCdx,
  type ChunkReader,
  type CdxKey,
} from '../../src-main/exchange/cdx-format';
import type { ExchangeRefusal } from '../../src-main/exchange/exchange-error';
import { makeFolder, refusal, TEST_KDF } from '../helpers/exchange';
import { onePixelPng } from '../helpers/files';

const PASS = '正确的口令 correct horse';
const CHUNK = 4096;
const MANIFEST = { kind: 'test', office: '阳光花园服务中心', counts: { complaints: 3 } };

let folder: string;
let key: CdxKey;
let body: Buffer;
let file: Buffer;
let cdxPath: string;
let counter = 0;
const fresh = (name = 'x') => join(folder, `${name}-${counter++}`);

/** Write `bytes` as a file and try to read it; the refusal (or 'ok') and whether anything was left at the output path. */
async function tryRead(bytes: Buffer, passphrase: string | CdxKey = PASS) {
  const path = fresh('in.cdx');
  writeFileSync(path, bytes);
  const out = fresh('out');
  try {
    const outcome = await readCdx(path, passphrase, { outPath: out }).then(
      () => ({ reason: 'ok' as const, message: '' }),
      (error: unknown) => refusal(Promise.reject(error as Error)),
    );
    return { ...outcome, left: existsSync(out) };
  } finally {
    rmSync(path, { force: true });
    rmSync(out, { force: true });
  }
}

beforeAll(async () => {
  folder = makeFolder('cdx');
  key = await newCdxKey(PASS, TEST_KDF);
  body = randomBytes(3 * CHUNK + 100); // four chunks, the last one short
  const plain = join(folder, 'plain');
  writeFileSync(plain, body);
  cdxPath = join(folder, 'export.cdx');
  await writeCdx(plain, cdxPath, MANIFEST, key, { chunkBytes: CHUNK });
  file = readFileSync(cdxPath);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Change one byte of a file in place (whatever it was: a constant could equal it). */
function flipByte(path: string, at: number): void {
  const fd = openSync(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0]! ^= 0x01;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

const manifestEnd = () => CDX_HEADER_BYTES + file.readUInt32BE(44) + CDX_TAG_BYTES;

describe('a .cdx file read back', () => {
  it('gives the same body, manifest and fingerprint, and is exactly as long as its header says', async () => {
    const out = fresh('out');
    const read = await readCdx(cdxPath, PASS, { outPath: out });
    expect(readFileSync(out)).toEqual(body);
    expect(read.manifest).toEqual(MANIFEST);
    expect(read.header).toMatchObject({ formatVersion: 1, kdf: TEST_KDF, chunkBytes: CHUNK, bodyBytes: body.length });
    expect(file.length).toBe(cdxFileBytes(read.header));
    expect(file.length).toBe(manifestEnd() + body.length + 4 * CDX_TAG_BYTES);
    // Writing again gives another salt, nonce prefix and so another fingerprint; reading is stable.
    expect((await readCdx(cdxPath, PASS)).fingerprint).toBe(read.fingerprint);
  });

  it('keeps nothing readable: neither the manifest nor the body appear in the file', () => {
    expect(file.includes(Buffer.from('阳光花园'))).toBe(false);
    expect(file.includes(body.subarray(0, 32))).toBe(false);
  });

  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK])('round-trips a body of %i bytes', async (size) => {
    const plain = fresh('plain');
    const bytes = randomBytes(size);
    writeFileSync(plain, bytes);
    const path = fresh('sized.cdx');
    const written = await writeCdx(plain, path, { size }, key, { chunkBytes: CHUNK });
    const out = fresh('out');
    const read = await readCdx(path, PASS, { outPath: out });
    expect(readFileSync(out)).toEqual(bytes);
    expect(read.manifest).toEqual({ size });
    expect(read.fingerprint).toBe(written.fingerprint);
    expect(written.fileBytes).toBe(readFileSync(path).length);
  });

  it('reads with the key kept from writing (no second scrypt), and refuses a key of another salt', async () => {
    expect((await tryRead(file, key)).reason).toBe('ok');
    const other = await newCdxKey(PASS, TEST_KDF);
    expect((await tryRead(file, other)).reason).toBe('WRONG_PASSPHRASE_OR_CORRUPT');
  });

  it('treats the passphrase by its characters, not by how the keyboard composed them (NFC)', async () => {
    const composed = 'café-口令-2026';
    const plain = fresh('plain');
    writeFileSync(plain, body);
    const path = fresh('nfc.cdx');
    await writeCdx(plain, path, {}, await newCdxKey(composed, TEST_KDF));
    await expect(readCdx(path, composed.normalize('NFD'))).resolves.toBeTruthy();
  });
});

describe('a .cdx file that is refused', () => {
  it('refuses a wrong passphrase with a clear message and writes nothing', async () => {
    const result = await tryRead(file, '错误的口令');
    expect(result).toMatchObject({ reason: 'WRONG_PASSPHRASE_OR_CORRUPT', left: false });
    expect(result.message).toContain('口令错误或文件已损坏');
  });

  it('refuses every single-byte change of the header and the sealed manifest', async () => {
    const seen = new Map<ExchangeRefusal | 'ok', number>();
    for (let i = 0; i < manifestEnd(); i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bytes = Buffer.from(file);
        bytes[i]! ^= mask;
        const { reason, left } = await tryRead(bytes);
        expect(reason, `byte ${i} ^ ${mask}`).not.toBe('ok');
        expect(left, `byte ${i} ^ ${mask} left output`).toBe(false);
        seen.set(reason, (seen.get(reason) ?? 0) + 1);
        // Which check catches it: the magic, the version, else the authenticated header/manifest.
        if (i < 8) expect(reason).toBe('NOT_CDX');
        else if (i === 8 || i === 9) expect(['FORMAT_TOO_NEW', 'WRONG_PASSPHRASE_OR_CORRUPT']).toContain(reason);
        else expect(['WRONG_PASSPHRASE_OR_CORRUPT', 'TRUNCATED']).toContain(reason);
      }
    }
    expect(seen.get('WRONG_PASSPHRASE_OR_CORRUPT')).toBeGreaterThan(manifestEnd() * 2);
  });

  it('refuses a changed byte anywhere in the body (each chunk’s edges and tag, and a random sample)', async () => {
    const start = manifestEnd();
    const stride = CHUNK + CDX_TAG_BYTES;
    const positions = new Set<number>();
    for (let c = 0; c < 4; c++) {
      const chunkStart = start + c * stride;
      const chunkEnd = Math.min(chunkStart + stride, file.length);
      for (const p of [chunkStart, chunkStart + 1, chunkEnd - CDX_TAG_BYTES - 1, chunkEnd - CDX_TAG_BYTES, chunkEnd - 1]) positions.add(p);
    }
    while (positions.size < 150) positions.add(start + Math.floor(Math.random() * (file.length - start)));
    for (const p of positions) {
      const bytes = Buffer.from(file);
      bytes[p]! ^= 1 << Math.floor(Math.random() * 8);
      const result = await tryRead(bytes);
      expect(result, `body byte ${p}`).toMatchObject({ reason: 'CORRUPT', left: false });
      expect(result.message).toContain('文件已损坏');
    }
  });

  it('refuses chunks in another order', async () => {
    const start = manifestEnd();
    const stride = CHUNK + CDX_TAG_BYTES;
    const first = file.subarray(start, start + stride);
    const second = file.subarray(start + stride, start + 2 * stride);
    const swapped = Buffer.concat([file.subarray(0, start), second, first, file.subarray(start + 2 * stride)]);
    expect(await tryRead(swapped)).toMatchObject({ reason: 'CORRUPT', left: false });
  });

  it('says a truncated file is incomplete, at every kind of cut', async () => {
    const start = manifestEnd();
    const stride = CHUNK + CDX_TAG_BYTES;
    const cuts = [0, 1, 7, 8, 20, CDX_HEADER_BYTES - 1, CDX_HEADER_BYTES, CDX_HEADER_BYTES + 5, start - 1, start, start + 1, start + stride, start + 2 * stride + 7, file.length - CDX_TAG_BYTES, file.length - 1];
    for (const cut of cuts) {
      const result = await tryRead(file.subarray(0, cut));
      expect(result, `cut at ${cut}`).toMatchObject({ reason: 'TRUNCATED', left: false });
      expect(result.message).toContain('文件不完整（可能在拷贝时被拔出）');
    }
  });

  it('says a file with bytes added at the end is damaged', async () => {
    expect(await tryRead(Buffer.concat([file, Buffer.from([0])]))).toMatchObject({ reason: 'CORRUPT', left: false });
  });

  it('says a file that is not an export is not one (text, a PNG, a bare SQLite database)', async () => {
    const sqlitePath = fresh('db.sqlite');
    const db = new Database(sqlitePath);
    db.exec('CREATE TABLE t (x)');
    db.close();
    for (const bytes of [Buffer.from('投诉台导出？不是。\n'), onePixelPng(), readFileSync(sqlitePath)]) {
      const result = await tryRead(bytes);
      expect(result).toMatchObject({ reason: 'NOT_CDX', left: false });
      expect(result.message).toContain('不是投诉台导出文件');
    }
  });

  it('says a newer container format is too new, before asking scrypt for anything', async () => {
    const bytes = Buffer.from(file);
    bytes.writeUInt16BE(2, 8);
    const result = await tryRead(bytes);
    expect(result.reason).toBe('FORMAT_TOO_NEW');
    expect(result.message).toContain('导出格式版本过新');
  });

  it('does not let a hostile header ask scrypt for gigabytes', async () => {
    const bytes = Buffer.from(file);
    bytes.writeUInt8(30, 11); // N = 2^30: 1 TiB at r = 8
    const started = performance.now();
    expect((await tryRead(bytes)).reason).toBe('WRONG_PASSPHRASE_OR_CORRUPT');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a manifest finished after the body (the export: its content hash is computed meanwhile)', () => {
  const plainOf = (bytes: Buffer) => {
    const plain = fresh('plain');
    writeFileSync(plain, bytes);
    return plain;
  };
  const sized = (hash: string) => ({ ...MANIFEST, contentHash: hash });
  const keptBytes = Buffer.byteLength(JSON.stringify(sized('0'.repeat(128))));

  it('is asked for only once the body is written and read back; the file then reads as any other', async () => {
    const path = fresh('pending.cdx');
    const progress: string[] = [];
    let askedAfter: string[] = [];
    const written = await writeCdx(
      plainOf(body),
      path,
      new PendingManifest(keptBytes, () => {
        askedAfter = [...progress];
        return Promise.resolve(sized('f'.repeat(128)));
      }),
      key,
      { chunkBytes: CHUNK, onProgress: (done, total) => progress.push(`write ${done}/${total}`), readBack: { onProgress: (done, total) => progress.push(`read ${done}/${total}`) } },
    );
    expect(askedAfter.filter((p) => p.startsWith('write'))).toHaveLength(4);
    expect(askedAfter.at(-1)).toBe(`read ${body.length}/${body.length}`);
    const out = fresh('out');
    const read = await readCdx(path, PASS, { outPath: out });
    expect(readFileSync(out)).toEqual(body);
    expect(read.manifest).toEqual(sized('f'.repeat(128)));
    expect(read.fingerprint).toBe(written.fingerprint);
    expect((await readCdxHead(path, key)).head).toEqual(written.head);
  });

  it('read in ranges side by side: the same tags and plaintext as written; a damaged chunk in a range is refused', async () => {
    const ranges: string[] = [];
    const inThread: ChunkReader = (job, onProgress) => {
      ranges.push(`${job.chunks.first}-${job.chunks.end}`);
      return { tags: readChunks(job.path, job.header, job.key, job.chunks, { outPath: job.outPath, onProgress }), cancel: () => undefined };
    };
    const big = randomBytes(50 * CHUNK + 7);
    const path = fresh('ranges.cdx');
    const seen: number[] = [];
    // The export's read-back goes by ranges as well.
    const written = await writeCdx(plainOf(big), path, MANIFEST, key, { chunkBytes: CHUNK, readBack: { parts: 3, reader: inThread, minBytesPerPart: 16 * CHUNK } });
    expect(ranges).toEqual(['0-17', '17-34', '34-51']);
    ranges.length = 0;
    const checked = await readCdx(path, PASS, { parts: 3, reader: inThread, minBytesPerPart: 16 * CHUNK, onProgress: (done) => seen.push(done) });
    expect(ranges).toEqual(['0-17', '17-34', '34-51']);
    expect(seen.at(-1)).toBe(big.length);
    expect(checked.fingerprint).toBe(written.fingerprint);
    // Decrypted in ranges too: each range's plaintext lands at its place.
    const out = fresh('out');
    const read = await readCdx(path, PASS, { outPath: out, parts: 3, reader: inThread });
    expect(readFileSync(out)).toEqual(big);
    expect(read.fingerprint).toBe(written.fingerprint);
    // Ranges smaller than the reader is worth: one, in this thread.
    ranges.length = 0;
    await readCdx(path, PASS, { parts: 3, reader: inThread, minBytesPerPart: big.length });
    expect(ranges).toEqual([]);

    const damaged = fresh('ranges-damaged.cdx');
    const flipInSecondRange = (done: number, total: number) => {
      if (done !== total) return;
      flipByte(damaged, manifestEnd() + 20 * (CHUNK + CDX_TAG_BYTES) + 3);
    };
    const writing = writeCdx(plainOf(big), damaged, MANIFEST, key, { chunkBytes: CHUNK, onProgress: flipInSecondRange, readBack: { parts: 3, reader: inThread } });
    expect((await refusal(writing)).reason).toBe('VERIFY_FAILED');
    expect(existsSync(damaged)).toBe(false);
    // Read in ranges, a damaged file is refused and leaves no plaintext.
    writeFileSync(damaged, readFileSync(path));
    flipInSecondRange(1, 1);
    const out2 = fresh('out');
    expect((await refusal(readCdx(damaged, PASS, { outPath: out2, parts: 3, reader: inThread }))).reason).toBe('CORRUPT');
    expect(existsSync(out2)).toBe(false);
  });

  it('of another length than the header kept is refused, and leaves no file', async () => {
    const path = fresh('longer.cdx');
    await expect(writeCdx(plainOf(body), path, new PendingManifest(keptBytes, () => Promise.resolve(sized('f'.repeat(129)))), key, { chunkBytes: CHUNK })).rejects.toThrow(/manifest/);
    expect(existsSync(path)).toBe(false);
  });

  it('that fails (the hash could not be computed) leaves no file', async () => {
    const path = fresh('failed.cdx');
    await expect(writeCdx(plainOf(body), path, new PendingManifest(keptBytes, () => Promise.reject(new Error('worker stopped'))), key, { chunkBytes: CHUNK })).rejects.toThrow('worker stopped');
    expect(existsSync(path)).toBe(false);
  });

  it('a chunk that changed on the disk after it was written fails the read-back, and the file is removed', async () => {
    const path = fresh('changed.cdx');
    const flipFirstChunk = (done: number, total: number) => {
      if (done !== total) return; // the last chunk: every earlier one is written by now
      flipByte(path, CDX_HEADER_BYTES + keptBytes + CDX_TAG_BYTES + 10);
    };
    const writing = writeCdx(plainOf(body), path, new PendingManifest(keptBytes, () => Promise.resolve(sized('f'.repeat(128)))), key, {
      chunkBytes: CHUNK,
      onProgress: flipFirstChunk,
      readBack: {},
    });
    expect((await refusal(writing)).reason).toBe('VERIFY_FAILED');
    expect(existsSync(path)).toBe(false);
  });
});

describe('progress and cancel', () => {
  const big = () => {
    const plain = fresh('plain');
    writeFileSync(plain, randomBytes(40 * CHUNK));
    return plain;
  };

  it('reports progress after each chunk, up to the whole body', async () => {
    const seen: number[] = [];
    const path = fresh('p.cdx');
    await writeCdx(big(), path, {}, key, { chunkBytes: CHUNK, onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toHaveLength(40);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('stops writing when cancelled and leaves no output', async () => {
    const controller = new AbortController();
    const path = fresh('c.cdx');
    const writing = writeCdx(big(), path, {}, key, { chunkBytes: CHUNK, signal: controller.signal, onProgress: (done) => done >= 10 * CHUNK && controller.abort() });
    expect((await refusal(writing)).reason).toBe('CANCELLED');
    expect(existsSync(path)).toBe(false);
  });

  it('stops reading when cancelled and removes the partial output', async () => {
    const path = fresh('r.cdx');
    await writeCdx(big(), path, {}, key, { chunkBytes: CHUNK });
    const controller = new AbortController();
    const out = fresh('out');
    const reading = readCdx(path, PASS, { outPath: out, signal: controller.signal, onProgress: (done) => done >= 10 * CHUNK && controller.abort() });
    expect((await refusal(reading)).reason).toBe('CANCELLED');
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const path = fresh('exists.cdx');
    writeFileSync(path, 'mine');
    await expect(writeCdx(big(), path, {}, key)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('mine');
  });
});
