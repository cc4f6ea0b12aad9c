import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { complaintUpdateSchema } from '../../../../src-preload/contract';
import { formKeyHandler } from '../../lib/keyboard';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';

const unlockSchema = complaintUpdateSchema.shape.unlock.unwrap();
export type Unlock = { supervisorId: string; reason: string };

/**
 * The edit changes what a signed form vouches for: a supervisor approves it with a reason (same
 * schema as main checks). The saved edit is a new version; the signed copy stays as evidence.
 */
export function UnlockDialog({ fields, onConfirm, onCancel }: { fields: string[]; onConfirm: (unlock: Unlock) => void; onCancel: () => void }) {
  const { m } = useI18n();
  const { staff } = useLookups();
  const approvers = staff.filter((s) => s.active && (s.role === 'supervisor' || s.role === 'director'));
  const form = useForm<Unlock>({ resolver: zodResolver(unlockSchema), defaultValues: { supervisorId: approvers[0]?.id ?? '', reason: '' } });
  const submit = () => void form.handleSubmit(onConfirm)();
  const { errors } = form.formState;

  return (
    <Modal opened onClose={onCancel} title={m.print.unlockTitle}>
      <form noValidate onSubmit={(e) => (e.preventDefault(), submit())} onKeyDown={formKeyHandler(submit)}>
        <Stack>
          <Text size="sm">{fill(m.print.unlockText, { fields: fields.join(m.punct.listSeparator) })}</Text>
          <NativeSelect
            label={m.print.approver}
            withAsterisk
            data={approvers.length ? approvers.map((s) => ({ value: s.id, label: s.name })) : [{ value: '', label: m.print.noApprover }]}
            {...form.register('supervisorId')}
            error={errors.supervisorId?.message}
          />
          <TextInput label={m.print.unlockReason} withAsterisk data-autofocus {...form.register('reason')} error={errors.reason?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {m.common.cancel}
            </Button>
            <Button type="submit">{m.print.unlockConfirm}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
