import { EngineError } from '../shared/engine-error.ts';

/** Why a lookup request was refused; callers and tests switch on it, the message is for people. */
export type LookupInputProblem = 'dimension_mismatch' | 'metric_mismatch' | 'non_finite' | 'bad_shape' | 'bad_option';

/** Bad input to the k-nearest-neighbour lookup: always a one-line message naming the row, field or dims at fault. */
export class LookupInputError extends EngineError {
  constructor(
    readonly problem: LookupInputProblem,
    message: string,
  ) {
    super('bad_request', message, { problem });
    this.name = 'LookupInputError';
  }
}
