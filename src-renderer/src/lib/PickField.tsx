import { Select, type SelectProps } from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Props<T extends FieldValues> = Omit<SelectProps, 'value' | 'defaultValue' | 'onChange' | 'name' | 'searchable'> & {
  control: Control<T>;
  /** A string field; '' means nothing chosen (the schemas' "none"). */
  name: FieldPath<T>;
};

/**
 * A list (department, category, staff, channel) picked by typing (issue 13 point 20): type 李 or 工程
 * and the first match is highlighted, Enter takes it (and lib/keyboard.ts moves on to the next field,
 * as for any field). Focus selects the shown choice, so typing replaces it. A list with a '' entry
 * ("（无）", "—") keeps it as an ordinary option.
 */
export function PickField<T extends FieldValues>({ control, name, onFocus, ...props }: Props<T>) {
  const { field } = useController({ control, name });
  return (
    <Select
      {...props}
      ref={field.ref}
      name={field.name}
      searchable
      selectFirstOptionOnChange
      // Not the default "highlight the current value" on opening: Mantine does that a tick later
      // and, when typing has filtered the current value out, it leaves no option for Enter to take.
      selectFirstOptionOnDropdownOpen
      // Enter on the chosen option keeps it (Mantine's default would clear it).
      allowDeselect={false}
      // The list opens when typing (or on ArrowDown / a click), not on arrival: Enter on a field
      // just reached keeps its value and moves on.
      openOnFocus={false}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={(value) => field.onChange(value ?? '')}
      onBlur={field.onBlur}
      onFocus={(event) => {
        event.currentTarget.select();
        onFocus?.(event);
      }}
    />
  );
}
