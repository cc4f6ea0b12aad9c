import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { complaintCreateSchema, type Complaint, type ComplaintCreateInput } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { showServerError } from '../../lib/forms';
import { formKeyHandler } from '../../lib/keyboard';
import { roomLabel } from '../../lib/format';
import { mainNowWall, useNowWall } from '../../lib/main-clock';
import { useTimeDefaults } from '../../lib/time-defaults';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { useOperator } from '../../app/operator';
import { hrefOf } from '../../app/router';
import { ComplaintFields } from '../complaint/ComplaintFields';
import { DeadlinePreview } from './DeadlinePreview';

function blankComplaint(timeZone: string, receiverId: string, channel: ComplaintCreateInput['channel'] = 'phone'): ComplaintCreateInput {
  return {
    receivedAt: mainNowWall(timeZone),
    channel,
    receiverId,
    complainantName: '',
    building: '',
    unit: '',
    room: '',
    phone: '',
    contactOther: '',
    eventTime: '',
    eventPlace: '',
    complainedDepartmentId: '',
    complainedPerson: '',
    categoryId: '',
    description: '',
    ownerWords: '',
    request: '',
    requestedReplyAt: '',
    validity: 'valid',
    invalidReason: '',
    severity: 'ordinary',
    urgency: 'normal',
  };
}

/** 受理时间 follows main's clock until typed (lib/time-defaults.ts). */
const TIME_DEFAULTS = ['receivedAt'] as const;

/** Intake (登记投诉): record a complaint while the caller is on the line, read it back, save. */
export function IntakePage() {
  const { m } = useI18n();
  const { settings, categories, departments } = useLookups();
  const { operatorId } = useOperator();
  const form = useForm<ComplaintCreateInput>({
    resolver: zodResolver(complaintCreateSchema),
    defaultValues: blankComplaint(settings.timeZone, operatorId),
  });
  const { followAgain, catchUp } = useTimeDefaults(form, TIME_DEFAULTS, useNowWall(settings.timeZone), settings.timeZone);
  const [confirming, setConfirming] = useState<ComplaintCreateInput | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Complaint | null>(null);
  // The new number is what reception reads out to the caller: bring the notice on screen after a save
  // (the desk is at the bottom of the form then; at 1366×768 the top of the page is out of view).
  // Runs after the fresh form has focused its first field, so the notice wins the scroll.
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.scrollIntoView({ block: 'start' });
  }, [saved]);
  const [formError, setFormError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const askToConfirm = () => void confirmNow();
  const confirmNow = async () => {
    setFormError(null);
    // The read-back shows, and the save keeps, main's time at this moment for a 受理时间 not typed.
    await catchUp();
    await form.handleSubmit((values) => setConfirming(values))();
  };

  const save = async () => {
    if (!confirming) return;
    setSaving(true);
    try {
      const complaint = await call('complaints:create', confirming);
      setSaved(complaint);
      setConfirming(null);
      // Ready for the next caller: same channel and receiver, the time following the clock again, focus back on top.
      followAgain();
      form.reset(blankComplaint(settings.timeZone, confirming.receiverId, confirming.channel));
      setFormKey((k) => k + 1);
    } catch (error) {
      setConfirming(null);
      showServerError(form, error, setFormError);
    } finally {
      setSaving(false);
    }
  };

  const nameOf = (list: { id: string; name: string }[], id: string | undefined) => list.find((e) => e.id === id)?.name ?? '';
  // The read-back shows what will be saved, the time included: the values at Ctrl+Enter, saved as shown.
  const readBack: [string, string][] = confirming
    ? [
        [m.fields.receivedAt, confirming.receivedAt],
        [m.fields.complainantName, `${confirming.complainantName}  ${roomLabel({ building: confirming.building ?? '', unit: confirming.unit ?? '', room: confirming.room ?? '' })}  ${confirming.phone ?? ''}`],
        [m.fields.eventTime, `${confirming.eventTime ?? ''}  ${confirming.eventPlace ?? ''}`],
        [m.fields.description, confirming.description],
        [m.fields.ownerWords, confirming.ownerWords ?? ''],
        [m.fields.request, confirming.request ?? ''],
        [m.fields.requestedReplyAt, confirming.requestedReplyAt ?? ''],
        [m.fields.categoryId, nameOf(categories, confirming.categoryId)],
        [m.fields.complainedDepartmentId, `${nameOf(departments, confirming.complainedDepartmentId)} ${confirming.complainedPerson ?? ''}`],
      ]
    : [];

  return (
    <Stack gap="sm" data-page="intake">
      <Group justify="space-between">
        <Title order={2}>{m.intake.title}</Title>
        <Text size="sm" c="dimmed">
          {m.intake.keyboardHint}
        </Text>
      </Group>
      {saved && (
        <Alert
          ref={savedRef}
          color="teal"
          title={m.intake.savedTitle}
          withCloseButton
          onClose={() => setSaved(null)}
          data-testid="intake-saved"
          // Scrolled to just below the fixed header, not under it.
          style={{ scrollMarginTop: 'calc(var(--app-shell-header-offset, 0px) + 8px)' }}
        >
          {fill(m.intake.savedBody, { number: saved.number })}{' '}
          <Anchor href={hrefOf({ page: 'complaint', id: saved.id })}>{m.intake.openSaved}</Anchor>
        </Alert>
      )}
      <Paper withBorder p="md">
        <form
          key={formKey}
          noValidate
          aria-label={m.intake.title}
          onSubmit={(e) => {
            e.preventDefault();
            askToConfirm();
          }}
          onKeyDown={formKeyHandler(askToConfirm)}
        >
          <Stack>
            <ComplaintFields form={form} autoFocus />
            <DeadlinePreview
              receivedAt={form.watch('receivedAt')}
              severity={form.watch('severity') ?? 'ordinary'}
              urgency={form.watch('urgency') ?? 'normal'}
              requestedReplyAt={form.watch('requestedReplyAt') ?? ''}
            />
            {formError && <Alert color="red">{formError}</Alert>}
            <Group justify="flex-end">
              <Button type="submit">{m.intake.submit}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={m.intake.confirmTitle} size="lg">
        <Stack>
          <Text size="sm">{m.intake.confirmIntro}</Text>
          <Table withTableBorder withColumnBorders data-testid="read-back">
            <Table.Tbody>
              {readBack
                .filter(([, value]) => value.trim() !== '')
                .map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th w={120}>{label}</Table.Th>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {m.intake.confirmBack}
            </Button>
            <Button data-autofocus onClick={() => void save()} loading={saving}>
              {m.intake.confirmSave}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
