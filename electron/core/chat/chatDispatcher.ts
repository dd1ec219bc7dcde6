// The hot end of the tmi.js adapter: tmi.js chat events in, one ChatMessage per unique message out to the
// engine, synchronously. One object per message (the ChatMessage itself), no closures, no promises.
import type { ChatMessage } from '../../../shared/domain';
import { RecentIds } from './recentIds';
import { chatMessageOf, tagText, type TmiTags } from './tmiTags';

export class ChatDispatcher {
  /** clock.now() of the WebSocket frame being handled: every line in it shares this arrival time. */
  frameArrivalMs = 0;
  received = 0;
  duplicates = 0;
  handlerErrors = 0;
  private readonly recent = new RecentIds(10_000);
  private readonly handlers: ((msg: ChatMessage) => void)[] = [];

  add(handler: (msg: ChatMessage) => void): void {
    this.handlers.push(handler);
  }

  /** tmi.js `message`: chat, /me actions and text channel-point redemptions. Our own lines and whispers are not chat. */
  readonly onMessage = (channel: string, tags: TmiTags, text: string, self: boolean): void => {
    if (self || tags['message-type'] === 'whisper') return;
    this.deliver(channel, tags, text);
  };

  /** Cheers arrive only as `cheer` (tmi.js does not emit `message` for them); their text can hold a command. */
  readonly onCheer = (channel: string, tags: TmiTags, text: string): void => {
    this.deliver(channel, tags, text);
  };

  private deliver(channel: string, tags: TmiTags, text: string): void {
    this.deliverMessage(chatMessageOf(tagText(tags.id), channel, tags, text, this.frameArrivalMs));
  }

  /** One parsed chat line (from tmi.js's events or the adapter's fast path) to the engine, once per id. */
  deliverMessage(message: ChatMessage): void {
    this.received++;
    // tmi.js can deliver the same message twice around a reconnect (tmi.js #472).
    const id = message.id;
    if (id !== null && !this.recent.add(id)) {
      this.duplicates++;
      return;
    }
    const handlers = this.handlers;
    for (let i = 0; i < handlers.length; i++) {
      try {
        handlers[i]!(message);
      } catch {
        this.handlerErrors++; // an engine bug must not stop the socket from reading
      }
    }
  }
}
