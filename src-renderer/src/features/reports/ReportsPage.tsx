import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { PRINT_FORMS } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { fill, useI18n } from '../../app/i18n';
import { usePrint } from '../print/PrintPreview';
import { lastMonth } from '../../lib/format';
import { mainNowWall } from '../../lib/main-clock';
import { useLookups } from '../../app/lookups';
import { OfficeSelect } from '../offices/OfficeSelect';
import { useOffices } from '../offices/useOffices';

/** Head-office paperwork: the monthly report, and blank forms for the days the PC is down. */
export function ReportsPage() {
  const { m } = useI18n();
  const monthly = usePrint();
  const blank = usePrint();
  const { settings } = useLookups();
  // Last month on main's clock (the office's date, not this machine's).
  const [month, setMonth] = useState(() => lastMonth(new Date(`${mainNowWall(settings.timeZone).slice(0, 10)}T12:00:00`)));
  const offices = useOffices();
  const [officeCode, setOfficeCode] = useState('');

  return (
    <Stack gap="md" data-page="reports">
      <Title order={2}>{m.print.reportsTitle}</Title>
      <Paper withBorder p="md">
        <Text fw={600} mb="sm">
          {m.print.monthlyTitle}
        </Text>
        <Group align="flex-end">
          <TextInput label={m.print.month} placeholder="YYYY-MM" value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={140} />
          <OfficeSelect offices={offices} value={officeCode} onChange={setOfficeCode} />
          <Button loading={monthly.busy} onClick={() => monthly.print(() => call('print:monthlyReport', { month, ...(officeCode && { officeCode }) }))}>
            {m.print.printMonthly}
          </Button>
        </Group>
        {offices.length > 1 && !officeCode && (
          <Text size="sm" c="dimmed" mt="xs">
            {m.offices.allReportHint}
          </Text>
        )}
        {monthly.error && <Alert color="red" mt="sm">{monthly.error}</Alert>}
        {monthly.preview}
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600}>{m.print.blankForms}</Text>
        <Text size="sm" c="dimmed" mb="sm">
          {m.print.blankHint}
        </Text>
        <Group gap="xs">
          {PRINT_FORMS.map((form) => (
            <Button key={form} variant="light" loading={blank.busy} onClick={() => blank.print(() => call('print:blankForm', { form }))}>
              {fill(m.print.printBlank, { form: m.print[form] })}
            </Button>
          ))}
        </Group>
        {blank.error && <Alert color="red" mt="sm">{blank.error}</Alert>}
        {blank.preview}
      </Paper>
    </Stack>
  );
}
