/**
 * Read ids per `readRunSequences` request: a lasso of 50,000 points is fetched in slices of this size, each well
 * under the server's 1 MiB request limit. Its own file so the renderer can import it without the store's code.
 */
export const MAX_SEQUENCE_IDS = 5000;
