import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, errorPayload, errorText, type Result } from '../../src-preload/contract';
import { log } from '../lib/log';
import type { Invoke } from './dispatch';

/**
 * `scheme://host[:port]` of a URL. Not `URL.origin`: for a custom scheme such as app:// Node's
 * WHATWG parser reports the origin as "null", which would make every app:// page look alike.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Only our own top-level page may call main (Electron security checklist #17: validate the sender
 * of every IPC message). The origin is compared on the parsed URL, never by string prefix.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trustedOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === trustedOrigin;
}

/** Bind every contract channel to the dispatcher, with the sender check in front. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, invoke: Invoke, trustedOrigin: string): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown): Result<unknown> | Promise<Result<unknown>> => {
      if (!isTrustedSender(event, trustedOrigin)) {
        log.warn(`refused ${channel} from ${event.senderFrame?.url ?? 'unknown frame'}`);
        return { ok: false, error: errorPayload('FORBIDDEN', errorText('bridge.foreignFrame')) };
      }
      return invoke(channel, input);
    });
  }
}
