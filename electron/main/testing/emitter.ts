// The event plumbing the Electron stand-in's objects share: listeners, once, and preventable events.

export type Listener = (...args: never[]) => unknown;

export class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l.fn !== fn),
    );
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const current = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      current.filter((l) => !l.once),
    );
    for (const l of current) (l.fn as (...a: unknown[]) => unknown)(...args);
    return current.length > 0;
  }
}

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}
