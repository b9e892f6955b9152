// Drives the real server in headless Chromium (Debian's package through playwright-core):
// navigation, citation anchors, and that injected markup in article text stays inert.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serve, type RunningServer } from '../src/server/serve.js';
import { fixtureStore } from './fixtures/server/load.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-artifacts/screenshots');
const STRIKE = 'ev-arlenby-strike-2025-06-11';
const INJECTED_ARTICLE = 'd4e5f60718293a4b';

let workDir: string;
let server: RunningServer;
let browser: BrowserContext;
const problems: string[] = [];

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) to run the browser tests`,
  );
  workDir = mkdtempSync(path.join(tmpdir(), 'dossier-browser-'));
  const dbFile = path.join(workDir, 'fixture.db');
  await (await fixtureStore(dbFile)).close();
  server = await serve({ db: dbFile, port: 0, host: '127.0.0.1', allowIngest: false });
  // A fresh profile per run: playwright takes it as the persistent context's user-data-dir.
  browser = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A page that records every dialog, console error, page error and off-origin request as a problem. */
async function openPage(width = 1280, height = 900): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) problems.push(`request outside the server: ${request.url()}`);
  });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test('events page lists events newest first and links to an event', async () => {
  const page = await openPage();
  await page.goto(server.url);
  const titles = await page.locator('.event-card h2').allTextContents();
  assert.deepEqual(titles, ['Dockworkers strike at the port of Arlenby', 'Arlenby wage talks collapse']);
  await shoot(page, 'events');
  await page.getByRole('link', { name: 'Dockworkers strike at the port of Arlenby' }).click();
  await page.waitForURL(`${server.url}events/${STRIKE}`);
  assert.equal(await page.locator('h1').textContent(), 'Dockworkers strike at the port of Arlenby');
  await page.close();
});

test('event page draws the timeline chart and its citations land on the cited sentence', async () => {
  const page = await openPage();
  await page.goto(`${server.url}events/${STRIKE}`);
  // Chart.js sizes the canvas when it draws; an undrawn canvas keeps the default 300x150.
  await page.waitForFunction(() => {
    const canvas = document.getElementById('timeline-chart') as HTMLCanvasElement | null;
    return canvas !== null && canvas.width !== 300;
  });
  await shoot(page, 'event');
  // Source [2] contradicts the claim about the strike's length in its fourth sentence.
  const citation = page.locator('.stance-contradicts .cite');
  assert.equal(await citation.getAttribute('href'), '/articles/b2c3d4e5f6071829#s3');
  await citation.click();
  await page.waitForURL(`${server.url}articles/b2c3d4e5f6071829#s3`);
  const target = page.locator(':target');
  assert.equal(await target.getAttribute('id'), 's3');
  assert.ok(await target.isVisible());
  assert.ok(await target.evaluate((element) => element.getBoundingClientRect().top < window.innerHeight));
  assert.equal(await target.textContent(), 'The union said the stoppage would last 72 hours.');
  await shoot(page, 'article');
  await page.close();
});

test('entity page shows roles over time and quotes', async () => {
  const page = await openPage();
  await page.goto(`${server.url}events/${STRIKE}`);
  await page.locator('#participants-h + .table-wrap').getByRole('link', { name: 'Marta Kovel' }).click();
  await page.waitForURL(`${server.url}entities/marta-kovel`);
  assert.equal(await page.locator('h1').textContent(), 'Marta Kovel');
  assert.deepEqual(await page.locator('.entity-events li a').allTextContents(), [
    'Arlenby wage talks collapse',
    'Dockworkers strike at the port of Arlenby',
  ]);
  await shoot(page, 'entity');
  await page.close();
});

test('injected markup in an article stays text and runs nothing', async () => {
  const page = await openPage();
  await page.goto(`${server.url}articles/${INJECTED_ARTICLE}`);
  await shoot(page, 'article-injected');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.locator('main script').count(), 0);
  assert.match((await page.locator('#s1').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('h1').textContent(), 'Readers react <script>alert(1)</script>');
  // The stored URL is `javascript:...`: it is shown as text, never as a link.
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  await page.goto(`${server.url}events/ev-arlenby-talks-2025-06-03`);
  assert.equal(await page.locator('main img').count(), 0);
  await page.close();
});

test('pages fit a phone screen', async () => {
  const page = await openPage(390, 844);
  await page.goto(`${server.url}events/${STRIKE}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0);
  await shoot(page, 'event-phone');
  await page.goto(`${server.url}articles/a1b2c3d4e5f60718`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  await shoot(page, 'article-phone');
  await page.close();
});

test('no dialogs, console errors, page errors or outside requests on any page', () => {
  assert.deepEqual(problems, []);
});
