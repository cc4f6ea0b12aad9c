import { fill, type Locale } from '../../app/i18n';
import { wordError, type ExchangeJob } from '../../../../src-preload/contract';
import type { Messages } from '../../app/messages.zh-CN';

/** `3.2 GB`, `512 KB`: sizes as a file manager shows them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `全部（2026-10-31 至 2026-12-03）` or `2026-11-01 至 2026-11-30`: the received dates a file covers. */
export function rangeText(m: Messages, range: { from: string; to: string; whole: boolean }): string {
  return fill(range.whole ? m.exchange.wholeRange : m.exchange.dateRange, { from: range.from, to: range.to });
}

/** A table's name as the desk says it (the merge reports rows per table). */
export function tableLabel(m: Messages, table: string): string {
  return (m.exchange.tables as Record<string, string | undefined>)[table] ?? table;
}

/** Why a job failed or stopped, in the reader's language (main's Chinese if it came without a key). */
export const jobErrorText = (job: Pick<ExchangeJob, 'error' | 'errorText'>, locale: Locale): string | undefined =>
  job.errorText ? wordError(locale, job.errorText) : job.error;
