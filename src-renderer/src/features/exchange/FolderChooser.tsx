import { useState } from 'react';
import { Alert, Badge, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import type { ExchangeDrive } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { formatBytes } from './exchange-format';

interface FolderChooserProps {
  purpose: 'export' | 'import';
  value: string;
  onChange: (folder: string) => void;
  /** A drive picked from the list or a folder chosen in the dialog: a complete choice (typing is not). */
  onPick?: (folder: string) => void;
  error?: string;
  disabled?: boolean;
  /** Enter in the path field (the import lists the folder's files). */
  onSubmitPath?: () => void;
}

/**
 * Where to write an export or find files to import: the drives main sees (removable ones first,
 * marked 可移动), a path field for anywhere else, and on the desktop the system's folder dialog.
 * The path field is what counts; picking a drive or browsing fills it.
 */
export function FolderChooser({ purpose, value, onChange, onPick, error, disabled, onSubmitPath }: FolderChooserProps) {
  const { m } = useI18n();
  const { info } = useLookups();
  // A stick plugged in changes no data main counts: the drives are read whenever shown, and on 刷新.
  const drivesQuery = useApiQuery('exchange:drives', {}, { staleTime: 0 });
  const drives = drivesQuery.data ?? null;
  const [browseProblem, setProblem] = useState<string | null>(null);
  const problem = browseProblem ?? drivesQuery.error?.message ?? null;
  const refresh = () => {
    setProblem(null);
    void drivesQuery.refetch();
  };

  const browse = () => {
    setProblem(null);
    call('exchange:pickFolder', { purpose })
      .then(({ path }) => path && pick(path))
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };

  const pick = (folder: string) => {
    onChange(folder);
    onPick?.(folder);
  };
  const labelOf = (drive: ExchangeDrive) => (drive.kind === 'removable' || drive.kind === 'fixed' ? drive.label : m.exchange.kinds[drive.kind]);
  const hasRemovable = drives?.some((d) => d.removable) ?? true;

  return (
    <Stack gap="xs">
      <Radio.Group label={m.exchange.place} value={drives?.some((d) => d.path === value) ? value : ''} onChange={pick}>
        <Stack gap={6} mt={6} data-testid="exchange-drives">
          {drives?.map((drive) => (
            <Radio
              key={drive.path}
              value={drive.path}
              disabled={disabled}
              label={
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={drive.removable ? 600 : undefined}>
                    {labelOf(drive)}
                  </Text>
                  {drive.removable && (
                    <Badge size="sm" color="teal" variant="light">
                      {m.exchange.removable}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed" ff="monospace">
                    {drive.path}
                  </Text>
                  {drive.freeBytes !== null && (
                    <Text size="xs" c="dimmed">
                      {fill(m.exchange.free, { size: formatBytes(drive.freeBytes) })}
                    </Text>
                  )}
                </Group>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {!hasRemovable && (
        <Text size="sm" c="orange" data-testid="no-removable">
          {m.exchange.noRemovable}
        </Text>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          label={m.exchange.folder}
          description={m.exchange.folderHint}
          w={460}
          value={value}
          disabled={disabled}
          error={error}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing && onSubmitPath) {
              e.preventDefault();
              onSubmitPath();
            }
          }}
        />
        {info.mode === 'electron' && (
          <Button variant="default" onClick={browse} disabled={disabled}>
            {m.exchange.browse}
          </Button>
        )}
        <Button variant="subtle" onClick={refresh} disabled={disabled}>
          {m.exchange.refreshDrives}
        </Button>
      </Group>
      {problem && <Alert color="red">{problem}</Alert>}
    </Stack>
  );
}
