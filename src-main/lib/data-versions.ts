import { randomUUID } from 'node:crypto';
import { DATA_TOPICS, type DataTopic } from '../../src-preload/contract';

/**
 * A counter per kind of data, bumped whenever something changes it: a write call (by the
 * dispatcher, from the contract's declaration), an import merging another office's file, or the
 * scheduler upgrading a complaint. Every window polls them (`app:pulse`) and refreshes the screens
 * that read a topic whose counter moved — changes made in another window or by main itself show
 * up without anybody clicking. `bootId` tells the renderer that main restarted (counters from 0).
 */
export interface DataVersions {
  readonly bootId: string;
  bump(topics: readonly DataTopic[]): void;
  snapshot(): Record<DataTopic, number>;
}

export function createDataVersions(): DataVersions {
  const counters = Object.fromEntries(DATA_TOPICS.map((t) => [t, 0])) as Record<DataTopic, number>;
  return {
    bootId: randomUUID(),
    bump(topics) {
      for (const topic of topics) counters[topic] += 1;
    },
    snapshot: () => ({ ...counters }),
  };
}
