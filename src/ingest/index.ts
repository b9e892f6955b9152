// Batch ingestion: raw documents through the pipeline into a store, one transaction per
// article so that an interrupted batch keeps everything stored before the interruption.
import { annotate } from '../extract/index.js';
import { contentId, processDocument, rejectedArticle } from '../pipeline.js';
import type { PutResult, Store } from '../store/store.js';
import type { Article, RawDocument } from '../types.js';
import { rawDocumentsFromBytes, readFile, type InputPath, type SkippedPath } from './read.js';

export { refreshEvents } from './refresh.js';

export interface IngestSummary {
  files: number;
  ok: number;
  rejected: number;
  known: number;
  /** Rejected inputs of this batch, including ones already known from an earlier run. */
  rejectedFiles: { source: string; reason: string }[];
  /** URLs that could not be fetched or were refused (nothing stored for them; a later run tries again). */
  failed: { source: string; reason: string }[];
  /** Entries of the given folders that were not read: link loops, dangling links, folders that cannot be read. */
  skipped: SkippedPath[];
  added: string[];
}

export function emptySummary(): IngestSummary {
  return { files: 0, ok: 0, rejected: 0, known: 0, rejectedFiles: [], failed: [], skipped: [], added: [] };
}

/** Counts what became of one article in the batch summary. */
export function countResult(summary: IngestSummary, article: Article, result: PutResult): void {
  if (result === 'known') {
    summary.known++;
    if (article.status === 'rejected') summary.rejectedFiles.push({ source: article.source, reason: article.reason ?? 'rejected' });
    return;
  }
  summary.added.push(article.id);
  if (article.status === 'ok') summary.ok++;
  else {
    summary.rejected++;
    summary.rejectedFiles.push({ source: article.source, reason: article.reason ?? 'rejected' });
  }
}

/**
 * Full per-article pipeline: clean, describe, then annotate what was kept. A failure inside
 * an annotator is a bug, but it must not cost the user the article or the batch: the clean
 * article is kept and the failure is recorded on it.
 */
export function analyse(raw: RawDocument): Article {
  let article: Article;
  try {
    article = processDocument(raw);
  } catch (error) {
    // A bug or a limit of a library met on this input: the document is rejected with the reason, the batch goes on.
    return rejectedArticle(raw, 'clean', `could not be processed: ${describeError(error)}`);
  }
  if (article.status !== 'ok') return article;
  try {
    return annotate(article);
  } catch (error) {
    const reason = `annotation failed (${describeError(error)}); the clean text is kept without entities, dates and quotes`;
    return { ...article, messages: [...article.messages, { level: 'warn', stage: 'annotate', reason }] };
  }
}

/** Stores one analysed article and counts it in the summary. */
export async function storeArticle(store: Store, article: Article, summary: IngestSummary): Promise<void> {
  countResult(summary, article, await store.putArticle(article));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Stores each raw document after its analysis. The content hash is looked up first, so a resumed or repeated
 * batch costs a lookup per known document, not its analysis. `analyseDocument` may run elsewhere (a worker).
 */
export async function ingestRaw(
  store: Store,
  raws: RawDocument[],
  summary: IngestSummary,
  analyseDocument: (raw: RawDocument) => Article | Promise<Article> = analyse,
): Promise<void> {
  for (const raw of raws) {
    const stored = await store.getArticle(contentId(raw));
    if (stored) {
      countResult(summary, stored, 'known');
      continue;
    }
    let article: Article;
    try {
      article = await analyseDocument(raw);
    } catch (error) {
      // `analyse` guards itself; another analyser (a worker that died) must not stop the batch either.
      article = rejectedArticle(raw, 'clean', `could not be processed: ${describeError(error)}`);
    }
    // 'known' here: another writer stored it while this one was analysing it.
    countResult(summary, article, await store.putArticle(article));
  }
}

export async function ingestFile(store: Store, path: InputPath, summary: IngestSummary): Promise<void> {
  summary.files++;
  await ingestRaw(store, readFile(path), summary);
}

/** Ingests uploaded files (the HTTP API): same pipeline, names used as sources. */
export async function ingestBuffers(store: Store, files: { name: string; bytes: Buffer }[]): Promise<IngestSummary> {
  const summary = emptySummary();
  for (const file of files) {
    summary.files++;
    await ingestRaw(store, rawDocumentsFromBytes(file.name, file.bytes), summary);
  }
  return summary;
}
