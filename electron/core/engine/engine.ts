// The engine: chat in, OSC out, every decision recorded. It composes the ports (ChatSource, OscSink,
// AnalyticsSink, StateStore) around the CommandProcessor and serves the UI contract (ContractHost).
// The hot path is onChatMessage(): synchronous, no disk, no awaits.
import type { ChatMessage, CommandEvent } from '../../../shared/domain';
import { LIST_COMMAND, MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import type { Config, OscTarget } from '../../../shared/config';
import type {
  ContractHost,
  EventName,
  EventPayloads,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../../shared/contract';
import type { AnalyticsSink, ChatSource, Clock, OscSink, StateStore } from '../ports';
import { systemClock } from '../ports';
import { CommandProcessor, type OutputWriter } from '../pipeline/processor';
import { LatencyRecorder } from '../metrics/latency';
import { OverloadGuard } from './overload';
import { EngineStats } from './stats';
import { FeedBuffer } from './feed';
import { ShedTally } from './shedTally';
import { buildSnapshot, SLOW_PARTS_TTL_MS } from './snapshot';
import { EngineControl } from './control';
import { ChatReplies } from './chatReplies';
import { ChangeBatch, PendingDecisions } from './frameBatch';

export interface EngineDeps {
  config: Config;
  /** Saves a config edited in the UI (to the config file); null keeps edits in memory only. */
  saveConfig: ((config: Config) => Promise<void>) | null;
  dataDir: string | null;
  chat: ChatSource;
  createOsc: (targets: OscTarget[], addresses: string[]) => Promise<OscSink>;
  analytics: AnalyticsSink;
  state: StateStore;
  /** The analytics store's history query, for the UI's feed on (re)connect. */
  history?: (
    limit: number,
    filter: { user?: string; variable?: string; outcome?: 'accepted' | 'refused' },
  ) => Promise<CommandEvent[]>;
  /** Deletes analytics older than `days` now (the retention setting changed). */
  applyRetention?: (days: number) => Promise<number>;
  clock?: Clock;
  log?: (line: string) => void;
}

const SNAPSHOT_INTERVAL_MS = 100; // 10 Hz to the UI, never per chat line
/**
 * Decisions sent to the UI's live feed per snapshot tick, newest kept (1,000 rows a second at 10 Hz, twice
 * the rows the feed shows). Measured at 2,000 commands/s with a dashboard attached: sending every decision
 * (200 rows a tick) made the chat thread's JSON work show in the end-to-end P99.
 */
export const FEED_ROWS_PER_TICK = 100;
const STATE_SAVE_DELAY_MS = 100;

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export class Engine implements ContractHost {
  readonly clock: Clock;
  readonly stats = new EngineStats();
  readonly processLatency = new LatencyRecorder();
  readonly twitchLatency = new LatencyRecorder();
  readonly overload: OverloadGuard;
  readonly feed = new FeedBuffer(FEED_ROWS_PER_TICK);
  /** Commands shed as overloaded reach the trail as one row per channel per second. */
  private readonly shedTally = new ShedTally((row) => this.publish(row));
  readonly replies: ChatReplies;
  readonly startedAt: number;
  config: Config;
  processor: CommandProcessor;
  osc: OscSink;
  private readonly listeners = new Set<Listener>();
  private readonly control: EngineControl;
  private ticker: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private housekeepingTimer: NodeJS.Timeout | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly log: (line: string) => void;

  /** Collecting a chat frame's (or a tick's) changes to send as one datagram, instead of sending each. */
  private batching = false;
  private readonly changes = new ChangeBatch();
  private readonly decisions = new PendingDecisions();
  /** The chat source tells us when a frame's lines have all been delivered (ChatSource.onFrameEnd). */
  private readonly framed: boolean;

  /** Sends (or, within a frame, collects) one output value; bound once: no closure per message. */
  readonly write: OutputWriter = (index, value) => {
    if (this.batching) this.changes.add(index, value);
    else this.osc.send(index, value);
  };

  private constructor(
    readonly deps: EngineDeps,
    osc: OscSink,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.config = deps.config;
    this.osc = osc;
    this.log = deps.log ?? (() => {});
    this.startedAt = this.clock.wallNow();
    this.overload = new OverloadGuard(deps.config.overload);
    this.processor = new CommandProcessor(deps.config, this.clock, deps.state.load());
    this.control = new EngineControl(this);
    this.replies = new ChatReplies(deps.chat);
    deps.chat.onMessage((msg) => this.onChatMessage(msg));
    this.framed = typeof deps.chat.onFrameEnd === 'function';
    deps.chat.onFrameEnd?.(this.flush);
    deps.chat.onStatus((status) =>
      this.log(`chat: ${status.state}${status.reason ? ` (${status.reason})` : ''}`),
    );
  }

  /** Builds the engine and sends every variable's current value once, so the synth resumes where it was. */
  static async create(deps: EngineDeps): Promise<Engine> {
    const osc = await deps.createOsc(
      deps.config.osc,
      deps.config.variables.map((v) => v.address),
    );
    const engine = new Engine(deps, osc);
    engine.processor.initialOutputs(engine.write);
    engine.startTimers();
    return engine;
  }

  /** Joins the configured channels (if any). A failure is reported in the chat status, not thrown. */
  async start(): Promise<void> {
    if (this.config.channels.length === 0) return;
    try {
      await this.deps.chat.connect(this.config.channels);
    } catch (err) {
      this.log(`chat: could not connect: ${(err as Error).message}`);
    }
  }

  // ---- the hot path -------------------------------------------------------------------------------------

  onChatMessage(msg: ChatMessage): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const wallNow = this.clock.wallNow();
    if (msg.text.length <= MAX_MESSAGE_LENGTH && this.overload.shouldShed(msg, now, wallNow)) {
      // Shedding must cost next to nothing: counted, tallied for the trail (shedTally.ts), no row, no event.
      this.stats.count('overloaded', wallNow);
      this.shedTally.add(msg.channel, wallNow);
      return;
    }
    // With bundles on, this message's changes wait for the end of its frame (flush) and go out together
    // with the rest of the frame's, so its latency and its analytics row are settled there too.
    const bundling = this.config.oscBundles;
    if (bundling) this.batching = true;
    const decision = this.processor.handle(msg, this.write);
    const latencyUs = (this.clock.now() - msg.arrivalMs) * 1000;
    const accepted = decision.outcome === 'accepted';
    if (accepted) {
      if (!bundling) this.processLatency.record(latencyUs);
      if (msg.sentTs !== null) this.twitchLatency.record((wallNow - msg.sentTs) * 1000);
    }
    this.stats.count(decision.reason, wallNow);
    const event: CommandEvent = {
      ts: wallNow,
      channel: msg.channel,
      userId: msg.userId,
      userName: msg.userName,
      variable: decision.variable,
      raw: msg.text.length > MAX_MESSAGE_LENGTH ? msg.text.slice(0, MAX_MESSAGE_LENGTH) : msg.text,
      value: decision.value,
      outcome: decision.outcome,
      reason: decision.reason,
      latencyUs: Math.round(latencyUs),
    };
    if (bundling) this.decisions.add(event, msg.arrivalMs);
    else this.publish(event);
    if (accepted) {
      if (decision.variable === LIST_COMMAND) this.replies.reply(msg, this.processor.listing(msg.role), now);
      this.afterChange();
    }
    // A chat source that does not mark frame ends: every message is its own frame.
    if (bundling && !this.framed) this.flush();
  }

  /**
   * The end of a chat frame: send its changes (one datagram per target), THEN record the in-process latency
   * of each accepted command, so the figure includes the send it waited for, and publish the decisions.
   */
  readonly flush = (): void => {
    this.batching = false;
    try {
      this.changes.sendTo(this.osc);
    } finally {
      if (this.decisions.size > 0) {
        this.settledAt = this.clock.now();
        this.decisions.drain(this.settle);
      }
    }
  };

  /** clock.now() right after the frame's send: the end of every accepted command's in-process latency. */
  private settledAt = 0;
  private readonly settle = (event: CommandEvent, arrivalMs: number): void => {
    if (event.outcome === 'accepted') {
      const latencyUs = (this.settledAt - arrivalMs) * 1000;
      this.processLatency.record(latencyUs);
      event.latencyUs = Math.round(latencyUs);
    }
    this.publish(event);
  };

  private publish(event: CommandEvent): void {
    this.deps.analytics.record(event);
    if (this.listeners.size > 0) this.feed.push(event);
  }

  /** After any change: keep the slew/window ticker running only while needed, and schedule a state save. */
  afterChange(): void {
    if (this.ticker === null && this.processor.needsTick()) {
      this.ticker = setInterval(this.onTick, 1000 / this.config.oscRateHz);
    }
    if (this.saveTimer === null && this.processor.isDirty()) {
      this.saveTimer = setTimeout(this.saveState, STATE_SAVE_DELAY_MS);
    }
  }

  private readonly onTick = (): void => {
    // The variables a tick moves change at the same instant: one bundle, like a chat frame's changes.
    this.batching = this.config.oscBundles;
    try {
      this.processor.tick(this.write);
    } finally {
      this.flush();
    }
    if (!this.processor.needsTick() && this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    if (this.saveTimer === null && this.processor.isDirty()) {
      this.saveTimer = setTimeout(this.saveState, STATE_SAVE_DELAY_MS);
    }
  };

  private readonly saveState = (): void => {
    this.saveTimer = null;
    this.deps.state.save(this.processor.persisted());
    this.processor.markClean();
  };

  // ---- UI contract ---------------------------------------------------------------------------------------

  handle<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    return this.control.handle(name, input);
  }

  /** Apply a config re-read from disk (hot reload); the same validation and OSC checks as a UI edit. */
  reloadConfig(config: Config) {
    return this.control.reload(config);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  snapshot() {
    return buildSnapshot(this);
  }

  private startTimers(): void {
    let idleTicks = 0;
    this.snapshotTimer = setInterval(() => {
      if (this.listeners.size === 0) return;
      const busy = this.feed.size() > 0 || this.ticker !== null;
      // Idle dashboards get a 1 Hz heartbeat; busy ones 10 Hz.
      if (!busy && ++idleTicks < 10) return;
      idleTicks = 0;
      if (this.feed.size() > 0) this.emit('commands', this.feed.drain());
      this.emit('snapshot', buildSnapshot(this, SLOW_PARTS_TTL_MS));
    }, SNAPSHOT_INTERVAL_MS);
    this.snapshotTimer.unref();
    this.housekeepingTimer = setInterval(() => {
      this.overload.sampleMemory(process.memoryUsage.rss() / 1048576);
      this.shedTally.flushIfOver(this.clock.wallNow());
    }, 1000);
    this.housekeepingTimer.unref();
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  /** Stop reading chat, then flush everything buffered (analytics, state) and close. Loses nothing. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of [this.snapshotTimer, this.housekeepingTimer, this.ticker]) if (t) clearInterval(t);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.ticker = null;
    this.shedTally.flush(this.clock.wallNow());
    await this.deps.chat
      .disconnect()
      .catch((err: Error) => this.log(`chat: disconnect failed: ${err.message}`));
    this.deps.state.save(this.processor.persisted());
    await this.deps.state.flush();
    await this.deps.analytics.close();
    await this.osc.close();
    this.processLatency.close();
    this.twitchLatency.close();
  }

  isStopped(): boolean {
    return this.stopped;
  }

  logLine(line: string): void {
    this.log(line);
  }
}
