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

/**
 * The whole label, always: a narrow column (the register at 1366 wide, in English) wraps it onto a
 * second line instead of cutting it to `REGISTER…` (Mantine's badge is one line with an ellipsis).
 * Sentence case: capitals made English labels a third wider.
 */
const WHOLE_LABEL = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%' },
  label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3, paddingBlock: 2 },
} as const;

export function StatusBadge({ status }: { status: ComplaintStatus }) {
  const { m } = useI18n();
  return (
    <Badge color={COLOR[status]} variant="light" tt="none" styles={WHOLE_LABEL} data-testid="status-badge">
      {m.status[status]}
    </Badge>
  );
}
