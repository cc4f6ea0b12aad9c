import { useState } from 'react';
import { Alert, Button, Checkbox, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { ATTACHMENT_MIME_TYPES, COMPLAINT_FORMS, type ComplaintDetail, type PrintRecord } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { readAsBase64 } from '../../lib/files';
import { fill, useI18n } from '../../app/i18n';
import { useOperator } from '../../app/operator';
import { usePrint } from './PrintPreview';

interface Props {
  detail: ComplaintDetail;
  history: PrintRecord[];
  /** Reload the complaint (attachments, timeline) and its print history. */
  reload: () => Promise<void>;
}

/**
 * Print the complaint's two forms, each print a new version, and take the signed copies back: the
 * scan or photo of a signed print is attached to it, which locks the fields printed on it.
 * Another office's complaint (head office, `detail.editable` false) prints as head office's copy:
 * main records no version for it, and its signed copies are the office's to collect.
 */
export function ComplaintPrintPanel({ detail, history, reload }: Props) {
  const { m } = useI18n();
  const { operatorId } = useOperator();
  const { print, busy, error, preview } = usePrint();
  const [fullPhone, setFullPhone] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const complaintId = detail.complaint.id;
  const { editable } = detail;

  const attachSigned = async (printId: string, file: File | null) => {
    if (!file) return;
    setUploadError(null);
    try {
      await call('attachments:add', { complaintId, actorId: operatorId, fileName: file.name, dataBase64: await readAsBase64(file), signedPrintId: printId });
      await reload();
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Paper withBorder p="md" data-testid="print-panel">
      <Text fw={600} mb="sm">
        {m.print.menu}
      </Text>
      <Stack gap="xs">
        <Group gap="xs">
          {COMPLAINT_FORMS.map((form) => (
            <Button
              key={form}
              variant="light"
              loading={busy}
              onClick={() =>
                print(async () => {
                  const pdf = await call('print:complaintForm', { complaintId, form, actorId: operatorId, fullPhone });
                  void reload();
                  return pdf;
                })
              }
            >
              {m.print[form]}
            </Button>
          ))}
        </Group>
        <Checkbox size="xs" label={m.print.fullPhone} checked={fullPhone} onChange={(e) => setFullPhone(e.currentTarget.checked)} />
        {!editable && (
          <Text size="xs" c="dimmed" data-testid="office-copy-note">
            {fill(m.print.officeCopyNote, { office: detail.complaint.officeCode })}
          </Text>
        )}
        {error && <Alert color="red">{error}</Alert>}
        {uploadError && <Alert color="red">{uploadError}</Alert>}
        <Text size="sm" fw={500}>
          {m.print.history}
        </Text>
        {history.length === 0 && (
          <Text size="sm" c="dimmed">
            {m.print.noHistory}
          </Text>
        )}
        {history.map((p) => (
          <Group key={p.id} justify="space-between" gap="xs" data-testid="print-record">
            <Text size="sm">{fill(m.print.historyRow, { form: m.print[p.form], version: p.version, at: p.printedAt, by: p.printedBy })}</Text>
            {p.signedAttachmentId ? (
              <Text size="xs" c="teal">
                {m.print.signed}
              </Text>
            ) : !editable ? (
              <Text size="xs" c="dimmed">
                {m.print.unsigned}
              </Text>
            ) : (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {m.print.unsigned}
                </Text>
                <FileButton onChange={(file) => void attachSigned(p.id, file)} accept={ATTACHMENT_MIME_TYPES.join(',')}>
                  {(props) => (
                    <Button size="compact-xs" variant="subtle" {...props}>
                      {m.print.uploadSigned}
                    </Button>
                  )}
                </FileButton>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      {preview}
    </Paper>
  );
}
