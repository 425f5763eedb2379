import * as ort from 'onnxruntime-node';
import { openSession } from '../../native/runtime/session-factory.ts';
import type { KnnHit } from '../lookup/index.ts';
import { buildForeignNearestGraph } from './foreign-nearest-graph.ts';
import type { SpanningTree } from './spanning-tree.ts';
import { UnionFind } from './union-find.ts';

/** Points scored per graph run: bounds the [BLOCK, n] score matrices onnxruntime holds. */
const BLOCK = 128;

/**
 * Minimum spanning tree of the mutual-reachability graph for high-dimensional points, by Borůvka rounds: each
 * round finds every component's lightest edge to another component, the per-point search running on onnxruntime
 * (foreign-nearest-graph.ts: one Gemm, the reachability floor, a component mask and ArgMin, float32) instead of a
 * JavaScript loop over n × dim. Three facts keep rounds cheap:
 *  - a point's best foreign edge from the previous round stays exact while its far end is still foreign (the set
 *    of foreign points only shrinks), so only points whose partner merged into their component are rescanned;
 *  - no edge of point p is lighter than core(p), so points are rescanned in increasing core distance and skipped
 *    once core(p) reaches their component's best edge so far;
 *  - a point p with a foreign core neighbour j (one of the `neighbours` that gave core(p), so d(p, j) ≤ core(p))
 *    whose core(j) ≤ core(p) has its lightest foreign edge at exactly core(p), the floor: no search needed. In
 *    the first round every other point is foreign, so only local density peaks are searched; later, such
 *    boundary points give their component a light edge early, which prunes its interior by the second fact.
 * Ties are broken by (weight, smaller index, larger index), which makes the chosen edges one consistent MST.
 * `coreSq` holds squared core distances by point id, computed from `neighbours` (each point's nearest points).
 */
export async function denseMutualReachabilityMst(points: Float32Array, n: number, dim: number, coreSq: Float64Array, neighbours: readonly (readonly KnnHit[])[]): Promise<SpanningTree> {
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(from.length);
  const weight = new Float64Array(from.length);
  if (n < 2) return { from, to, weight };
  const refFloor = new Float32Array(n);
  const refs = new ort.Tensor('float32', points, [n, dim]);
  const byCore = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => coreSq[a]! - coreSq[b]! || a - b);
  const sets = new UnionFind(n);
  const component = new Int32Array(n);
  // Each point's lightest edge to another component (squared weight), valid while its partner stays foreign.
  const pointBest = new Float64Array(n).fill(Infinity);
  const pointPartner = new Int32Array(n).fill(-1);
  const compBest = new Float64Array(n);
  const compA = new Int32Array(n);
  const compB = new Int32Array(n);
  const { session } = await openSession({ model: buildForeignNearestGraph(dim), device: 'cpu' });
  try {
    let edges = 0;
    while (edges < n - 1) {
      const edgesBefore = edges;
      for (let i = 0; i < n; i++) component[i] = sets.find(i);
      compBest.fill(Infinity);
      const lighter = (w: number, a: number, b: number, c: number) =>
        w < compBest[c]! || (w === compBest[c]! && (Math.min(a, b) < Math.min(compA[c]!, compB[c]!) || (Math.min(a, b) === Math.min(compA[c]!, compB[c]!) && Math.max(a, b) < Math.max(compA[c]!, compB[c]!))));
      const settleByNeighbours = (p: number) => {
        pointPartner[p] = -1;
        for (const hit of neighbours[p]!) {
          if (component[hit.index] !== component[p] && coreSq[hit.index]! <= coreSq[p]!) {
            pointBest[p] = Math.fround(coreSq[p]!);
            pointPartner[p] = hit.index;
            return;
          }
        }
      };
      const offer = (w: number, a: number, b: number) => {
        const c = component[a]!;
        if (lighter(w, a, b, c)) { compBest[c] = w; compA[c] = a; compB[c] = b; }
      };
      for (let i = 0; i < n; i++) {
        if (!(pointPartner[i]! >= 0 && component[pointPartner[i]!] !== component[i])) settleByNeighbours(i);
        if (pointPartner[i]! >= 0 && component[pointPartner[i]!] !== component[i]) offer(pointBest[i]!, i, pointPartner[i]!);
      }
      // Queries go in blocks of one component, so the component mask is one row vector, not a [q, n] test.
      const flush = async (pending: number[]) => {
        const q = pending.length;
        const c = component[pending[0]!]!;
        for (let j = 0; j < n; j++) refFloor[j] = component[j] === c ? 3e38 : coreSq[j]!;
        const rows = new Float32Array(q * dim);
        pending.forEach((p, r) => rows.set(points.subarray(p * dim, (p + 1) * dim), r * dim));
        const output = await session.run({
          queries: new ort.Tensor('float32', rows, [q, dim]),
          query_core: new ort.Tensor('float32', Float32Array.from(pending, (p) => coreSq[p]!), [q, 1]),
          refs,
          ref_floor: new ort.Tensor('float32', refFloor, [n]),
        });
        const weights = output.weight!.data as Float32Array;
        const partners = output.partner!.data as BigInt64Array;
        pending.forEach((p, r) => {
          pointBest[p] = weights[r]!;
          pointPartner[p] = Number(partners[r]!);
          offer(weights[r]!, p, pointPartner[p]!);
        });
      };
      const pending = new Map<number, number[]>();
      for (const p of byCore) {
        const partner = pointPartner[p]!;
        if (partner >= 0 && component[partner] !== component[p]) continue; // still exact
        if (coreSq[p]! > compBest[component[p]!]!) { pointPartner[p] = -1; continue; }
        const block = pending.get(component[p]!) ?? [];
        block.push(p);
        pending.set(component[p]!, block);
        if (block.length === BLOCK) {
          pending.delete(component[p]!);
          await flush(block);
        }
      }
      for (const block of pending.values()) await flush(block);
      for (let c = 0; c < n; c++) {
        if (component[c] !== c || compBest[c] === Infinity) continue;
        if (sets.union(compA[c]!, compB[c]!)) {
          from[edges] = compA[c]!;
          to[edges] = compB[c]!;
          weight[edges] = Math.sqrt(Math.max(0, compBest[c]!));
          edges++;
        }
      }
      // Every round joins at least two components of a complete graph; anything else is a bug, not an input.
      if (edges === edgesBefore) throw new Error(`denseMutualReachabilityMst: no edge found with ${n - edges} components left`);
    }
  } finally {
    await session.release();
  }
  return { from, to, weight };
}
