import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { printUrl, type PrintedPdf } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';

/**
 * The PDF as it will print, inside the window (Chromium's own PDF viewer in an iframe), then the
 * ways out: on the desktop main's save dialog or the system viewer; in web mode a download or a
 * browser tab. The renderer only ever holds the PDF's URL, never its bytes.
 */
export function PrintPreview({ pdf, onClose }: { pdf: PrintedPdf; onClose: () => void }) {
  const { m } = useI18n();
  const { info } = useLookups();
  const [note, setNote] = useState<{ color: string; text: string } | null>(null);
  const desktop = info.mode === 'electron';

  const run = async (action: () => Promise<string | null>) => {
    setNote(null);
    try {
      const text = await action();
      if (text) setNote({ color: 'teal', text });
    } catch (error) {
      setNote({ color: 'red', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Modal opened onClose={onClose} size="90%" title={fill(m.print.previewTitle, { fileName: pdf.fileName })} data-testid="print-preview">
      <Stack gap="sm">
        {pdf.missingGlyphs.length > 0 && (
          <Alert color="orange" data-testid="missing-glyphs">
            {fill(m.print.missingGlyphs, { chars: pdf.missingGlyphs.join(' ') })}
          </Alert>
        )}
        <iframe title={pdf.fileName} src={pdf.previewUrl} style={{ width: '100%', height: '70vh', border: '1px solid #ddd' }} data-testid="print-frame" />
        {note && <Alert color={note.color}>{note.text}</Alert>}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {desktop ? m.print.systemPrintHint : m.print.webHint}
          </Text>
          <Group gap="xs">
            {desktop ? (
              <>
                <Button variant="default" onClick={() => void run(async () => {
                  const { path } = await call('print:save', { printId: pdf.printId });
                  return path ? fill(m.print.savedTo, { path }) : null;
                })}>
                  {m.print.save}
                </Button>
                <Button onClick={() => void run(async () => (await call('print:open', { printId: pdf.printId }), null))}>{m.print.systemPrint}</Button>
              </>
            ) : (
              <>
                <Anchor href={pdf.previewUrl} target="_blank" rel="noopener">
                  {m.print.openTab}
                </Anchor>
                <Button component="a" href={printUrl(pdf.printId, true)} download={pdf.fileName} data-testid="print-download">
                  {m.print.download}
                </Button>
              </>
            )}
            <Button variant="subtle" onClick={onClose}>
              {m.print.close}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One print button's life: busy while main renders, the preview when done, the refusal if any. */
export function usePrint(): { print: (make: () => Promise<PrintedPdf>) => void; busy: boolean; error: string | null; preview: ReactNode } {
  const [pdf, setPdf] = useState<PrintedPdf | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const print = (make: () => Promise<PrintedPdf>) => {
    setBusy(true);
    setError(null);
    make()
      .then(setPdf)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return { print, busy, error, preview: pdf && <PrintPreview pdf={pdf} onClose={() => setPdf(null)} /> };
}
