import type { AppErrorCode, AppErrorPayload } from '../../src-preload/contract/errors';

/** A refusal the user should read: thrown inside services, turned into a Result by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toPayload(): AppErrorPayload {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `找不到该${what}，可能已被删除或编号有误`);
export const invalid = (field: string, message: string) => new AppError('VALIDATION', message, field);
