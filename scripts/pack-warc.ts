// Packs HTML pages into a WARC file, one `response` record per page, as a crawler would have
// stored them. Used by `npm run bench:warc` on the article-extraction benchmark, and usable on
// any folder of `.html` / `.html.gz` files.
// Usage: tsx scripts/pack-warc.ts <folder> <out.warc.gz> [--urls urls.json] [--plain]
//   urls.json maps a file's name (without .html/.html.gz) to its URL; other pages get a made-up one.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

export interface PackedPage {
  url: string;
  html: Buffer;
}

export function pagesFromFolder(dir: string, urls: Record<string, string> = {}): PackedPage[] {
  return readdirSync(dir)
    .filter((file) => /\.html?(\.gz)?$/i.test(file))
    .sort()
    .map((file) => {
      const key = basename(file).replace(/\.html?(\.gz)?$/i, '');
      const raw = readFileSync(join(dir, file));
      return { url: urls[key] ?? `https://pages.invalid/${encodeURIComponent(key)}`, html: file.endsWith('.gz') ? gunzipSync(raw) : raw };
    });
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Writes the pages as a WARC 1.1 file (each record its own gzip member unless `gzip` is false). */
export async function packWarc(pages: PackedPage[], out: string, options: { gzip?: boolean; date?: string } = {}): Promise<void> {
  const stream = createWriteStream(out);
  const date = options.date ?? '2026-01-01T00:00:00Z';
  const info = WARCRecord.createWARCInfo({ filename: basename(out), warcVersion: 'WARC/1.1' }, { software: 'dossier scripts/pack-warc.ts' });
  stream.write(await WARCSerializer.serialize(info, { gzip: options.gzip ?? true }));
  for (const page of pages) {
    const record = WARCRecord.create(
      { url: page.url, date, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } },
      once(page.html),
    );
    if (!stream.write(await WARCSerializer.serialize(record, { gzip: options.gzip ?? true }))) await new Promise((resolve) => stream.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, out] = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--urls');
  if (!dir || !out) {
    console.error('usage: tsx scripts/pack-warc.ts <folder> <out.warc.gz> [--urls urls.json] [--plain]');
    process.exit(2);
  }
  const urlsAt = process.argv.indexOf('--urls');
  const urls = urlsAt > 0 ? (JSON.parse(readFileSync(process.argv[urlsAt + 1], 'utf8')) as Record<string, string>) : {};
  const pages = pagesFromFolder(dir, urls);
  await packWarc(pages, out, { gzip: !process.argv.includes('--plain') });
  console.log(`${pages.length} pages written to ${out}`);
}
