import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CHANNELS, SEVERITIES, STATUSES, type ComplaintListQuery } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { mainNowWall } from '../../lib/main-clock';
import { monthRange, roomLabel } from '../../lib/format';
import { PlainDateField } from '../../lib/DateFields';
import { usePrint } from '../print/PrintPreview';
import { useExcelExport } from './useExcelExport';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { navigate } from '../../app/router';
import { StatusBadge } from '../complaint/StatusBadge';
import { OfficeSelect } from '../offices/OfficeSelect';
import { useOfficeChoices, useOffices } from '../offices/useOffices';

const PAGE_SIZE = 50;

interface Filters {
  status: string;
  departmentId: string;
  categoryId: string;
  channel: string;
  severity: string;
  receivedFrom: string;
  receivedTo: string;
  text: string;
  /** Head office: one office's complaints ('' = every office). */
  officeCode: string;
}
const NO_FILTERS: Filters = { status: '', departmentId: '', categoryId: '', channel: '', severity: '', receivedFrom: '', receivedTo: '', text: '', officeCode: '' };

/** Only the filters that are set; empty selects mean "all". */
function toQuery(f: Filters, page: number): ComplaintListQuery {
  return {
    page,
    pageSize: PAGE_SIZE,
    ...(f.status && { status: [f.status as NonNullable<ComplaintListQuery['status']>[number]] }),
    ...(f.departmentId && { departmentId: f.departmentId }),
    ...(f.categoryId && { categoryId: f.categoryId }),
    ...(f.channel && { channel: f.channel as ComplaintListQuery['channel'] }),
    ...(f.severity && { severity: f.severity as ComplaintListQuery['severity'] }),
    ...(f.receivedFrom && { receivedFrom: f.receivedFrom }),
    ...(f.receivedTo && { receivedTo: f.receivedTo }),
    ...(f.text.trim() && { text: f.text.trim() }),
    ...(f.officeCode && { officeCode: f.officeCode }),
  };
}

/** The register (投诉台账): every complaint, filtered and searched, newest first. */
export function RegisterPage() {
  const { m } = useI18n();
  const { settings } = useLookups();
  const offices = useOffices();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The department and category choices are the chosen office's (each office has its own 工程部).
  const { several, departments, categories, pickOfficeFirst } = useOfficeChoices(offices, filters.officeCode);
  const [debouncedText] = useDebouncedValue(filters.text, 250);
  const [page, setPage] = useState(1);
  const effective = { ...filters, text: debouncedText };
  // The page shown stays until the next filter's rows arrive (no blank flash while typing).
  const list = useApiQuery('complaints:list', toQuery(effective, page), { placeholderData: keepPreviousData });
  const result = list.data ?? null;
  const error = list.error?.message ?? null;

  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const setOffice = (officeCode: string) => {
    setFilters((f) => ({ ...f, officeCode, departmentId: '', categoryId: '' }));
    setPage(1);
  };
  const all = { value: '', label: m.common.all };
  const registerPrint = usePrint();
  const excelExport = useExcelExport();
  // The paper register and the Excel file cover a period: the chosen dates, or this month when none are set.
  const periodQuery = () => {
    const { page: _page, pageSize: _size, receivedFrom, receivedTo, ...filtersOnly } = toQuery(effective, 1);
    const month = monthRange(mainNowWall(settings.timeZone));
    return { ...filtersOnly, from: receivedFrom ?? month.from, to: receivedTo ?? month.to };
  };
  const printRegister = () => registerPrint.print(() => call('print:register', periodQuery()));
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="sm" data-page="register">
      <Group justify="space-between">
        <Title order={2}>{m.register.title}</Title>
        {result && <Text c="dimmed" data-testid="register-total">{fill(m.register.total, { total: result.total })}</Text>}
      </Group>
      <Group gap="xs" align="flex-end">
        <OfficeSelect offices={offices} value={filters.officeCode} onChange={setOffice} />
        <TextInput label={m.common.search} placeholder={m.register.searchPlaceholder} w={240} value={filters.text} onChange={set('text')} />
        <NativeSelect label={m.fields.status} value={filters.status} onChange={set('status')} data={[all, ...STATUSES.map((s) => ({ value: s, label: m.status[s] }))]} />
        <NativeSelect label={m.register.department} value={filters.departmentId} onChange={set('departmentId')} disabled={pickOfficeFirst} title={pickOfficeFirst ? m.offices.pickOfficeFirst : undefined} data={[all, ...departments.map((d) => ({ value: d.id, label: d.name }))]} />
        <NativeSelect label={m.fields.categoryId} value={filters.categoryId} onChange={set('categoryId')} disabled={pickOfficeFirst} title={pickOfficeFirst ? m.offices.pickOfficeFirst : undefined} data={[all, ...categories.map((c) => ({ value: c.id, label: c.name }))]} />
        <NativeSelect label={m.fields.channel} value={filters.channel} onChange={set('channel')} data={[all, ...CHANNELS.map((c) => ({ value: c, label: m.channel[c] }))]} />
        <NativeSelect label={m.fields.severity} value={filters.severity} onChange={set('severity')} data={[all, ...SEVERITIES.map((s) => ({ value: s, label: m.severity[s] }))]} />
        <PlainDateField label={m.register.from} value={filters.receivedFrom} onChange={(value) => set('receivedFrom')({ currentTarget: { value } })} w={150} />
        <PlainDateField label={m.register.to} value={filters.receivedTo} onChange={(value) => set('receivedTo')({ currentTarget: { value } })} w={150} />
        <Button variant="subtle" onClick={() => (setFilters(NO_FILTERS), setPage(1))}>
          {m.common.reset}
        </Button>
        <Button variant="light" loading={registerPrint.busy} onClick={printRegister} title={m.print.registerHint}>
          {m.print.printRegister}
        </Button>
        <Button variant="light" loading={excelExport.busy} onClick={() => excelExport.run(periodQuery())} title={m.register.exportExcelHint}>
          {m.register.exportExcel}
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {registerPrint.error && <Alert color="red">{registerPrint.error}</Alert>}
      {registerPrint.preview}
      {excelExport.notice}
      <Table striped highlightOnHover withTableBorder data-testid="register-table" data-loaded={result ? 'true' : 'false'}>
        <Table.Thead>
          <Table.Tr>
            {several && <Table.Th>{m.offices.column}</Table.Th>}
            <Table.Th>{m.fields.number}</Table.Th>
            <Table.Th>{m.fields.receivedAt}</Table.Th>
            <Table.Th>{m.fields.complainantName}</Table.Th>
            <Table.Th>{m.fields.roomLabel}</Table.Th>
            <Table.Th>{m.fields.categoryId}</Table.Th>
            <Table.Th>{m.fields.complainedDepartmentId}</Table.Th>
            <Table.Th>{m.fields.severity}</Table.Th>
            <Table.Th>{m.fields.status}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result?.items.map((row) => (
            <Table.Tr
              key={row.id}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate({ page: 'complaint', id: row.id })}
              onKeyDown={(e) => e.key === 'Enter' && navigate({ page: 'complaint', id: row.id })}
            >
              {several && <Table.Td data-testid="register-office">{row.officeCode}</Table.Td>}
              <Table.Td>{row.number}</Table.Td>
              <Table.Td>{row.receivedAt}</Table.Td>
              <Table.Td>{row.complainantName}</Table.Td>
              <Table.Td>{roomLabel(row)}</Table.Td>
              <Table.Td>{row.categoryName}</Table.Td>
              <Table.Td>{row.complainedDepartmentName}</Table.Td>
              <Table.Td>
                {m.severity[row.severity]}
                {row.urgency === 'urgent' && (
                  <Badge ml={4} size="xs" color="orange">
                    {m.urgency.urgent}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={row.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result && result.total === 0 && (
        <Text c="dimmed" ta="center">
          {m.register.empty}
        </Text>
      )}
      {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} />}
    </Stack>
  );
}
