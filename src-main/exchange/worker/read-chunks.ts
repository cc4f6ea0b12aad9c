/**
 * Reading a .cdx body on worker threads (cdx-format.ts ChunkReader): AES-GCM over 400 MB takes a
 * core about a second, so the body is split into ranges read side by side, one per worker: the
 * import's decryption (it has both cores to itself then) and the export's read-back (it takes
 * whatever core the hashing leaves).
 */
import type { ChunkReader, PartsOptions } from '../cdx-format';
import { runTask } from './run-task';

const readChunksOnWorker: ChunkReader = (job, onProgress) => {
  const task = runTask('readChunks', job, onProgress);
  return { tags: task.result.then((tags) => tags.map((tag) => Buffer.from(tag))), cancel: task.cancel };
};

/**
 * cdx-format.ts PartsOptions: the two cores of a typical office PC, for a body of 128 MiB or more
 * (a worker with its modules loaded is ready after 0.15–0.35 s on this 2-core VM, the export's
 * `workersReady`: about what a core needs for 100 MB; a monthly file of a few MB is read in this thread).
 */
export const READ_IN_PARTS: PartsOptions = { parts: 2, reader: readChunksOnWorker, minBytesPerPart: 64 << 20 };
