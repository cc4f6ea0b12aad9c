import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import {
  COMPENSATION_KINDS,
  CONTACT_METHODS,
  ESCALATION_LEVELS,
  LIFECYCLE_SCHEMAS,
  SATISFACTIONS,
  type Complaint,
  type LifecycleAction,
} from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { showServerError } from '../../lib/forms';
import { formKeyHandler } from '../../lib/keyboard';
import { PickField } from '../../lib/PickField';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { useOperator } from '../../app/operator';
import { useNowWall } from '../../lib/main-clock';
import { useTimeDefaults } from '../../lib/time-defaults';
import { DateField, DateTimeField } from '../../lib/DateFields';

type FieldKind = 'text' | 'textarea' | 'wallTime' | 'date' | 'staff' | 'supervisor' | 'department' | 'money' | 'enum';
interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: (m: ReturnType<typeof useI18n>['m']) => string;
  options?: (m: ReturnType<typeof useI18n>['m']) => { value: string; label: string }[];
  optional?: boolean;
}

const enumOptions = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** The form of each step (the fields of the 投诉处理记录表 it fills), in the order they are written. */
const FIELDS: Record<LifecycleAction, FieldSpec[]> = {
  dispatch: [
    { name: 'departmentId', kind: 'department', label: (m) => m.process.department },
    { name: 'handlerId', kind: 'staff', label: (m) => m.process.handler, optional: true },
  ],
  redispatch: [
    { name: 'departmentId', kind: 'department', label: (m) => m.process.redispatchDepartment },
    { name: 'handlerId', kind: 'staff', label: (m) => m.process.handler, optional: true },
    { name: 'reason', kind: 'textarea', label: (m) => m.process.redispatchReason },
  ],
  signFor: [
    { name: 'signerId', kind: 'staff', label: (m) => m.process.signedBy },
    { name: 'signedAt', kind: 'wallTime', label: (m) => m.process.signedAt },
  ],
  recordResult: [
    { name: 'handlerId', kind: 'staff', label: (m) => m.process.handler },
    { name: 'measures', kind: 'textarea', label: (m) => m.process.measures },
    { name: 'result', kind: 'textarea', label: (m) => m.process.result },
    { name: 'completedAt', kind: 'wallTime', label: (m) => m.process.completedAt },
    { name: 'compensationKind', kind: 'enum', label: (m) => m.process.compensation, options: (m) => enumOptions(COMPENSATION_KINDS, m.compensation) },
    { name: 'compensationAmount', kind: 'money', label: (m) => m.process.compensationAmount, optional: true },
  ],
  // 答复: who answered is the operator recording it (actorId).
  reply: [
    { name: 'at', kind: 'wallTime', label: (m) => m.process.replyAt },
    { name: 'method', kind: 'enum', label: (m) => m.process.replyMethod, options: (m) => enumOptions(CONTACT_METHODS, m.contactMethod) },
    { name: 'content', kind: 'textarea', label: (m) => m.process.replyContent },
  ],
  followUp: [
    { name: 'at', kind: 'wallTime', label: (m) => m.process.followUpAt },
    { name: 'method', kind: 'enum', label: (m) => m.process.method, options: (m) => enumOptions(CONTACT_METHODS, m.contactMethod) },
    { name: 'visitorId', kind: 'staff', label: (m) => m.process.visitor },
    { name: 'personVisited', kind: 'text', label: (m) => m.process.personVisited },
    { name: 'opinion', kind: 'textarea', label: (m) => m.process.opinion, optional: true },
    { name: 'satisfaction', kind: 'enum', label: (m) => m.process.satisfaction, options: (m) => enumOptions(SATISFACTIONS, m.satisfaction) },
  ],
  followUpImpossible: [
    { name: 'reason', kind: 'textarea', label: (m) => m.process.impossibleReason },
    { name: 'supervisorId', kind: 'supervisor', label: (m) => m.process.supervisor },
  ],
  markInvalid: [{ name: 'reason', kind: 'textarea', label: (m) => m.process.invalidReason }],
  notifyInvalid: [
    { name: 'at', kind: 'wallTime', label: (m) => m.process.noticeAt },
    { name: 'method', kind: 'enum', label: (m) => m.process.method, options: (m) => enumOptions(CONTACT_METHODS, m.contactMethod) },
  ],
  escalate: [
    { name: 'level', kind: 'enum', label: (m) => m.process.level, options: (m) => enumOptions(ESCALATION_LEVELS, m.escalation) },
    { name: 'reason', kind: 'textarea', label: (m) => m.process.reason },
  ],
  summarize: [
    { name: 'summary', kind: 'textarea', label: (m) => m.process.summary },
    { name: 'improvement', kind: 'textarea', label: (m) => m.process.improvement },
  ],
  hold: [
    { name: 'reason', kind: 'text', label: (m) => m.process.holdReason },
    { name: 'expectedDate', kind: 'date', label: (m) => m.process.expectedDate },
  ],
  resume: [],
};

/** Each step's time fields (签收时间, 完成时间, …): they follow main's clock until typed (lib/time-defaults.ts). */
const TIME_FIELDS = Object.fromEntries(
  Object.entries(FIELDS).map(([action, fields]) => [action, fields.filter((f) => f.kind === 'wallTime').map((f) => f.name)]),
) as Record<LifecycleAction, string[]>;

function initialValues(action: LifecycleAction, complaint: Complaint, operatorId: string, now: string, departmentId: string): FieldValues {
  const base: FieldValues = { id: complaint.id, version: complaint.version, actorId: operatorId };
  for (const f of FIELDS[action]) {
    if (f.kind === 'wallTime') base[f.name] = now;
    else if (f.kind === 'staff') base[f.name] = f.optional ? '' : operatorId;
    else if (f.kind === 'department') base[f.name] = departmentId;
    else if (f.kind === 'money') base[f.name] = 0;
    else base[f.name] = '';
  }
  if (action === 'recordResult') base.compensationKind = 'none';
  // 转派 goes to another department: nothing preselected, the user names it.
  if (action === 'redispatch') base.departmentId = '';
  if (action === 'followUp') {
    base.method = 'phone';
    base.personVisited = complaint.complainantName;
  }
  if (action === 'notifyInvalid' || action === 'reply') base.method = 'phone';
  if (action === 'escalate') base.level = complaint.severity === 'major' ? 'director' : 'supervisor';
  return base;
}

interface Props {
  action: LifecycleAction;
  complaint: Complaint;
  /** The department to preselect when dispatching: the one complained about, if any. */
  departmentId: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}

/** One step of the procedure as a keyboard-first form, validated with the same schema main uses. */
export function StepDialog({ action, complaint, departmentId, onClose, onDone }: Props) {
  const { m } = useI18n();
  const { staff, departments, settings } = useLookups();
  const { operatorId } = useOperator();
  const now = useNowWall(settings.timeZone);
  const form = useForm<FieldValues>({
    resolver: zodResolver(LIFECYCLE_SCHEMAS[action] as never) as unknown as Resolver<FieldValues>,
    defaultValues: initialValues(action, complaint, operatorId, now, departmentId),
  });
  const { catchUp } = useTimeDefaults(form, TIME_FIELDS[action], now, settings.timeZone);
  const [formError, setFormError] = useState<string | null>(null);
  const errors = form.formState.errors;

  const submit = () => void submitNow();
  const submitNow = async () => {
    setFormError(null);
    // A time still following the clock is saved as main's time at this moment.
    await catchUp();
    await form.handleSubmit(async (values) => {
      try {
        await call(`lifecycle:${action}`, values as never);
        await onDone();
        onClose();
      } catch (error) {
        showServerError(form, error, setFormError);
      }
    }, (invalid) => {
      // Errors of fields the form does not show (the complaint, its version, the operator) go above the buttons.
      const hidden = Object.entries(invalid).filter(([name]) => !FIELDS[action].some((f) => f.name === name));
      if (hidden.length) setFormError(hidden.map(([, e]) => (typeof e?.message === 'string' ? e.message : '')).join(m.punct.clauseSeparator));
    })();
  };

  // Ctrl+Enter saves wherever the focus is inside the dialog (even on its close button).
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
        e.preventDefault();
        submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const activeStaff = staff.filter((s) => s.active);
  const staffOptions = (optional: boolean, onlySupervisors = false) => [
    ...(optional ? [{ value: '', label: m.common.none }] : [{ value: '', label: '—' }]),
    ...activeStaff
      .filter((s) => !onlySupervisors || s.role === 'supervisor' || s.role === 'director')
      .map((s) => ({ value: s.id, label: fill(m.punct.paren, { text: s.name, note: s.departmentName }) })),
  ];

  const renderField = (f: FieldSpec, index: number) => {
    const common = {
      label: f.label(m),
      withAsterisk: !f.optional,
      error: errors[f.name]?.message as string | undefined,
      // Mantine's modal focuses the element marked data-autofocus (else its close button).
      'data-autofocus': index === 0 || undefined,
    };
    switch (f.kind) {
      case 'textarea':
        return <Textarea key={f.name} autosize minRows={2} {...common} {...form.register(f.name)} />;
      case 'wallTime':
        return <DateTimeField key={f.name} control={form.control} name={f.name} {...common} />;
      case 'date':
        return <DateField key={f.name} control={form.control} name={f.name} {...common} />;
      case 'staff':
      case 'supervisor':
        // Picked by typing (issue 13 point 20): 李 + Enter takes 李强.
        return <PickField key={f.name} control={form.control} name={f.name} data={staffOptions(!!f.optional, f.kind === 'supervisor')} {...common} />;
      case 'department':
        return (
          <PickField
            key={f.name}
            control={form.control}
            name={f.name}
            data={[{ value: '', label: '—' }, ...departments.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))]}
            {...common}
          />
        );
      case 'enum':
        return <NativeSelect key={f.name} data={[{ value: '', label: '—' }, ...(f.options?.(m) ?? [])]} {...common} {...form.register(f.name)} />;
      case 'money':
        return (
          <NumberInput
            key={f.name}
            min={0}
            decimalScale={2}
            {...common}
            value={form.watch(f.name) as number}
            onChange={(v) => form.setValue(f.name, typeof v === 'number' ? v : Number(v) || 0)}
          />
        );
      default:
        return <TextInput key={f.name} {...common} {...form.register(f.name)} />;
    }
  };

  return (
    <Modal opened onClose={onClose} title={`${m.action[action]} · ${complaint.number}`} size="lg">
      <form
        noValidate
        aria-label={m.action[action]}
        data-step={action}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={formKeyHandler(submit)}
      >
        <Stack>
          {FIELDS[action].map(renderField)}
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {m.common.cancel}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting} data-autofocus={FIELDS[action].length === 0 || undefined}>
              {m.process.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
