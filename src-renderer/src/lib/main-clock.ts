import { useSyncExternalStore } from 'react';
import { toWallTime } from '../../../src-preload/contract/wall-time';

/**
 * Main's clock, as this window knows it: main is the one source of "now" (tests pin it; the machine's
 * date may be off), so the renderer keeps the offset between main's clock and its own, learnt from
 * every `app:pulse` (lib/query.ts), and ticks on it. Everything the passing of time changes on screen
 * — time left, overdue, board columns, the time a form pre-fills — is derived from `useNow()`, so it
 * re-renders on the tick without asking main again.
 */

/** An offset that moves by more than this is main's clock being set (or the machine's): tick at once. */
const JUMP_MS = 1_000;

let offsetMs = 0;
let known = false;
/** The instant published to subscribers (main's clock at the last tick); stable between ticks. */
let published = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Main's clock now, in epoch milliseconds. */
export const mainNow = (): number => Date.now() + offsetMs;

/** Main's clock now as the office's wall shows it, for a value taken once (a click, a default). */
export const mainNowWall = (timeZone: string): string => toWallTime(new Date(mainNow()), timeZone);

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

function publish(): void {
  published = mainNow();
  for (const listener of listeners) listener();
}

/** Tick when main's clock enters the next minute: every time on screen is to the minute. */
function scheduleTick(): void {
  clearTimeout(timer);
  if (listeners.size === 0) return;
  const untilNextMinute = 60_000 - (mainNow() % 60_000);
  timer = setTimeout(() => {
    publish();
    scheduleTick();
  }, untilNextMinute + 50);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) scheduleTick();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearTimeout(timer);
  };
}

/**
 * Main said its clock read `mainMs` at about local time `localMs`. A jump (the test clock set, the
 * machine's clock corrected) or a missed minute re-renders at once; otherwise the minute tick does.
 */
export function observeMainClock(mainMs: number, localMs: number): void {
  const next = mainMs - localMs;
  const first = !known;
  const jumped = first || Math.abs(next - offsetMs) > JUMP_MS;
  offsetMs = next;
  known = true;
  // Everything shown is to the minute: a jump within the same minute changes nothing on screen.
  if (first || minuteOf(mainNow()) !== minuteOf(published)) publish();
  if (jumped) scheduleTick();
}

/** Main's clock (epoch ms) at the last tick: re-renders the caller each minute and when the clock is set. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => published);
}

/** Main's clock as the office's wall shows it (`YYYY-MM-DD HH:mm`), re-rendering each minute. */
export function useNowWall(timeZone: string): string {
  return toWallTime(new Date(useNow()), timeZone);
}
