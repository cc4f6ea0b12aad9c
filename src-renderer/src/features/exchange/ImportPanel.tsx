import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, Paper, PasswordInput, Stack, Table, Text } from '@mantine/core';
import { importStartSchema, type ImportStartInput } from '../../../../src-preload/contract';
import { ApiError, call } from '../../lib/api';
import { checkForChanges } from '../../lib/query';
import { useSubmitWithServerErrors } from '../../lib/forms';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { useOperator } from '../../app/operator';
import { FolderChooser } from './FolderChooser';
import { JobProgress } from './JobProgress';
import { ImportSummary } from './ImportSummary';
import { formatBytes, jobErrorText } from './exchange-format';
import { useExchangeJob } from './useExchangeJob';

/** A file that may be imported: listed from a folder, or picked in the desktop's file dialog (no size then). */
interface Candidate {
  path: string;
  name: string;
  bytes?: number;
  modifiedAt?: string;
}

const nameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Head office: the .cdx files offices brought in, merged into this database. */
export function ImportPanel() {
  const { m, locale } = useI18n();
  const { info } = useLookups();
  const { operatorId } = useOperator();
  // The register, board, history and reports now hold the offices' records: main counted the
  // change (app:pulse), and this window asks at once instead of at its next pulse.
  const jobState = useExchangeJob('import', checkForChanges);
  const { job, running } = jobState;
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const form = useForm<ImportStartInput>({ resolver: zodResolver(importStartSchema), defaultValues: { actorId: operatorId, paths: [], passphrase: '' } });
  useEffect(() => form.setValue('actorId', operatorId), [form, operatorId]);
  const { submit, formError } = useSubmitWithServerErrors(form, async (values) => {
    await jobState.start(() => call('exchange:import', values));
  });
  const errors = form.formState.errors;
  // The ticked files are the form's own `paths`: no second copy to keep in step.
  const selected = form.watch('paths');

  const choose = (paths: string[]) => {
    form.setValue('paths', paths, { shouldValidate: form.formState.isSubmitted });
  };
  const offer = (list: Candidate[]) => {
    setCandidates(list);
    choose(list.map((c) => c.path)); // usually every file on the stick is meant for import
  };

  const listFolder = (path = folder) => {
    setFolderError(undefined);
    if (!path.trim()) {
      setFolderError(m.exchange.folderMissing);
      return;
    }
    call('exchange:files', { folder: path })
      .then((files) => offer(files))
      .catch((e: unknown) => {
        setCandidates(null);
        setFolderError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
      });
  };
  const pickFiles = () => {
    call('exchange:pickFiles', {})
      .then(({ paths }) => paths.length > 0 && offer(paths.map((path) => ({ path, name: nameOf(path) }))))
      .catch((e: unknown) => setFolderError(e instanceof Error ? e.message : String(e)));
  };
  const toggle = (path: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(path);
    else next.delete(path);
    choose((candidates ?? []).map((c) => c.path).filter((p) => next.has(p)));
  };
  const allChosen = candidates !== null && candidates.length > 0 && selected.length === candidates.length;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={m.exchange.tabImport}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {m.exchange.importIntro}
          </Text>
          <FolderChooser
            purpose="import"
            value={folder}
            onChange={setFolder}
            onPick={listFolder}
            error={folderError}
            disabled={running}
            onSubmitPath={() => listFolder()}
          />
          <Group gap="xs">
            <Button variant="light" onClick={() => listFolder()} disabled={running}>
              {m.exchange.listFiles}
            </Button>
            {info.mode === 'electron' && (
              <Button variant="default" onClick={pickFiles} disabled={running}>
                {m.exchange.pickFiles}
              </Button>
            )}
          </Group>
          {candidates && candidates.length === 0 && <Text c="dimmed">{m.exchange.noFiles}</Text>}
          {candidates && candidates.length > 0 && (
            <Table withTableBorder data-testid="import-files">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={m.exchange.selectAll}
                      checked={allChosen}
                      indeterminate={selected.length > 0 && !allChosen}
                      disabled={running}
                      onChange={(e) => choose(e.currentTarget.checked ? candidates.map((c) => c.path) : [])}
                    />
                  </Table.Th>
                  <Table.Th>{m.exchange.fileName}</Table.Th>
                  <Table.Th>{m.exchange.fileSize}</Table.Th>
                  <Table.Th>{m.exchange.fileModified}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {candidates.map((file) => (
                  <Table.Tr key={file.path}>
                    <Table.Td>
                      <Checkbox aria-label={file.name} checked={selected.includes(file.path)} disabled={running} onChange={(e) => toggle(file.path, e.currentTarget.checked)} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {file.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{file.bytes === undefined ? '' : formatBytes(file.bytes)}</Table.Td>
                    <Table.Td>{file.modifiedAt ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {candidates && candidates.length > 0 && (
            <Text size="sm" c={errors.paths ? 'red' : 'dimmed'}>
              {errors.paths?.message ?? fill(m.exchange.selected, { n: selected.length })}
            </Text>
          )}
          <PasswordInput
            label={m.exchange.importPassphrase}
            description={m.exchange.importPassphraseHint}
            w={420}
            autoComplete="off"
            {...form.register('passphrase')}
            error={errors.passphrase?.message}
            disabled={running}
          />
          {(formError ?? errors.actorId?.message ?? (!candidates ? errors.paths?.message : undefined)) && (
            <Alert color="red">{formError ?? errors.actorId?.message ?? errors.paths?.message}</Alert>
          )}
          {running ? (
            <JobProgress job={job} onCancel={jobState.cancel} />
          ) : (
            <Group>
              <Button type="submit">{m.exchange.startImport}</Button>
            </Group>
          )}
          {job && job.state !== 'running' && job.state !== 'done' && (
            <Alert color={job.state === 'cancelled' ? 'gray' : 'red'} data-testid="import-stopped">
              {jobErrorText(job, locale)}
            </Alert>
          )}
          {job && job.state !== 'running' && (job.files?.length ?? 0) > 0 && <ImportSummary results={job.files ?? []} />}
        </Stack>
      </form>
    </Paper>
  );
}
