import { useCallback, useEffect, useRef } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import { mainNowWall } from './main-clock';
import { syncMainClock } from './query';

/**
 * Time fields that default to "now" (受理时间 on intake, 签收时间, 完成时间, 回访时间 … on the step
 * forms) follow main's clock until the user types in them (issue 13 point 3): a form opened at
 * 08:00 and filled for a call at 10:30 says 10:30, and that is what the read-back shows and what is
 * saved. A time the user typed is theirs and stays as typed.
 *
 * `now` is main's clock to the minute (useNowWall); `names` must keep their identity between renders.
 * Returns `followAgain`, for a form that is reset for the next entry (intake after a save), and
 * `catchUp`, which a form awaits before it checks and saves: the fields still following the clock
 * then read main's time at that moment, not at the last tick or pulse.
 */
export function useTimeDefaults<T extends FieldValues>(
  form: UseFormReturn<T>,
  names: readonly Path<T>[],
  now: string,
  timeZone: string,
): { followAgain: () => void; catchUp: () => Promise<void> } {
  const typed = useRef(new Set<string>());

  useEffect(() => {
    // Only the user's own input counts: setValue (the clock's, a reset's) carries no event type.
    const subscription = form.watch((_values, { name, type }) => {
      if (type === 'change' && name !== undefined && names.includes(name)) typed.current.add(name);
    });
    return () => subscription.unsubscribe();
  }, [form, names]);

  useEffect(() => {
    for (const name of names) {
      if (!typed.current.has(name) && form.getValues(name) !== now) form.setValue(name, now as PathValue<T, Path<T>>);
    }
  }, [form, names, now]);

  const followAgain = useCallback(() => typed.current.clear(), []);
  const catchUp = useCallback(async () => {
    try {
      await syncMainClock();
    } catch {
      // Main unreachable: the save will say so; keep the time the form shows.
    }
    const current = mainNowWall(timeZone);
    for (const name of names) if (!typed.current.has(name)) form.setValue(name, current as PathValue<T, Path<T>>);
  }, [form, names, timeZone]);
  return { followAgain, catchUp };
}
