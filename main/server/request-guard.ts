import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../api/contract/http-headers.ts';

/** Hosts a loopback server may be reached by; anything else is a DNS-rebinding attempt. */
const loopbackNames = (port: number): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

/**
 * Why a request must be refused, or null. The server only listens on loopback, but any web page the user opens can
 * still send requests to it: the Host check stops DNS rebinding, the Origin check stops cross-site requests, and the
 * token (only in the URL the CLI printed) stops everything else.
 */
export function refusal(request: IncomingMessage, port: number, token: string, needsToken: boolean): { status: number; message: string } | null {
  const hosts = loopbackNames(port);
  const host = request.headers.host ?? '';
  if (!hosts.has(host)) return { status: 421, message: `requests must name host 127.0.0.1:${port}` };
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) return { status: 403, message: `origin ${origin} is not allowed` };
  if (!needsToken) return null;
  const given = request.headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, token)) return { status: 401, message: 'missing or wrong access token (open the URL seqatlas serve printed)' };
  return null;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
