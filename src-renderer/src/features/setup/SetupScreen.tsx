import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { setupSchema, type SetupInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useI18n } from '../../app/i18n';
import { useSubmitWithServerErrors } from '../../lib/forms';

/** First run with an empty database: who is this office, and who sits at the desk. */
export function SetupScreen() {
  const { m } = useI18n();
  const form = useForm<SetupInput>({ resolver: zodResolver(setupSchema), defaultValues: { officeName: '', officeCode: '', operatorName: '' } });
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    // The lookups read 'office' and 'directory', which setup changes: the app moves on by itself.
    await call('app:setup', values);
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Center h="100vh" data-page="setup">
      <Paper withBorder p="xl" w={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2}>{m.setup.title}</Title>
            <Text size="sm">{m.setup.intro}</Text>
            <TextInput label={m.setup.officeName} withAsterisk autoFocus {...form.register('officeName')} error={errors.officeName?.message} />
            <TextInput label={m.setup.officeCode} withAsterisk placeholder="YGHA" {...form.register('officeCode')} error={errors.officeCode?.message} />
            <TextInput label={m.setup.operatorName} withAsterisk {...form.register('operatorName')} error={errors.operatorName?.message} />
            {formError && <Alert color="red">{formError}</Alert>}
            <Button type="submit" loading={isSubmitting}>
              {m.setup.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
