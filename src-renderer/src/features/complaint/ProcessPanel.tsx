import { useState } from 'react';
import { Button, Group, Kbd, Paper, Stack, Table, Text } from '@mantine/core';
import { holdPastExpectedDays, type ComplaintDetail, type LifecycleAction } from '../../../../src-preload/contract';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { formatDuration } from '../../lib/format';
import { useNowWall } from '../../lib/main-clock';
import { DeadlineList } from './DeadlineList';
import { StepDialog } from './StepDialog';
import { StatusBadge } from './StatusBadge';
import { stepShortcut, useStepShortcuts } from './step-shortcuts';

interface Props {
  detail: ComplaintDetail;
  reload: () => Promise<void>;
  /** Open this step's form at once (the board's card links here). */
  initialStep?: LifecycleAction;
}

/** Where the complaint stands in the procedure, its deadlines, and a button for each step allowed now. */
export function ProcessPanel({ detail, reload, initialStep }: Props) {
  const { m } = useI18n();
  const { complaint, process } = detail;
  const [open, setOpen] = useState<LifecycleAction | null>(initialStep && process.allowedActions.includes(initialStep) ? initialStep : null);
  // Alt+1 … Alt+9 open the allowed steps in the order of their buttons, wherever the focus is on the page.
  useStepShortcuts(process.allowedActions, open === null, setOpen);

  return (
    <Paper withBorder p="md" data-testid="process">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{m.process.title}</Text>
          <Group gap="xs">
            <StatusBadge status={complaint.status} />
            {process.round > 0 && <Text size="xs" c="dimmed">{fill(m.process.round, { round: process.round })}</Text>}
          </Group>
        </Group>
        {process.allowedActions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {detail.editable ? m.process.none : m.process.otherOffice}
          </Text>
        ) : (
          <Group gap="xs" aria-label={m.process.nextSteps}>
            {process.allowedActions.map((action, i) => {
              const shortcut = stepShortcut(i);
              return (
                <Button
                  key={action}
                  size="xs"
                  variant={i === 0 ? 'filled' : 'light'}
                  onClick={() => setOpen(action)}
                  aria-keyshortcuts={shortcut?.aria}
                  rightSection={shortcut && <Kbd size="xs" aria-hidden>{shortcut.label}</Kbd>}
                >
                  {m.action[action]}
                </Button>
              );
            })}
          </Group>
        )}
        <DeadlineList deadlines={process.deadlines} />
        {process.heldMinutes > 0 && (
          <Text size="xs" c="dimmed">
            {fill(m.deadline.heldTotal, { time: formatDuration(process.heldMinutes, m.duration) })}
          </Text>
        )}
        <ProcessRecord detail={detail} />
      </Stack>
      {open && (
        <StepDialog
          key={`${open}-${complaint.version}`}
          action={open}
          complaint={complaint}
          departmentId={process.rounds.at(-1)?.departmentId ?? complaint.complainedDepartmentId}
          onClose={() => setOpen(null)}
          onDone={reload}
        />
      )}
    </Paper>
  );
}

/** The 投诉处理记录表 as recorded so far: each round, follow-ups, replies, escalations, holds, the summary. */
function ProcessRecord({ detail }: { detail: ComplaintDetail }) {
  const { m } = useI18n();
  const { settings } = useLookups();
  // A hold past its expected resume date says so from the day it is, page open or not.
  const now = useNowWall(settings.timeZone);
  const { process } = detail;
  const rows: [string, string][] = [];
  // Punctuation from the catalogue: full-width in Chinese, English's own in English.
  const { paren, labelled, comma, clauseSeparator } = m.punct;
  const withNote = (text: string, note: string) => (note ? fill(paren, { text, note }) : text);
  for (const r of process.rounds) {
    const prefix = process.rounds.length > 1 ? `${fill(m.process.round, { round: r.round })} ` : '';
    rows.push([`${prefix}${m.process.department}`, `${withNote(r.departmentName, r.handlerName)}  ${m.process.dispatchedAt} ${r.dispatchedAt}`]);
    for (const t of process.redispatches.filter((x) => x.round === r.round)) {
      const line = fill(m.process.redispatchLine, { at: t.at, from: t.fromDepartmentName, to: t.toDepartmentName, actor: t.actor, reason: t.reason });
      rows.push([`${prefix}${m.process.redispatches}`, t.fromSignedBy ? `${line}${fill(m.process.redispatchSigned, { signedBy: t.fromSignedBy, signedAt: t.fromSignedAt })}` : line]);
    }
    if (r.signedAt) rows.push([`${prefix}${m.process.signedBy}`, `${r.signedBy}  ${r.signedAt}`]);
    if (r.completedAt) {
      rows.push([`${prefix}${m.process.measures}`, r.measures]);
      rows.push([`${prefix}${m.process.result}`, withNote(r.result, `${r.completedBy}${comma}${r.completedAt}`)]);
      if (r.compensationKind !== 'none') rows.push([`${prefix}${m.process.compensation}`, `${m.compensation[r.compensationKind]} ${fill(m.punct.amount, { amount: r.compensationAmount })}`]);
    }
    for (const f of process.followUps.filter((x) => x.round === r.round)) {
      rows.push([
        `${prefix}${m.process.followUps}`,
        f.impossibleReason
          ? withNote(fill(labelled, { label: m.process.impossibleReason, value: f.impossibleReason }), f.approvedBy)
          : `${f.at} ${f.method ? m.contactMethod[f.method] : ''} ${fill(labelled, { label: `${f.visitor} → ${f.personVisited}`, value: f.satisfaction ? m.satisfaction[f.satisfaction] : '' })} ${f.opinion}`,
      ]);
    }
  }
  // 答复: each answer given to the complainant, in the order given.
  for (const r of process.replies) {
    rows.push([m.process.replies, fill(m.process.replyLine, { at: r.at, method: m.contactMethod[r.method], replier: r.replier, content: r.content })]);
  }
  for (const e of process.escalations) rows.push([m.process.escalations, `${e.at} ${withNote(fill(labelled, { label: m.escalation[e.level], value: e.reason }), e.actor)}`]);
  for (const h of process.holds) {
    const pastDays = h.resumedAt ? 0 : holdPastExpectedDays(h.expectedDate, now);
    const expected = h.resumedAt
      ? ''
      : `${fill(m.board.holdExpected, { since: h.fromAt, date: h.expectedDate })}${pastDays > 0 ? `${comma}${fill(m.board.holdPastExpected, { days: pastDays })}` : ''}`;
    rows.push([m.action.hold, withNote(fill(labelled, { label: `${h.fromAt} → ${h.resumedAt || '…'}`, value: h.reason }), expected)]);
  }
  if (process.summary) rows.push([m.process.summary, `${process.summary}${clauseSeparator}${fill(labelled, { label: m.process.improvement, value: process.improvement })}`]);
  if (process.invalidNoticedAt) rows.push([m.action.notifyInvalid, `${process.invalidNoticedAt} ${process.invalidNoticeMethod ? m.contactMethod[process.invalidNoticeMethod] : ''}`]);
  if (rows.length === 0) return null;
  return (
    <Table withTableBorder data-testid="process-record">
      <Table.Tbody>
        {rows.map(([label, value], i) => (
          <Table.Tr key={i}>
            <Table.Th w={130}>{label}</Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
