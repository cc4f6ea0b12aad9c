import type { ServiceContext } from '../services/context';
import { sweepAutoMajor } from '../services/lifecycle.service';

/**
 * Every change driven by the passing of time, in one place (ARCHITECTURE §10): reads never
 * write, so nothing here may run as a side effect of opening the board or polling the alerts.
 * Returns how many records changed.
 */
export function runTimeRules(ctx: ServiceContext): number {
  // Procedures §5: a valid complaint not resolved within a month becomes major by itself.
  return sweepAutoMajor(ctx);
}
