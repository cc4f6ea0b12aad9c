import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the office's data lives when nothing else is said: the platform's per-user app-data folder,
 * the same place Electron's `app.getPath('userData')` points at once main sets the name below.
 */
export const DATA_FOLDER_NAME = 'ComplaintDesk';

export function platformAppData(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export const defaultDataDir = () => join(platformAppData(), DATA_FOLDER_NAME);
