import { Alert, Table, Text } from '@mantine/core';
import { useApiQuery } from '../../lib/query';
import { fill, useI18n } from '../../app/i18n';
import { rangeText } from './exchange-format';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Every file merged here, newest first: which office, which period, when, by whom, and what it did. Refreshed after every import, from any window. */
export function ImportHistory() {
  const { m } = useI18n();
  const history = useApiQuery('exchange:history', {});
  const records = history.data ?? null;

  if (history.error) return <Alert color="red">{history.error.message}</Alert>;
  if (records && records.length === 0) return <Text c="dimmed">{m.exchange.historyEmpty}</Text>;
  return (
    <Table striped withTableBorder data-testid="import-history" data-loaded={records ? 'true' : 'false'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{m.exchange.importedAt}</Table.Th>
          <Table.Th>{m.exchange.office}</Table.Th>
          <Table.Th>{m.exchange.fileName}</Table.Th>
          <Table.Th>{m.exchange.exportedAt}</Table.Th>
          <Table.Th>{m.exchange.range}</Table.Th>
          <Table.Th>{m.exchange.result}</Table.Th>
          <Table.Th style={NO_WRAP}>{m.exchange.importedBy}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {records?.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td style={NO_WRAP}>{r.importedAt}</Table.Td>
            <Table.Td>{fill(m.exchange.officeHeading, { name: r.officeName, code: r.officeCode })}</Table.Td>
            <Table.Td ff="monospace">{r.fileName}</Table.Td>
            <Table.Td style={NO_WRAP}>{r.exportedAt}</Table.Td>
            <Table.Td>{rangeText(m, r.range)}</Table.Td>
            <Table.Td data-testid="history-totals">{fill(m.exchange.historyTotals, { ...r.totals })}</Table.Td>
            <Table.Td style={NO_WRAP}>{r.importedBy}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
