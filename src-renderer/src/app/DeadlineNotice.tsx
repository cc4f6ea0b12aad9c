import { useMemo, useSyncExternalStore } from 'react';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { alertLevelAt, minutesBetween, type DeadlineAlert } from '../../../src-preload/contract';
import { useApiQuery } from '../lib/query';
import { useNowWall } from '../lib/main-clock';
import { fill, useI18n } from './i18n';
import { useLookups } from './lookups';
import { hrefOf } from './router';

/**
 * The deadline notice (issue 13 point 14): one line in the shell's footer — how many deadlines are
 * overdue and how many fall due within the hour, and a link to the board — instead of a stack of
 * toasts over the page. It sits after the page in the DOM (Tab reaches it last) and in space of its
 * own (it covers nothing). Dismissed, it stays dismissed — across reloads and windows — until one
 * of the deadlines changes state (due soon → overdue) or a new one joins.
 */

const DISMISSED_KEY = 'complaint-desk.dismissed-deadline-notices';

const dismissedListeners = new Set<() => void>();
/** `deadlineId:state` pairs the desk has dismissed (shared by every window through localStorage). */
const dismissedStore = {
  raw: () => localStorage.getItem(DISMISSED_KEY) ?? '[]',
  subscribe: (listener: () => void) => {
    const onStorage = (e: StorageEvent) => e.key === DISMISSED_KEY && listener();
    window.addEventListener('storage', onStorage);
    dismissedListeners.add(listener);
    return () => {
      window.removeEventListener('storage', onStorage);
      dismissedListeners.delete(listener);
    };
  },
  save: (keys: string[]) => {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(keys));
    for (const listener of dismissedListeners) listener();
  },
};

function parseDismissed(raw: string): ReadonlySet<string> {
  try {
    const list: unknown = JSON.parse(raw);
    return new Set(Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

export interface DeadlineNoticeState {
  /** The alerts have been read at least once. */
  loaded: boolean;
  overdue: DeadlineAlert[];
  soon: DeadlineAlert[];
  /** Something the desk has not dismissed yet. */
  shown: boolean;
  dismiss: () => void;
}

/** The deadlines to announce at main's clock's current minute, and whether the desk has seen them. */
export function useDeadlineNotice(): DeadlineNoticeState {
  const { settings } = useLookups();
  const now = useNowWall(settings.timeZone);
  const alerts = useApiQuery('deadlines:alerts', {});
  const dismissedRaw = useSyncExternalStore(dismissedStore.subscribe, dismissedStore.raw);
  return useMemo(() => {
    // The state of each at this minute, by the same rule main used to pick them (deadline-clock.ts).
    const current = (alerts.data ?? []).map((alert) => ({ alert, level: alertLevelAt(minutesBetween(now, alert.dueAt, settings.timeZone)) }));
    const keys = current.filter((c) => c.level !== null).map((c) => `${c.alert.deadlineId}:${c.level}`);
    const dismissed = parseDismissed(dismissedRaw);
    return {
      loaded: alerts.isSuccess,
      overdue: current.filter((c) => c.level === 'overdue').map((c) => c.alert),
      soon: current.filter((c) => c.level === 'soon').map((c) => c.alert),
      shown: keys.some((key) => !dismissed.has(key)),
      // Only what is announced now is remembered: older pairs drop out by themselves.
      dismiss: () => dismissedStore.save(keys),
    };
  }, [alerts.data, alerts.isSuccess, now, settings.timeZone, dismissedRaw]);
}

/** The notice's one line: counts, the board link, and 知道了. */
export function DeadlineNoticeBar({ notice }: { notice: DeadlineNoticeState }) {
  const { m } = useI18n();
  const details = [
    ...notice.overdue.map((a) => fill(m.alerts.overdue, { number: a.number, kind: m.deadline.kind[a.kind], due: a.dueAt })),
    ...notice.soon.map((a) => fill(m.alerts.soon, { number: a.number, kind: m.deadline.kind[a.kind], due: a.dueAt })),
  ];
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" role="status" data-testid="deadline-alerts" title={details.join('\n')}>
      <Text size="sm" fw={700}>
        {m.alerts.title}
      </Text>
      {notice.overdue.length > 0 && (
        <Text size="sm" c="red.8" fw={600}>
          {fill(m.alerts.overdueCount, { n: notice.overdue.length })}
        </Text>
      )}
      {notice.soon.length > 0 && (
        <Text size="sm" c="orange.8" fw={600}>
          {fill(m.alerts.soonCount, { n: notice.soon.length })}
        </Text>
      )}
      <Anchor size="sm" href={hrefOf({ page: 'board' })}>
        {m.alerts.toBoard}
      </Anchor>
      <Button size="compact-xs" variant="subtle" color="gray" ml="auto" onClick={notice.dismiss}>
        {m.alerts.dismiss}
      </Button>
    </Group>
  );
}
