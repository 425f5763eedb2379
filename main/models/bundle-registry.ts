import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleManifest, describeManifestError } from './bundle-manifest.ts';

export interface ModelBundle {
  dir: string;
  manifest: BundleManifest;
  modelPath: string;
  /** tokenizer.json (kind hf) or vocab.txt (nt6/char) when the bundle names one. */
  tokenizerPath?: string;
}

export interface BundleProblem {
  dir: string;
  id?: string;
  message: string;
}

const exists = (path: string) => access(path).then(() => true, () => false);

async function loadBundle(dir: string): Promise<ModelBundle | BundleProblem> {
  const problem = (message: string, id?: string): BundleProblem => ({ dir, id, message: `bundle ${dir}: ${message}` });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
  } catch (error) {
    return problem(`bundle.json is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = BundleManifest.safeParse(json);
  const claimedId = typeof (json as { id?: unknown })?.id === 'string' ? ((json as { id: string }).id) : undefined;
  if (!parsed.success) return problem(describeManifestError(parsed.error), claimedId);
  const manifest = parsed.data;
  const modelPath = join(dir, 'model.onnx');
  if (!(await exists(modelPath))) return problem('model.onnx is missing', manifest.id);
  const tokenizerFile = manifest.tokenizer.kind === 'hf' ? manifest.tokenizer.file : manifest.tokenizer.kind === 'kmer' ? undefined : manifest.tokenizer.vocab;
  const tokenizerPath = tokenizerFile === undefined ? undefined : join(dir, tokenizerFile);
  if (tokenizerPath && !(await exists(tokenizerPath))) return problem(`${tokenizerFile} (named by tokenizer) is missing`, manifest.id);
  if (manifest.precision?.fp16 && !(await exists(join(dir, manifest.precision.fp16)))) return problem(`${manifest.precision.fp16} (named by precision.fp16) is missing`, manifest.id);
  return { dir, manifest, modelPath, tokenizerPath };
}

/**
 * Finds bundles: every immediate subfolder of each root that holds a bundle.json. A broken bundle is reported and
 * skipped, never fatal for the others; missing roots are skipped. Later roots win on duplicate ids (the user's
 * folder comes after the bundled one, so a user can replace a bundled model), with the shadowing reported.
 */
export async function discoverBundles(roots: readonly string[]): Promise<{ bundles: ModelBundle[]; problems: BundleProblem[] }> {
  const byId = new Map<string, ModelBundle>();
  const problems: BundleProblem[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue;
      const dir = join(root, entry.name);
      if (!(await exists(join(dir, 'bundle.json')))) continue;
      const loaded = await loadBundle(dir);
      if (!('manifest' in loaded)) {
        problems.push(loaded);
        continue;
      }
      const previous = byId.get(loaded.manifest.id);
      if (previous) problems.push({ dir: previous.dir, id: loaded.manifest.id, message: `bundle ${previous.dir}: shadowed by ${dir} (same id "${loaded.manifest.id}")` });
      byId.set(loaded.manifest.id, loaded);
    }
  }
  return { bundles: [...byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id)), problems };
}
