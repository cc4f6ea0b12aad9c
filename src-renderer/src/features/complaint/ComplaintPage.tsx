import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import {
  COMPLAINT_FIELD_NAMES,
  complaintCreateSchema,
  type Complaint,
  type ComplaintCreateInput,
  type ComplaintDetail,
  type ComplaintFields as Fields,
  type ComplaintFieldName,
  type LifecycleAction,
  type PrintRecord,
} from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { showServerError } from '../../lib/forms';
import { formKeyHandler } from '../../lib/keyboard';
import { fill, useI18n } from '../../app/i18n';
import { useOperator } from '../../app/operator';
import { hrefOf } from '../../app/router';
import { ComplaintFields } from './ComplaintFields';
import { StatusBadge } from './StatusBadge';
import { AttachmentsPanel } from './AttachmentsPanel';
import { Timeline } from './Timeline';
import { ProcessPanel } from './ProcessPanel';
import { ComplaintPrintPanel } from '../print/ComplaintPrintPanel';
import { UnlockDialog, type Unlock } from '../print/UnlockDialog';

const NO_PRINTS: PrintRecord[] = [];

const fieldsOf = (c: Complaint): ComplaintCreateInput =>
  Object.fromEntries(COMPLAINT_FIELD_NAMES.map((f) => [f, c[f]])) as unknown as ComplaintCreateInput;

/**
 * One complaint: every field editable (same schema as intake), its attachments and timeline. Kept
 * current while open: a change saved here, in another window, by an import or by the scheduler
 * refreshes it (lib/query.ts), and its deadlines follow main's clock.
 */
export function ComplaintPage({ id, step }: { id: string; step?: LifecycleAction }) {
  const { m } = useI18n();
  const query = useApiQuery('complaints:get', { id });
  const detail = query.data;
  const [message, setMessage] = useState<Message | null>(null);
  // The board opens a complaint at a step; that form opens once, not again after the step is saved.
  const [pendingStep, setPendingStep] = useState(step);

  // Called when a step or an attachment was saved. The page itself is refreshed by the write (lib/api.ts).
  const reload = useCallback(async () => {
    setPendingStep(undefined);
    window.history.replaceState(null, '', hrefOf({ page: 'complaint', id }));
    await Promise.resolve();
  }, [id]);

  if (query.error && !detail) {
    return (
      <Alert color="red" title={m.detail.notFound}>
        {query.error.message} <Anchor href={hrefOf({ page: 'register' })}>{m.common.back}</Anchor>
      </Alert>
    );
  }
  if (!detail) return <Loader />;
  return <ComplaintView detail={detail} reload={reload} message={message} setMessage={setMessage} initialStep={pendingStep} />;
}

interface Message {
  color: string;
  text: string;
}

interface ViewProps {
  detail: ComplaintDetail;
  reload: () => Promise<void>;
  message: Message | null;
  setMessage: (message: Message | null) => void;
  initialStep?: LifecycleAction;
}

function ComplaintView({ detail, reload, message, setMessage, initialStep }: ViewProps) {
  const { m } = useI18n();
  const { operatorId } = useOperator();
  const { complaint } = detail;
  // Another office's record, merged from its export: main says so (detail.editable, own-records.ts)
  // and refuses any change; the page shows it, its procedure and attachments, and prints its forms.
  const readOnly = !detail.editable;
  const form = useForm<ComplaintCreateInput>({ resolver: zodResolver(complaintCreateSchema), defaultValues: fieldsOf(complaint) });
  // The version the form's fields came from. A newer one (saved in another window, by an import or
  // the scheduler) refills the form unless the desk has typed in it: then it stays, main refuses its
  // save as stale, and the desk chooses to load the new version.
  const [base, setBase] = useState(complaint);
  const { isDirty } = form.formState;
  const showVersion = useCallback(
    (next: Complaint) => {
      setBase(next);
      form.reset(fieldsOf(next));
    },
    [form],
  );
  useEffect(() => {
    if (complaint.version !== base.version && !isDirty) showVersion(complaint);
  }, [complaint, base.version, isDirty, showVersion]);
  const [saving, setSaving] = useState(false);
  const history = useApiQuery('print:history', { complaintId: complaint.id }).data ?? NO_PRINTS;
  // An edit of fields on a signed form waits here for a supervisor's approval.
  const [pendingPatch, setPendingPatch] = useState<Partial<Fields> | null>(null);

  const locked = [...new Set(history.filter((p) => p.signedAttachmentId).flatMap((p) => p.printedFields))];

  const submitPatch = async (patch: Partial<Fields>, unlock?: Unlock) => {
    setSaving(true);
    try {
      const updated = await call('complaints:update', { id: complaint.id, version: base.version, actorId: operatorId, patch, ...(unlock && { unlock }) });
      setMessage({ color: 'teal', text: fill(m.detail.savedVersion, { version: updated.version }) });
      showVersion(updated);
    } catch (error) {
      showServerError(form, error, (text) => setMessage({ color: 'red', text }));
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    setMessage(null);
    void form.handleSubmit(async (values) => {
      const before = fieldsOf(base) as unknown as Record<string, unknown>;
      const patch = Object.fromEntries(
        Object.entries(values as unknown as Fields).filter(([field, value]) => value !== before[field]),
      ) as Partial<Fields>;
      if (Object.keys(patch).length === 0) {
        setMessage({ color: 'gray', text: m.detail.noChanges });
        return;
      }
      if (Object.keys(patch).some((f) => locked.includes(f as ComplaintFieldName))) setPendingPatch(patch);
      else await submitPatch(patch);
    })();
  };
  const fieldLabels = (names: string[]) => names.map((f) => m.fields[f as keyof typeof m.fields] ?? f);

  return (
    <Stack gap="sm" data-page="complaint" data-complaint-number={complaint.number}>
      <Group justify="space-between">
        <Group>
          <Title order={2}>
            {m.detail.title} {complaint.number}
          </Title>
          <StatusBadge status={complaint.status} />
        </Group>
        <Anchor href={hrefOf({ page: 'register' })}>{m.common.back}</Anchor>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <form
              noValidate
              aria-label={m.detail.title}
              onSubmit={(e) => {
                e.preventDefault();
                save();
              }}
              onKeyDown={formKeyHandler(save)}
            >
              <Stack>
                {readOnly && (
                  <Alert color="blue" data-testid="other-office">
                    {fill(m.detail.otherOffice, {
                      office: complaint.officeCode,
                      department: complaint.complainedDepartmentName || m.detail.emptyValue,
                      category: complaint.categoryName,
                      receiver: complaint.receiverName,
                    })}
                  </Alert>
                )}
                <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <ComplaintFields form={form} lockValidity />
                </fieldset>
                {locked.length > 0 && (
                  <Alert color="yellow" data-testid="locked-fields">
                    {fill(m.print.locked, { fields: fieldLabels(locked).join(m.punct.listSeparator) })}
                  </Alert>
                )}
                {complaint.version !== base.version && !saving && (
                  <Alert color="yellow" data-testid="newer-version">
                    {fill(m.detail.newerVersion, { version: complaint.version })}{' '}
                    <Anchor component="button" type="button" onClick={() => showVersion(complaint)}>
                      {m.detail.loadNewerVersion}
                    </Anchor>
                  </Alert>
                )}
                {message && <Alert color={message.color}>{message.text}</Alert>}
                {!readOnly && (
                  <Group justify="flex-end">
                    <Button type="submit" loading={saving}>
                      {m.detail.saveChanges}
                    </Button>
                  </Group>
                )}
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ProcessPanel detail={detail} reload={reload} initialStep={initialStep} />
            <ComplaintPrintPanel detail={detail} history={history} reload={reload} />
            <AttachmentsPanel complaintId={complaint.id} attachments={detail.attachments} onChange={reload} editable={detail.editable} />
            <Paper withBorder p="md">
              <Text fw={600} mb="sm">
                {m.detail.timeline}
              </Text>
              <Timeline events={detail.events} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {pendingPatch && (
        <UnlockDialog
          fields={fieldLabels(Object.keys(pendingPatch).filter((f) => locked.includes(f as ComplaintFieldName)))}
          onCancel={() => setPendingPatch(null)}
          onConfirm={(unlock) => {
            setPendingPatch(null);
            void submitPatch(pendingPatch, unlock);
          }}
        />
      )}
    </Stack>
  );
}
