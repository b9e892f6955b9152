// Copies one store into another, empty one (`dossier migrate`): articles in ingestion order, then the
// events as stored, in pages so that memory stays flat in the size of the store. Articles the source had
// not grouped into events yet stay ungrouped in the copy, so the next refresh groups them there.
import type { Store } from './store.js';

const ARTICLE_PAGE = 500;
const EVENT_PAGE = 200;

export class CopyTargetNotEmptyError extends Error {}

export interface CopySummary {
  articles: number;
  events: number;
}

export async function copyStore(from: Store, to: Store, onProgress?: (done: CopySummary) => void): Promise<CopySummary> {
  if ((await to.countArticles()) > 0 || (await to.listEventDigests()).length > 0) {
    throw new CopyTargetNotEmptyError('the target database is not empty: copy into a new one');
  }
  const done: CopySummary = { articles: 0, events: 0 };
  const ungrouped = new Set(await from.articlesWithoutEvents());
  const grouped: string[] = [];
  for (let offset = 0; ; offset += ARTICLE_PAGE) {
    const page = await from.listArticles({ limit: ARTICLE_PAGE, offset });
    if (page.length === 0) break;
    for (const article of page) {
      await to.putArticle(article);
      if (article.status === 'ok' && !ungrouped.has(article.id)) grouped.push(article.id);
    }
    done.articles += page.length;
    onProgress?.(done);
  }
  const ids = (await from.listEventDigests()).map((digest) => digest.id);
  for (let start = 0; start < ids.length; start += EVENT_PAGE) {
    const events = await from.getEvents(ids.slice(start, start + EVENT_PAGE));
    await to.updateEvents([], events, []);
    done.events += events.length;
    onProgress?.(done);
  }
  // Now the copy's events cover what the source's covered, and no more.
  await to.updateEvents([], [], grouped);
  return done;
}
