export { hdbscan, type HdbscanOptions, type HdbscanResult } from './hdbscan.ts';
export { ClusterInputError, type ClusterInputErrorCode } from './errors.ts';
export { adjustedRandIndex } from './metrics.ts';
