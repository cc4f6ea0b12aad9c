import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session } from 'electron';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createAppContext, resolveDataDir, type AppContext } from './app-context';
import { DatabaseRefusedError } from './db/migrations';
import { originOf, registerIpc } from './ipc/register';
import { DATA_FOLDER_NAME } from './lib/data-dir';
import { log } from './lib/log';
import { CONTENT_SECURITY_POLICY, mimeOfFile, resolveRendererFile } from './lib/static-files';
import { APP_VERSION } from './lib/version';
import { serveFile } from './ipc/file-routes';
import { createDesktopShell } from './desktop-shell';
import { sweepScratchFiles } from './startup-sweep';
import { warmUpPdf } from './pdf/render';
import { startDeadlineNotifier } from './deadline-notifier';

/**
 * The renderer is served from app://desk/ rather than file:// (Electron security checklist #18):
 * one origin to check IPC senders and navigation against, and the same URL paths as web mode
 * (/files/attachments/<sha>).
 */
const APP_ORIGIN = 'app://desk';
const RENDERER_DIR = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
app.enableSandbox();
app.setPath('userData', join(app.getPath('appData'), DATA_FOLDER_NAME));

let ctx: AppContext | undefined;
let mainWindow: BrowserWindow | undefined;

function serveAppProtocol(request: Request): Response {
  const { pathname, search } = new URL(request.url);
  const served = ctx && serveFile(ctx, pathname, search);
  if (served) return new Response(typeof served.body === 'string' ? served.body : new Uint8Array(served.body), { status: served.status, headers: served.headers });
  const file = resolveRendererFile(RENDERER_DIR, pathname);
  if (!file) return new Response('not found', { status: 404 });
  return new Response(new Uint8Array(readFileSync(file)), {
    headers: { 'Content-Type': mimeOfFile(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '物业投诉台',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      // Chromium's built-in PDF viewer, for the print preview inside the window (no other plugin exists in Electron).
      plugins: true,
      spellcheck: false,
    },
  });
  // Navigation and new windows are blocked (checklist #13, #14): the app is one page.
  win.webContents.on('will-navigate', (event, url) => {
    if (originOf(url) !== APP_ORIGIN) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => {
    win.show();
    // Load and parse the font while the desk reads the screen, so the first print is as quick as the rest.
    setTimeout(() => void warmUpPdf(), 2000);
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

// One desk, one writer: a second launch focuses the open window instead of opening the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    const dataDir = resolveDataDir(process.argv, () => app.getPath('userData'));
    try {
      ctx = createAppContext(dataDir, { version: APP_VERSION, mode: 'electron', desktop: createDesktopShell(() => mainWindow) });
      sweepScratchFiles(dataDir);
    } catch (error) {
      log.error('cannot open database', error);
      dialog.showErrorBox('无法打开数据库', error instanceof DatabaseRefusedError ? error.message : `打开 ${dataDir} 中的数据库失败：${String(error)}`);
      app.quit();
      return;
    }
    // Deny every permission request (camera, geolocation, notifications ask nothing of us yet).
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    protocol.handle('app', serveAppProtocol);
    registerIpc(ipcMain, ctx.invoke, APP_ORIGIN);
    mainWindow = createWindow();
    // Desktop notifications for deadlines (web mode shows the same alerts inside the page).
    if (Notification.isSupported()) {
      startDeadlineNotifier(ctx.dispatch, (title, body) => new Notification({ title, body }).show());
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    ctx?.close();
    app.quit();
  });
}
