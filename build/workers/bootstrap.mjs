/**
 * Entry of the build's worker threads. A worker does not inherit the TypeScript loader of the main
 * thread (tsx registers its hooks per thread), so this registers it, then imports the worker module
 * named in `workerData.entry` (build/workers/*.ts).
 */
import { workerData } from 'node:worker_threads';

const { register } = await import(workerData.tsxApi);
register();
await import(workerData.entry);
