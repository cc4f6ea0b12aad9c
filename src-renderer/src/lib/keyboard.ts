import type { KeyboardEvent } from 'react';

const FIELD_SELECTOR = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Keyboard-first forms: Enter moves to the next field, as Tab does (Shift+Enter still breaks a
 * line in a text area); Ctrl+Enter (⌘+Enter) runs `onSave`. Reception types while the caller talks.
 */
export function formKeyHandler(onSave: () => void) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return; // Chinese IME: Enter confirms the candidate
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onSave();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.shiftKey || !target.matches(FIELD_SELECTOR)) return;
    event.preventDefault();
    const fields = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FIELD_SELECTOR));
    const next = fields[fields.indexOf(target) + 1];
    if (next) next.focus();
    else onSave();
  };
}
