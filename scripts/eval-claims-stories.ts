// Claims end to end on the fixture stories (test/fixtures/claims): precision and recall of each verdict.
//
//   npm run eval:claims:stories [-- --show]
//
// --show prints each story's claims with their verdicts and sources.
import { runStory, scoreStory, storyNames, totals } from './claims-stories.js';

const show = process.argv.includes('--show');
const scores = [];
for (const name of storyNames()) {
  const run = runStory(name);
  const score = scoreStory(run);
  scores.push(score);
  if (show) {
    console.error(`\n== ${name} (${run.milliseconds.toFixed(0)} ms)`);
    for (const claim of run.claims) console.error(`  ${claim.status.padEnd(12)} [${claim.articles.map((id) => run.fileOf.get(id)).join(', ')}] ${claim.text}`);
    for (const d of run.discrepancies) console.error(`  discrepancy ${d.slot}: ${d.values.map((v) => `${v.value} (${v.articles.map((id) => run.fileOf.get(id)).join(', ')})`).join(' vs ')}`);
  }
  for (const miss of score.misses) console.error(`miss  ${miss}`);
}
const result = totals(scores);
for (const [verdict, counts] of Object.entries(result)) {
  console.error(`${verdict.padEnd(12)} precision ${counts.precision.toFixed(3)} (${counts.correct}/${counts.predicted})  recall ${counts.recall.toFixed(3)} (${counts.recalled}/${counts.gold})`);
}
const quotes = scores.reduce((sum, score) => sum + score.quotesAligned, 0);
const quoteGold = scores.reduce((sum, score) => sum + score.quotesGold, 0);
console.error(`translation/trim quote variants aligned as one: ${quotes}/${quoteGold}`);
console.log(JSON.stringify({ eval: 'claims-stories', stories: scores.length, verdicts: result, quotesAligned: quotes, quotes: quoteGold }));
