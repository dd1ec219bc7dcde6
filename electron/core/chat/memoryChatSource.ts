// The in-memory twin of ChatSource: tests of the engine push ChatMessages straight in, and can make connect()
// fail the way a real server would, without any socket.
import type { ChatMessage, Role } from '../../../shared/domain';
import type { ChatSource, ChatStatus } from '../ports';

export class MemoryChatSource implements ChatSource {
  private handler: (msg: ChatMessage) => void = () => {};
  private frameEnd: () => void = () => {};
  private statusHandlers: Array<(s: ChatStatus) => void> = [];
  private current: ChatStatus = { state: 'disconnected', channels: [], reason: null };
  /** What the engine posted to chat (the `!cv` replies). */
  readonly sent: { channel: string; text: string }[] = [];
  /** A read-only (anonymous) connection cannot chat. */
  canChat = true;
  /** Set to make the next connect() reject with this reason. */
  failNextConnect: string | null = null;
  private seq = 0;

  async connect(channels: string[]): Promise<void> {
    if (this.failNextConnect) {
      const reason = this.failNextConnect;
      this.failNextConnect = null;
      this.setStatus({ state: 'disconnected', channels: [], reason });
      throw new Error(reason);
    }
    this.setStatus({ state: 'connected', channels: [...channels], reason: null });
  }

  async disconnect(): Promise<void> {
    this.setStatus({ state: 'disconnected', channels: [], reason: null });
  }

  say(channel: string, text: string): boolean {
    if (!this.canChat || this.current.state !== 'connected') return false;
    this.sent.push({ channel, text });
    return true;
  }

  status(): ChatStatus {
    return this.current;
  }

  onMessage(handler: (msg: ChatMessage) => void): void {
    this.handler = handler;
  }

  onFrameEnd(handler: () => void): void {
    this.frameEnd = handler;
  }

  onStatus(handler: (status: ChatStatus) => void): void {
    this.statusHandlers.push(handler);
  }

  /** Deliver one chat line as if it had just arrived from Twitch, alone in its WebSocket frame. */
  receive(user: string, text: string, role: Role = 'everyone'): void {
    this.receiveFrame([{ user, text, role }]);
  }

  /** Deliver several chat lines as one WebSocket frame: they share an arrival time, then the frame ends. */
  receiveFrame(lines: readonly { user: string; text: string; role?: Role }[]): void {
    const arrivalMs = performance.now();
    for (const { user, text, role } of lines) {
      this.handler({
        id: `mem-${++this.seq}`,
        channel: this.current.channels[0] ?? 'test',
        userId: `id-${user}`,
        userName: user,
        role: role ?? 'everyone',
        text,
        arrivalMs,
        sentTs: Date.now(),
      });
    }
    this.frameEnd();
  }

  private setStatus(status: ChatStatus): void {
    this.current = status;
    for (const h of this.statusHandlers) h(status);
  }
}
