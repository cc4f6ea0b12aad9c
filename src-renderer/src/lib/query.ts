import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { AppPulse, ChannelInput, ChannelOutput, DataTopic, ReadChannel } from '../../../src-preload/contract';
import { DATA_TOPICS } from '../../../src-preload/contract';
import { call } from './api';
import { observeMainClock } from './main-clock';
import { invalidateAll, invalidateTopics, queryClient } from './query-client';

export { queryClient };

/** The cache key of a read: the channel and its input, nothing else (ARCHITECTURE §11). */
export const apiQueryKey = <K extends ReadChannel>(channel: K, input: ChannelInput<K>) => [channel, input] as const;

type ApiQueryOptions<K extends ReadChannel, T> = Omit<UseQueryOptions<ChannelOutput<K>, Error, T, readonly [K, ChannelInput<K>]>, 'queryKey' | 'queryFn'>;

/**
 * A read channel as a cached query. Refreshed when a write (here or in another window, an import,
 * the scheduler) changes what the channel reads, never by a timer of its own: time-derived display
 * re-derives from `useNow()` instead (lib/main-clock.ts).
 */
export function useApiQuery<K extends ReadChannel, T = ChannelOutput<K>>(channel: K, input: ChannelInput<K>, options?: ApiQueryOptions<K, T>) {
  return useQuery({ ...options, queryKey: apiQueryKey(channel, input), queryFn: () => call(channel, input) });
}

/** A read made once (a file to save, a click's answer), through the same cache as the screens'. */
export function fetchApi<K extends ReadChannel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  return queryClient.fetchQuery({ queryKey: apiQueryKey(channel, input), queryFn: () => call(channel, input) });
}

/** Often enough that another window's save shows within a couple of seconds; one small loopback call. */
export const PULSE_MS = 2_000;

let lastPulse: AppPulse | null = null;

const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

/**
 * Read main's pulse, and act on it: learn main's clock (the tick of every time-derived display),
 * and refresh the queries whose data another window, an import or the scheduler changed — the
 * topics whose counters moved since the last pulse, or everything if main restarted.
 */
async function readPulse(): Promise<AppPulse> {
  const sentAt = Date.now();
  const pulse = await call('app:pulse', {});
  observeMainClock(Date.parse(pulse.now), (sentAt + Date.now()) / 2);
  const previous = lastPulse;
  lastPulse = pulse;
  // Not awaited: a slow refresh must not hold up the next pulse (and with it the clock).
  if (previous && previous.bootId !== pulse.bootId) void invalidateAll();
  else if (previous) {
    const changed = DATA_TOPICS.filter((topic: DataTopic) => pulse.versions[topic] !== previous.versions[topic]);
    // Time is data too: reads that depend on what time it is (deadlines:alerts: due within the hour)
    // are refreshed when main's clock enters a new minute, not by timers of their own.
    if (minuteOf(pulse.now) !== minuteOf(previous.now) && !changed.includes('clock')) changed.push('clock');
    void invalidateTopics(changed);
  }
  return pulse;
}

/**
 * Learn main's clock now, not at the next beat: a form saving "now" takes main's time at the moment
 * of saving (the pulse is up to PULSE_MS old, and a test clock may just have been set).
 */
export async function syncMainClock(): Promise<void> {
  await readPulse();
}

/** Read the pulse now (after something main did by itself, e.g. a finished import), not at the next beat. */
export function checkForChanges(): void {
  void queryClient.refetchQueries({ queryKey: apiQueryKey('app:pulse', {}) });
}

/** Poll main's pulse every ~2 s while the window is shown, and at once when it comes back to the front. */
export function usePulse() {
  return useQuery({
    queryKey: apiQueryKey('app:pulse', {}),
    queryFn: readPulse,
    staleTime: 0,
    refetchInterval: PULSE_MS,
    refetchOnWindowFocus: 'always',
    // A missed pulse is retried by the next one.
    retry: false,
  });
}
