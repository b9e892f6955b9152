// Turns the paths a user gives into raw documents: walks folders, gunzips `.gz`,
// splits JSONL into one record per line. Never throws for a bad file: it becomes a
// RawDocument with an `error`, so the rest of the batch goes on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RawDocument } from '../types.js';

/** Files above this size are rejected unread: no news article is 50 MB of text. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export class InputPathError extends Error {}

/** Expands files and folders (recursively, sorted, hidden entries skipped) into file paths. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const visit = (path: string, given: boolean): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      if (given) throw new InputPathError(`no such file or directory: ${path}`);
      return;
    }
    if (stats.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(path).sort();
      } catch (error) {
        throw new InputPathError(`cannot read directory ${path}: ${(error as Error).message}`);
      }
      for (const entry of entries) {
        if (!entry.startsWith('.')) visit(join(path, entry), false);
      }
    } else if (stats.isFile()) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return files;
}

function isJsonl(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

function readJsonl(source: string, text: string): RawDocument[] {
  const documents: RawDocument[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const lineSource = `${source}#L${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      documents.push({ source: lineSource, error: `invalid JSON on line ${index + 1}: ${(error as Error).message}` });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      documents.push({ source: lineSource, error: `line ${index + 1} is not a JSON object` });
      return;
    }
    const record = value as Record<string, unknown>;
    const str = (key: string): string | undefined => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
    const text = str('text');
    const html = str('html');
    if (!text && !html) {
      documents.push({ source: lineSource, error: `line ${index + 1} has neither "text" nor "html"` });
      return;
    }
    documents.push({
      source: lineSource,
      record: { url: str('url'), title: str('title'), published: str('published'), text, html },
    });
  });
  return documents;
}

/** Reads one file into one or more raw documents (several for JSONL). */
export function readFile(path: string): RawDocument[] {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return [{ source: path, error: `file too large: ${(size / 1048576).toFixed(1)} MB (limit ${MAX_FILE_BYTES / 1048576} MB)` }];
    }
    bytes = readFileSync(path);
  } catch (error) {
    return [{ source: path, error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }];
  }
  return rawDocumentsFromBytes(path, bytes);
}

/** Turns the bytes of one named input into raw documents: gunzips `.gz`, splits JSONL by line. */
export function rawDocumentsFromBytes(source: string, input: Buffer): RawDocument[] {
  let bytes = input;
  let innerName = source;
  if (/\.gz$/i.test(source)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ERR_BUFFER_TOO_LARGE' ? `decompressed size over ${MAX_FILE_BYTES / 1048576} MB` : 'not valid gzip data';
      return [{ source, error: `cannot decompress: ${reason}` }];
    }
    innerName = source.replace(/\.gz$/i, '');
  }
  if (isJsonl(innerName)) return readJsonl(source, new TextDecoder('utf-8').decode(bytes));
  return [{ source, bytes }];
}

/** The type a file name suggests, used as a decoding hint. */
export function typeHint(source: string): 'html' | 'text' | undefined {
  const name = source.replace(/\.gz$/i, '');
  if (/\.(html?|xhtml|php|aspx?)$/i.test(name)) return 'html';
  if (/\.(txt|text|md)$/i.test(name)) return 'text';
  return undefined;
}
