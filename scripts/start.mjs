// `npm start`: the main job on the bundled sample corpus. Ingests examples/seeds into the
// embedded database, prints what was found (articles, events, the brief of the largest
// event), then serves the web UI over it until Ctrl-C. DOSSIER_NO_SERVE=1 (or CI=true) skips serving.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const db = process.env.DOSSIER_DB ?? join(root, 'dossier.db');
// Relative, so that articles keep the short source path the user would have typed.
const corpus = join('examples', 'seeds');

if (!existsSync(cli)) {
  console.error('dossier is not built: run "npm install" (it builds) or "npm run build"');
  process.exit(1);
}

function run(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args, '--db', db], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout;
}

const section = (title) => console.log(`\n== ${title} ==`);

section(`Ingesting ${corpus} into ${db}`);
run(['ingest', corpus]);

section('Articles');
const { articles } = JSON.parse(run(['export', '--format', 'json'], { capture: true }));
for (const article of articles) {
  if (article.status !== 'ok') {
    console.log(`- ${article.source}: rejected (${article.reason})`);
    continue;
  }
  const people = (article.entities ?? []).filter((e) => e.type === 'person').map((e) => e.name);
  console.log(`- ${article.title ?? '(untitled)'}`);
  console.log(`  ${article.source} | published ${article.published ?? 'unknown'} | ${article.publisher ?? 'publisher unknown'}`);
  console.log(`  ${article.text.split(/\s+/).length} words, ${article.removed.length} lines removed, ${article.captions.length} captions, ${article.comments.length} comments, ${(article.quotes ?? []).length} quotes`);
  if (people.length) console.log(`  people: ${people.join(', ')}`);
}

section('Events');
run(['events']);
const { events } = JSON.parse(run(['events', '--json'], { capture: true }));
if (events.length > 0) {
  const largest = [...events].sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id))[0];
  section(`Brief of the largest event (${largest.id})`);
  run(['brief', largest.id]);
}

// Automated runs (CI=true) and DOSSIER_NO_SERVE=1 stop after printing instead of serving forever.
if (process.env.DOSSIER_NO_SERVE === '1' || process.env.CI === 'true') {
  console.log(`\nNot serving the web UI here; run "npx dossier serve --db ${db}" to open it.`);
  process.exit(0);
}
section('Web UI');
const server = spawn(process.execPath, [cli, 'serve', '--db', db], { stdio: 'inherit', cwd: root });
process.on('SIGINT', () => server.kill('SIGINT'));
server.on('exit', (code) => process.exit(code ?? 0));
