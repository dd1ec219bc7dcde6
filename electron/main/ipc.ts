// The contract's IPC side in main: one wrapper registers every request, checks who is asking and parses
// the input before the engine sees it; engine events go to live windows with the payload only.
import {
  REQUEST_NAMES,
  ipcChannel,
  parseRequestInput,
  type ContractHost,
  type RequestName,
} from '../../shared/contract';
import type { IpcReply } from './types';

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface EventTargetLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

/**
 * Only the top frame of the app's own window, showing the app's own page, may call the engine: not an
 * iframe, not another window, not a page the window was somehow navigated to.
 */
export function trustedSenderCheck(
  appContentsId: () => number | null,
  isAppUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    return event.sender.id === appContentsId() && isAppUrl(frame.url);
  };
}

/** Registers a handler for every request in the contract; returns a function that removes them all. */
export function registerContract(ipcMain: IpcMainLike, host: ContractHost, isTrustedSender: SenderCheck) {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, input) => serve(host, isTrustedSender, name, event, input));
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

async function serve(
  host: ContractHost,
  isTrustedSender: SenderCheck,
  name: RequestName,
  event: InvokeEventLike,
  input: unknown,
): Promise<IpcReply> {
  if (!isTrustedSender(event)) {
    console.warn(`[ipc] refused ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
    return { ok: false, error: `refused ${name}: the request did not come from the Twitch-to-CV window` };
  }
  const parsed = parseRequestInput(name, input);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    return { ok: true, value: await host.handle(name, parsed.value) };
  } catch (err) {
    console.error(`[ipc] ${name} failed:`, err);
    return { ok: false, error: `${name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Engine events reach every live window; returns the unsubscribe function. */
export function forwardEvents(host: ContractHost, targets: () => Iterable<EventTargetLike>): () => void {
  return host.subscribe((event, payload) => {
    const channel = ipcChannel(event);
    for (const target of targets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(channel, payload);
      } catch (err) {
        // A payload that cannot be cloned must not throw back into the engine's publishing loop.
        console.error(`[ipc] could not send ${event}:`, err);
      }
    }
  });
}
