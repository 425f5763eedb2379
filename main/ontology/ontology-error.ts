import { basename } from 'node:path';

export type OntologyErrorCode = 'unreadable' | 'malformed' | 'unknown_format' | 'ambiguous';

/** Failure to read or query an ontology; `message` is one line naming the file (basename) and line or table at fault. */
export class OntologyError extends Error {
  constructor(
    readonly code: OntologyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OntologyError';
  }

  /** The file could not be opened or read; wraps the system error's message. */
  static unreadable(path: string, cause: unknown): OntologyError {
    const why = cause instanceof Error ? cause.message : String(cause);
    return new OntologyError('unreadable', `${basename(path)}: cannot read (${why})`);
  }

  static unknownFormat(path: string): OntologyError {
    return new OntologyError('unknown_format', `${basename(path)}: neither a GO SQLite (GO.db) nor an OBO file`);
  }

  /** `where` is "line N" or "table T". */
  static malformed(path: string, where: string, what: string): OntologyError {
    return new OntologyError('malformed', `${basename(path)}, ${where}: ${what}`);
  }
}
