// Benchmarks for issue 13: annotation time and memory against text size (10 KB to 5 MB, paragraphs and one
// line), concurrent-writer trials (two `dossier ingest` runs on one database), and requests per second with
// p50/p99 latency on a 100-article event page while an upload is being ingested. Inputs are generated.
//
// Usage: tsx scripts/bench-hardening.ts [--sizes 10000,100000,...] [--trials 7] [--seconds 10]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../src/ingest/index.js';
import { serve } from '../src/server/serve.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { DossierEvent } from '../src/events/types.js';
import { newsParagraphs, newsText } from '../test/support/generate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repoRoot, 'dist', 'cli', 'main.js');
const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};

/** One measurement in a fresh process, so that peak memory is this input's alone. */
function measureOne(kind: string, size: number): void {
  const input =
    kind === 'attributes'
      ? Buffer.from(`<html><body><p ${Array.from({ length: size }, (_, i) => `a${i}="${i}"`).join(' ')}>${newsParagraphs(1, 2).join(' ')}</p></body></html>`)
      : Buffer.from(newsText(size, size, kind === 'one-line'));
  // Models and compiled code are loaded by a first small article, so the time is this input's own.
  analyse({ source: 'warm-up.txt', bytes: Buffer.from(newsParagraphs(2, 3).join('\n\n')) });
  const started = performance.now();
  const article = analyse({ source: kind === 'attributes' ? 'page.html' : 'text.txt', bytes: input });
  const seconds = (performance.now() - started) / 1000;
  const warned = article.messages.some((message) => message.stage === 'annotate' && message.level === 'warn');
  console.log(JSON.stringify({ kind, size, seconds, peakMb: process.resourceUsage().maxRSS / 1024, status: article.status, capped: warned }));
}

function sizeTable(sizes: number[]): void {
  console.log('annotation time and peak memory against input size (one process per input)');
  console.log('input                 chars        s   peak MB  note');
  const cases: [string, number][] = [
    ...sizes.map((size): [string, number] => ['paragraphs', size]),
    ['one-line', sizes[sizes.length - 1]],
    ['attributes', 1_000_000],
  ];
  for (const [kind, size] of cases) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', kind, String(size)], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    try {
      const row = JSON.parse(line);
      console.log(`${kind.padEnd(12)} ${String(size).padStart(14)} ${row.seconds.toFixed(1).padStart(8)} ${row.peakMb.toFixed(0).padStart(9)}  ${row.status}${row.capped ? ', annotation capped (warned)' : ''}${kind === 'attributes' ? ' (10^6 attributes)' : ''}`);
    } catch {
      console.log(`${kind.padEnd(12)} ${String(size).padStart(14)}  failed: ${run.stderr.trim().split('\n').pop()}`);
    }
  }
}

async function writerTrials(trials: number): Promise<void> {
  let bothFinished = 0;
  let complete = 0;
  for (let trial = 0; trial < trials; trial++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-writers-'));
    for (const batch of ['a', 'b']) {
      mkdirSync(path.join(dir, batch));
      for (let index = 0; index < 10; index++) writeFileSync(path.join(dir, batch, `${index}.txt`), newsParagraphs(trial * 1000 + (batch === 'a' ? 0 : 500) + index, 4).join('\n\n'));
    }
    const db = path.join(dir, 'shared.db');
    const run = (folder: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [cli, 'ingest', path.join(dir, folder), '--db', db, '--json'], { stdio: 'ignore' });
        child.on('close', resolve);
      });
    const codes = await Promise.all([run('a'), run('b')]);
    if (codes.every((code) => code === 0)) bothFinished++;
    const store = new SqliteStore(db);
    if ((await store.countArticles({ status: 'ok' })) === 20) complete++;
    await store.close();
  }
  console.log(`concurrent writers: ${bothFinished} of ${trials} trials had both ingests finish; ${complete} of ${trials} kept all 20 articles`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(url: string, seconds: number, concurrency: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const response = await fetch(url).catch(() => null);
        if (!response || response.status !== 200) errors++;
        await response?.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

async function serverDuringIngest(seconds: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-serve-'));
  const db = path.join(dir, 'bench.db');
  const store = new SqliteStore(db);
  const articles = [];
  for (let index = 0; index < 100; index++) {
    const article = analyse({ source: `story-${index}.txt`, bytes: Buffer.from(newsParagraphs(9000 + index, 6).join('\n\n')) });
    await store.putArticle(article);
    articles.push({ id: article.id, title: article.title, publisher: `Outlet ${index}`, published: '2024-03-01', independent: true, duplicateOf: null });
  }
  const event = {
    id: 'ev-bench', title: 'Benchmark event', date: '2024-03-01', location: null, articles, duplicates: [], participants: [], quotes: [], actions: [],
    claims: [], discrepancies: [], framing: [], related: [], firstSeen: '2024-03-01T00:00:00Z', lastUpdated: '2024-03-01T00:00:00Z',
  } as unknown as DossierEvent;
  await store.updateEvents([], [event]);
  await store.close();
  const server = await serve({ db, port: 0, host: '127.0.0.1', allowIngest: true });
  const page = `${server.url}events/ev-bench`;
  try {
    const idle = await load(page, seconds, 8);
    const upload = new FormData();
    upload.append('files', new File([newsText(77, 800_000)], 'long.txt'));
    const ingestStarted = performance.now();
    const ingest = fetch(`${server.url}api/ingest`, { method: 'POST', body: upload }).then(async (response) => ({ status: response.status, seconds: (performance.now() - ingestStarted) / 1000 }));
    const busy = await load(page, seconds, 8);
    const ingested = await ingest;
    const row = (label: string, r: typeof idle) =>
      console.log(`${label.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p99 ${r.p99.toFixed(0).padStart(5)} ms   errors ${r.errors}`);
    console.log('event page of a 100-article event, 8 concurrent clients');
    row('idle server', idle);
    row('during an 800 KB upload', busy);
    console.log(`upload: HTTP ${ingested.status} after ${ingested.seconds.toFixed(1)} s (ingested in a worker thread)`);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const one = process.argv.indexOf('--one');
  if (one >= 0) return measureOne(process.argv[one + 1], Number(process.argv[one + 2]));
  const sizes = argument('--sizes', '10000,100000,400000,800000,1600000,5000000').split(',').map(Number);
  sizeTable(sizes);
  await writerTrials(Number(argument('--trials', '7')));
  await serverDuringIngest(Number(argument('--seconds', '10')));
}

await main();
