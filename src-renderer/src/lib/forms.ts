import { useState, type FormEvent } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { ApiError } from './api';

/**
 * Submit a react-hook-form form to main. Main validates again (the renderer is never trusted);
 * a refusal that names a field is shown at that field, anything else above the buttons.
 */
export function useSubmitWithServerErrors<T extends FieldValues>(form: UseFormReturn<T>, onValid: (values: T) => Promise<void>) {
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (event?: FormEvent) => {
    setFormError(null);
    void form.handleSubmit(async (values) => {
      try {
        await onValid(values);
      } catch (error) {
        showServerError(form, error, setFormError);
      }
    })(event);
  };
  return { submit, formError, setFormError };
}

export function showServerError<T extends FieldValues>(form: UseFormReturn<T>, error: unknown, setFormError: (message: string) => void): void {
  if (error instanceof ApiError && error.field) {
    const field = error.field.replace(/^patch\./, '') as Path<T>;
    if (field in form.getValues()) {
      form.setError(field, { type: 'server', message: error.message }, { shouldFocus: true });
      return;
    }
  }
  setFormError(error instanceof Error ? error.message : String(error));
}
