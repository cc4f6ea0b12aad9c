import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WEB_ENTRY = join(__dirname, '..', '..', 'out', 'main', 'web.js');

/**
 * Every server starts with main's clock pinned here (a Monday morning), so no test depends on the
 * day it runs (CI runs the suite a second time a year ahead). A test that needs another time pins
 * its own with setClock.
 */
export const DEFAULT_TEST_NOW = '2026-11-02 09:30';

/** A real web-mode server (`node out/main/web.js`) on a free port with its own data dir. */
export class WebApp {
  url = '';
  private process: ChildProcess | undefined;

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    // COMPLAINT_DESK_TEST_CLOCK lets a test pin main's clock (clock:set) instead of waiting for deadlines.
    const child = spawn(process.execPath, [WEB_ENTRY, '--port', '0', '--data-dir', this.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COMPLAINT_DESK_TEST_CLOCK: '1' },
    });
    this.process = child;
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`web server exited (${code}) before it was ready:\n${output}`)));
    });
    await setClock(this, DEFAULT_TEST_NOW);
  }

  /** Pull the plug: SIGKILL, no shutdown handlers, no checkpoint. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Call a channel over HTTP, as the renderer does; returns the value or throws the Result's error. */
  async call<T = unknown>(channel: string, input: unknown = {}): Promise<T> {
    const response = await fetch(`${this.url}api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value as T;
  }
}

/** Pin main's clock to a time in Shanghai, e.g. '2026-11-02 09:00'. */
export async function setClock(app: WebApp, wall: string): Promise<void> {
  await app.call('clock:set', { now: `${wall.replace(' ', 'T')}:00+08:00` });
}

/** Set the office up through the API (the first-run screen has its own test). */
export async function setUpOffice(app: WebApp): Promise<void> {
  await app.call('app:setup', { officeName: '阳光花园服务中心', officeCode: 'YGHA', operatorName: '周晓雯' });
}

/** A form field by its visible label, exactly (required fields show a trailing asterisk). */
export const field = (page: Page, label: string) =>
  // The control itself: an open list (lib/PickField.tsx) is labelled by its field's label too.
  page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).and(page.locator('input, select, textarea'));

/**
 * Choose an option of a list picked by typing (Mantine Select, lib/PickField.tsx) by its label:
 * type the label into the field and click the option, as a user with a mouse would.
 */
export async function pick(page: Page, label: string, optionText: string): Promise<void> {
  const input = field(page, label);
  await input.click();
  await input.fill(optionText);
  await listOf(page, label).getByRole('option', { name: optionText, exact: true }).click();
  await expect(input).toHaveValue(optionText);
}

/** The open list of a field picked by typing (labelled by the field's label, not the page's other selects). */
export const listOf = (page: Page, label: string) => page.getByRole('listbox', { name: new RegExp(`^${label}\\s*\\*?$`) });

/** Type into a list picked by typing and wait until the option is highlighted, as the desk sees it before Enter. */
export async function typeToPick(page: Page, label: string, typed: string, optionText: string): Promise<void> {
  await page.keyboard.type(typed);
  await expect(listOf(page, label).getByRole('option', { name: optionText, exact: true })).toHaveAttribute('data-combobox-selected', 'true');
}

/** Open the app and wait until it says it is ready (no sleeps). */
export async function openApp(page: Page, app: WebApp, hash = ''): Promise<void> {
  // A fresh load every time: going to the same URL with only a hash would not reload the page.
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(`${app.url}${hash}`);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
}

export const test = base.extend<{ webApp: WebApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured first argument
  webApp: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-'));
    const app = new WebApp(dataDir);
    await app.start();
    await use(app);
    await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
