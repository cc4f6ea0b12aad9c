import { useEffect, useState } from 'react';
import { Controller, useForm, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { DURATION_UNITS, SEVERITIES, URGENCIES, deadlinePolicySchema, type DeadlinePolicy, type Duration } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { fill, useI18n } from '../../app/i18n';

/** One time allowed: amount and unit, or "none" where the rule is optional. */
function DurationField({ control, name, nullable, label }: { control: Control<DeadlinePolicy>; name: string; nullable?: boolean; label: string }) {
  const { m } = useI18n();
  return (
    <Controller
      control={control}
      name={name as never}
      render={({ field, fieldState }) => {
        const value = field.value as Duration | null;
        return (
          <Group gap={4} wrap="nowrap" aria-label={label}>
            <NumberInput
              aria-label={`${label} amount`}
              w={80}
              min={1}
              disabled={value === null}
              value={value?.amount ?? ''}
              onChange={(v) => value && field.onChange({ ...value, amount: Number(v) || 0 })}
              error={fieldState.error?.message}
            />
            <NativeSelect
              aria-label={`${label} unit`}
              w={110}
              value={value?.unit ?? ''}
              onChange={(e) => {
                const unit = e.currentTarget.value;
                field.onChange(unit === '' ? null : { amount: value?.amount ?? 1, unit });
              }}
              data={[...(nullable ? [{ value: '', label: m.policy.none }] : []), ...DURATION_UNITS.map((u) => ({ value: u, label: m.policy.unit[u] }))]}
            />
          </Group>
        );
      }}
    />
  );
}

/** The deadline policy (procedure §5). Changes apply to new deadlines only, and the form says so. */
export function PolicyForm() {
  const { m } = useI18n();
  const inForce = useApiQuery('deadlines:getPolicy', {}).data;
  // The version the form shows. The policy in force (saved here or in another window) fills the
  // form, unless the desk is in the middle of editing it.
  const [version, setVersion] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<DeadlinePolicy>({ resolver: zodResolver(deadlinePolicySchema) });
  const { isDirty } = form.formState;
  useEffect(() => {
    if (!inForce || inForce.version === version || (isDirty && version !== null)) return;
    form.reset(inForce.policy);
    setVersion(inForce.version);
  }, [inForce, version, isDirty, form]);
  const { submit, formError } = useSubmitWithServerErrors(form, async (policy) => {
    const result = await call('deadlines:updatePolicy', { policy });
    form.reset(result.policy);
    setVersion(result.version);
    setSaved(true);
  });
  if (version === null) return null;
  const { control } = form;
  return (
    <Paper withBorder p="md" data-testid="policy">
      <form onSubmit={submit} noValidate aria-label={m.policy.title}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>{m.policy.title}</Text>
            <Text size="xs" c="dimmed">
              {fill(m.policy.version, { version })}
            </Text>
          </Group>
          <Alert color="blue" p="xs">
            {m.policy.note}
          </Alert>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{m.policy.severity}</Table.Th>
                <Table.Th>{m.policy.firstResponse}</Table.Th>
                <Table.Th>{m.policy.report}</Table.Th>
                <Table.Th>{m.policy.resolution}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SEVERITIES.map((s) => (
                <Table.Tr key={s}>
                  <Table.Td>{m.severity[s]}</Table.Td>
                  <Table.Td>
                    <DurationField control={control} name={`severities.${s}.firstResponse`} nullable label={`${m.severity[s]} ${m.policy.firstResponse}`} />
                  </Table.Td>
                  <Table.Td>
                    <DurationField control={control} name={`severities.${s}.report`} nullable label={`${m.severity[s]} ${m.policy.report}`} />
                  </Table.Td>
                  <Table.Td>
                    <DurationField control={control} name={`severities.${s}.resolution`} label={`${m.severity[s]} ${m.policy.resolution}`} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {m.policy.replyNote}
          </Text>
          <Group align="flex-start" gap="xl">
            {URGENCIES.map((u) => (
              <Stack key={u} gap={2}>
                <Text size="sm">
                  {fill(m.punct.paren, { text: m.policy.reply, note: m.urgency[u] })}
                </Text>
                <DurationField control={control} name={`reply.${u}`} label={`${m.urgency[u]} ${m.policy.reply}`} />
              </Stack>
            ))}
            <Stack gap={2}>
              <Text size="sm">{m.policy.definiteReply}</Text>
              <DurationField control={control} name="definiteReply" label={m.policy.definiteReply} />
            </Stack>
            <Stack gap={2}>
              <Text size="sm">
                {fill(m.punct.paren, { text: m.policy.dispatch, note: m.policy.dispatchMajor })}
              </Text>
              <DurationField control={control} name="dispatch.major" label={m.policy.dispatchMajor} />
            </Stack>
            <Stack gap={2}>
              <Text size="sm">
                {fill(m.punct.paren, { text: m.policy.dispatch, note: m.policy.dispatchOther })}
              </Text>
              <DurationField control={control} name="dispatch.other" label={m.policy.dispatchOther} />
            </Stack>
          </Group>
          <Group align="flex-start" gap="xl">
            <Stack gap={2}>
              <Text size="sm">{m.policy.followUp}</Text>
              <DurationField control={control} name="followUp" label={m.policy.followUp} />
            </Stack>
            <Stack gap={2}>
              <Text size="sm">{m.policy.invalidNotice}</Text>
              <DurationField control={control} name="invalidNotice" label={m.policy.invalidNotice} />
            </Stack>
            <Controller
              control={control}
              name="warningRatio"
              render={({ field, fieldState }) => (
                <NumberInput
                  label={m.policy.warningRatio}
                  w={160}
                  min={10}
                  max={99}
                  value={Math.round((field.value ?? 0.8) * 100)}
                  onChange={(v) => field.onChange((Number(v) || 0) / 100)}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={control}
              name="autoMajorMonths"
              render={({ field, fieldState }) => (
                <NumberInput label={m.policy.autoMajorMonths} w={240} min={1} max={12} value={field.value} onChange={(v) => field.onChange(Number(v) || 0)} error={fieldState.error?.message} />
              )}
            />
          </Group>
          {formError && <Alert color="red">{formError}</Alert>}
          <Group>
            <Button type="submit">{m.common.save}</Button>
            {saved && <Text c="teal" size="sm">{fill(m.policy.saved, { version })}</Text>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
