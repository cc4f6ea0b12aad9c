import { Badge } from '@mantine/core';
import type { ComplaintStatus } from '../../../../src-preload/contract';
import { useI18n } from '../../app/i18n';

const COLOR: Record<ComplaintStatus, string> = {
  registered: 'blue',
  returned: 'red',
  dispatched: 'indigo',
  in_progress: 'orange',
  on_hold: 'yellow',
  handled: 'cyan',
  followed_up: 'teal',
  closed: 'gray',
  invalid: 'gray',
};

export function StatusBadge({ status }: { status: ComplaintStatus }) {
  const { m } = useI18n();
  return (
    <Badge color={COLOR[status]} variant="light">
      {m.status[status]}
    </Badge>
  );
}
