// Starts the HTTP server over a SQLite or PostgreSQL store (the `dossier serve` command).
import type { AddressInfo } from 'node:net';
import { serve as serveNode } from '@hono/node-server';
import { openStore } from '../store/open.js';
import { createApp } from './app.js';
import { createIngestPool } from './ingest-worker.js';
import { hostPolicy } from './origin.js';

export interface ServeOptions {
  /** A SQLite file or a postgres:// URL. */
  db: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  allowIngest: boolean;
  /** Host names besides the bound address that requests may name (`--allowed-host`). */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const store = await openStore(options.db);
  const pool = options.allowIngest ? createIngestPool(options.db) : null;
  const app = createApp(store, {
    allowIngest: options.allowIngest,
    hosts: hostPolicy(options.host, options.allowedHosts),
    ingest: pool ? (files) => pool.ingest(files) : undefined,
  });
  try {
    return await new Promise<RunningServer>((resolve, reject) => {
      const server = serveNode({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
        server.off('error', reject);
        const host = info.address.includes(':') ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}/`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Keep-alive connections from browsers would otherwise hold the server open.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }).finally(async () => {
              await pool?.close();
              await store.close();
            }),
        });
      });
      server.once('error', reject);
    });
  } catch (error) {
    await pool?.close();
    await store.close();
    throw error;
  }
}
