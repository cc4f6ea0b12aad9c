import { CONTRACT, CHANNEL_NAMES, type ChannelName, type Result } from '../../src-preload/contract';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';
import { log } from '../lib/log';
import type { HandlerTable } from './handlers';

/** Calls slower than this are logged (Signal's 40 ms trace threshold). */
const SLOW_CALL_MS = 40;

export type Dispatch = (channel: string, input: unknown) => Result<unknown>;

export const isChannelName = (name: string): name is ChannelName => (CHANNEL_NAMES as readonly string[]).includes(name);

/** The first schema issue as the user should read it: Chinese, naming the field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return new AppError('VALIDATION', issue.message, field || undefined);
}

/**
 * The transport-independent core of the bridge: validate with the contract's schema, run the
 * handler, and turn every outcome into a Result. Nothing thrown ever reaches a transport.
 */
export function createDispatch(handlers: HandlerTable): Dispatch {
  return (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${channel}` } };
    }
    const parsed = CONTRACT[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toPayload() };
    const started = performance.now();
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      log.error(`${channel} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: '操作失败，数据未作修改。详情已记录在日志中。' } };
    } finally {
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_CALL_MS) log.warn(`slow call ${channel}: ${elapsed.toFixed(1)} ms`);
    }
  };
}
