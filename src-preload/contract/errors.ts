import { wordError, type ErrorKey } from './error-texts';
import type { KeyedText, TextParams } from './texts';

/**
 * Errors cross the bridge as values, never as thrown objects: Electron's `invoke` keeps only an
 * Error's message (electron#24427) and contextBridge strips the rest. Stacks stay in main's log.
 */
export type AppErrorCode =
  | 'VALIDATION' // input failed the contract schema or a business rule; `field` names the input
  | 'NOT_FOUND'
  | 'CONFLICT' // someone else saved the record first (stale version)
  | 'FORBIDDEN' // the call came from a frame that is not ours
  | 'UNKNOWN_CHANNEL'
  | 'BAD_REQUEST' // web mode: the body was not JSON
  | 'TOO_LARGE'
  | 'INTERNAL';

export interface AppErrorPayload {
  code: AppErrorCode;
  /** What went wrong, as a key of error-texts.ts: the renderer words it in the user's language. */
  key: ErrorKey;
  /** The key's parameters (named as in texts.ts). */
  params: TextParams;
  /** The same in Chinese, from the same template: for logs and web-mode callers. */
  message: string;
  /** Dotted path of the offending input field, e.g. `complainantName` or `patch.phone`. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload };

/** A refusal as it crosses the bridge, with its Chinese message. */
export const errorPayload = (code: AppErrorCode, text: KeyedText<ErrorKey>, field?: string): AppErrorPayload => ({
  code,
  key: text.key,
  params: text.params,
  message: wordError('zh-CN', text),
  ...(field && { field }),
});
