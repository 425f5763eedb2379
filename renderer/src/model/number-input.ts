/** A number field's value: blank stays blank (the engine's default), anything else a number. */
export const numberOrBlank = (text: string): number | '' => (text === '' ? '' : Number(text));
