import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { formCodesSchema, PRINT_FORMS, type FormCodes } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { useI18n } from '../../app/i18n';

/** 表单编号 and 版本 of each paper form (the office's ISO document control), printed on every sheet. */
export function FormCodesForm() {
  const { m } = useI18n();
  const [saved, setSaved] = useState(false);
  const form = useForm<FormCodes>({ resolver: zodResolver(formCodesSchema) });
  // The codes in force fill the form (again when changed elsewhere), unless the desk is editing them.
  const codes = useApiQuery('forms:get', {}).data;
  const { isDirty } = form.formState;
  useEffect(() => {
    if (codes && !isDirty) form.reset(codes);
  }, [codes, isDirty, form]);
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    form.reset(await call('forms:update', values));
    setSaved(true);
  });
  const errors = form.formState.errors;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={m.print.formCodes}>
        <Stack gap="sm">
          <Text fw={600}>{m.print.formCodes}</Text>
          {PRINT_FORMS.map((f) => (
            <Group key={f} align="flex-start">
              <Text w={180} mt={30} size="sm">
                {m.print[f]}
              </Text>
              <TextInput label={`${m.print[f]} ${m.print.formCode}`} w={200} {...form.register(`${f}.code`)} error={errors[f]?.code?.message} />
              <TextInput label={`${m.print[f]} ${m.print.formRevision}`} w={120} {...form.register(`${f}.revision`)} error={errors[f]?.revision?.message} />
            </Group>
          ))}
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
