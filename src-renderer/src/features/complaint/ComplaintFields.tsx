import { Grid, NativeSelect, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import { CHANNELS, SEVERITIES, URGENCIES, VALIDITIES, type ComplaintCreateInput } from '../../../../src-preload/contract';
import { PickField } from '../../lib/PickField';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { DateTimeField } from '../../lib/DateFields';

interface Props {
  form: UseFormReturn<ComplaintCreateInput>;
  /** Focus the first field on mount (intake: the caller is on the line). */
  autoFocus?: boolean;
  /** After intake, validity changes only through the 判为无效 step. */
  lockValidity?: boolean;
}

/**
 * Every field of the 投诉记录表 (procedure §3), in the order a phone call goes: how and when it
 * came in, who is calling, what happened, what they ask, then the desk's judgement.
 * Native inputs throughout: they are the fastest to drive from the keyboard (times are typed too,
 * as 202611020930 or 2026-11-02 09:30: lib/DateFields). The lists of names (channel, receiver,
 * category, department) are picked by typing a few characters (lib/PickField); the short judgement
 * lists (validity, severity, urgency) stay native selects.
 */
export function ComplaintFields({ form, autoFocus, lockValidity }: Props) {
  const { m } = useI18n();
  const { staff, departments, categories } = useLookups();
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const values = watch();
  // Retired entries stay selectable only where a record already points at them.
  const keepActiveOr = <T extends { id: string; active: boolean }>(list: T[], current?: string) => list.filter((e) => e.active || e.id === current);
  const options = <T extends string>(keys: readonly T[], labels: Record<T, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

  return (
    <Grid gap="sm">
      <Grid.Col span={3}>
        <PickField control={form.control} name="channel" label={m.fields.channel} withAsterisk autoFocus={autoFocus} data={options(CHANNELS, m.channel)} error={errors.channel?.message} />
      </Grid.Col>
      <Grid.Col span={3}>
        <DateTimeField control={form.control} name="receivedAt" label={m.fields.receivedAt} withAsterisk placeholder={m.hints.receivedAt} error={errors.receivedAt?.message} />
      </Grid.Col>
      <Grid.Col span={3}>
        <PickField
          control={form.control}
          name="receiverId"
          label={m.fields.receiverId}
          withAsterisk
          data={[{ value: '', label: '—' }, ...keepActiveOr(staff, values.receiverId).map((s) => ({ value: s.id, label: fill(m.punct.paren, { text: s.name, note: s.departmentName }) }))]}
          error={errors.receiverId?.message}
        />
      </Grid.Col>
      <Grid.Col span={3} />

      <Grid.Col span={3}>
        <TextInput label={m.fields.complainantName} withAsterisk {...register('complainantName')} error={errors.complainantName?.message} />
      </Grid.Col>
      <Grid.Col span={3}>
        <TextInput label={m.fields.phone} inputMode="tel" {...register('phone')} error={errors.phone?.message} />
      </Grid.Col>
      <Grid.Col span={2}>
        <TextInput label={m.fields.building} placeholder={m.hints.building} {...register('building')} error={errors.building?.message} />
      </Grid.Col>
      <Grid.Col span={2}>
        <TextInput label={m.fields.unit} placeholder={m.hints.unit} {...register('unit')} error={errors.unit?.message} />
      </Grid.Col>
      <Grid.Col span={2}>
        <TextInput label={m.fields.room} placeholder={m.hints.room} {...register('room')} error={errors.room?.message} />
      </Grid.Col>
      <Grid.Col span={6}>
        <TextInput label={m.fields.contactOther} {...register('contactOther')} error={errors.contactOther?.message} />
      </Grid.Col>
      <Grid.Col span={6} />

      <Grid.Col span={12}>
        <Textarea label={m.fields.description} withAsterisk placeholder={m.hints.description} autosize minRows={3} {...register('description')} error={errors.description?.message} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea label={m.fields.ownerWords} placeholder={m.hints.ownerWords} autosize minRows={1} {...register('ownerWords')} error={errors.ownerWords?.message} />
      </Grid.Col>
      <Grid.Col span={8}>
        <TextInput label={m.fields.request} {...register('request')} error={errors.request?.message} />
      </Grid.Col>
      <Grid.Col span={4}>
        <DateTimeField control={form.control} name="requestedReplyAt" label={m.fields.requestedReplyAt} placeholder={m.hints.requestedReplyAt} error={errors.requestedReplyAt?.message} />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label={m.fields.eventTime} placeholder={m.hints.eventTime} {...register('eventTime')} error={errors.eventTime?.message} />
      </Grid.Col>
      <Grid.Col span={8}>
        <TextInput label={m.fields.eventPlace} {...register('eventPlace')} error={errors.eventPlace?.message} />
      </Grid.Col>

      <Grid.Col span={4}>
        <PickField
          control={form.control}
          name="categoryId"
          label={m.fields.categoryId}
          withAsterisk
          data={[{ value: '', label: '—' }, ...keepActiveOr(categories, values.categoryId).map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.categoryId?.message}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <PickField
          control={form.control}
          name="complainedDepartmentId"
          label={m.fields.complainedDepartmentId}
          data={[{ value: '', label: m.common.none }, ...keepActiveOr(departments, values.complainedDepartmentId).map((d) => ({ value: d.id, label: d.name }))]}
          error={errors.complainedDepartmentId?.message}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput label={m.fields.complainedPerson} {...register('complainedPerson')} error={errors.complainedPerson?.message} />
      </Grid.Col>

      <Grid.Col span={3}>
        <NativeSelect label={m.fields.validity} disabled={lockValidity} data={options(VALIDITIES, m.validity)} {...register('validity')} error={errors.validity?.message} />
      </Grid.Col>
      <Grid.Col span={3}>
        <NativeSelect label={m.fields.severity} data={options(SEVERITIES, m.severity)} {...register('severity')} error={errors.severity?.message} />
      </Grid.Col>
      <Grid.Col span={3}>
        <NativeSelect label={m.fields.urgency} data={options(URGENCIES, m.urgency)} {...register('urgency')} error={errors.urgency?.message} />
      </Grid.Col>
      <Grid.Col span={3} />
      {values.validity === 'invalid' && (
        <Grid.Col span={12}>
          <TextInput label={m.fields.invalidReason} withAsterisk disabled={lockValidity} {...register('invalidReason')} error={errors.invalidReason?.message} />
        </Grid.Col>
      )}
    </Grid>
  );
}
