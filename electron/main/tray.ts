// The tray icon: the show's emergency controls stay one click away even with the window closed.
import type { MenuItemConstructorOptions } from 'electron';
import type { ContractHost, EventName, EventPayloads } from '../../shared/contract';
import type { ChatConnectionState } from '../../shared/domain';

export interface TrayLike<M> {
  setContextMenu(menu: M): void;
  setToolTip(toolTip: string): void;
  destroy(): void;
}

export interface TrayDeps<M> {
  createTray(iconPath: string): TrayLike<M>;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  showWindow(): void;
  quit(): void;
}

export interface TrayState {
  chat: ChatConnectionState;
  /** The channel being read, or the last one read, or the config's first channel: what Connect joins. */
  channel: string | null;
  panic: boolean;
}

export function trayMenuTemplate(
  state: TrayState,
  act: { connect(): void; disconnect(): void; panic(): void; resume(): void; show(): void; quit(): void },
): MenuItemConstructorOptions[] {
  const reading = state.chat !== 'disconnected';
  const connectItem: MenuItemConstructorOptions = reading
    ? { label: `Disconnect from #${state.channel ?? '?'}`, click: act.disconnect }
    : state.channel
      ? { label: `Connect to #${state.channel}`, click: act.connect }
      : { label: 'Connect (choose a channel in the window)', enabled: false };
  return [
    { label: `Chat: ${state.chat}${state.channel ? ` #${state.channel}` : ''}`, enabled: false },
    connectItem,
    { type: 'separator' },
    { label: 'PANIC: all to default, freeze chat', click: act.panic, enabled: !state.panic },
    { label: 'Resume chat control', click: act.resume, enabled: state.panic },
    { type: 'separator' },
    { label: 'Show window', click: act.show },
    { label: 'Quit', click: act.quit },
  ];
}

export function trayToolTip(state: TrayState): string {
  const chat =
    state.chat === 'disconnected' ? 'not reading chat' : `${state.chat} to #${state.channel ?? '?'}`;
  return `Twitch-to-CV: ${chat}${state.panic ? ' (PANIC)' : ''}`;
}

/** Creates the tray and keeps its menu in step with the engine; returns a function that removes it. */
export function createTray<M>(deps: TrayDeps<M>, host: ContractHost, iconPath: string): () => void {
  const tray = deps.createTray(iconPath);
  const state: TrayState = { chat: 'disconnected', channel: null, panic: false };
  let shownKey = '';
  const run = (what: string, call: () => Promise<unknown>) => {
    call()
      .then((result) => {
        const r = result as { ok?: boolean; error?: string } | undefined;
        if (r?.ok === false) console.warn(`[tray] ${what} refused: ${r.error}`);
      })
      .catch((err: unknown) => console.error(`[tray] ${what} failed:`, err));
  };
  const actions = {
    connect: () => {
      const channel = state.channel;
      if (channel) run('connect', () => host.handle('connect', { channel }));
    },
    disconnect: () => run('disconnect', () => host.handle('disconnect', undefined)),
    panic: () => run('panic', () => host.handle('panic', undefined)),
    resume: () => run('resume', () => host.handle('resume', undefined)),
    show: deps.showWindow,
    quit: deps.quit,
  };
  const render = () => {
    // Snapshots arrive up to 20 times a second; rebuilding a native menu that often flickers on Linux.
    const key = `${state.chat}|${state.channel}|${state.panic}`;
    if (key === shownKey) return;
    shownKey = key;
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(state, actions)));
    tray.setToolTip(trayToolTip(state));
  };
  const onEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (event === 'snapshot') {
      const { chat, panic } = payload as EventPayloads['snapshot'];
      state.chat = chat.state;
      state.channel = chat.channels[0] ?? state.channel;
      state.panic = panic;
    } else if (event === 'config' && state.channel === null) {
      state.channel = (payload as EventPayloads['config']).channels[0] ?? null;
    } else return;
    render();
  };
  render();
  const unsubscribe = host.subscribe(onEvent);
  host
    .handle('getConfig', undefined)
    .then((config) => onEvent('config', config))
    .catch((err: unknown) => console.warn('[tray] could not read the config:', err));
  return () => {
    unsubscribe();
    tray.destroy();
  };
}
