/** A JSON or YAML mapping of keys (not null, not a list). */
export const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
