import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Alert, Button, Group, Paper, PasswordInput, Radio, Stack, Text } from '@mantine/core';
import { exportStartSchema, type ExportOutcome, type ExportStartInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { DateField } from '../../lib/DateFields';
import { fill, useI18n } from '../../app/i18n';
import { useOperator } from '../../app/operator';
import { FolderChooser } from './FolderChooser';
import { JobProgress } from './JobProgress';
import { formatBytes, jobErrorText, rangeText } from './exchange-format';
import { useExchangeJob } from './useExchangeJob';

interface ExportFormValues {
  actorId: string;
  folder: string;
  scope: 'whole' | 'range';
  from: string;
  to: string;
  passphrase: string;
  passphraseAgain: string;
}

const toStartInput = (v: ExportFormValues): ExportStartInput => ({
  actorId: v.actorId,
  folder: v.folder,
  passphrase: v.passphrase,
  ...(v.scope === 'range' ? { from: v.from, to: v.to } : {}),
});

/** The contract's own schema decides (and words) what is wrong; the form adds only "type it twice". */
const exportFormSchema = (mismatch: string) =>
  z
    .object({ actorId: z.string(), folder: z.string(), scope: z.enum(['whole', 'range']), from: z.string(), to: z.string(), passphrase: z.string(), passphraseAgain: z.string() })
    .superRefine((values, ctx) => {
      const parsed = exportStartSchema.safeParse(toStartInput(values));
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      if (values.passphraseAgain !== values.passphrase) ctx.addIssue({ code: 'custom', message: mismatch, path: ['passphraseAgain'] });
    });

/** Office side: the register (or a period of it) to an encrypted file on the stick, for head office. */
export function ExportPanel() {
  const { m, locale } = useI18n();
  const { operatorId } = useOperator();
  // The passphrase does not stay on screen once the file is written.
  const jobState = useExchangeJob('export', (finished) => {
    if (finished.state === 'done') form.reset({ ...form.getValues(), passphrase: '', passphraseAgain: '' });
  });
  const { job, running } = jobState;
  const schema = useMemo(() => exportFormSchema(m.exchange.passphraseMismatch), [m]);
  const form = useForm<ExportFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { actorId: operatorId, folder: '', scope: 'whole', from: '', to: '', passphrase: '', passphraseAgain: '' },
  });
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    await jobState.start(() => call('exchange:export', toStartInput(values)));
  });
  // The operator chosen at the top of the page is who exports (main checks they are in the staff directory).
  useEffect(() => form.setValue('actorId', operatorId), [form, operatorId]);
  const errors = form.formState.errors;
  const scope = form.watch('scope');
  const failedField = job?.state === 'failed' ? job.errorField : undefined;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={m.exchange.tabExport}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {m.exchange.exportIntro}
          </Text>
          <FolderChooser
            purpose="export"
            value={form.watch('folder')}
            onChange={(folder) => form.setValue('folder', folder, { shouldValidate: form.formState.isSubmitted })}
            error={errors.folder?.message ?? (failedField === 'folder' && job ? jobErrorText(job, locale) : undefined)}
            disabled={running}
          />
          <Radio.Group label={m.exchange.scope} value={scope} onChange={(v) => form.setValue('scope', v === 'range' ? 'range' : 'whole')}>
            <Group mt={6}>
              <Radio value="whole" label={m.exchange.scopeWhole} disabled={running} />
              <Radio value="range" label={m.exchange.scopeRange} disabled={running} />
            </Group>
          </Radio.Group>
          {scope === 'range' && (
            <Group align="flex-start">
              <DateField control={form.control} name="from" label={m.exchange.from} error={errors.from?.message} disabled={running} />
              <DateField control={form.control} name="to" label={m.exchange.to} error={errors.to?.message} disabled={running} />
            </Group>
          )}
          <Group align="flex-start">
            <PasswordInput
              label={m.exchange.passphrase}
              w={300}
              autoComplete="new-password"
              {...form.register('passphrase')}
              error={errors.passphrase?.message}
              disabled={running}
            />
            <PasswordInput
              label={m.exchange.passphraseAgain}
              w={300}
              autoComplete="new-password"
              {...form.register('passphraseAgain')}
              error={errors.passphraseAgain?.message}
              disabled={running}
            />
          </Group>
          <Text size="xs" c="dimmed" mt={-6}>
            {m.exchange.passphraseHint}
          </Text>
          {(formError ?? errors.actorId?.message) && <Alert color="red">{formError ?? errors.actorId?.message}</Alert>}
          {running ? (
            <JobProgress job={job} onCancel={jobState.cancel} />
          ) : (
            <Group>
              <Button type="submit">{m.exchange.startExport}</Button>
            </Group>
          )}
          {job?.state === 'done' && job.export && <ExportDone outcome={job.export} />}
          {job?.state === 'cancelled' && <Alert color="gray" data-testid="export-cancelled">{jobErrorText(job, locale)}</Alert>}
          {job?.state === 'failed' && (
            <Alert color="red" data-testid="export-failed">
              {jobErrorText(job, locale)}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/** Written, read back and verified: only now may the stick come out. */
function ExportDone({ outcome }: { outcome: ExportOutcome }) {
  const { m } = useI18n();
  const count = (table: string) => outcome.counts[table] ?? 0;
  return (
    <Alert color="teal" title={fill(m.exchange.exported, { file: outcome.fileName })} data-testid="export-done">
      <Stack gap={4}>
        <Text size="sm">{fill(m.exchange.exportedWhere, { path: outcome.path, size: formatBytes(outcome.fileBytes) })}</Text>
        <Text size="sm" data-testid="export-counts">
          {fill(m.exchange.exportedCounts, {
            range: rangeText(m, outcome.range),
            complaints: count('complaints'),
            attachments: count('attachments'),
            staff: count('staff'),
          })}
        </Text>
        {outcome.missingAttachmentFiles > 0 && (
          <Text size="sm" c="orange">
            {fill(m.exchange.missingAttachments, { n: outcome.missingAttachmentFiles })}
          </Text>
        )}
        <Text fw={700}>{m.exchange.safeToRemove}</Text>
      </Stack>
    </Alert>
  );
}
