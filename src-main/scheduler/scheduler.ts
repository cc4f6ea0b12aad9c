import { log } from '../lib/log';
import type { DataVersions } from '../lib/data-versions';
import type { ServiceContext } from '../services/context';
import { runTimeRules } from './time-rules';

/** Often enough that a complaint turns major within a minute of its month ending. */
export const SCHEDULER_INTERVAL_MS = 60_000;

export interface Scheduler {
  /** Apply the time-driven rules now, on main's clock (also after the test clock moves). */
  tick(): number;
  stop(): void;
}

/**
 * Runs the time rules once at start and then every minute. Time comes from main's clock
 * (lib/clock.ts), so a test that pins the clock and calls `tick` (clock:set does) sees exactly the
 * upgrades that time would bring, whatever the machine's date. `intervalMs: null` never ticks by
 * itself (integration tests tick when they choose, so the machine's date cannot reach them).
 */
export function startScheduler(ctx: ServiceContext, versions: DataVersions, intervalMs: number | null = SCHEDULER_INTERVAL_MS): Scheduler {
  const tick = () => {
    if (!ctx.db.open) return 0;
    try {
      const changed = runTimeRules(ctx);
      if (changed > 0) versions.bump(['complaints', 'deadlines']);
      return changed;
    } catch (error) {
      // A failed tick (e.g. the database busy with an import) is tried again at the next one.
      log.error('scheduler tick failed', error);
      return 0;
    }
  };
  if (intervalMs === null) return { tick, stop: () => undefined };
  tick();
  const timer = setInterval(tick, intervalMs);
  // The timer must not keep a test process or a closing app alive.
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
