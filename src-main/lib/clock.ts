/**
 * The one source of "now" for main. Tests pin it: COMPLAINT_DESK_FAKE_NOW (an ISO instant) at
 * start, or `setTestClock` through the `clock:set` channel, which only a process started with
 * COMPLAINT_DESK_TEST_CLOCK=1 accepts (e2e tests step through deadlines without waiting).
 */
let pinned: Date | null = null;

export function now(): Date {
  if (pinned) return new Date(pinned);
  const fake = process.env.COMPLAINT_DESK_FAKE_NOW;
  return fake ? new Date(fake) : new Date();
}

export const testClockAllowed = () => process.env.COMPLAINT_DESK_TEST_CLOCK === '1';

export function setTestClock(instant: Date | null): void {
  pinned = instant;
}
