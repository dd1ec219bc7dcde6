// The preload: the contract and nothing else. Each request is one named function built from the contract's
// table; events hand the listener the payload only, never Electron's event object (it carries `sender`).
import { contextBridge, ipcRenderer } from 'electron';
import {
  EVENT_NAMES,
  REQUEST_NAMES,
  ipcChannel,
  type EventName,
  type EventPayloads,
  type TwitchCvApi,
} from '../../shared/contract';
import type { IpcReply } from '../main/types';

async function call(channel: string, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channel, input)) as IpcReply;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const requests = Object.fromEntries(
  REQUEST_NAMES.map((name) => [name, (input?: unknown) => call(ipcChannel(name), input)]),
) as Omit<TwitchCvApi, 'on'>;

const api = {
  ...requests,
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event "${String(event)}"`);
    const channel = ipcChannel(event);
    const forward = (_event: unknown, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  },
} satisfies TwitchCvApi;

contextBridge.exposeInMainWorld('twitchCv', api);
