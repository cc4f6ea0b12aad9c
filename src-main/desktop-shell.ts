import { app, dialog, shell, type BrowserWindow } from 'electron';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DesktopShell } from './ipc/handlers';

/**
 * Main owns the dialogs: the renderer only names a print id, never a path (issue 4 point 7).
 * Printing goes through the system's PDF viewer: Electron's webContents.print() prints web pages,
 * not a PDF file, and its built-in viewer's print button is not reachable from main.
 */
export function createDesktopShell(window: () => BrowserWindow | undefined): DesktopShell {
  let lastFolder = '';
  return {
    async saveFile(source, suggestedName) {
      const options = {
        title: '保存 PDF',
        defaultPath: join(lastFolder || app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const win = window();
      const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return null;
      await copyFile(source, filePath);
      lastFolder = dirname(filePath);
      return filePath;
    },
    async openFile(path) {
      const error = await shell.openPath(path);
      if (error) throw new Error(`系统无法打开 PDF：${error}`);
    },
  };
}
