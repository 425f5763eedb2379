import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or the unpacked app) root: main/shared/ is two levels below it. */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A path inside the packaged app's `app.asar` mapped to its unpacked copy (electron-builder's asarUnpack puts
 * resources/models in `app.asar.unpacked`): onnxruntime opens model files from native code, which cannot read
 * inside an asar archive. Outside a packaged app the path is returned unchanged.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=$|[\\/])/, '$1app.asar.unpacked');
}

export const BUNDLED_MODELS_DIR = outsideAsar(join(APP_ROOT, 'resources', 'models'));

/**
 * The user's own model bundles (ONNX exports of ESM2, Nucleotide Transformer, …). SEQATLAS_MODELS overrides it;
 * the portable desktop build sets it next to the executable so models travel on the removable drive.
 */
export function userModelsDir(): string {
  if (process.env.SEQATLAS_MODELS) return resolve(process.env.SEQATLAS_MODELS);
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'SeqAtlas', 'models');
  return join(homedir(), '.seqatlas', 'models');
}
