// Turns the paths a user gives into raw documents: walks folders, gunzips `.gz`,
// splits JSONL into one record per line. Never throws for a bad file: it becomes a
// RawDocument with an `error`, so the rest of the batch goes on.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RawDocument } from '../types.js';

/** Files above this size are rejected unread: no news article is 50 MB of text. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export class InputPathError extends Error {}

/** A file to read: a string path, or the raw bytes of a path whose name is not valid UTF-8. */
export type InputPath = string | Buffer;

/** An entry of a folder that was not read, and why (a link loop, a dangling link, a folder that cannot be read). */
export interface SkippedPath {
  source: string;
  reason: string;
}

/** How a path is shown in messages and stored as an article's source; a name that is not UTF-8 shows U+FFFD. */
export function displayPath(path: InputPath): string {
  return typeof path === 'string' ? path : path.toString('utf8');
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function childPath(folder: InputPath, name: Buffer): InputPath {
  if (typeof folder === 'string' && isUtf8(name)) return join(folder, name.toString('utf8'));
  const parent = typeof folder === 'string' ? Buffer.from(folder) : folder;
  return Buffer.concat([parent, Buffer.from(sep), name]);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Expands files and folders (recursively, sorted, hidden entries skipped) into the files to read, and the
 * entries it did not read with the reason. Each file and folder is read once, however many links lead to it
 * (a visited set of real paths), so link loops end and a linked file is not counted twice. Only a path the
 * user gave that does not exist is an error.
 */
export function expandInputPaths(
  paths: string[],
  options: { readFolder?: (path: InputPath) => Buffer[] } = {},
): { files: InputPath[]; skipped: SkippedPath[] } {
  const readFolder = options.readFolder ?? ((path: InputPath) => readdirSync(path, { encoding: 'buffer' }));
  const files: InputPath[] = [];
  const skipped: SkippedPath[] = [];
  const visited = new Map<string, string>();
  const skip = (path: InputPath, reason: string): void => {
    skipped.push({ source: displayPath(path), reason });
  };
  const visit = (path: InputPath, given: boolean): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = errorCode(error);
      if (given && code === 'ENOENT') throw new InputPathError(`no such file or directory: ${displayPath(path)}`);
      const isLink = (() => {
        try {
          return lstatSync(path).isSymbolicLink();
        } catch {
          return false;
        }
      })();
      if (code === 'ELOOP') skip(path, 'symbolic link loop');
      else if (isLink && code === 'ENOENT') skip(path, 'dangling symbolic link (its target does not exist)');
      else skip(path, `cannot read: ${code}`);
      return;
    }
    if (!stats.isDirectory() && !stats.isFile()) return;
    let real: string;
    try {
      real = realpathSync.native(path).toString();
    } catch (error) {
      skip(path, `cannot resolve: ${errorCode(error)}`);
      return;
    }
    const first = visited.get(real);
    if (first !== undefined) {
      skip(path, `${stats.isDirectory() ? 'folder' : 'file'} already read as ${first} (a link leads to it again)`);
      return;
    }
    visited.set(real, displayPath(path));
    if (stats.isFile()) {
      files.push(path);
      return;
    }
    let entries: Buffer[];
    try {
      entries = readFolder(path);
    } catch (error) {
      skip(path, `cannot read folder: ${errorCode(error)}`);
      return;
    }
    const named = entries.map((name) => ({ name, shown: name.toString('utf8') })).sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
    for (const { name, shown } of named) {
      if (!shown.startsWith('.')) visit(childPath(path, name), false);
    }
  };
  for (const path of paths) visit(path, true);
  return { files, skipped };
}

/** The files of `expandInputPaths`, for callers that do not report skipped entries. */
export function expandPaths(paths: string[]): InputPath[] {
  return expandInputPaths(paths).files;
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
export function readFile(path: InputPath): RawDocument[] {
  const source = displayPath(path);
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      return [{ source, error: `file too large: ${(size / 1048576).toFixed(1)} MB (limit ${MAX_FILE_BYTES / 1048576} MB)` }];
    }
    bytes = readFileSync(path);
  } catch (error) {
    return [{ source, error: `cannot read file: ${errorCode(error)}` }];
  }
  const documents = rawDocumentsFromBytes(source, bytes);
  if (typeof path !== 'string') {
    for (const document of documents) document.warnings = [...(document.warnings ?? []), 'file name is not valid UTF-8: its invalid bytes are shown as U+FFFD'];
  }
  return documents;
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
