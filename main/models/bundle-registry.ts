import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { parseManifest, type BundleManifest } from './bundle-manifest.ts';

export interface ModelBundle {
  dir: string;
  manifest: BundleManifest;
  modelPath: string;
  /** tokenizer.json (kind hf) or vocab.txt (nt6/char) when the manifest names one. */
  tokenizerPath?: string;
}

export type BundleProblemCode = 'invalid_manifest' | 'missing_file' | 'unreadable_root' | 'shadowed' | 'duplicate_id';

export interface BundleProblem {
  code: BundleProblemCode;
  /** The bundle folder at fault (for 'unreadable_root', the root). */
  dir: string;
  /** The bundle's id when its manifest got far enough to name one. */
  id?: string;
  /** One line: `bundle <dir>: …`. */
  message: string;
}

export class UnknownModelError extends EngineError {
  constructor(
    readonly modelId: string,
    readonly knownIds: readonly string[],
  ) {
    super('unknown_model', `unknown model "${modelId}"; installed: ${knownIds.join(', ') || 'none'} (seqatlas models list)`, { modelId, knownIds });
    this.name = 'UnknownModelError';
  }
}

export class InvalidBundleError extends EngineError {
  constructor(readonly problem: BundleProblem) {
    super('invalid_bundle', problem.message, { dir: problem.dir, id: problem.id });
    this.name = 'InvalidBundleError';
  }
}

/** The bundles found in a list of roots, and what was wrong with the ones that could not be used. */
export class BundleRegistry {
  constructor(
    readonly bundles: ModelBundle[],
    readonly problems: BundleProblem[],
  ) {}

  /** The bundle with this id; a broken bundle of that id gives InvalidBundleError, an absent one UnknownModelError. */
  getBundle(id: string): ModelBundle {
    const bundle = this.bundles.find((b) => b.manifest.id === id);
    if (bundle) return bundle;
    const broken = this.problems.find((p) => p.id === id && (p.code === 'invalid_manifest' || p.code === 'missing_file'));
    if (broken) throw new InvalidBundleError(broken);
    throw new UnknownModelError(id, this.bundles.map((b) => b.manifest.id));
  }
}

/**
 * Finds bundles: every immediate subfolder (or link to one) of each root that holds a bundle.json. A broken bundle
 * is reported and skipped, never fatal for the others; a root that does not exist is skipped quietly (the user's
 * models folder is often not created yet). On duplicate ids a LATER root wins, so callers list the app's
 * resources/models first and the user's folder after it: a user can replace a bundled model, and the listing says so.
 * Within one root, two folders claiming one id is a mistake: the first by name is kept and the other reported.
 */
export async function discoverBundles(roots: readonly string[]): Promise<BundleRegistry> {
  const byId = new Map<string, { bundle: ModelBundle; root: string }>();
  const problems: BundleProblem[] = [];
  for (const root of roots) {
    const listed = await listBundleDirs(root);
    if ('problem' in listed) {
      problems.push(listed.problem);
      continue;
    }
    for (const dir of listed.dirs) {
      const loaded = await loadBundle(dir);
      if ('problem' in loaded) {
        problems.push(loaded.problem);
        continue;
      }
      const { id } = loaded.bundle.manifest;
      const previous = byId.get(id);
      if (previous?.root === root) {
        problems.push({ code: 'duplicate_id', dir, id, message: `bundle ${dir}: id "${id}" is already used by ${previous.bundle.dir}; this folder is ignored` });
        continue;
      }
      if (previous) problems.push({ code: 'shadowed', dir: previous.bundle.dir, id, message: `bundle ${previous.bundle.dir}: replaced by ${dir} (same id "${id}")` });
      byId.set(id, { bundle: loaded.bundle, root });
    }
  }
  const bundles = [...byId.values()].map((entry) => entry.bundle).sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  return new BundleRegistry(bundles, problems);
}

async function listBundleDirs(root: string): Promise<{ dirs: string[] } | { problem: BundleProblem }> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { dirs: [] };
    const why = code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? (error as Error).message})`;
    return { problem: { code: 'unreadable_root', dir: root, message: `models folder ${root} ${why}` } };
  }
  const dirs: string[] = [];
  for (const name of names.sort()) {
    const dir = join(root, name);
    // stat, not the dirent: a bundle folder may be a link to a model kept on another disk.
    if ((await fileKind(dir)) === 'dir' && (await fileKind(join(dir, 'bundle.json'))) === 'file') dirs.push(dir);
  }
  return { dirs };
}

async function loadBundle(dir: string): Promise<{ bundle: ModelBundle } | { problem: BundleProblem }> {
  const fail = (code: BundleProblemCode, message: string, id?: string) => ({ problem: { code, dir, id, message: `bundle ${dir}: ${message}` } });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
  } catch (error) {
    return fail('invalid_manifest', `bundle.json is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = parseManifest(json);
  if (!parsed.ok) return fail('invalid_manifest', parsed.message, claimedId(json));
  const { manifest } = parsed;
  const tokenizerFile = manifest.tokenizer.kind === 'hf' ? manifest.tokenizer.file : manifest.tokenizer.kind === 'kmer' ? undefined : manifest.tokenizer.vocab;
  const required: [file: string, namedBy: string][] = [['model.onnx', '']];
  if (tokenizerFile) required.push([tokenizerFile, manifest.tokenizer.kind === 'hf' ? 'tokenizer.file' : 'tokenizer.vocab']);
  if (manifest.precision?.fp16) required.push([manifest.precision.fp16, 'precision.fp16']);
  for (const [file, namedBy] of required) {
    const named = namedBy ? ` (named by bundle.json field "${namedBy}")` : '';
    const info = await stat(join(dir, file)).catch(() => undefined);
    if (!info?.isFile()) return fail('missing_file', `${file}${named} is missing`, manifest.id);
    if (info.size === 0) return fail('missing_file', `${file}${named} is empty (an interrupted copy or download?)`, manifest.id);
  }
  return { bundle: { dir, manifest, modelPath: join(dir, 'model.onnx'), tokenizerPath: tokenizerFile === undefined ? undefined : join(dir, tokenizerFile) } };
}

/** The id an invalid manifest claims, so `getBundle(id)` can say the bundle is broken rather than absent. */
function claimedId(json: unknown): string | undefined {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

async function fileKind(path: string): Promise<'file' | 'dir' | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ? 'dir' : info?.isFile() ? 'file' : undefined;
}
