import { keepPreviousData } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, MultiSelect, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CHANNELS, SEVERITIES, STATUSES, type ComplaintSortKey } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { mainNowWall } from '../../lib/main-clock';
import { monthRange, roomLabel } from '../../lib/format';
import { PlainDateField } from '../../lib/DateFields';
import { usePrint } from '../print/PrintPreview';
import { useExcelExport } from './useExcelExport';
import { DEFAULT_VIEW, sortBy, toListQuery, type RegisterFilters, type RegisterView } from './register-view';
import { useRegisterView } from './useRegisterView';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { navigate } from '../../app/router';
import { StatusBadge } from '../complaint/StatusBadge';
import { OfficeSelect } from '../offices/OfficeSelect';
import { useOfficeChoices, useOffices } from '../offices/useOffices';

const PAGE_SIZE = 50;

/** The register (投诉台账): every complaint, filtered, searched and sorted by any column (newest first by default). */
export function RegisterPage() {
  const { m } = useI18n();
  const { settings } = useLookups();
  const offices = useOffices();
  // Filters, search, page and sort live in the URL: back from a complaint, or a reload, shows the same rows.
  const [view, setView] = useRegisterView();
  const { filters, page } = view;
  // The department and category choices are the chosen office's (each office has its own 工程部).
  const { several, departments, categories, pickOfficeFirst } = useOfficeChoices(offices, filters.officeCode);
  const [debouncedText] = useDebouncedValue(filters.text, 250);

  // The page shown stays until the next filter's rows arrive (no blank flash while typing).
  const list = useApiQuery('complaints:list', toListQuery(view, debouncedText, PAGE_SIZE), { placeholderData: keepPreviousData });
  const result = list.data ?? null;
  const error = list.error?.message ?? null;

  // Any change of filter starts again from page 1.
  const setFilters = (change: Partial<RegisterFilters>) => setView((v) => ({ ...v, filters: { ...v.filters, ...change }, page: 1 }));
  const set = (key: Exclude<keyof RegisterFilters, 'status'>) => (e: { currentTarget: { value: string } }) => setFilters({ [key]: e.currentTarget.value });
  const setOffice = (officeCode: string) => setFilters({ officeCode, departmentId: '', categoryId: '' });
  const setPage = (next: number) => setView((v) => ({ ...v, page: next }));
  const sortHeader = (key: ComplaintSortKey, label: string) => <SortHeader label={label} sortKey={key} view={view} onSort={() => setView((v) => sortBy(v, key))} />;
  const all = { value: '', label: m.common.all };
  const registerPrint = usePrint();
  const excelExport = useExcelExport();
  // The paper register and the Excel file cover a period: the chosen dates, or this month when none are set.
  const periodQuery = () => {
    const { page: _page, pageSize: _size, sort: _sort, direction: _direction, receivedFrom, receivedTo, ...filtersOnly } = toListQuery(view, debouncedText, PAGE_SIZE);
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
        <MultiSelect
          label={m.fields.status}
          placeholder={filters.status.length ? undefined : m.common.all}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          data={STATUSES.map((s) => ({ value: s, label: m.status[s] }))}
          clearable
          miw={160}
          maw={360}
        />
        <NativeSelect label={m.register.department} value={filters.departmentId} onChange={set('departmentId')} disabled={pickOfficeFirst} title={pickOfficeFirst ? m.offices.pickOfficeFirst : undefined} data={[all, ...departments.map((d) => ({ value: d.id, label: d.name }))]} />
        <NativeSelect label={m.fields.categoryId} value={filters.categoryId} onChange={set('categoryId')} disabled={pickOfficeFirst} title={pickOfficeFirst ? m.offices.pickOfficeFirst : undefined} data={[all, ...categories.map((c) => ({ value: c.id, label: c.name }))]} />
        <NativeSelect label={m.fields.channel} value={filters.channel} onChange={set('channel')} data={[all, ...CHANNELS.map((c) => ({ value: c, label: m.channel[c] }))]} />
        <NativeSelect label={m.fields.severity} value={filters.severity} onChange={set('severity')} data={[all, ...SEVERITIES.map((s) => ({ value: s, label: m.severity[s] }))]} />
        <PlainDateField label={m.register.from} value={filters.receivedFrom} onChange={(value) => set('receivedFrom')({ currentTarget: { value } })} w={150} />
        <PlainDateField label={m.register.to} value={filters.receivedTo} onChange={(value) => set('receivedTo')({ currentTarget: { value } })} w={150} />
        <Button variant="subtle" onClick={() => setView(() => DEFAULT_VIEW)}>
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
            {sortHeader('number', m.fields.number)}
            {sortHeader('receivedAt', m.fields.receivedAt)}
            {sortHeader('complainantName', m.fields.complainantName)}
            {sortHeader('room', m.fields.roomLabel)}
            {sortHeader('categoryName', m.fields.categoryId)}
            {sortHeader('departmentName', m.fields.complainedDepartmentId)}
            {sortHeader('severity', m.fields.severity)}
            {sortHeader('status', m.fields.status)}
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

/** A column header that sorts the register by its column; a second click reverses the order. */
function SortHeader({ label, sortKey, view, onSort }: { label: string; sortKey: ComplaintSortKey; view: RegisterView; onSort: () => void }) {
  const active = view.sort === sortKey;
  return (
    <Table.Th aria-sort={active ? (view.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={onSort} fw={600} fz="sm">
        {label}
        <span aria-hidden style={{ marginInlineStart: 4, opacity: active ? 1 : 0.3 }}>
          {active && view.direction === 'asc' ? '▲' : '▼'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
