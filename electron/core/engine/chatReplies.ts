// Replies the engine posts to chat (today: the `!cv` listing). Twitch locks an account out of sending for
// 30 minutes when it goes over 20 messages in 30 s (100 as a moderator), so replies stay well under that,
// and one viewer asking again and again gets one answer per window.
import type { ChatMessage } from '../../../shared/domain';
import type { ChatSource } from '../ports';

const WINDOW_MS = 30_000;
/** Below Twitch's 20 per 30 s, leaving room for anything the streamer's own bot sends from the same account. */
const MAX_PER_WINDOW = 15;
const MAX_LENGTH = 500;

export class ChatReplies {
  private readonly sentAt: number[] = [];
  private readonly askedAt = new Map<string, number>();
  sent = 0;
  suppressed = 0;

  constructor(private readonly chat: ChatSource) {}

  /** Answer `msg` with `text` if the limits allow; returns whether a reply went out. */
  reply(msg: ChatMessage, text: string, nowMs: number): boolean {
    while (this.sentAt.length > 0 && nowMs - this.sentAt[0]! >= WINDOW_MS) this.sentAt.shift();
    const last = this.askedAt.get(msg.userId);
    if (this.sentAt.length >= MAX_PER_WINDOW || (last !== undefined && nowMs - last < WINDOW_MS)) {
      this.suppressed++;
      return false;
    }
    const line = `@${msg.userName} ${text}`;
    if (!this.chat.say(msg.channel, line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line))
      return false;
    this.sentAt.push(nowMs);
    this.askedAt.set(msg.userId, nowMs);
    if (this.askedAt.size > 10_000) this.askedAt.clear(); // bounded: forgetting only allows one more reply
    this.sent++;
    return true;
  }
}
