/**
 * Where a deadline stands at a given "now": one set of pure functions that main (the complaint's
 * deadlines, the board, the alerts) and the renderer (re-deriving the same display on every clock
 * tick, without asking main again) both use — so a page left open and the notice beside it can
 * never disagree about whether something is overdue. Wall times are `YYYY-MM-DD HH:mm` in the
 * office's zone (wall-time.ts).
 */
import type { Board, BoardCard, BoardColumn, DeadlineState, DeadlineView } from './deadline.schema';
import { BOARD_COLUMNS } from './deadline.schema';
import { minutesBetween } from './wall-time';

/** What a deadline's standing depends on besides the clock. */
export interface DeadlineTiming {
  startedAt: string;
  dueAt: string;
  completedAt: string;
  cancelledAt: string;
  /** Paused (the complaint is on hold and this deadline's clock stops). */
  paused: boolean;
  /** When the pause began (wall time): the time left is counted to then and stays frozen. */
  pausedSince?: string;
}

/**
 * Where a deadline stands at `now`: met / late (done, after the due time) / due / soon (at least
 * `warningRatio` of the allowed time gone) / overdue / paused / cancelled, and by how many minutes.
 */
export function deadlineStateAt(d: DeadlineTiming, now: string, warningRatio: number, timeZone: string): { state: DeadlineState; minutes: number } {
  if (d.cancelledAt) return { state: 'cancelled', minutes: 0 };
  if (d.completedAt) {
    const late = minutesBetween(d.dueAt, d.completedAt, timeZone);
    return late > 0 ? { state: 'late', minutes: late } : { state: 'met', minutes: 0 };
  }
  // Paused: the clock stopped when the hold began; the time left then is the time left now, and
  // on resume the due time moves by the time held (lifecycle resume), so counting goes on from there.
  if (d.paused) return { state: 'paused', minutes: minutesBetween(d.pausedSince ?? now, d.dueAt, timeZone) };
  const left = minutesBetween(now, d.dueAt, timeZone);
  if (left < 0) return { state: 'overdue', minutes: left };
  const allowed = Math.max(1, minutesBetween(d.startedAt, d.dueAt, timeZone));
  return { state: allowed - left >= warningRatio * allowed ? 'soon' : 'due', minutes: left };
}

/** States the passing of time moves (due → soon → overdue); the others stay until the data changes. */
const RUNNING: readonly DeadlineState[] = ['due', 'soon', 'overdue'];

/**
 * A deadline as main sent it, re-derived at `now`: a running one's state and time left follow the
 * clock; met, late, cancelled and paused ones (their minutes frozen) are facts that only a change
 * of data moves.
 */
export function deadlineViewAt(view: DeadlineView, now: string, warningRatio: number, timeZone: string): DeadlineView {
  if (!RUNNING.includes(view.state)) return view;
  const { state, minutes } = deadlineStateAt({ ...view, cancelledAt: '', paused: false }, now, warningRatio, timeZone);
  return state === view.state && minutes === view.minutes ? view : { ...view, state, minutes };
}

/** The board's column for a complaint's next deadline, `minutes` from now (negative: overdue). */
export function boardColumnAt(minutes: number, dueAt: string, now: string, onHold: boolean): BoardColumn {
  // Held complaints have a column of their own: nobody works on them until they resume.
  if (onHold) return 'held';
  if (minutes < 0) return 'overdue';
  if (dueAt.slice(0, 10) === now.slice(0, 10)) return 'today';
  if (minutes <= 48 * 60) return 'within48h';
  return 'normal';
}

/** Whole days from an expected resume date (YYYY-MM-DD) to now's date; 0 when it has not passed. */
export function holdPastExpectedDays(expectedDate: string, now: string): number {
  if (!expectedDate) return 0;
  const days = Math.round((Date.parse(`${now.slice(0, 10)}T00:00:00Z`) - Date.parse(`${expectedDate}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

/** A board card at `now`: time left (frozen while its resolution clock is paused by a hold) and the hold's lateness. */
export function boardCardAt(card: BoardCard, now: string, timeZone: string): BoardCard {
  const paused = card.onHold && card.nextKind === 'resolution' && card.hold !== null;
  const minutes = paused ? card.minutes : minutesBetween(now, card.dueAt, timeZone);
  const pastExpectedDays = card.hold ? holdPastExpectedDays(card.hold.expectedDate, now) : 0;
  if (minutes === card.minutes && pastExpectedDays === (card.hold?.pastExpectedDays ?? 0)) return card;
  return { ...card, minutes, hold: card.hold && { ...card.hold, pastExpectedDays } };
}

/** Counts per department and column, the busiest (most overdue, then most due today, …) first. */
export function countByDepartment(columns: Record<BoardColumn, readonly BoardCard[]>): Board['byDepartment'] {
  const byDepartment = new Map<string, Record<BoardColumn, number>>();
  for (const column of BOARD_COLUMNS) {
    for (const card of columns[column]) {
      let counts = byDepartment.get(card.departmentName);
      if (!counts) {
        counts = Object.fromEntries(BOARD_COLUMNS.map((c) => [c, 0])) as Record<BoardColumn, number>;
        byDepartment.set(card.departmentName, counts);
      }
      counts[column]++;
    }
  }
  return [...byDepartment.entries()]
    .map(([departmentName, counts]) => ({ departmentName, counts }))
    .sort((a, b) => BOARD_COLUMNS.reduce((acc, col) => acc || b.counts[col] - a.counts[col], 0));
}

/**
 * The board as it stands at `now`, from the cards main sent earlier: each card's time left, its
 * column and the department counts follow the clock; which cards there are follows the data.
 * Cards keep main's order (soonest due first) within each column.
 */
export function boardAt(board: Board, now: string, timeZone: string): Board {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((c) => [c, [] as BoardCard[]])) as Record<BoardColumn, BoardCard[]>;
  const cards = BOARD_COLUMNS.flatMap((c) => board.columns[c])
    .map((card) => boardCardAt(card, now, timeZone))
    // Main's order: soonest due first (stable, so equal times keep theirs).
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  for (const card of cards) columns[boardColumnAt(card.minutes, card.dueAt, now, card.onHold)].push(card);
  columns.held.sort(byHoldLateness);
  return { now, columns, byDepartment: countByDepartment(columns) };
}

/** Held cards: the longest past its expected resume date first, then the soonest expected. */
export const byHoldLateness = (a: BoardCard, b: BoardCard): number =>
  (b.hold?.pastExpectedDays ?? 0) - (a.hold?.pastExpectedDays ?? 0) || (a.hold?.expectedDate ?? '').localeCompare(b.hold?.expectedDate ?? '');

/** A deadline is announced once it falls due within this many minutes, and again when overdue. */
export const ALERT_LEAD_MINUTES = 60;

/** Whether an open deadline `minutes` from now (negative: overdue) is announced, and how. */
export function alertLevelAt(minutes: number): 'overdue' | 'soon' | null {
  if (minutes < 0) return 'overdue';
  return minutes <= ALERT_LEAD_MINUTES ? 'soon' : null;
}
