// The evaluation gate (`npm run eval`): runs every evaluation script, reads the JSON line each prints last,
// and compares its headline figures with the floors pinned in eval/floors.json, the way trafilatura's eval gate
// does. A figure below its floor fails the gate (exit 1). Floors only go up: `--raise` writes each figure that
// beat its floor back as the new floor; no flag lowers one (that is a hand edit of floors.json, seen in review).
//
// Usage: tsx scripts/eval-gate.ts [--raise] [--only eval:ner,eval:time]
// floors.json: { "<npm script>": { "<path in its JSON line>": <floor>, ... }, ... }; adding a figure is one line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const floorsFile = path.join(repoRoot, 'eval', 'floors.json');
const evalData = process.env.DOSSIER_EVAL_DATA ?? path.resolve(repoRoot, '../shared/eval-data');

type Floors = Record<string, Record<string, number>>;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The value at a dotted path ("aeb.f1") of a parsed JSON line. */
function at(record: unknown, dotted: string): number | undefined {
  let value: unknown = record;
  for (const key of dotted.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** The last line of the output that parses as a JSON object. */
function lastJsonLine(output: string): Record<string, unknown> | null {
  const lines = output.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const value = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not the JSON line
    }
  }
  return null;
}

function main(): void {
  if (!existsSync(evalData)) {
    console.log(`eval gate skipped: no evaluation data at ${evalData}`);
    return;
  }
  const floors = JSON.parse(readFileSync(floorsFile, 'utf8')) as Floors;
  const only = argument('--only')?.split(',');
  const raise = process.argv.includes('--raise');
  const scripts = Object.keys(floors).filter((script) => !only || only.includes(script));
  const rows: { script: string; figure: string; value: number | undefined; floor: number; ok: boolean }[] = [];
  const failures: string[] = [];
  const started = Date.now();
  for (const script of scripts) {
    const began = Date.now();
    const run = spawnSync('npm', ['run', '--silent', script], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, DOSSIER_EVAL_GATE: '1' } });
    const seconds = ((Date.now() - began) / 1000).toFixed(0);
    const record = run.status === 0 ? lastJsonLine(run.stdout) : null;
    if (!record) {
      failures.push(`${script} failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    }
    for (const [figure, floor] of Object.entries(floors[script])) {
      const value = record ? at(record, figure) : undefined;
      const ok = value !== undefined && value >= floor;
      rows.push({ script, figure, value, floor, ok });
      if (record && !ok) failures.push(`${script} ${figure}: ${value ?? 'missing'} is below its floor ${floor}`);
      if (raise && value !== undefined && value > floor) floors[script][figure] = value;
    }
    console.error(`${script}: ${seconds} s`);
  }
  const width = Math.max(...rows.map((row) => `${row.script} ${row.figure}`.length));
  console.log(`${'figure'.padEnd(width)}      value      floor`);
  for (const row of rows) {
    console.log(`${`${row.script} ${row.figure}`.padEnd(width)} ${String(row.value ?? '—').padStart(10)} ${String(row.floor).padStart(10)}  ${row.ok ? 'ok' : 'BELOW'}`);
  }
  console.log(`${rows.filter((row) => row.ok).length} of ${rows.length} figures at or above their floors (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (raise) {
    writeFileSync(floorsFile, `${JSON.stringify(floors, null, 2)}\n`);
    console.log(`floors raised where a figure beat them: ${path.relative(repoRoot, floorsFile)}`);
  }
  if (failures.length > 0) {
    for (const failure of failures) console.error(`eval gate: ${failure}`);
    process.exitCode = 1;
  }
}

main();
