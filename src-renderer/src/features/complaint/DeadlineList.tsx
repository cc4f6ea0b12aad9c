import { Badge, Group, Stack, Text } from '@mantine/core';
import { deadlineViewAt, type DeadlineState, type DeadlineView } from '../../../../src-preload/contract';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { formatDuration } from '../../lib/format';
import { useNowWall } from '../../lib/main-clock';
import { useApiQuery } from '../../lib/query';

export const DEADLINE_STATE_COLOR: Record<DeadlineState, string> = {
  met: 'teal',
  late: 'orange',
  due: 'blue',
  soon: 'yellow',
  overdue: 'red',
  paused: 'gray',
  cancelled: 'gray',
};

/**
 * Each deadline of a complaint: due time, where it stands, and by how much — at main's clock's
 * current minute, re-derived on each tick with main's own rule (contract/deadline-clock.ts), so a
 * page left open turns 剩 1 小时 into 逾期 when the time comes, as the deadline notice does.
 */
export function DeadlineList({ deadlines: asFetched }: { deadlines: DeadlineView[] }) {
  const { m } = useI18n();
  const { settings } = useLookups();
  const now = useNowWall(settings.timeZone);
  // "Soon" is a share of the allowed time, set in the policy (main uses the policy in force too).
  const warningRatio = useApiQuery('deadlines:getPolicy', {}).data?.policy.warningRatio;
  const deadlines = warningRatio === undefined ? asFetched : asFetched.map((d) => deadlineViewAt(d, now, warningRatio, settings.timeZone));
  const span = (minutes: number) => formatDuration(minutes, m.duration);
  const detail = (d: DeadlineView) => {
    if (d.state === 'late') return fill(m.deadline.lateBy, { time: span(d.minutes) });
    // A paused deadline's time stands where it was when the hold began (over, if it was already due).
    if (d.state === 'overdue' || (d.state === 'paused' && d.minutes < 0)) return fill(m.deadline.overdueBy, { time: span(d.minutes) });
    if (d.state === 'due' || d.state === 'soon' || d.state === 'paused') return fill(m.deadline.left, { time: span(d.minutes) });
    return d.completedAt ? `${m.deadline.completed} ${d.completedAt}` : '';
  };
  return (
    <Stack gap={6} data-testid="deadlines">
      {deadlines.map((d) => (
        <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs" data-kind={d.kind} data-state={d.state}>
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {m.deadline.kind[d.kind]}
              {d.round > 1 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  {fill(m.deadline.round, { round: d.round })}
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {m.deadline.due} {d.dueAt}
              {detail(d) && ` · ${detail(d)}`}
            </Text>
          </Stack>
          <Badge color={DEADLINE_STATE_COLOR[d.state]} variant="light" style={{ flexShrink: 0 }}>
            {m.deadline.state[d.state]}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
}
