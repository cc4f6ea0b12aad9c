import {
  errorText,
  wordError,
  type AppErrorCode,
  type AppErrorPayload,
  type ErrorArgs,
  type ErrorKey,
  type KeyedText,
  type Term,
} from '../../src-preload/contract';

/**
 * A refusal the user should read: thrown inside services, turned into a Result by the dispatcher.
 * It carries its text as a key with parameters (error-texts.ts), which the renderer words in the
 * user's language; `message` is the same in Chinese, for the log and web-mode callers.
 */
export class AppError extends Error {
  readonly text: KeyedText<ErrorKey>;

  constructor(
    readonly code: AppErrorCode,
    text: KeyedText<ErrorKey>,
    readonly field?: string,
  ) {
    super(wordError('zh-CN', text));
    this.text = text;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, key: this.text.key, params: this.text.params, message: this.message };
    return this.field ? { ...payload, field: this.field } : payload;
  }
}

/** A refusal without a field: `refusal('CONFLICT', 'complaint.changedEdit')`. */
export const refusal = <K extends ErrorKey>(code: AppErrorCode, key: K, ...params: ErrorArgs<K>) => new AppError(code, errorText(key, ...params));

export const notFound = (what: Term) => new AppError('NOT_FOUND', errorText('notFound', { what }));

/** Input that breaks a rule, naming the field: `invalid('expectedDate', 'hold.expectedInPast')`. */
export const invalid = <K extends ErrorKey>(field: string, key: K, ...params: ErrorArgs<K>) => new AppError('VALIDATION', errorText(key, ...params), field);
