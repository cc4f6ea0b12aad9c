import { QueryClient, focusManager } from '@tanstack/react-query';
import { CONTRACT, type ChannelName, type DataTopic } from '../../../src-preload/contract';

/**
 * The renderer's server state (ARCHITECTURE §11): one cached query per read channel, keyed
 * `[channel, input]`. Nothing goes stale by age — data changes only when something writes it, and
 * every write is known: this window's own (lib/api.ts invalidates after each), another window's,
 * an import's or the scheduler's (app:pulse's counters, lib/query.ts). Both go through
 * `invalidateTopics`, driven by the contract's declarations: no screen keeps its own list.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      // A refusal (not found, invalid) will not change by asking again; a lost connection shows.
      retry: false,
      // The pulse notices changes on focus and every few seconds; other queries follow it.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

// A desktop window comes to the front without its page becoming visible again: count focus too.
focusManager.setEventListener((setFocused) => {
  const onChange = () => setFocused();
  window.addEventListener('visibilitychange', onChange, false);
  window.addEventListener('focus', onChange, false);
  return () => {
    window.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
  };
});

/** The pulse itself reads the clock, but refreshing it is its own schedule's business. */
const PULSE: ChannelName = 'app:pulse';

/** Whether a cached query's channel reads any of `topics`, per its contract entry. */
function readsAny(channel: unknown, topics: readonly DataTopic[]): boolean {
  if (typeof channel !== 'string' || channel === PULSE || !(channel in CONTRACT)) return false;
  const effect = CONTRACT[channel as ChannelName].effect;
  return effect.kind === 'read' && effect.reads.some((topic) => topics.includes(topic));
}

/**
 * Refresh every query whose channel reads one of `topics`: the ones on screen now, the others when
 * they are next shown. Resolves once the ones on screen have their new data.
 */
export function invalidateTopics(topics: readonly DataTopic[]): Promise<void> {
  if (topics.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({ predicate: (query) => readsAny(query.queryKey[0], topics) });
}

/** Main restarted (its counters began again): nothing cached can be trusted. */
export function invalidateAll(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== PULSE });
}

/** After a write succeeded: refresh what it declares it changes (a write that changes nothing stored refreshes nothing). */
export function invalidateAfterWrite(channel: ChannelName): Promise<void> {
  const effect = CONTRACT[channel].effect;
  return effect.kind === 'write' ? invalidateTopics(effect.changes) : Promise.resolve();
}
