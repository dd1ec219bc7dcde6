// A ContractHost twin that records what reached it, so tests can prove what did not.
import type { ContractHost, EventName, EventPayloads, RequestName } from '../../../shared/contract';

type AnyListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export function createRecordingHost(
  reply: (name: RequestName, input: unknown) => unknown = () => ({ ok: true }),
) {
  const calls: { name: RequestName; input: unknown }[] = [];
  const listeners = new Set<AnyListener>();
  const host: ContractHost & {
    calls: typeof calls;
    emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
    listenerCount(): number;
  } = {
    calls,
    async handle(name, input) {
      calls.push({ name, input });
      return reply(name, input) as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
    },
    listenerCount: () => listeners.size,
  };
  return host;
}
