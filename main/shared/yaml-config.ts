import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { EngineError } from './engine-error.ts';
import { isMapping } from './is-mapping.ts';

/**
 * Validates a run configuration against its schema, naming the file and the exact key at fault:
 * `run.yaml: unknown key "summary.wieghts"` or `run.yaml: limit_per_entry: expected a number`.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source: string): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${at ? `${at}.` : ''}${key}"`).join(', ');
    throw new EngineError('invalid_config', `${source}: unknown key ${keys}`);
  }
  throw new EngineError('invalid_config', `${source}: ${at || 'configuration'}: ${issue.message}`);
}

/**
 * Far deeper than any run configuration. The YAML parser recurses once per level, and a file nested thousands of
 * levels deep exhausts the stack; where the stack runs out inside V8's regular-expression compiler, the process
 * aborts ("RegExpCompiler Allocation failed") instead of throwing, so depth is checked before parsing.
 */
const MAX_NESTING = 64;

/** Deepest flow nesting ([ and {) or block indentation (two spaces a level) of a YAML text, an upper bound. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of text) {
    if (ch === '[' || ch === '{') max = Math.max(max, (depth += 1));
    else if ((ch === ']' || ch === '}') && depth > 0) depth -= 1;
  }
  for (const line of text.split('\n')) max = Math.max(max, Math.floor((line.length - line.trimStart().length) / 2));
  return max;
}

/**
 * The file's configuration with the overrides laid over it: key by key at the top level and, where both sides hold
 * a mapping, key by key inside it (`--align` sets alignment.enabled and keeps the file's alignment.modes;
 * `--candidates` keeps its candidates.seeds). Deeper values are replaced whole, so an override's summary.weights
 * is the weights, not a blend with the file's.
 */
function layOver(fromFile: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(overrides)) {
    const base = fromFile[key];
    merged[key] = isMapping(base) && isMapping(value) ? { ...base, ...value } : value;
  }
  return merged;
}

/** Reads a run.yaml (when given), lays the overrides (command-line flags, the app's choices) over it and validates the result. */
export async function loadConfig<S extends z.ZodType>(schema: S, path: string | undefined, overrides: object = {}): Promise<{ config: z.infer<S>; source: string }> {
  let fromFile: unknown = {};
  if (path) {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new EngineError('invalid_config', `configuration ${path} cannot be read (${error.code ?? error.message})`);
    });
    if (nestingDepth(text) > MAX_NESTING) {
      throw new EngineError('invalid_config', `${basename(path)}: nested deeper than ${MAX_NESTING} levels; a run configuration needs only a few`);
    }
    try {
      fromFile = parse(text) ?? {};
    } catch (error) {
      throw new EngineError('invalid_config', `${basename(path)}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!isMapping(fromFile)) throw new EngineError('invalid_config', `${basename(path)}: the top level must be a mapping of keys`);
  }
  const source = path ? basename(path) : 'configuration';
  return { config: parseConfig(schema, layOver(fromFile as Record<string, unknown>, overrides as Record<string, unknown>), source), source };
}
