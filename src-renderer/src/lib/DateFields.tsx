import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { useEffect, useRef, useState, type FocusEvent, type Ref } from 'react';
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker, DatesProvider } from '@mantine/dates';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useI18n, type Locale } from '../app/i18n';
import { parseTypedDate, parseTypedDateTime } from './date-parse';

/**
 * Date and date-time fields (issue 13 point 18): typed first — reception types while the caller
 * talks — as `20261221`, `2026/12/21`, `2026-12-21` (and `202612211030`, `2026-12-21 10:30` for a
 * time), shown and kept as the paper's `YYYY-MM-DD` / `YYYY-MM-DD HH:mm` in the office's wall
 * time whatever the OS's locale; a calendar (Mantine's DatePicker, dayjs zh-cn/en, weeks from
 * Monday) opens from the button at the right.
 *
 * Built from Mantine's parts rather than its DateInput, whose calendar opens on every focus (covering
 * the fields below while the form is filled from the keyboard) and which, on leaving the field,
 * silently puts back the previous date when the text does not parse. Here the text the user typed
 * is what the form validates: a real date becomes the form's value, anything else reaches the form
 * as typed, so its schema refuses it with the field's own message — nothing is replaced unseen.
 */

type Kind = 'date' | 'dateTime';
const PARSERS: Record<Kind, (text: string) => string | null> = { date: parseTypedDate, dateTime: parseTypedDateTime };
const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };
const DAY = /^\d{4}-\d{2}-\d{2}/;

type InputProps = Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'type' | 'ref'>;

interface TypedDateProps extends InputProps {
  kind: Kind;
  /** `YYYY-MM-DD` (date) or `YYYY-MM-DD HH:mm` (date-time); '' when empty. */
  value: string;
  onChange: (value: string) => void;
  /**
   * What the owner hears while the text is not a date: 'text' (a form: the text as typed, for its
   * schema to refuse by name) or 'nothing' (a filter: keeps its last date, the field says why).
   */
  invalid: 'text' | 'nothing';
  ref?: Ref<HTMLInputElement>;
}

function TypedDate({ kind, value, onChange, invalid, onBlur, error, disabled, readOnly, ref, ...rest }: TypedDateProps) {
  const { m, locale } = useI18n();
  const parse = PARSERS[kind];
  const [text, setText] = useState(value);
  const [refused, setRefused] = useState(false);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);

  // A value set from outside (main's clock, a reset, the calendar) shows at once; the user's own
  // typing stays as typed (20261221) until they leave the field, then reads as the form keeps it.
  useEffect(() => {
    setText((typed) => ((parse(typed) ?? typed.trim()) === value ? typed : value));
  }, [value, parse]);

  const type = (next: string) => {
    setText(next);
    setRefused(false);
    const parsed = parse(next);
    if (parsed !== null) onChange(parsed);
    else if (next.trim() === '') onChange('');
    else if (invalid === 'text') onChange(next.trim());
  };

  const leave = (event: FocusEvent<HTMLInputElement>) => {
    const parsed = parse(text);
    if (parsed !== null) setText(parsed);
    else if (text.trim() !== '' && invalid === 'nothing') setRefused(true);
    onBlur?.(event);
  };

  const pickDay = (day: string | null) => {
    setCalendarOpen(false);
    if (day === null) return;
    if (kind === 'date') return type(day);
    // A date-time keeps the time it had; the time is selected, ready to be typed over.
    const time = parse(text)?.slice(11) ?? '00:00';
    type(`${day} ${time}`);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(11, 16));
    inputRef.current?.focus();
  };

  const current = parse(text) ?? (DAY.test(value) ? value : null);
  const setRefs = (node: HTMLInputElement | null) => {
    inputRef.current = node;
    if (typeof ref === 'function') ref(node);
    else if (ref) ref.current = node;
  };

  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[locale], firstDayOfWeek: 1 }}>
      <Popover opened={calendarOpen} onChange={setCalendarOpen} position="bottom-start" shadow="md" trapFocus={false} returnFocus>
        <Popover.Target>
          <TextInput
            {...rest}
            ref={setRefs}
            autoComplete="off"
            placeholder={rest.placeholder ?? (kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}
            value={text}
            onChange={(e) => type(e.currentTarget.value)}
            onBlur={leave}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && calendarOpen) setCalendarOpen(false);
              rest.onKeyDown?.(e);
            }}
            disabled={disabled}
            readOnly={readOnly}
            error={error ?? (refused ? (kind === 'date' ? m.dates.invalidDate : m.dates.invalidDateTime) : undefined)}
            rightSectionPointerEvents="all"
            rightSection={
              !disabled && !readOnly && (
                <ActionIcon variant="subtle" color="gray" size="sm" tabIndex={-1} aria-label={m.dates.pickDate} title={m.dates.pickDate} onClick={() => setCalendarOpen((o) => !o)}>
                  <CalendarIcon />
                </ActionIcon>
              )
            }
          />
        </Popover.Target>
        <Popover.Dropdown>
          <DatePicker value={current?.slice(0, 10) ?? null} defaultDate={current?.slice(0, 10) ?? undefined} onChange={pickDay} />
        </Popover.Dropdown>
      </Popover>
    </DatesProvider>
  );
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 11h18" />
    </svg>
  );
}

/** A date field of a react-hook-form form: the form holds `YYYY-MM-DD` (or the text as typed, for its schema to refuse). */
export function DateField<T extends FieldValues>(props: BoundProps<T>) {
  return <BoundDate kind="date" {...props} />;
}

/** A date-time field of a react-hook-form form: the form holds `YYYY-MM-DD HH:mm`. */
export function DateTimeField<T extends FieldValues>(props: BoundProps<T>) {
  return <BoundDate kind="dateTime" {...props} />;
}

interface BoundProps<T extends FieldValues> extends InputProps {
  control: Control<T>;
  name: Path<T>;
}

function BoundDate<T extends FieldValues>({ control, name, kind, ...rest }: BoundProps<T> & { kind: Kind }) {
  // field.onChange is the user's edit: react-hook-form reports it as a 'change', which is how
  // time-defaults knows the user typed (and stops following main's clock).
  const { field } = useController({ control, name });
  const value = typeof field.value === 'string' ? field.value : '';
  return <TypedDate kind={kind} invalid="text" {...rest} name={field.name} ref={field.ref} value={value} onChange={field.onChange} onBlur={field.onBlur} disabled={rest.disabled ?? field.disabled} />;
}

interface PlainProps extends InputProps {
  value: string;
  /** Called with a real date (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm`) or '' when emptied; text that is not one is flagged at the field instead. */
  onChange: (value: string) => void;
}

/** A date outside a form (the register's 受理日期自/至): reports only real dates. */
export function PlainDateField(props: PlainProps) {
  return <TypedDate kind="date" invalid="nothing" {...props} />;
}

/** A date-time outside a form (the calendar's calculator): reports only real times (`YYYY-MM-DD HH:mm`). */
export function PlainDateTimeField(props: PlainProps) {
  return <TypedDate kind="dateTime" invalid="nothing" {...props} />;
}
