import { CONTRACT, CHANNEL_NAMES, errorPayload, errorText, issueText, type ChannelName, type ErrorKey, type KeyedText, type Result } from '../../src-preload/contract';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';
import { log } from '../lib/log';
import type { HandlerTable } from './handlers';
import type { Db } from '../db/connection';
import type { DataVersions } from '../lib/data-versions';

/** What the dispatcher needs beyond the handlers to hold channels to their declared effect. */
export interface DispatchGuard {
  db: Db;
  versions: DataVersions;
}

/** Calls slower than this are logged (Signal's 40 ms trace threshold). */
const SLOW_CALL_MS = 40;

/**
 * Most calls answer at once (better-sqlite3 is synchronous); a few finish later (PDF rendering), and
 * their Result comes as a promise. The transports use Invoke and await either.
 */
export type Invoke = (channel: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>;
/** Invoke restricted to the calls that answer at once: what tests, the benchmark and timers use. */
export type Dispatch = (channel: string, input: unknown) => Result<unknown>;

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

export const isChannelName = (name: string): name is ChannelName => (CHANNEL_NAMES as readonly string[]).includes(name);

/** The first schema issue as the user should read it: Chinese, naming the field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  // Every message of the contract is keyed (error-texts.ts `keyed`); a check without one keeps zod's words.
  const text = (issueText(issue) as KeyedText<ErrorKey> | undefined) ?? errorText('input.invalid', { detail: issue.message });
  return new AppError('VALIDATION', text, field || undefined);
}

/**
 * Run a read channel's handler with the connection in `query_only` mode: a read that tries to
 * write (as board:get once upgraded complaints) fails loudly instead of changing data. Only the
 * synchronous part is covered; no read handler writes after an await.
 */
function readOnly<T>(db: Db, run: () => T): T {
  if (db.inTransaction) return run();
  db.pragma('query_only = ON');
  try {
    return run();
  } finally {
    db.pragma('query_only = OFF');
  }
}

/**
 * The transport-independent core of the bridge: validate with the contract's schema, run the
 * handler, and turn every outcome into a Result. Nothing thrown ever reaches a transport.
 * With a guard, reads run read-only and a successful write bumps the data it declares changed.
 */
export function createInvoke(handlers: HandlerTable, guard?: DispatchGuard): Invoke {
  return (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: errorPayload('UNKNOWN_CHANNEL', errorText('bridge.unknownChannel', { channel })) };
    }
    const parsed = CONTRACT[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toPayload() };
    const started = performance.now();
    const finished = () => {
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_CALL_MS) log.warn(`slow call ${channel}: ${elapsed.toFixed(1)} ms`);
    };
    const effect = CONTRACT[channel].effect;
    const changed = () => {
      if (guard && effect.kind === 'write' && effect.changes.length > 0) guard.versions.bump(effect.changes);
    };
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = guard && effect.kind === 'read' ? readOnly(guard.db, () => handler(parsed.data)) : handler(parsed.data);
      if (isPromise(value)) {
        return value.then(
          (settled): Result<unknown> => {
            changed();
            return { ok: true, value: settled };
          },
          (error: unknown) => failureOf(channel, error),
        ).finally(finished);
      }
      finished();
      changed();
      return { ok: true, value };
    } catch (error) {
      finished();
      return failureOf(channel, error);
    }
  };
}

/** The synchronous calls only: a call that answers later is refused here, loudly, instead of passing a promise on. */
export function createDispatch(handlers: HandlerTable, guard?: DispatchGuard): Dispatch {
  const invoke = createInvoke(handlers, guard);
  return (channel, input) => {
    const result = invoke(channel, input);
    if (!isPromise(result)) return result;
    result.catch(() => undefined);
    return { ok: false, error: errorPayload('INTERNAL', errorText('bridge.needsInvoke', { channel })) };
  };
}

/** An AppError as the user should read it; anything else is logged and reported without details. */
function failureOf(channel: string, error: unknown): Result<never> {
  if (error instanceof AppError) return { ok: false, error: error.toPayload() };
  log.error(`${channel} failed`, error);
  return { ok: false, error: errorPayload('INTERNAL', errorText('bridge.internal')) };
}
