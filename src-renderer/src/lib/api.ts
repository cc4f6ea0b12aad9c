import { invalidateAfterWrite } from './query-client';
import {
  ERROR_TEXTS_ZH,
  errorPayload,
  errorText,
  getTextLocale,
  wordError,
  type AppErrorCode,
  type AppErrorPayload,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ErrorKey,
  type KeyedText,
  type Result,
} from '../../../src-preload/contract';

/**
 * A refusal from main and the field it concerns. Its message is worded in the user's language from
 * the refusal's key (error-texts.ts); main's Chinese stays in `payload.message`.
 */
export class ApiError extends Error {
  readonly code: AppErrorCode;
  readonly field?: string;
  readonly text: KeyedText<ErrorKey>;

  constructor(readonly payload: AppErrorPayload) {
    // A key this renderer does not know (never from its own main) falls back to main's Chinese.
    super(Object.hasOwn(ERROR_TEXTS_ZH, payload.key) ? wordError(getTextLocale(), payload) : payload.message);
    this.code = payload.code;
    this.field = payload.field;
    this.text = { key: payload.key, params: payload.params };
  }
}

async function viaHttp(channel: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: errorPayload('INTERNAL', errorText('bridge.unreachable')) };
  }
  return (await response.json()) as Result<unknown>;
}

/**
 * The typed client: the Electron bridge when the preload exposed one, else web mode's loopback
 * HTTP. Same contract, same handlers behind both. Resolves the value or throws ApiError. After a
 * write, it resolves once the queries on screen that read what the write changes (declared in the
 * contract) have their new data: the caller then sees the page as it now is.
 */
export async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = window.api ? await (window.api[channel] as (i: unknown) => Promise<Result<unknown>>)(input) : await viaHttp(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  await invalidateAfterWrite(channel);
  return result.value as ChannelOutput<K>;
}
