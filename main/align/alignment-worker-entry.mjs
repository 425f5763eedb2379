// A worker thread starts without the loader its parent registered, so it registers tsx itself before loading the
// TypeScript worker (the CLI, benchmarks and tests run the engine from source through tsx).
import { register } from 'tsx/esm/api';

register();
await import('./alignment-worker.ts');
