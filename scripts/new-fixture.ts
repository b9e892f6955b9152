// Creates a pipeline fixture case from a file: copies it as the case's source and writes
// the current output as the expected output, for a human to check before committing.
// Usage: tsx scripts/new-fixture.ts <case-name> <file>
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readFile } from '../src/ingest/read.js';
import { processDocument } from '../src/pipeline.js';

const [name, file] = process.argv.slice(2);
if (!name || !file) {
  console.error('usage: tsx scripts/new-fixture.ts <case-name> <file>');
  process.exit(2);
}
const dir = join('test', 'fixtures', 'articles', name);
mkdirSync(dir, { recursive: true });
const extension = basename(file).replace(/^[^.]*/, '') || '.txt';
const source = join(dir, `source${extension}`);
copyFileSync(file, source);
const article = processDocument(readFile(source)[0]);
const { text, id: _id, source: _source, messages: _messages, ...metadata } = article;
writeFileSync(join(dir, 'expected.txt'), `${text}\n`);
writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(metadata, null, 2)}\n`);
console.log(`wrote ${dir}: check expected.txt and expected.json by hand before committing`);
