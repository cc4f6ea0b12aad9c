import type { DeadlineAlert, Result } from '../src-preload/contract';
import type { Dispatch } from './ipc/dispatch';
import { DEADLINE_KIND_NAMES } from './domain/deadlines';


/**
 * Once a minute, tell the desk about deadlines that became overdue or fall due within the hour:
 * each deadline once per state. `show` is Electron's desktop notification in the app.
 */
export function startDeadlineNotifier(dispatch: Dispatch, show: (title: string, body: string) => void, intervalMs = 60_000): () => void {
  const announced = new Set<string>();
  const check = () => {
    const result = dispatch('deadlines:alerts', {}) as Result<DeadlineAlert[]>;
    if (!result.ok) return;
    for (const alert of result.value) {
      const key = `${alert.deadlineId}:${alert.overdue}`;
      if (announced.has(key)) continue;
      announced.add(key);
      show(
        alert.overdue ? `投诉 ${alert.number}：${DEADLINE_KIND_NAMES[alert.kind]}已逾期` : `投诉 ${alert.number}：${DEADLINE_KIND_NAMES[alert.kind]}即将到期`,
        `到期时间 ${alert.dueAt}`,
      );
    }
  };
  check();
  const timer = setInterval(check, intervalMs);
  return () => clearInterval(timer);
}
