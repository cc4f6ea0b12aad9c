import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import type { ListEntry } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useI18n } from '../../app/i18n';

interface Props {
  title: string;
  entries: ListEntry[];
  channel: 'departments:save' | 'categories:save';
  testId: string;
}

/** An editable, ordered list (departments, categories): rename, reorder, retire, add. Never delete: old complaints point here. */
export function ListEditor({ title, entries, channel, testId }: Props) {
  const { m } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');

  const save = async (entry: Omit<ListEntry, 'id'> & { id?: string }) => {
    setError(null);
    try {
      await call(channel, entry);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack gap="sm">
        <Text fw={600}>{title}</Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.settings.name}</Table.Th>
              <Table.Th w={120}>#</Table.Th>
              <Table.Th w={120}>{m.settings.status}</Table.Th>
              <Table.Th w={100} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <EntryRow key={`${entry.id}-${entry.name}-${entry.sortOrder}-${entry.active}`} entry={entry} onSave={save} />
            ))}
          </Table.Tbody>
        </Table>
        {error && <Alert color="red">{error}</Alert>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const maxOrder = Math.max(0, ...entries.map((x) => x.sortOrder));
            void save({ name: newName, sortOrder: maxOrder + 10, active: true }).then((ok) => ok && setNewName(''));
          }}
        >
          <Group>
            <TextInput aria-label={`${title} ${m.settings.newName}`} placeholder={m.settings.newName} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} />
            <Button type="submit" variant="light">
              {m.common.add}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

function EntryRow({ entry, onSave }: { entry: ListEntry; onSave: (e: ListEntry) => Promise<boolean> }) {
  const { m } = useI18n();
  const [draft, setDraft] = useState(entry);
  const dirty = draft.name !== entry.name || draft.sortOrder !== entry.sortOrder || draft.active !== entry.active;
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput aria-label={m.settings.name} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
      </Table.Td>
      <Table.Td>
        <NumberInput aria-label="#" value={draft.sortOrder} min={0} max={9999} onChange={(v) => setDraft({ ...draft, sortOrder: Number(v) || 0 })} />
      </Table.Td>
      <Table.Td>
        <Switch
          checked={draft.active}
          label={draft.active ? m.common.active : m.common.inactive}
          onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Button size="xs" disabled={!dirty} onClick={() => void onSave(draft)}>
          {m.common.save}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
