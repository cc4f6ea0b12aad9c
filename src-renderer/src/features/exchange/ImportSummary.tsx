import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { MERGE_COUNT_KEYS, sumMergeCounts, wordError, type ImportFileResult, type MergeCounts, type MergeSummary } from '../../../../src-preload/contract';
import { fill, useI18n } from '../../app/i18n';
import { rangeText, tableLabel } from './exchange-format';

type Merged = Extract<ImportFileResult, { ok: true }>;
type Refused = Extract<ImportFileResult, { ok: false }>;

// The figures are main's, per table (MergeCounts in the contract says what each one means); a
// file's totals come with it, and an office's or the whole import's are their sum through the
// contract's sumMergeCounts, so the line, the badges, the table and 导入记录 show the same numbers.
const COUNT_KEYS = MERGE_COUNT_KEYS;
const COUNT_COLOURS: Record<(typeof COUNT_KEYS)[number], string> = { new: 'teal', updated: 'blue', unchanged: 'gray', refused: 'red' };

/** The merged files by office (in the order first met), so head office reads one office at a time. */
function byOffice(results: readonly ImportFileResult[]): { code: string; name: string; files: MergeSummary[] }[] {
  const groups = new Map<string, { code: string; name: string; files: MergeSummary[] }>();
  for (const result of results.filter((r): r is Merged => r.ok)) {
    const { summary } = result;
    const group = groups.get(summary.officeCode) ?? { code: summary.officeCode, name: summary.officeName, files: [] };
    group.files.push(summary);
    groups.set(summary.officeCode, group);
  }
  return [...groups.values()];
}

function CountBadges({ counts }: { counts: MergeCounts }) {
  const { m } = useI18n();
  return (
    <Group gap={6}>
      {COUNT_KEYS.map((key) => (
        <Badge key={key} color={COUNT_COLOURS[key]} variant={counts[key] > 0 ? 'filled' : 'outline'} data-testid={`count-${key}`}>
          {m.exchange.totals[key]} {counts[key]}
        </Badge>
      ))}
    </Group>
  );
}

/** One file's merge: its totals, and on request the rows per table and the refused rows with their reasons. */
function FileSummary({ summary }: { summary: MergeSummary }) {
  const { m } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={6} data-testid="import-file-summary">
      <Text size="sm">
        {fill(m.exchange.fileLine, { file: summary.fileName, exportedAt: summary.exportedAt, range: rangeText(m, summary.range) })}
      </Text>
      {summary.seenBefore && (
        <Alert color="gray" p="xs" data-testid="seen-before">
          {summary.totals.new + summary.totals.updated === 0 ? m.exchange.seenBefore : m.exchange.seenBeforeWritten}
        </Alert>
      )}
      <CountBadges counts={summary.totals} />
      <Group>
        <Button variant="subtle" size="compact-sm" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? m.exchange.hideDetails : m.exchange.showDetails}
        </Button>
      </Group>
      {open && (
        <Stack gap="xs">
          <Table withTableBorder striped data-testid="import-table-counts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{m.exchange.table}</Table.Th>
                {COUNT_KEYS.map((key) => (
                  <Table.Th key={key}>{m.exchange.totals[key]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.tables.map((row) => (
                <Table.Tr key={row.table}>
                  <Table.Td>{tableLabel(m, row.table)}</Table.Td>
                  {COUNT_KEYS.map((key) => (
                    <Table.Td key={key}>{row[key]}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="import-table-totals">
                <Table.Th>{m.exchange.tableTotal}</Table.Th>
                {COUNT_KEYS.map((key) => (
                  <Table.Th key={key}>{summary.totals[key]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          {summary.refused.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {summary.totals.refused > summary.refused.length
                  ? fill(m.exchange.refusedRowsFirst, { shown: summary.refused.length, total: summary.totals.refused })
                  : m.exchange.refusedRows}
              </Text>
              <Table withTableBorder data-testid="import-refused-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{m.exchange.table}</Table.Th>
                    <Table.Th>{m.exchange.record}</Table.Th>
                    <Table.Th>{m.exchange.reason}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.refused.map((row) => (
                    <Table.Tr key={`${row.table}-${row.id}`}>
                      <Table.Td>{tableLabel(m, row.table)}</Table.Td>
                      <Table.Td ff="monospace">{row.id}</Table.Td>
                      <Table.Td>{row.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** What an import did: per office the merged files, then the files refused as a whole with the reason. */
export function ImportSummary({ results }: { results: readonly ImportFileResult[] }) {
  const { m, locale } = useI18n();
  const offices = byOffice(results);
  const refused = results.filter((r): r is Refused => !r.ok);
  // Every merged file counts, a file seen before too: its rows were read and counted (unchanged, or written now).
  const overall = sumMergeCounts(results.filter((r): r is Merged => r.ok).map((r) => r.summary.totals));
  return (
    <Stack gap="sm" data-testid="import-summary">
      <Title order={4}>{m.exchange.summaryTitle}</Title>
      <Text data-testid="import-overall">
        {fill(m.exchange.summaryLine, { files: results.length, ...overall })}
      </Text>
      {offices.map((office) => (
        <Paper key={office.code} withBorder p="sm" data-testid="import-office" data-office={office.code}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>{fill(m.exchange.officeHeading, { name: office.name, code: office.code })}</Text>
              {office.files.length > 1 && <CountBadges counts={sumMergeCounts(office.files.map((f) => f.totals))} />}
            </Group>
            {office.files.map((summary, i) => (
              <FileSummary key={`${summary.importId}-${i}`} summary={summary} />
            ))}
          </Stack>
        </Paper>
      ))}
      {refused.length > 0 && (
        <Alert color="red" title={m.exchange.refusedFiles} data-testid="import-refused-files">
          <Stack gap={4}>
            {refused.map((file) => (
              <Text size="sm" key={file.path}>
                <Text span fw={600} ff="monospace">
                  {file.fileName}
                </Text>
                {m.punct.colon}
                {wordError(locale, file.messageText)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
