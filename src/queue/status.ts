// What `dossier status` reports about the queue: depth, rates and failures, read from pg-boss's tables.
import pg from 'pg';
import { DEAD_LETTER_QUEUE, GROUP_QUEUE, INGEST_QUEUE, QUEUE_SCHEMA } from './queue.js';

export interface QueueStatus {
  /** Jobs waiting (including retries waiting for their back-off). */
  waiting: number;
  retrying: number;
  active: number;
  completed: number;
  /** Documents that failed on every try, now in the dead-letter queue. */
  deadLettered: number;
  /** Documents ingested in the last minute and the last hour. */
  perMinute: number;
  perHour: number;
  groupingWaiting: number;
  groupingActive: number;
  /** The latest dead-lettered documents with the reason of their last failure, newest first. */
  recentFailures: { source: string; reason: string; at: string }[];
}

const FAILURES_SHOWN = 10;

export async function queueStatus(url: string): Promise<QueueStatus | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const installed = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [QUEUE_SCHEMA, 'job']);
    if (installed.rowCount === 0) return null;
    const counts = await client.query<{ name: string; state: string; n: number }>(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = ANY($1) GROUP BY name, state`,
      [[INGEST_QUEUE, GROUP_QUEUE, DEAD_LETTER_QUEUE]],
    );
    const count = (name: string, ...states: string[]) =>
      counts.rows.filter((row) => row.name === name && states.includes(row.state)).reduce((sum, row) => sum + row.n, 0);
    const rates = await client.query<{ minute: number; hour: number }>(
      `SELECT count(*) FILTER (WHERE completed_on > now() - interval '1 minute')::int AS minute,
              count(*)::int AS hour
       FROM (SELECT completed_on FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'completed' AND completed_on > now() - interval '1 hour'
             UNION ALL
             SELECT completed_on FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND state = 'completed' AND completed_on > now() - interval '1 hour') done`,
      [INGEST_QUEUE],
    );
    const failures = await client.query<{ source: string | null; url: string | null; reason: string | null; at: Date }>(
      `SELECT data->>'source' AS source, data->>'url' AS url, coalesce(output->>'message', output->'value'->>'message', output::text) AS reason, created_on AS at
       FROM ${QUEUE_SCHEMA}.job WHERE name = $1 ORDER BY created_on DESC LIMIT $2`,
      [DEAD_LETTER_QUEUE, FAILURES_SHOWN],
    );
    return {
      waiting: count(INGEST_QUEUE, 'created', 'retry'),
      retrying: count(INGEST_QUEUE, 'retry'),
      active: count(INGEST_QUEUE, 'active'),
      completed: count(INGEST_QUEUE, 'completed'),
      deadLettered: count(DEAD_LETTER_QUEUE, 'created', 'retry', 'active', 'completed', 'failed'),
      perMinute: rates.rows[0].minute,
      perHour: rates.rows[0].hour,
      groupingWaiting: count(GROUP_QUEUE, 'created', 'retry'),
      groupingActive: count(GROUP_QUEUE, 'active'),
      recentFailures: failures.rows.map((row) => ({ source: row.source ?? row.url ?? '?', reason: row.reason ?? 'unknown', at: row.at.toISOString() })),
    };
  } finally {
    await client.end();
  }
}
