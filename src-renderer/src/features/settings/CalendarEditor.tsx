import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, FileButton, Group, NativeSelect, NumberInput, Paper, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { CALENDAR_DAY_KINDS, calendarDaySchema, type AddWorkingDaysInput } from '../../../../src-preload/contract';
import type { z } from 'zod';
import { call } from '../../lib/api';
import { fetchApi, useApiQuery } from '../../lib/query';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { mainNowWall } from '../../lib/main-clock';
import { DateField, PlainDateTimeField } from '../../lib/DateFields';

type DayInput = z.input<typeof calendarDaySchema>;

/** The working-day calendar: holidays and make-up workdays per year, import/export, and a calculator. */
export function CalendarEditor() {
  const { m } = useI18n();
  // Every edit below changes 'calendar': this query is read again after each (lib/api.ts).
  const overview = useApiQuery('calendar:get', {}).data;
  // The year shown: the one chosen or last edited, else the latest in the calendar.
  const [chosenYear, setYear] = useState('');
  const year = chosenYear || String(overview?.years.at(-1)?.year ?? '');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const form = useForm<DayInput>({ resolver: zodResolver(calendarDaySchema), defaultValues: { date: '', kind: 'holiday', name: '' } });
  const { submit, formError } = useSubmitWithServerErrors(form, async (day) => {
    await call('calendar:saveDay', day);
    setYear(day.date.slice(0, 4));
    form.reset({ date: '', kind: day.kind, name: '' });
  });

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const importFile = (file: File | null) =>
    file &&
    void run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(fill(m.errors.notJson, { name: file.name }));
      }
      return call('calendar:import', parsed as never);
    }, m.calendar.imported);

  const exportFile = async () => {
    const data = await fetchApi('calendar:export', {});
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'complaint-desk-calendar.json';
    a.click();
    URL.revokeObjectURL(url);
  };

  if (!overview) return null;
  const days = overview.days.filter((d) => d.date.startsWith(`${year}-`));
  const errors = form.formState.errors;
  return (
    <Paper withBorder p="md" data-testid="calendar">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{m.calendar.title}</Text>
          <Group gap="xs">
            <FileButton onChange={importFile} accept="application/json,.json">
              {(props) => (
                <Button size="xs" variant="light" {...props}>
                  {m.calendar.import}
                </Button>
              )}
            </FileButton>
            <Button size="xs" variant="light" onClick={() => void exportFile()}>
              {m.calendar.export}
            </Button>
          </Group>
        </Group>
        {overview.missingYear !== null && <Alert color="yellow">{fill(m.calendar.banner, { year: overview.missingYear })}</Alert>}
        <Text size="sm">
          {fill(m.punct.labelled, {
            label: m.calendar.years,
            value: overview.years
              .map((y) => fill(m.punct.paren, { text: String(y.year), note: fill(m.punct.labelled, { label: m.calendar.source, value: y.source || '—' }) }))
              .join(m.punct.clauseSeparator),
          })}
        </Text>
        <NativeSelect label={m.calendar.year} w={160} value={year} onChange={(e) => setYear(e.currentTarget.value)} data={overview.years.map((y) => String(y.year))} />
        <ScrollArea h={240}>
          <Table data-testid="calendar-days">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{m.calendar.date}</Table.Th>
                <Table.Th>{m.calendar.kind}</Table.Th>
                <Table.Th>{m.calendar.name}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.map((d) => (
                <Table.Tr key={d.date}>
                  <Table.Td>{d.date}</Table.Td>
                  <Table.Td>{m.calendar[d.kind]}</Table.Td>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void run(() => call('calendar:removeDay', { date: d.date }))}>
                      {m.calendar.remove}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <form onSubmit={submit} noValidate aria-label={m.calendar.addDay}>
          <Group align="flex-start">
            <DateField control={form.control} name="date" label={m.calendar.date} error={errors.date?.message} />
            <NativeSelect label={m.calendar.kind} data={CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: m.calendar[k] }))} {...form.register('kind')} />
            <TextInput label={m.calendar.name} {...form.register('name')} error={errors.name?.message} />
            <Button type="submit" mt={24}>
              {m.calendar.addDay}
            </Button>
          </Group>
        </form>
        {(error ?? formError) && <Alert color="red">{error ?? formError}</Alert>}
        {notice && <Text c="teal" size="sm">{notice}</Text>}
        <WorkingDayCalculator />
      </Stack>
    </Paper>
  );
}

function WorkingDayCalculator() {
  const { m } = useI18n();
  const { settings } = useLookups();
  const [from, setFrom] = useState(() => mainNowWall(settings.timeZone));
  const [days, setDays] = useState<number>(3);
  // The question last asked: its answer is a query (read again if the calendar changes meanwhile).
  const [asked, setAsked] = useState<AddWorkingDaysInput | null>(null);
  const answer = useApiQuery('calendar:addWorkingDays', asked ?? { from: '', days: 0 }, { enabled: asked !== null });
  const result = asked ? answer.data : undefined;
  const error = asked ? (answer.error?.message ?? null) : null;
  const calculate = () => {
    // The office is in one zone: send the wall time as an instant with that zone's offset.
    const offset = new Intl.DateTimeFormat('en', { timeZone: settings.timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
    setAsked({ from: `${from.replace(' ', 'T')}:00${offset}`, days });
  };
  return (
    <Stack gap={4} data-testid="calculator">
      <Text fw={600} size="sm">
        {m.calendar.calculator}
      </Text>
      <Group align="flex-end">
        <PlainDateTimeField label={m.calendar.from} value={from} onChange={setFrom} />
        <NumberInput label={m.calendar.days} w={120} min={0} max={366} value={days} onChange={(v) => setDays(Number(v) || 0)} />
        <Button variant="light" onClick={calculate}>
          {m.calendar.calculate}
        </Button>
      </Group>
      {result && (
        <Text size="sm" data-testid="calculator-result">
          {fill(m.calendar.result, { date: result.date })}
        </Text>
      )}
      {result?.warnings.map((w) => (
        <Text key={w} size="xs" c="orange">
          {w}
        </Text>
      ))}
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}
