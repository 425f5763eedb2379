import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

export const SEQATLAS_VERSION: string = pkg.version;

/**
 * The package.json of the package a resolved entry file belongs to. Packages with an `exports` map that leaves
 * out ./package.json (LanceDB's) cannot be asked for it by name, so the folders above the entry are searched.
 */
function packageJsonAbove(entry: string, name: string): { version: string } {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkgJson = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkgJson.name === name) return pkgJson;
  }
  throw new Error(`no package.json of ${name} above ${entry}`);
}

/** Versions of the native libraries that shape results, for run.json. */
export function libraryVersions(): Record<string, string> {
  const versionOf = (name: string): string => {
    try {
      return packageJsonAbove(require.resolve(name), name).version;
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
