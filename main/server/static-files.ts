import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/**
 * The renderer's Content-Security-Policy, the same as the desktop window's: nothing but this origin. regl (behind
 * plotly's scattergl) compiles its WebGL draw calls with `new Function`, hence 'unsafe-eval'; plotly sets inline
 * styles, hence style-src 'unsafe-inline'. No remote host appears anywhere.
 */
export const RENDERER_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Serves the built renderer; unknown paths get index.html (the app routes in the page), paths outside the folder nothing. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const base = resolve(root);
  let file = resolve(join(base, normalize(decodeURIComponent(urlPath))));
  if (file !== base && !file.startsWith(base + sep)) {
    response.writeHead(404).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`the renderer is not built (${base} has no index.html): run npm run build:renderer\n`);
      return;
    }
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file).pipe(response);
}
