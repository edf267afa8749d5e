// Shared helpers for the browser tests: Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.PAPERSCOPE_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscope-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    ],
  });
  context.userDataDir = userDataDir;
  return context;
}

export async function closeBrowser(context) {
  await context.close();
  fs.rmSync(context.userDataDir, { recursive: true, force: true });
}

// Opens the explorer and waits until its first collection is shown.
export async function openExplorer(context, url, { timeout = 30000 } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.errors = errors;
  await page.goto(url);
  await page.waitForFunction(() => window.paperscope && window.paperscope.state() &&
    window.paperscope.state().total > 0, null, { timeout });
  await page.evaluate(() => window.paperscope.ready);
  return page;
}

export const state = (page) => page.evaluate(() => window.paperscope.state());

// Waits until the explorer has drawn what the last input asked for: the page renders only
// while something changes, so "settled" means the frame counter stopped moving.
export async function settle(page, { quietMs = 120, timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = -1;
  for (;;) {
    const s = await state(page);
    if (s.frame === last && !s.loading) return s;
    if (Date.now() > deadline) throw new Error('the explorer did not settle');
    last = s.frame;
    await page.waitForTimeout(quietMs);
  }
}
