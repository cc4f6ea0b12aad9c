import { Stack, Table, Text, Title, Paper } from '@mantine/core';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { OfficeForm } from './OfficeForm';
import { FormCodesForm } from './FormCodesForm';
import { ListEditor } from './ListEditor';
import { StaffEditor } from './StaffEditor';
import { PolicyForm } from './PolicyForm';
import { CalendarEditor } from './CalendarEditor';

/** Settings: the office, its departments, complaint categories and staff. */
export function SettingsPage() {
  const { m } = useI18n();
  const { info, departments, categories } = useLookups();
  return (
    <Stack data-page="settings">
      <Title order={2}>{m.settings.title}</Title>
      <OfficeForm />
      <FormCodesForm />
      <ListEditor title={m.settings.departments} entries={departments} channel="departments:save" testId="departments" />
      <ListEditor title={m.settings.categories} entries={categories} channel="categories:save" testId="categories" />
      <StaffEditor />
      <PolicyForm />
      <CalendarEditor />
      <Paper withBorder p="md">
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>{m.settings.dataDir}</Table.Th>
              <Table.Td>
                <Text ff="monospace" size="sm">{info.dataDir}</Text>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{m.settings.version}</Table.Th>
              <Table.Td>{fill(m.punct.paren, { text: info.version, note: info.mode === 'web' ? 'web' : 'Electron' })}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
