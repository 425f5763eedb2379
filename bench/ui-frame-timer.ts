import type { Page } from 'playwright-core';

/** Starts recording requestAnimationFrame intervals in the page (page source: the bench project has no DOM types). */
export const startFrames = (page: Page): Promise<unknown> => page.evaluate(`(() => {
  const frames = (globalThis.__frames = []);
  let last = performance.now();
  globalThis.__frameLoop = true;
  const tick = (now) => { frames.push(now - last); last = now; if (globalThis.__frameLoop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`);

/** Stops recording; returns median, 95th percentile and worst frame interval in milliseconds. */
export async function stopFrames(page: Page): Promise<{ frames: number; medianMs: number; p95Ms: number; worstMs: number }> {
  const frames = (await page.evaluate('(() => { globalThis.__frameLoop = false; return globalThis.__frames.slice(1); })()')) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return { frames: frames.length, medianMs: at(0.5), p95Ms: at(0.95), worstMs: at(1) };
}
