import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { settingsUpdateSchema, type SettingsUpdateInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';

export function OfficeForm() {
  const { m } = useI18n();
  const { settings } = useLookups();
  const [saved, setSaved] = useState(false);
  const form = useForm<SettingsUpdateInput>({ resolver: zodResolver(settingsUpdateSchema), defaultValues: settings });
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    await call('settings:update', values);
    setSaved(true);
  });
  const errors = form.formState.errors;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={m.settings.office}>
        <Stack gap="sm">
          <Text fw={600}>{m.settings.office}</Text>
          <Group align="flex-start">
            <TextInput label={m.settings.officeName} w={260} {...form.register('officeName')} error={errors.officeName?.message} />
            <TextInput label={m.settings.officeCode} w={220} {...form.register('officeCode')} error={errors.officeCode?.message} />
            <TextInput label={m.settings.timeZone} w={180} {...form.register('timeZone')} error={errors.timeZone?.message} />
            <NumberInput
              label={m.settings.attachmentMaxMb}
              w={180}
              min={1}
              max={50}
              value={form.watch('attachmentMaxMb')}
              onChange={(v) => form.setValue('attachmentMaxMb', typeof v === 'number' ? v : Number(v))}
              error={errors.attachmentMaxMb?.message}
            />
          </Group>
          {formError && <Alert color="red">{formError}</Alert>}
          <Group>
            <Button type="submit">{m.common.save}</Button>
            {saved && <Text c="teal" size="sm">{m.common.saved}</Text>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
