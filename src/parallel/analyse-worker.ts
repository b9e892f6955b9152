// One thread of the analysis pool: the per-document pipeline, as `analyse` runs it on the main thread.
import { analyse } from '../ingest/index.js';
import type { Article, RawDocument } from '../types.js';

export default function analyseInThread(raw: RawDocument): Article {
  // Structured cloning hands a Buffer over as a plain Uint8Array.
  if (raw.bytes && !Buffer.isBuffer(raw.bytes)) {
    const bytes = raw.bytes as Uint8Array;
    raw.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return analyse(raw);
}
