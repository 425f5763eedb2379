import type { EventSink } from './job-events.ts';

/**
 * The event sink of one engine call: the caller's (or none), less any warning already given in this call. A call can
 * run several embeddings (classify embeds both strands of its reads), each warning of the same device fallback;
 * dropping the repeat here says it once to every front end alike: CLI, --json, the desktop and browser apps.
 */
export function callSink(emit: EventSink | undefined): EventSink {
  if (!emit) return () => undefined;
  const warned = new Set<string>();
  return (event) => {
    if (event.type === 'warning') {
      if (warned.has(event.message)) return;
      warned.add(event.message);
    }
    emit(event);
  };
}
