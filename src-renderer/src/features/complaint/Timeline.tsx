import { Text, Timeline as MantineTimeline } from '@mantine/core';
import { wordNote, type ComplaintEvent } from '../../../../src-preload/contract';
import { fill, useI18n } from '../../app/i18n';
import { useLookups } from '../../app/lookups';
import { formatInstant } from '../../lib/format';

/** Enumerated values are stored as codes; show them in the reader's language. */
function useValueLabel() {
  const { m } = useI18n();
  const enums: Record<string, Record<string, string>> = {
    status: m.status,
    channel: m.channel,
    severity: m.severity,
    urgency: m.urgency,
    validity: m.validity,
  };
  return (field: string, value: string) => (value === '' ? m.detail.emptyValue : (enums[field]?.[value] ?? value));
}

/** The complaint's history, oldest first: who, when, and each field's before → after. */
export function Timeline({ events }: { events: ComplaintEvent[] }) {
  const { m, locale } = useI18n();
  const { settings } = useLookups();
  const valueLabel = useValueLabel();
  // Notes main wrote with a key are worded in the reader's language; older ones read as written.
  const noteOf = (event: ComplaintEvent) => (event.noteText ? wordNote(locale, event.noteText) : event.note);
  const fieldLabel = (field: string) => (m.fields as Record<string, string>)[field] ?? field;

  return (
    <MantineTimeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="timeline">
      {events.map((event) => (
        // Main's scheduler is the actor of an automatic upgrade (stored as 系统): named in the reader's language.
        <MantineTimeline.Item key={event.id} title={`${m.detail[event.kind]} · ${event.kind === 'auto_major' ? m.detail.system : event.actorName}`}>
          <Text size="xs" c="dimmed">
            {formatInstant(event.at, settings.timeZone)}
          </Text>
          {event.note && <Text size="sm">{noteOf(event)}</Text>}
          {event.kind !== 'created' &&
            event.changes.map((change) => (
              <Text size="sm" key={change.field}>
                {fill(m.detail.change, { field: fieldLabel(change.field), before: valueLabel(change.field, change.before), after: valueLabel(change.field, change.after) })}
              </Text>
            ))}
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  );
}
