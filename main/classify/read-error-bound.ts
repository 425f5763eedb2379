/**
 * The most sequencing errors per base a run may state or be calibrated for: 30%, past the worst long reads in use.
 * Reads stating more are junk for classification (filter them first), and simulating more would not describe them.
 */
export const MAX_READ_ERROR_RATE = 0.3;
