/**
 * The one source of "now" for main. Tests and web-mode e2e runs may pin it with
 * COMPLAINT_DESK_FAKE_NOW (an ISO instant) so deadlines and numbering are reproducible.
 */
export function now(): Date {
  const fake = process.env.COMPLAINT_DESK_FAKE_NOW;
  return fake ? new Date(fake) : new Date();
}
