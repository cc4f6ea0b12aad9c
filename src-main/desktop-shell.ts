import { app, dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
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
  let lastExchangeFolder = '';
  return {
    async saveFile(source, suggestedName) {
      const excel = suggestedName.toLowerCase().endsWith('.xlsx');
      const options = {
        title: excel ? '保存 Excel 文件' : '保存 PDF',
        defaultPath: join(lastFolder || app.getPath('documents'), suggestedName),
        filters: [excel ? { name: 'Excel 工作簿', extensions: ['xlsx'] } : { name: 'PDF', extensions: ['pdf'] }],
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
    // USB exchange: the dialogs open where the last exchange folder was (the stick, usually).
    async pickFolder(purpose) {
      const options: OpenDialogOptions = {
        title: purpose === 'export' ? '选择导出到的文件夹（U 盘）' : '选择存放导出文件（.cdx）的文件夹',
        defaultPath: lastExchangeFolder || app.getPath('documents'),
        properties: purpose === 'export' ? ['openDirectory', 'createDirectory'] : ['openDirectory'],
      };
      const win = window();
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const picked = canceled ? undefined : filePaths[0];
      if (!picked) return null;
      lastExchangeFolder = picked;
      return picked;
    },
    async pickFiles() {
      const options: OpenDialogOptions = {
        title: '选择要导入的导出文件（.cdx）',
        defaultPath: lastExchangeFolder || app.getPath('documents'),
        filters: [{ name: '投诉台导出文件', extensions: ['cdx'] }],
        properties: ['openFile', 'multiSelections'],
      };
      const win = window();
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (canceled || filePaths.length === 0) return [];
      lastExchangeFolder = dirname(filePaths[0]!);
      return filePaths;
    },
  };
}
