import { toWallTime } from '../../../src-preload/contract/wall-time';

/** `3栋2单元1602`: the room as offices write it. */
export const roomLabel = (r: { building: string; unit: string; room: string }) => `${r.building}${r.unit}${r.room}`;

/** `2026-11-22 10:54` from an ISO instant, in the office's time zone. */
export const formatInstant = (iso: string, timeZone: string) => toWallTime(new Date(iso), timeZone);

/** Now, as the intake form pre-fills 受理时间. */
export const nowWallTime = (timeZone: string) => toWallTime(new Date(), timeZone);
