import { useEffect, useRef, useState } from 'react';
import { Anchor, CloseButton, Notification, Stack } from '@mantine/core';
import type { DeadlineAlert } from '../../../src-preload/contract';
import { call } from '../lib/api';
import { onDataChanged } from '../lib/data-events';
import { fill, useI18n } from './i18n';
import { hrefOf } from './router';

const POLL_MS = 60_000;

/**
 * In-app notices when a deadline becomes overdue or falls due within the hour. Each deadline is
 * announced once per state (soon, then overdue). In Electron, main also shows a desktop notification.
 */
export function DeadlineAlerts() {
  const { m } = useI18n();
  const [shown, setShown] = useState<DeadlineAlert[]>([]);
  const announced = useRef(new Set<string>());

  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const alerts = await call('deadlines:alerts', {});
        if (!alive) return;
        const fresh = alerts.filter((a) => !announced.current.has(`${a.deadlineId}:${a.overdue}`));
        for (const a of fresh) announced.current.add(`${a.deadlineId}:${a.overdue}`);
        if (fresh.length) setShown((current) => [...fresh, ...current].slice(0, 5));
      } catch {
        // A failed poll is retried on the next tick; the board shows the same facts.
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    const unsubscribe = onDataChanged(() => void poll());
    return () => {
      alive = false;
      window.clearInterval(timer);
      unsubscribe();
    };
  }, []);

  if (shown.length === 0) return null;
  return (
    <Stack gap="xs" pos="fixed" bottom={16} right={16} w={360} style={{ zIndex: 300 }} data-testid="deadline-alerts">
      {shown.map((a) => (
        <Notification
          key={`${a.deadlineId}:${a.overdue}`}
          color={a.overdue ? 'red' : 'orange'}
          withCloseButton={false}
          title={fill(a.overdue ? m.alerts.overdue : m.alerts.soon, { number: a.number, kind: m.deadline.kind[a.kind], due: a.dueAt })}
        >
          <Anchor href={hrefOf({ page: 'complaint', id: a.complaintId })} size="sm">
            {m.common.open}
          </Anchor>
          <CloseButton size="sm" pos="absolute" top={8} right={8} aria-label={m.common.cancel} onClick={() => setShown((s) => s.filter((x) => x !== a))} />
        </Notification>
      ))}
    </Stack>
  );
}
