import { Switch, type SwitchProps } from '@mantine/core';
import { useController, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';

type Props<T extends FieldValues> = Omit<SwitchProps, 'checked' | 'defaultChecked' | 'onChange' | 'name'> & {
  control: Control<T>;
  /** A boolean field (optional ones too: a schema's `.default(true)` makes the form's input `boolean | undefined`). */
  name: FieldPathByValue<T, boolean | undefined>;
};

/**
 * A boolean form field as a Mantine Switch. Not `{...register(name)}`: register() hands over a ref
 * and an onChange but no `checked`, and Mantine's Switch is a controlled input that keeps its own
 * state (off unless told), so the form's stored `true` never reached the screen — an active staff
 * member showed OFF (issue 13 point 15). Here the form's value is the switch's `checked`.
 */
export function SwitchField<T extends FieldValues>({ control, name, ...props }: Props<T>) {
  const { field } = useController({ control, name });
  return (
    <Switch
      {...props}
      ref={field.ref}
      name={field.name}
      checked={field.value === true}
      onBlur={field.onBlur}
      onChange={(event) => field.onChange(event.currentTarget.checked)}
    />
  );
}
