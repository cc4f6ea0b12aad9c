import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import type { RegisterExport, RegisterPrintInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';

/** Ask the browser to save a same-origin URL as a file, as a click on an <a download> would. */
function startDownload(url: string, fileName: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The register's 导出 Excel: main writes the .xlsx (the bytes never cross the bridge), then the
 * desktop offers its save dialog (print:save, like the print preview's 保存到文件夹…) and web mode
 * downloads the file's URL. The notice keeps a download link in case the browser held the file back.
 */
export function useExcelExport(): { run: (query: RegisterPrintInput) => void; busy: boolean; notice: ReactNode } {
  const { m } = useI18n();
  const { info } = useLookups();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ file: RegisterExport; savedTo: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const desktop = info.mode === 'electron';

  const exportAndDeliver = async (query: RegisterPrintInput) => {
    const file = await call('register:exportXlsx', query);
    if (!desktop) {
      startDownload(file.downloadUrl, file.fileName);
      return { file, savedTo: null };
    }
    const { path } = await call('print:save', { printId: file.fileId });
    // Cancelled in the save dialog: nothing was saved, so nothing to report.
    return path ? { file, savedTo: path } : null;
  };

  const run = (query: RegisterPrintInput) => {
    setBusy(true);
    setError(null);
    setDone(null);
    exportAndDeliver(query)
      .then(setDone)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  const notice = error ? (
    <Alert color="red">{error}</Alert>
  ) : done ? (
    <Alert color="teal" data-testid="excel-export-done" withCloseButton onClose={() => setDone(null)}>
      <Group gap="sm">
        <Text size="sm">{fill(m.register.exported, { rows: done.file.rows, fileName: done.file.fileName })}</Text>
        {done.savedTo && <Text size="sm">{fill(m.print.savedTo, { path: done.savedTo })}</Text>}
        {!desktop && (
          <Button component="a" size="xs" variant="light" href={done.file.downloadUrl} download={done.file.fileName}>
            {m.register.downloadExcel}
          </Button>
        )}
      </Group>
    </Alert>
  ) : null;

  return { run, busy, notice };
}
