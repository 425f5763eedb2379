import { createRequire } from 'node:module';

/**
 * apache-arrow ships separate CommonJS and ESM builds, and LanceDB loads the CommonJS one. Tables built from the
 * ESM build fail LanceDB's `instanceof` checks ("schemas must be equivalent"), so the engine takes Arrow from the
 * same CommonJS build LanceDB uses. Types still come from the package's declarations.
 */
export const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
