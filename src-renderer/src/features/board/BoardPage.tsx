import { useMemo, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Alert, Badge, Card, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BOARD_COLUMNS, SEVERITIES, boardAt, type BoardCard, type BoardColumn, type Severity } from '../../../../src-preload/contract';
import { useApiQuery } from '../../lib/query';
import { useNowWall } from '../../lib/main-clock';
import { formatDuration } from '../../lib/format';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { OfficeSelect } from '../offices/OfficeSelect';
import { useOfficeChoices, useOffices } from '../offices/useOffices';
import { hrefOf } from '../../app/router';

const COLUMN_COLOR: Record<BoardColumn, string> = { overdue: 'red', today: 'orange', within48h: 'yellow', normal: 'teal', held: 'gray' };

/**
 * The deadline board (时限看板): every open complaint under its next deadline. Which complaints
 * follows the data (refreshed after every change, from any window); their columns and time left
 * follow main's clock, re-derived each minute with main's own rule (contract/deadline-clock.ts).
 */
export function BoardPage() {
  const { m } = useI18n();
  const { settings } = useLookups();
  const now = useNowWall(settings.timeZone);
  const offices = useOffices();
  const [officeCode, setOfficeCode] = useState('');
  // Each office has its own departments: the choices are the chosen office's.
  const { departments, pickOfficeFirst } = useOfficeChoices(offices, officeCode);
  const [departmentId, setDepartmentId] = useState('');
  const [severity, setSeverity] = useState('');
  const query = useApiQuery(
    'board:get',
    { ...(officeCode && { officeCode }), ...(departmentId && { departmentId }), ...(severity && { severity: severity as Severity }) },
    // Another filter keeps the board on screen until its cards arrive.
    { placeholderData: keepPreviousData },
  );
  const board = useMemo(() => query.data && boardAt(query.data, now, settings.timeZone), [query.data, now, settings.timeZone]);
  const error = query.error?.message ?? null;

  const all = { value: '', label: m.common.all };
  return (
    <Stack gap="sm" data-page="board" data-loaded={board ? 'true' : 'false'} data-now={board?.now}>
      <Group justify="space-between">
        <Title order={2}>{m.board.title}</Title>
        {board && <Text size="sm" c="dimmed">{fill(m.board.updatedAt, { time: board.now })}</Text>}
      </Group>
      <Group gap="xs" align="flex-end">
        <OfficeSelect offices={offices} value={officeCode} onChange={(code) => (setOfficeCode(code), setDepartmentId(''))} />
        <NativeSelect
          label={m.board.department}
          value={departmentId}
          onChange={(e) => setDepartmentId(e.currentTarget.value)}
          disabled={pickOfficeFirst}
          title={pickOfficeFirst ? m.offices.pickOfficeFirst : undefined}
          data={[all, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <NativeSelect label={m.board.severity} value={severity} onChange={(e) => setSeverity(e.currentTarget.value)} data={[all, ...SEVERITIES.map((s) => ({ value: s, label: m.severity[s] }))]} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {board && (
        <>
          <SimpleGrid cols={BOARD_COLUMNS.length} spacing="sm">
            {BOARD_COLUMNS.map((column) => (
              <Paper key={column} withBorder p="xs" data-column={column} bg="gray.0">
                <Group justify="space-between" mb="xs">
                  <Text fw={700} c={COLUMN_COLOR[column]}>
                    {m.board[column]}
                  </Text>
                  <Badge color={COLUMN_COLOR[column]} data-testid={`count-${column}`}>
                    {board.columns[column].length}
                  </Badge>
                </Group>
                <Stack gap="xs">
                  {board.columns[column].length === 0 && <Text size="sm" c="dimmed">{m.board.empty}</Text>}
                  {board.columns[column].map((card) => (
                    <BoardCardView key={card.complaintId} card={card} />
                  ))}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="xs">
            <Text fw={600} mb="xs">
              {m.board.byDepartment}
            </Text>
            <Table data-testid="board-departments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.board.department}</Table.Th>
                  {BOARD_COLUMNS.map((c) => (
                    <Table.Th key={c}>{m.board[c]}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {board.byDepartment.map((row) => (
                  <Table.Tr key={row.departmentName}>
                    <Table.Td>{row.departmentName || m.common.none}</Table.Td>
                    {BOARD_COLUMNS.map((c) => (
                      <Table.Td key={c}>{row.counts[c]}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}

function BoardCardView({ card }: { card: BoardCard }) {
  const { m } = useI18n();
  const span = formatDuration(card.minutes, m.duration);
  return (
    <Card
      component="a"
      href={hrefOf({ page: 'complaint', id: card.complaintId, ...(card.step && { step: card.step }) })}
      withBorder
      padding="xs"
      data-testid="board-card"
      data-number={card.number}
    >
      <Group justify="space-between" gap={4}>
        <Text size="sm" fw={600}>
          {card.number}
        </Text>
        <Badge size="xs" variant="light">
          {m.severity[card.severity]}
        </Badge>
      </Group>
      <Text size="sm">
        {card.complainantName} {card.room}
      </Text>
      <Text size="xs" c="dimmed">
        {card.departmentName} · {m.status[card.status]}
      </Text>
      <Text size="xs" mt={4}>
        {m.deadline.kind[card.nextKind]} {card.dueAt} ·{' '}
        {card.onHold && card.nextKind === 'resolution'
          ? fill(m.board.pausedLeft, { time: span })
          : card.minutes < 0
            ? fill(m.board.overdueBy, { time: span })
            : fill(m.board.dueIn, { time: span })}
      </Text>
      {card.hold && (
        <Text size="xs" c="dimmed" data-testid="board-hold">
          {fill(m.board.holdExpected, { since: card.hold.since, date: card.hold.expectedDate })}
        </Text>
      )}
      {card.hold && card.hold.pastExpectedDays > 0 && (
        <Badge size="xs" color="red" variant="filled" data-testid="hold-past-expected">
          {fill(m.board.holdPastExpected, { days: card.hold.pastExpectedDays })}
        </Badge>
      )}
      {card.step && (
        <Text size="xs" c="teal" fw={600}>
          {fill(m.punct.labelled, { label: m.board.step, value: m.action[card.step] })}
        </Text>
      )}
    </Card>
  );
}
