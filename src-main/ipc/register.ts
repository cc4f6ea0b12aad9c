import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, type Result } from '../../src-preload/contract';
import { log } from '../lib/log';
import type { Dispatch } from './dispatch';

/**
 * Only our own top-level page may call main (Electron security checklist #17: validate the sender
 * of every IPC message). The origin is compared on the parsed URL, never by string prefix.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trustedOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === trustedOrigin;
  } catch {
    return false;
  }
}

/** Bind every contract channel to the dispatcher, with the sender check in front. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, trustedOrigin: string): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown): Result<unknown> => {
      if (!isTrustedSender(event, trustedOrigin)) {
        log.warn(`refused ${channel} from ${event.senderFrame?.url ?? 'unknown frame'}`);
        return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的调用' } };
      }
      return dispatch(channel, input);
    });
  }
}
