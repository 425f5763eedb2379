import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

export const SEQATLAS_VERSION: string = pkg.version;

/** Versions of the native libraries that shape results, for run.json. */
export function libraryVersions(): Record<string, string> {
  const versionOf = (name: string): string => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    seqatlas: SEQATLAS_VERSION,
    node: process.versions.node,
    'onnxruntime-node': versionOf('onnxruntime-node'),
    '@lancedb/lancedb': versionOf('@lancedb/lancedb'),
    'better-sqlite3': versionOf('better-sqlite3'),
  };
}
