/**
 * The .cdx container: one file, encrypted and authenticated end to end, streamed in chunks so that a
 * 100 MB export never sits in memory, reports progress and can be cancelled between chunks.
 * It knows nothing about SQLite or complaints: a JSON manifest and a body of bytes go in, the same
 * come out, or a clear refusal.
 *
 * Layout (all integers big-endian):
 *
 *   offset size  field
 *   0      8     magic 89 43 44 58 0D 0A 1A 0A ("\x89CDX\r\n\x1a\n": a text-mode copy breaks it visibly)
 *   8      2     container format version (1)
 *   10     1     key derivation: 1 = scrypt
 *   11     1     scrypt log2(N)
 *   12     1     scrypt r
 *   13     1     scrypt p
 *   14     2     reserved, 0
 *   16     16    scrypt salt (random per file)
 *   32     7     nonce prefix (random per file)
 *   39     1     reserved, 0
 *   40     4     chunk size C: plaintext bytes per body chunk
 *   44     4     manifest length M (bytes of UTF-8 JSON)
 *   48     8     body length B (plaintext bytes)
 *   56     M+16  manifest: AES-256-GCM ciphertext, then its 16-byte tag
 *   72+M   ...   body: n = max(1, ceil(B / C)) chunks, each min(C, rest) bytes of ciphertext + 16-byte tag
 *
 * Key: scrypt(passphrase as NFC UTF-8, salt, N, r, p) → 32 bytes, the AES-256-GCM key.
 * Nonces (12 bytes): prefix(7) ‖ counter(4) ‖ flag(1); manifest: counter 0, flag 2; body chunk i:
 * counter i, flag 1 on the last chunk and 0 before it (the STREAM construction: chunks cannot be
 * reordered, dropped, or the stream cut at a chunk boundary).
 * Associated data of the manifest and of every chunk: the 56 header bytes, so a change to any header
 * byte (salt, sizes, parameters) fails every tag.
 * The manifest is encrypted, not just authenticated: a lost stick shows no office name, range or
 * counts beyond what the file name says.
 *
 * Reading checks, in order: magic (else "not a .cdx file"), header complete, format version (else
 * "format too new"), parameters within bounds (a hostile header cannot ask scrypt for gigabytes),
 * file long enough for the manifest (else "incomplete"), manifest tag (else "wrong passphrase or
 * damaged"), file length exactly as the now-authenticated header says (shorter: "incomplete";
 * longer: "damaged"), then every chunk's tag (else "damaged").
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { ExchangeError, exchangeErrors, ioError, throwIfAborted } from './exchange-error';

export const CDX_MAGIC = Buffer.from([0x89, 0x43, 0x44, 0x58, 0x0d, 0x0a, 0x1a, 0x0a]);
export const CDX_FORMAT_VERSION = 1;
export const CDX_HEADER_BYTES = 56;
export const CDX_TAG_BYTES = 16;
export const CDX_EXTENSION = '.cdx';

const SALT_BYTES = 16;
const NONCE_PREFIX_BYTES = 7;
const KDF_SCRYPT = 1;
const MANIFEST_FLAG = 2;
const LAST_CHUNK_FLAG = 1;

/** 1 MiB chunks: a 100 MB export is 100 tags (1.6 KB of overhead) and 100 progress steps. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;
const MIN_CHUNK_BYTES = 1 << 10;
const MAX_CHUNK_BYTES = 1 << 24;
const MAX_MANIFEST_BYTES = 1 << 20;

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB and about 100–150 ms on an office PC; slows guessing a weak passphrase. */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };

/** What a file may ask for: at most 256 MiB of scrypt memory and a few seconds of work. */
const SCRYPT_BOUNDS = { log2N: [10, 20], r: [1, 16], p: [1, 4], maxMemory: 256 * 1024 * 1024 } as const;

const scryptMemory = (k: ScryptParams) => 128 * 2 ** k.log2N * k.r;

/** A derived key with the salt and parameters it came from: verifying an export reuses it (no second scrypt). */
export interface CdxKey {
  key: Buffer;
  salt: Buffer;
  kdf: ScryptParams;
}

export interface CdxHeader {
  formatVersion: number;
  kdf: ScryptParams;
  salt: Buffer;
  noncePrefix: Buffer;
  chunkBytes: number;
  manifestBytes: number;
  bodyBytes: number;
  /** The 56 bytes as stored: the associated data of every tag. */
  raw: Buffer;
}

export interface CdxProgressOptions {
  /** Body bytes done and in all, after each chunk. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function deriveCdxKey(passphrase: string, salt: Buffer, kdf: ScryptParams): Promise<CdxKey> {
  const N = 2 ** kdf.log2N;
  return new Promise((resolve, reject) => {
    // Async scrypt runs on libuv's thread pool: the main process stays responsive meanwhile.
    scrypt(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem: scryptMemory(kdf) + (1 << 20) }, (error, key) =>
      error ? reject(error) : resolve({ key, salt, kdf }),
    );
  });
}

/** A fresh key for a new file (new random salt). Start it early: it runs beside the snapshot. */
export function newCdxKey(passphrase: string, kdf: ScryptParams = DEFAULT_SCRYPT): Promise<CdxKey> {
  return deriveCdxKey(passphrase, randomBytes(SALT_BYTES), kdf);
}

function encodeHeader(h: Omit<CdxHeader, 'raw'>): Buffer {
  const b = Buffer.alloc(CDX_HEADER_BYTES);
  CDX_MAGIC.copy(b, 0);
  b.writeUInt16BE(h.formatVersion, 8);
  b.writeUInt8(KDF_SCRYPT, 10);
  b.writeUInt8(h.kdf.log2N, 11);
  b.writeUInt8(h.kdf.r, 12);
  b.writeUInt8(h.kdf.p, 13);
  h.salt.copy(b, 16);
  h.noncePrefix.copy(b, 32);
  b.writeUInt32BE(h.chunkBytes, 40);
  b.writeUInt32BE(h.manifestBytes, 44);
  b.writeBigUInt64BE(BigInt(h.bodyBytes), 48);
  return b;
}

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/**
 * The header of a file of `fileBytes` bytes whose first bytes are `head` (up to 56). Throws the
 * refusal the user should see. Nothing here is authenticated yet: the manifest's tag does that.
 */
export function parseCdxHeader(head: Buffer, fileBytes: number): CdxHeader {
  const magicPart = head.subarray(0, Math.min(head.length, CDX_MAGIC.length));
  if (!magicPart.equals(CDX_MAGIC.subarray(0, magicPart.length))) throw exchangeErrors.notCdx();
  if (fileBytes === 0) throw exchangeErrors.truncated();
  if (head.length < CDX_HEADER_BYTES) throw exchangeErrors.truncated();
  const formatVersion = head.readUInt16BE(8);
  if (formatVersion > CDX_FORMAT_VERSION) throw exchangeErrors.formatTooNew(formatVersion, CDX_FORMAT_VERSION);
  const kdf: ScryptParams = { log2N: head.readUInt8(11), r: head.readUInt8(12), p: head.readUInt8(13) };
  const chunkBytes = head.readUInt32BE(40);
  const manifestBytes = head.readUInt32BE(44);
  const body = head.readBigUInt64BE(48);
  const sane =
    formatVersion === CDX_FORMAT_VERSION &&
    head.readUInt8(10) === KDF_SCRYPT &&
    within(kdf.log2N, SCRYPT_BOUNDS.log2N) &&
    within(kdf.r, SCRYPT_BOUNDS.r) &&
    within(kdf.p, SCRYPT_BOUNDS.p) &&
    scryptMemory(kdf) <= SCRYPT_BOUNDS.maxMemory &&
    head.readUInt16BE(14) === 0 &&
    head.readUInt8(39) === 0 &&
    within(chunkBytes, [MIN_CHUNK_BYTES, MAX_CHUNK_BYTES]) &&
    within(manifestBytes, [2, MAX_MANIFEST_BYTES]) &&
    body <= BigInt(Number.MAX_SAFE_INTEGER);
  if (!sane) throw exchangeErrors.wrongPassphraseOrCorrupt();
  return {
    formatVersion,
    kdf,
    salt: Buffer.from(head.subarray(16, 32)),
    noncePrefix: Buffer.from(head.subarray(32, 39)),
    chunkBytes,
    manifestBytes,
    bodyBytes: Number(body),
    raw: Buffer.from(head.subarray(0, CDX_HEADER_BYTES)),
  };
}

const chunkCount = (h: Pick<CdxHeader, 'bodyBytes' | 'chunkBytes'>) => Math.max(1, Math.ceil(h.bodyBytes / h.chunkBytes));

/** The file's length as its header says it must be. */
export function cdxFileBytes(h: Pick<CdxHeader, 'bodyBytes' | 'chunkBytes' | 'manifestBytes'>): number {
  return CDX_HEADER_BYTES + h.manifestBytes + CDX_TAG_BYTES + h.bodyBytes + chunkCount(h) * CDX_TAG_BYTES;
}

function nonce(prefix: Buffer, counter: number, flag: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, NONCE_PREFIX_BYTES);
  n.writeUInt8(flag, 11);
  return n;
}

/** `head` followed by `tail`; GCM's final() gives nothing, so mostly `head` itself, not a copy of each megabyte. */
const whole = (head: Buffer, tail: Buffer): Buffer => (tail.length === 0 ? head : Buffer.concat([head, tail]));

function seal(key: Buffer, iv: Buffer, aad: Buffer, plain: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: CDX_TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = whole(cipher.update(plain), cipher.final());
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** The plaintext, or undefined if the tag does not verify. */
function unseal(key: Buffer, iv: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: CDX_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plain = decipher.update(ciphertext);
  try {
    return whole(plain, decipher.final());
  } catch {
    return undefined;
  }
}

/** Read up to `length` bytes at `position`; fewer only at the end of the file. */
async function readAt(fh: FileHandle, buffer: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Reads in flight ahead of the one being worked on: a USB stick or a virtual disk serves a queue of them faster than one at a time. */
const READS_AHEAD = 4;

/**
 * The pieces of a file from byte `from` on, of `piece(0)`, `piece(1)`, … bytes, each read while the
 * caller works on the ones before (the thread pool reads while this thread encrypts or decrypts).
 * Each comes in a buffer that is the caller's only until it asks for the next piece: the reads
 * go round a few buffers. (A fresh megabyte per piece made V8 collect garbage every few dozen
 * pieces: with the read-back on workers too, the main thread of a 400 MB export went from 24 full
 * collections and 0.5 s of garbage collection to 4 and 0.2 s.) The buffer may be longer than the
 * piece: `bytes` says how much was read.
 */
async function* readAhead(fh: FileHandle, from: number, count: number, piece: (i: number) => number): AsyncGenerator<{ buffer: Buffer; bytes: number }> {
  let position = from;
  let started = 0;
  const pending: Promise<{ buffer: Buffer; bytes: number }>[] = [];
  // Piece k is read into buffers[k % n]: when it starts, the caller has let go of piece k - n.
  const buffers: Buffer[] = new Array<Buffer>(READS_AHEAD + 1);
  const startNext = () => {
    const slot = started % buffers.length;
    const length = piece(started++);
    if (!buffers[slot] || buffers[slot].length < length) buffers[slot] = Buffer.allocUnsafe(length);
    const buffer = buffers[slot];
    const at = position;
    position += length;
    pending.push(readAt(fh, buffer, length, at).then((bytes) => ({ buffer, bytes })));
  };
  try {
    for (let i = 0; i < count; i++) {
      while (started < count && started <= i + READS_AHEAD) startNext();
      yield await pending.shift()!;
    }
  } finally {
    for (const read of pending) read.catch(() => undefined); // stopped early (cancel, a bad tag): the reads ahead are not wanted
  }
}

/** Writes one after another, each started while the caller prepares the next; `drain` waits for the last. */
function writeBehind(): { then: (write: () => Promise<void>) => Promise<void>; drain: () => Promise<void> } {
  let last: Promise<void> = Promise.resolve();
  return {
    then: async (write) => {
      await last;
      last = write();
      last.catch(() => undefined); // awaited by the next call or by drain; not unhandled if the caller stops first
    },
    drain: () => last,
  };
}

/**
 * Identifies one file (for the import history): SHA-256 over the header, the sealed manifest and
 * every chunk's tag. The tags stand for the ciphertext under that file's key, so this costs a few
 * KB of hashing instead of a pass over 100 MB.
 */
export function cdxFingerprint(head: Buffer, tags: readonly Buffer[]): string {
  const hash = createHash('sha256');
  hash.update(head);
  for (const tag of tags) hash.update(tag);
  return hash.digest('hex');
}

/**
 * A manifest finished after the body: its length goes into the header first, its content is asked
 * for once the body is written (export.service.ts: the content hash is still being computed on a
 * worker while the body is encrypted and read back).
 */
export class PendingManifest {
  constructor(
    /** Bytes of its UTF-8 JSON, exactly. */
    readonly bytes: number,
    readonly settle: () => Promise<unknown>,
  ) {}
}

export interface CdxWriteOptions extends CdxProgressOptions {
  chunkBytes?: number;
  /**
   * Once the body is on the disk (fsync), read every chunk back from the file and check its tag,
   * reporting progress here, in ranges side by side as PartsOptions say. Runs while a pending
   * manifest may still be computing.
   */
  readBack?: PartsOptions & { onProgress?: (done: number, total: number) => void };
}

export interface CdxWriteResult {
  /** Bytes of the .cdx file. */
  fileBytes: number;
  bodyBytes: number;
  fingerprint: string;
  /** The header and the sealed manifest as written: a later read of the file's head must find the same bytes. */
  head: Buffer;
  /** The manifest as written (a pending one, settled). */
  manifest: unknown;
  /** Every body chunk's tag, in order (as read back, with `readBack`). */
  tags: Buffer[];
}

/**
 * Encrypt the file at `plainPath` with `manifest` into a new file at `outPath` (created, never
 * overwritten), fsync it and close it. The body is written first and the manifest last, into the
 * place the header keeps for it, so that a pending manifest can still be computing meanwhile.
 * On failure or cancel the output is removed.
 */
export async function writeCdx(plainPath: string, outPath: string, manifest: unknown, key: CdxKey, options: CdxWriteOptions = {}): Promise<CdxWriteResult> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const manifestBytes = manifest instanceof PendingManifest ? manifest.bytes : Buffer.byteLength(JSON.stringify(manifest), 'utf8');
  if (manifestBytes > MAX_MANIFEST_BYTES) throw new Error('manifest too large');
  const input = await open(plainPath, 'r');
  let output: FileHandle | undefined;
  try {
    const bodyBytes = (await input.stat()).size;
    const header = encodeHeader({
      formatVersion: CDX_FORMAT_VERSION,
      kdf: key.kdf,
      salt: key.salt,
      noncePrefix: randomBytes(NONCE_PREFIX_BYTES),
      chunkBytes,
      manifestBytes,
      bodyBytes,
    });
    const parsed = parseCdxHeader(header, cdxFileBytes({ bodyBytes, chunkBytes, manifestBytes }));
    try {
      output = await open(outPath, 'wx', 0o600);
    } catch (error) {
      throw ioError(error, 'folder');
    }
    const out = output;
    const write = async (buffers: Buffer[], position: number) => {
      const { bytesWritten } = await out.writev(buffers, position);
      const expected = buffers.reduce((n, b) => n + b.length, 0);
      if (bytesWritten !== expected) throw Object.assign(new Error('short write'), { code: 'EIO' });
    };
    await write([header], 0);

    const bodyStart = CDX_HEADER_BYTES + manifestBytes + CDX_TAG_BYTES;
    const chunks = chunkCount({ bodyBytes, chunkBytes });
    const writes = writeBehind();
    let tags: Buffer[] = [];
    let position = bodyStart;
    const plainBytes = (k: number) => Math.min(chunkBytes, bodyBytes - k * chunkBytes);
    for await (const { buffer, bytes } of readAhead(input, 0, chunks, plainBytes)) {
      throwIfAborted(options.signal);
      const i = tags.length;
      const want = plainBytes(i);
      if (bytes !== want) throw new Error(`snapshot changed while encrypting (read ${bytes} of ${want} bytes)`);
      const { ciphertext, tag } = seal(key.key, nonce(parsed.noncePrefix, i, i === chunks - 1 ? LAST_CHUNK_FLAG : 0), header, buffer.subarray(0, want));
      tags.push(tag);
      const at = position;
      position += ciphertext.length + tag.length;
      await writes.then(() => write([ciphertext, tag], at));
      options.onProgress?.(i * chunkBytes + want, bodyBytes);
    }
    await writes.drain();
    throwIfAborted(options.signal);
    if (options.readBack) {
      await out.sync(); // read back what the disk was given, not what a later write may still change
      const written = tags;
      tags = await readBodyInParts(outPath, parsed, key, { ...options.readBack, signal: options.signal }).catch((error: unknown) => {
        if (error instanceof ExchangeError && error.reason === 'CANCELLED') throw error;
        throw Object.assign(exchangeErrors.verifyFailed(), { cause: error });
      });
      if (tags.some((tag, k) => !tag.equals(written[k]!))) throw exchangeErrors.verifyFailed();
    }

    const settled = manifest instanceof PendingManifest ? await manifest.settle() : manifest;
    throwIfAborted(options.signal);
    const manifestPlain = Buffer.from(JSON.stringify(settled), 'utf8');
    if (manifestPlain.length !== manifestBytes) throw new Error(`manifest of ${manifestPlain.length} bytes where ${manifestBytes} were kept`);
    const sealed = seal(key.key, nonce(parsed.noncePrefix, 0, MANIFEST_FLAG), header, manifestPlain);
    await write([sealed.ciphertext, sealed.tag], CDX_HEADER_BYTES);
    await out.sync();
    await out.close();
    output = undefined;
    const head = Buffer.concat([header, sealed.ciphertext, sealed.tag]);
    return { fileBytes: position, bodyBytes, fingerprint: cdxFingerprint(head, tags), head, manifest: settled, tags };
  } catch (error) {
    if (output) {
      await output.close().catch(() => undefined);
      await rm(outPath, { force: true }).catch(() => undefined);
    }
    throw ioError(error, 'folder');
  } finally {
    await input.close();
  }
}

/** Body chunks `first` up to (not including) `end`. */
export interface ChunkRange {
  first: number;
  end: number;
}

export interface ChunkReadOptions extends CdxProgressOptions {
  /** Write the chunks' plaintext into this existing file, each at its place in the body. */
  outPath?: string;
}

/**
 * Chunks of a .cdx file whose head has been checked, every tag checked; resolves with their tags.
 * `header` is the file's 56 header bytes. Runs in this thread, or on a worker thread
 * (worker-tasks.ts `readChunks`), several side by side.
 */
export async function readChunks(path: string, header: Buffer, key: Buffer, chunks: ChunkRange, options: ChunkReadOptions = {}): Promise<Buffer[]> {
  const input = await open(path, 'r');
  let output: FileHandle | undefined;
  try {
    const parsed = parseCdxHeader(header, (await input.stat()).size);
    output = options.outPath ? await open(options.outPath, 'r+') : undefined;
    const out = output;
    const writes = writeBehind();
    const tags = await readBody(input, parsed, { key }, {
      ...options,
      chunks,
      onPlain: out
        ? (plain, at) =>
            writes.then(async () => {
              const { bytesWritten } = await out.write(plain, 0, plain.length, at);
              if (bytesWritten !== plain.length) throw Object.assign(new Error('short write'), { code: 'EIO' });
            })
        : undefined,
    });
    await writes.drain();
    return tags;
  } finally {
    await output?.close();
    await input.close();
  }
}

/** Reads a range of chunks somewhere (a worker thread: worker-tasks.ts), reporting body bytes done; `cancel` stops it. */
export type ChunkReader = (
  job: { path: string; header: Buffer; key: Buffer; chunks: ChunkRange; outPath?: string },
  onProgress: (done: number) => void,
) => { tags: Promise<Buffer[]>; cancel: () => void };

/** Reading a body in this many ranges side by side, each by `reader` (default: one, in this thread). */
export interface PartsOptions {
  parts?: number;
  reader?: ChunkReader;
  /** Fewer ranges when they would be smaller than this (starting a reader has its cost too). */
  minBytesPerPart?: number;
}

/** A whole body read (and with `outPath` decrypted), split into ranges read side by side. */
async function readBodyInParts(path: string, header: CdxHeader, key: CdxKey, options: ChunkReadOptions & PartsOptions): Promise<Buffer[]> {
  const chunks = chunkCount(header);
  const parts = Math.max(1, Math.min(options.parts ?? 1, chunks, Math.floor(header.bodyBytes / (options.minBytesPerPart ?? 1))));
  const { reader } = options;
  if (!reader || parts === 1) return readChunks(path, header.raw, key.key, { first: 0, end: chunks }, options);
  const done = new Array<number>(parts).fill(0);
  const jobs = Array.from({ length: parts }, (_, p) => {
    const range = { first: Math.floor((p * chunks) / parts), end: Math.floor(((p + 1) * chunks) / parts) };
    return reader({ path, header: header.raw, key: key.key, chunks: range, outPath: options.outPath }, (bytes) => {
      done[p] = bytes;
      options.onProgress?.(done.reduce((a, b) => a + b, 0), header.bodyBytes);
    });
  });
  const stop = () => jobs.forEach((job) => job.cancel());
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const tags = (await Promise.all(jobs.map((job) => job.tags))).flat();
    throwIfAborted(options.signal);
    return tags;
  } catch (error) {
    throwIfAborted(options.signal); // a cancel stopped the readers: say so, not that they failed
    throw error;
  } finally {
    stop();
    options.signal?.removeEventListener('abort', stop);
  }
}

export interface CdxHead {
  header: CdxHeader;
  manifest: unknown;
  fileBytes: number;
  /** The header and the sealed manifest, as stored. */
  head: Buffer;
  /** The key as derived from the header's salt: reusable for a second read of the same file. */
  key: CdxKey;
}

export interface CdxReadResult extends CdxHead {
  fingerprint: string;
}

export interface CdxReadOptions extends CdxProgressOptions, PartsOptions {
  /** Write the plaintext body here (a new file; removed again on any failure). Omit to verify only. */
  outPath?: string;
}

/**
 * The header and the manifest of an open .cdx file, the manifest's tag checked, and the file's
 * length as the header says. Throws the refusal the user should see.
 */
async function readHead(input: FileHandle, keySource: string | CdxKey): Promise<CdxHead> {
  const fileBytes = (await input.stat()).size;
  const raw = Buffer.alloc(CDX_HEADER_BYTES);
  const headBytes = await readAt(input, raw, CDX_HEADER_BYTES, 0);
  const header = parseCdxHeader(raw.subarray(0, headBytes), fileBytes);
  if (fileBytes < CDX_HEADER_BYTES + header.manifestBytes + CDX_TAG_BYTES) throw exchangeErrors.truncated();

  const sealed = Buffer.alloc(header.manifestBytes + CDX_TAG_BYTES);
  await readAt(input, sealed, sealed.length, CDX_HEADER_BYTES);
  const key =
    typeof keySource === 'string'
      ? await deriveCdxKey(keySource, header.salt, header.kdf)
      : keySource.salt.equals(header.salt) && sameKdf(keySource.kdf, header.kdf)
        ? keySource
        : undefined;
  const manifestPlain = key && unseal(key.key, nonce(header.noncePrefix, 0, MANIFEST_FLAG), header.raw, sealed.subarray(0, header.manifestBytes), sealed.subarray(header.manifestBytes));
  if (!key || !manifestPlain) throw exchangeErrors.wrongPassphraseOrCorrupt();
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestPlain.toString('utf8'));
  } catch {
    throw exchangeErrors.corrupt('清单无法读取');
  }

  const expected = cdxFileBytes(header);
  if (fileBytes < expected) throw exchangeErrors.truncated();
  if (fileBytes > expected) throw exchangeErrors.corrupt('文件末尾有多余内容');
  return { header, manifest, fileBytes, head: Buffer.concat([header.raw, sealed]), key };
}

/**
 * Every body chunk of an open file whose head has been read, its tag checked, in order; `onPlain`
 * gets each chunk's plaintext and its offset. Returns the tags.
 */
async function readBody(
  input: FileHandle,
  header: CdxHeader,
  key: Pick<CdxKey, 'key'>,
  options: CdxProgressOptions & { onPlain?: (plain: Buffer, at: number) => Promise<void>; chunks?: ChunkRange },
): Promise<Buffer[]> {
  const chunks = chunkCount(header);
  const { first, end } = options.chunks ?? { first: 0, end: chunks };
  const plainBytesOf = (k: number) => Math.min(header.chunkBytes, header.bodyBytes - k * header.chunkBytes);
  const bodyStart = CDX_HEADER_BYTES + header.manifestBytes + CDX_TAG_BYTES + first * (header.chunkBytes + CDX_TAG_BYTES);
  const tags: Buffer[] = [];
  for await (const { buffer, bytes } of readAhead(input, bodyStart, end - first, (k) => plainBytesOf(first + k) + CDX_TAG_BYTES)) {
    const i = first + tags.length;
    throwIfAborted(options.signal);
    const plainBytes = plainBytesOf(i);
    // The length was checked with the head; a shorter read means the stick went away meanwhile.
    if (bytes !== plainBytes + CDX_TAG_BYTES) throw exchangeErrors.truncated();
    const tag = Buffer.from(buffer.subarray(plainBytes, plainBytes + CDX_TAG_BYTES)); // a copy: the buffer is read into again
    const plain = unseal(key.key, nonce(header.noncePrefix, i, i === chunks - 1 ? LAST_CHUNK_FLAG : 0), header.raw, buffer.subarray(0, plainBytes), tag);
    if (!plain) throw exchangeErrors.corrupt(`第 ${i + 1} 段校验失败`);
    tags.push(tag);
    await options.onPlain?.(plain, i * header.chunkBytes);
    options.onProgress?.((i - first) * header.chunkBytes + plainBytes, header.bodyBytes);
  }
  return tags;
}

async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw ioError(error, 'file');
  }
}

/** The header and manifest of a .cdx file, checked (the body is not read). */
export async function readCdxHead(path: string, keySource: string | CdxKey): Promise<CdxHead> {
  const input = await openForReading(path);
  try {
    return await readHead(input, keySource);
  } catch (error) {
    throw ioError(error, 'file');
  } finally {
    await input.close();
  }
}

/**
 * Read and verify a .cdx file, every tag of it; with `outPath`, write the body there. The body is
 * only trustworthy once this resolves: a chunk fails after earlier ones were written out, and then
 * the output is removed and the refusal thrown.
 * `keySource`: the passphrase, or a key already derived for this file (its salt and parameters
 * must match the header's, else the file is treated as not matching the passphrase).
 */
export async function readCdx(path: string, keySource: string | CdxKey, options: CdxReadOptions = {}): Promise<CdxReadResult> {
  const input = await openForReading(path);
  let created = false;
  try {
    const head = await readHead(input, keySource);
    if (options.outPath) {
      await (await open(options.outPath, 'wx', 0o600)).close();
      created = true;
    }
    const tags = await readBodyInParts(path, head.header, head.key, options);
    return { ...head, fingerprint: cdxFingerprint(head.head, tags) };
  } catch (error) {
    if (created && options.outPath) await rm(options.outPath, { force: true }).catch(() => undefined);
    throw ioError(error, 'file');
  } finally {
    await input.close();
  }
}

const sameKdf = (a: ScryptParams, b: ScryptParams) => a.log2N === b.log2N && a.r === b.r && a.p === b.p;
