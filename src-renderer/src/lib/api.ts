import { notifyDataChanged } from './data-events';
import { CONTRACT, type ChannelInput, type ChannelName, type ChannelOutput, type Result, type AppErrorCode } from '../../../src-preload/contract';

/** A refusal from main, with the Chinese message to show and the field it concerns. */
export class ApiError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Whether a call may have changed stored data: declared per channel in the contract, next to its schema. */
const changesData = (channel: ChannelName) => {
  const effect = CONTRACT[channel].effect;
  return effect.kind === 'write' && effect.changes.length > 0;
};

async function viaHttp(channel: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' } };
  }
  return (await response.json()) as Result<unknown>;
}

/**
 * The typed client: the Electron bridge when the preload exposed one, else web mode's loopback
 * HTTP. Same contract, same handlers behind both. Resolves the value or throws ApiError.
 */
export async function call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = window.api ? await (window.api[channel] as (i: unknown) => Promise<Result<unknown>>)(input) : await viaHttp(channel, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.field);
  if (changesData(channel)) notifyDataChanged();
  return result.value as ChannelOutput<K>;
}
