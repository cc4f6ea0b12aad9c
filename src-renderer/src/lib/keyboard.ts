import type { KeyboardEvent } from 'react';

const FIELD_SELECTOR = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Keyboard-first forms: Enter moves to the next field, as Tab does (Shift+Enter still breaks a
 * line in a text area); Ctrl+Enter (⌘+Enter) runs `onSave`. Reception types while the caller talks.
 */
export function formKeyHandler(onSave: () => void) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return; // Chinese IME: Enter confirms the candidate
    if (event.defaultPrevented) {
      // A searchable list (lib/PickField.tsx) took this Enter to pick the option typed for: the pick
      // is made (synchronously), so go on as Enter does everywhere else: to the next field, one key
      // not two; with Ctrl, save.
      if (event.ctrlKey || event.metaKey) onSave();
      else if (!event.shiftKey) nextField(event)?.focus();
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onSave();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.shiftKey || !target.matches(FIELD_SELECTOR)) return;
    event.preventDefault();
    const next = nextField(event);
    if (next) next.focus();
    else onSave();
  };
}

/** The field after the one the key was pressed in, in the form's order (undefined after the last). */
function nextField(event: KeyboardEvent<HTMLFormElement>): HTMLElement | undefined {
  const fields = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FIELD_SELECTOR));
  const index = fields.indexOf(event.target as HTMLElement);
  return index === -1 ? undefined : fields[index + 1];
}
