export { readPredictionsTsv, readTruthTsv, type Predictions, type Truth } from './score-files.ts';
export { goFmax, goProteinCounts, type GoFmaxInput, type GoFmaxResult } from './go-fmax.ts';
export { fmaxDifference, type FmaxDifference } from './fmax-bootstrap.ts';
export { EVALUATION_SEED, type BootstrapOptions, type Interval } from './bootstrap.ts';
