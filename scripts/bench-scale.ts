// Flat cost as the store grows: builds stores of 10,000 and 100,000 generated articles (many stories,
// outlets and days, with syndicated near-duplicates; scripts/make-bench-store.ts), then times
// `dossier ingest` of one batch of new raw articles into each (a third of them further reports of
// stored stories, so they join stored events), through the real pipeline and the incremental event
// refresh. Reports milliseconds per ingested article at each size, the part of it that is store and
// events (ingest minus `dossier extract` of the same batch), and the peak memory of the ingest process.
//
//   npm run bench:scale [-- --sizes 10000,100000 --batch 500 --workers N --per-day 20]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    batch: { type: 'string', default: '500' },
    workers: { type: 'string', default: String(availableParallelism()) },
    // Stories per day stay the same at every size: a bigger store spans more days, as a growing archive does.
    'per-day': { type: 'string', default: '20' },
  },
});
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) throw new Error('run `npm run build` first: the benchmark times the built CLI');
const sizes = values.sizes.split(',').map(Number);
const batch = Number(values.batch);
const timeProgram = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command; returns its stdout, wall seconds and (with /usr/bin/time) peak resident memory in MB. */
function run(command: string[]): { stdout: string; seconds: number; peakMb: number | null } {
  const started = performance.now();
  const [program, ...args] = timeProgram ? [timeProgram, '-f', 'peak-kb %M', ...command] : command;
  const result = spawnSync(program, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const peak = /peak-kb (\d+)/.exec(result.stderr ?? '');
  return { stdout: result.stdout, seconds, peakMb: peak ? Number(peak[1]) / 1024 : null };
}

const results = [];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-scale-'));
  const db = join(dir, 'store.db');
  const batchFile = join(dir, 'batch.jsonl');
  try {
    const days = Math.max(1, Math.round(size / Number(values['per-day'])));
    const build = run([process.execPath, '--import', 'tsx', 'scripts/make-bench-store.ts', '--db', db, '--articles', String(size), '--days', String(days), '--hold-out', String(batch), '--hold-out-file', batchFile]);
    const built = JSON.parse(build.stdout.trim().split('\n').pop()!) as { events: number };
    const extract = run([process.execPath, cli, 'extract', batchFile, '--format', 'jsonl', '--workers', values.workers]);
    const ingest = run([process.execPath, cli, 'ingest', batchFile, '--db', db, '--json', '--workers', values.workers]);
    const summary = JSON.parse(ingest.stdout) as { ok: number; events: number };
    const result = {
      storeArticles: size,
      storeEvents: built.events,
      days,
      batch,
      batchOk: summary.ok,
      eventsAfter: summary.events,
      workers: Number(values.workers),
      storeBuildSeconds: Number(build.seconds.toFixed(1)),
      ingestMsPerArticle: Number(((ingest.seconds * 1000) / batch).toFixed(2)),
      storeAndEventsMsPerArticle: Number((((ingest.seconds - extract.seconds) * 1000) / batch).toFixed(2)),
      ingestPeakMb: ingest.peakMb === null ? null : Math.round(ingest.peakMb),
    };
    console.log(JSON.stringify(result));
    results.push(result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (results.length > 1) {
  const first = results[0];
  const last = results[results.length - 1];
  console.log(
    JSON.stringify({
      metric: 'ingest_ms_per_article_ratio',
      value: Number((last.ingestMsPerArticle / first.ingestMsPerArticle).toFixed(2)),
      sizes: [first.storeArticles, last.storeArticles],
      target: 1.3,
    }),
  );
}
