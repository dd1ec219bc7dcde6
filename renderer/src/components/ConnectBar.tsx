// Channel name, Connect/Disconnect and the chat connection's state with the reason for any failure.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { mutate } from '../api/engine';
import { channelProblem } from '../lib/channel';
import type { ChatConnectionState } from '../../../shared/domain';

const STATE_LABEL: Record<ChatConnectionState, string> = {
  disconnected: 'Disconnected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
};

export function ConnectBar() {
  const chat = useAppStore(
    useShallow((s) => ({
      state: s.snapshot?.chat.state ?? 'disconnected',
      reason: s.snapshot?.chat.reason ?? null,
      channel: s.snapshot?.chat.channels[0] ?? '',
      configured: s.config?.channels[0] ?? '',
    })),
  );
  const [channel, setChannel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'connect' | 'disconnect' | null>(null);
  const touched = useRef(false);

  // Offer the channel the engine is on (or configured for) until the streamer types their own.
  const suggested = chat.channel || chat.configured;
  useEffect(() => {
    if (!touched.current && suggested) setChannel(suggested);
  }, [suggested]);

  async function connect(e: FormEvent) {
    e.preventDefault();
    const problem = channelProblem(channel);
    setError(problem);
    if (problem) return;
    setBusy('connect');
    const result = await mutate((api) => api.connect({ channel: channel.trim() }), { quiet: true });
    setBusy(null);
    if (!result.ok) setError(result.error);
  }

  async function disconnect() {
    setBusy('disconnect');
    const result = await mutate((api) => api.disconnect(), { quiet: true });
    setBusy(null);
    if (!result.ok) setError(result.error);
  }

  const live = chat.state !== 'disconnected';
  return (
    <form className="connect-bar" data-testid="connect-bar" onSubmit={connect} noValidate>
      <div className={`connect-field ${error ? 'has-error' : ''}`}>
        <label htmlFor="channel-input" className="sr-only">
          Twitch channel
        </label>
        <span className="connect-prefix" aria-hidden>
          twitch.tv/
        </span>
        <input
          id="channel-input"
          data-testid="channel-input"
          value={channel}
          placeholder="yourchannel"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'channel-error' : undefined}
          onChange={(e) => {
            touched.current = true;
            setChannel(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <div className="connect-error" id="channel-error" role="alert" data-testid="channel-error">
            {error}
          </div>
        )}
      </div>
      <button type="submit" className="btn primary" data-testid="connect-button" disabled={busy !== null}>
        {busy === 'connect'
          ? 'Connecting…'
          : live && channel.trim().toLowerCase() !== chat.channel
            ? 'Switch'
            : 'Connect'}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="disconnect-button"
        disabled={!live || busy !== null}
        onClick={disconnect}
      >
        Disconnect
      </button>
      <div
        className={`chat-state state-${chat.state}`}
        data-testid="chat-state"
        data-state={chat.state}
        role="status"
      >
        <span className="dot" aria-hidden />
        <span className="chat-state-label">
          {STATE_LABEL[chat.state]}
          {chat.state === 'connected' && chat.channel ? ` to #${chat.channel}` : ''}
        </span>
        {chat.reason && chat.state !== 'connected' && (
          <span className="chat-reason" data-testid="chat-reason" title={chat.reason}>
            {chat.reason}
          </span>
        )}
      </div>
    </form>
  );
}
