import { useState } from 'react';
import { Alert, Anchor, Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { ATTACHMENT_MIME_TYPES, attachmentUrl, type Attachment } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { useOperator } from '../../app/operator';
import { readAsBase64 } from '../../lib/files';

interface Props {
  complaintId: string;
  attachments: Attachment[];
  onChange: () => Promise<void>;
  /** False for another office's complaint (ComplaintDetail.editable): its files are shown, never added or removed here. */
  editable: boolean;
}

/** Photos and scanned letters of one complaint, as thumbnails; add and remove. */
export function AttachmentsPanel({ complaintId, attachments, onChange, editable }: Props) {
  const { m } = useI18n();
  const { settings } = useLookups();
  const { operatorId } = useOperator();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: File[]) => {
    setError(null);
    setBusy(true);
    try {
      for (const file of files) {
        // Refuse early in the renderer too, so nobody waits for a 200 MB upload to be refused.
        if (file.size > settings.attachmentMaxMb * 1024 * 1024) {
          throw new Error(fill(m.errors.tooLarge, { name: file.name, mb: settings.attachmentMaxMb }));
        }
        await call('attachments:add', { complaintId, actorId: operatorId, fileName: file.name, dataBase64: await readAsBase64(file) });
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      await onChange();
    }
  };

  const remove = async (attachment: Attachment) => {
    setError(null);
    try {
      await call('attachments:remove', { complaintId, attachmentId: attachment.id, actorId: operatorId });
      await onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Paper withBorder p="md" data-testid="attachments">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{m.detail.attachments}</Text>
          {editable && (
            <FileButton onChange={(files) => void add(files)} accept={ATTACHMENT_MIME_TYPES.join(',')} multiple>
              {(props) => (
                <Button size="xs" loading={busy} {...props}>
                  {m.detail.addAttachment}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {editable && (
          <Text size="xs" c="dimmed">
            {fill(m.detail.attachmentHint, { mb: settings.attachmentMaxMb })}
          </Text>
        )}
        {error && <Alert color="red">{error}</Alert>}
        {attachments.length === 0 && <Text size="sm" c="dimmed">{m.detail.noAttachments}</Text>}
        <SimpleGrid cols={2}>
          {attachments.map((a) => (
            <Stack key={a.id} gap={2}>
              {a.mime === 'application/pdf' ? (
                <Anchor href={attachmentUrl(a.sha256)} target="_blank" rel="noreferrer">
                  📄 {m.detail.openPdf}
                </Anchor>
              ) : (
                <Image src={attachmentUrl(a.sha256)} alt={a.fileName} h={96} fit="contain" radius="sm" />
              )}
              <Text size="xs" truncate title={a.fileName}>
                {a.fileName}
              </Text>
              {editable && (
                <Anchor size="xs" c="red" component="button" type="button" onClick={() => void remove(a)}>
                  {m.detail.removeAttachment}
                </Anchor>
              )}
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
