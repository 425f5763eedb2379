import { isAbsolute, relative, resolve } from 'node:path';
import { EngineError } from '../main/shared/engine-error.ts';

/**
 * Request fields that name files or folders, at any depth (run-config overrides nest `sample_map` and
 * `ncbi_taxonomy`); every one must lie inside a path the user picked. An engine error about a file can quote its
 * content (a bad line of a vectors TSV), so a field left off this list would let a page read any file.
 */
const PATH_FIELDS = new Set([
  'input', 'store', 'out', 'run', 'config', 'metadata', 'fromH5', 'taxonomy', 'goAnnotations', 'ontology', 'paths',
  'bundle', 'assignments', 'vectors', 'sample_map', 'counts', 'ncbi_taxonomy',
]);

/**
 * The paths the user gave the app through its own dialogs (or by dropping files on the window). The renderer can
 * only ask the engine about those and what lies under them: a compromised page cannot read ~/.ssh by naming it.
 */
export class PathGrants {
  private readonly granted = new Set<string>();

  grant(path: string): void {
    this.granted.add(resolve(path));
  }

  allows(path: string): boolean {
    const target = resolve(path);
    for (const root of this.granted) {
      const rel = relative(root, target);
      if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return true;
    }
    return false;
  }

  /** Throws a `bad_request` naming the first path field outside every grant. */
  check(request: unknown, method: string): void {
    if (typeof request !== 'object' || request === null) return;
    for (const [key, value] of Object.entries(request)) {
      if (PATH_FIELDS.has(key)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' && !this.allows(item)) {
            throw new EngineError('bad_request', `${method}: field "${key}": ${item} was not chosen in this session (pick it with the app's dialogs)`);
          }
        }
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        this.check(value, method);
      }
    }
  }
}
