import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { STAFF_ROLES, staffSaveSchema, type Staff, type StaffSaveInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { SwitchField } from '../../lib/SwitchField';
import { useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';

/** The staff directory: who can receive, handle and follow up complaints. */
export function StaffEditor() {
  const { m } = useI18n();
  const { staff } = useLookups();
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  return (
    <Paper withBorder p="md" data-testid="staff">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{m.settings.staff}</Text>
          <Button size="xs" variant="light" onClick={() => setEditing('new')}>
            {m.common.add}
          </Button>
        </Group>
        {editing && <StaffForm key={editing === 'new' ? 'new' : editing.id} staff={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.settings.staffName}</Table.Th>
              <Table.Th>{m.settings.department}</Table.Th>
              <Table.Th>{m.settings.role}</Table.Th>
              <Table.Th>{m.settings.phone}</Table.Th>
              <Table.Th>{m.settings.status}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.departmentName}</Table.Td>
                <Table.Td>{m.role[s.role]}</Table.Td>
                <Table.Td>{s.phone}</Table.Td>
                <Table.Td>{s.active ? m.common.active : m.common.inactive}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setEditing(s)}>
                    {m.common.edit}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function StaffForm({ staff, onDone }: { staff: Staff | null; onDone: () => void }) {
  const { m } = useI18n();
  const { departments } = useLookups();
  const form = useForm<StaffSaveInput>({
    resolver: zodResolver(staffSaveSchema),
    defaultValues: staff ?? { name: '', departmentId: departments[0]?.id ?? '', role: 'handler', phone: '', active: true },
  });
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    await call('staff:save', staff ? { ...values, id: staff.id } : values);
    onDone();
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate aria-label={m.settings.staff}>
      <Group align="flex-start">
        <TextInput label={m.settings.staffName} withAsterisk autoFocus {...form.register('name')} error={errors.name?.message} />
        <NativeSelect
          label={m.settings.department}
          data={departments.filter((d) => d.active || d.id === staff?.departmentId).map((d) => ({ value: d.id, label: d.name }))}
          {...form.register('departmentId')}
          error={errors.departmentId?.message}
        />
        <NativeSelect label={m.settings.role} data={STAFF_ROLES.map((r) => ({ value: r, label: m.role[r] }))} {...form.register('role')} error={errors.role?.message} />
        <TextInput label={m.settings.phone} {...form.register('phone')} error={errors.phone?.message} />
        <SwitchField mt={30} label={m.common.active} control={form.control} name="active" />
        <Group mt={24}>
          <Button type="submit">{m.common.save}</Button>
          <Button variant="default" onClick={onDone}>
            {m.common.cancel}
          </Button>
        </Group>
      </Group>
      {formError && <Alert color="red" mt="sm">{formError}</Alert>}
    </form>
  );
}
