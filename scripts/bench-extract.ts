// Throughput of extractHtml beside Readability-over-linkedom on the article-extraction-benchmark pages.
// Each page is run by both extractors back to back (alternating which goes first) so that load from
// other processes hits both alike. Usage: tsx scripts/bench-extract.ts [rounds]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractHtml } from '../src/clean/html.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');
const htmlDir = path.join(evalData, 'article-extraction-benchmark', 'html');
const rounds = Number(process.argv[2] ?? 2);

if (!fs.existsSync(htmlDir)) {
  console.error(`eval data not found under ${evalData} (set DOSSIER_EVAL_DATA)`);
  process.exit(1);
}
const pages = fs.readdirSync(htmlDir).sort().map((file) => zlib.gunzipSync(fs.readFileSync(path.join(htmlDir, file))).toString('utf8'));

const extractors: Record<string, (html: string) => unknown> = {
  extractHtml: (html) => extractHtml(html),
  'readability-linkedom': (html) => new Readability(parseHTML(html).document).parse(),
};
const names = Object.keys(extractors);
// One warm-up pass so that both run JIT-compiled code.
for (const html of pages.slice(0, 20)) for (const name of names) extractors[name](html);

const elapsed: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
for (let round = 0; round < rounds; round++) {
  for (const [index, html] of pages.entries()) {
    const order = (index + round) % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const started = performance.now();
      extractors[name](html);
      elapsed[name] += performance.now() - started;
    }
  }
}

const pagesPerSecond = Object.fromEntries(names.map((name) => [name, Math.round(((pages.length * rounds) / (elapsed[name] / 1000)) * 10) / 10]));
for (const name of names) console.log(`${name.padEnd(22)} ${pagesPerSecond[name]} pages/s (${(elapsed[name] / rounds / 1000).toFixed(2)} s per pass over ${pages.length} pages)`);
const ratio = Math.round((elapsed.extractHtml / elapsed['readability-linkedom']) * 100) / 100;
console.log(`extractHtml takes ${ratio}x Readability-over-linkedom's time`);
console.log(JSON.stringify({ dataset: 'article-extraction-benchmark', metric: 'pages_per_second', value: pagesPerSecond.extractHtml, readability: pagesPerSecond['readability-linkedom'], time_ratio: ratio }));
