export { readPredictionsTsv, readTruthTsv, type Predictions, type Truth } from './score-files.ts';
export { goFmax, type GoFmaxInput, type GoFmaxResult } from './go-fmax.ts';
