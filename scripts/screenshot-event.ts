// Screenshots the event page of the largest event built from a corpus, in headless Chromium (the
// browser tests' setup): the picture in the README. Ingests the corpus into a temporary database,
// serves it, and writes the visible part of the page at the given size.
//
//   npx tsx scripts/screenshot-event.ts [--corpus examples/seeds] [--out docs/screenshots/event-page.png]
//                                       [--width 1280] [--height 900] [--full]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { emptySummary, ingestFile, refreshEvents } from '../src/ingest/index.js';
import { expandPaths } from '../src/ingest/read.js';
import { serve } from '../src/server/serve.js';
import { SqliteStore } from '../src/store/sqlite.js';

const CHROMIUM = '/usr/bin/chromium';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'examples/seeds' },
    out: { type: 'string', default: 'docs/screenshots/event-page.png' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
    full: { type: 'boolean', default: false },
  },
});

const workDir = mkdtempSync(path.join(tmpdir(), 'dossier-screenshot-'));
try {
  const db = path.join(workDir, 'corpus.db');
  const store = new SqliteStore(db);
  const summary = emptySummary();
  for (const file of expandPaths([values.corpus])) await ingestFile(store, file, summary);
  await refreshEvents(store);
  const largest = (await store.listEventDigests()).sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id))[0];
  await store.close();
  if (!largest) throw new Error(`no events were built from ${values.corpus}`);

  const server = await serve({ db, port: 0, host: '127.0.0.1', allowIngest: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
    await page.goto(`${server.url}events/${encodeURIComponent(largest.id)}`);
    // Chart.js sizes the canvas when it draws; an undrawn canvas keeps the default 300x150.
    await page.waitForFunction(() => {
      const canvas = document.getElementById('timeline-chart') as HTMLCanvasElement | null;
      return canvas === null || canvas.width !== 300;
    });
    mkdirSync(path.dirname(values.out), { recursive: true });
    await page.screenshot({ path: values.out, fullPage: values.full });
    console.log(`${values.out}: ${largest.title} (${largest.id}, ${summary.ok} articles ingested)`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
