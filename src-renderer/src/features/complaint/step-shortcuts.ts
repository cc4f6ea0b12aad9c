import { useEffect, useRef } from 'react';
import type { LifecycleAction } from '../../../../src-preload/contract';

/**
 * Keyboard shortcuts for the procedure's steps on the complaint page (issue 13 point 20: reaching
 * 派单 took 42 Tab presses). Alt+1 … Alt+9 open the allowed steps in the order of their buttons.
 * Why Alt+digit: the app sets no menu of its own, so Electron's default menu holds Alt+letter
 * (&File, &Edit, &View, &Window, &Help) and Ctrl+R/W/M, Ctrl+Shift+I, Ctrl+=/-/0; Alt+digit is
 * free in Electron and in Chromium on Windows (Chrome on Linux uses it to switch tabs: web mode in a
 * desktop browser there keeps the buttons). Being a modifier combination, it also works while the
 * focus is in a text field of the page, and never types a character.
 */
const MAX_SHORTCUTS = 9;

/** The shortcut of the step button at `index` (0-based), if it has one: label for the Kbd, aria-keyshortcuts value. */
export function stepShortcut(index: number): { label: string; aria: string } | undefined {
  if (index >= MAX_SHORTCUTS) return undefined;
  return { label: `Alt+${index + 1}`, aria: `Alt+${index + 1}` };
}

/** The step index an Alt+digit key event asks for, or undefined. `code`, not `key`: ⌥1 on a Mac types ¡. */
function stepIndexOf(event: KeyboardEvent): number | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return undefined;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1];
  return digit ? Number(digit) - 1 : undefined;
}

/**
 * Listen for the step shortcuts on the whole window while `enabled` (no step form open: a form's
 * own keys must not switch it to another step).
 */
export function useStepShortcuts(actions: readonly LifecycleAction[], enabled: boolean, openStep: (action: LifecycleAction) => void): void {
  // The latest actions and callback, without re-subscribing on every render.
  const latest = useRef({ actions, openStep });
  latest.current = { actions, openStep };
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      const index = stepIndexOf(event);
      const action = index === undefined ? undefined : latest.current.actions[index];
      if (!action || event.defaultPrevented) return;
      event.preventDefault();
      latest.current.openStep(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
