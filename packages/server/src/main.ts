#!/usr/bin/env -S npx tsx
// The reference backend as a process: configuration from the environment (see README), Ctrl-C stops it cleanly.
import { startServer } from './app.ts';

try {
  const server = await startServer();
  console.log(`Broker Kit reference backend on ${server.url}/ (store: ${server.deps.stores.kind})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  // A bad configuration or an unreachable Redis stops the start with one clear line, not a stack trace.
  console.error(
    `Broker Kit reference backend did not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
