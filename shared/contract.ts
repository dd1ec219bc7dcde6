// The one contract between the engine and the UI. Every request and every event is named here once, with
// the zod schema of what the UI may send; the types on both sides are inferred from it. The Electron preload,
// the main-process IPC registration and the headless WebSocket bridge are all built from this table, so a
// channel cannot exist on one side and not the other.
import { z } from 'zod';
import type { CommandEvent, EngineStateSnapshot, UserView } from './domain';
import { oscTarget, type Config, type ConfigFieldError } from './config';
import { channelProblem } from './channel';

/** A request's declared result type, carried as a phantom so it costs nothing at run time. */
interface RequestSpec<I extends z.ZodType, O> {
  input: I;
  /** Never read: only here so TypeScript can infer the result type. */
  output?: O;
}
function request<O>() {
  return <I extends z.ZodType>(input: I): RequestSpec<I, O> => ({ input });
}

const variableName = z.string().trim().min(1).max(64);

/** What the streamer types in the Connect box: stricter than the config file (no `#`), with specific messages. */
const connectChannel = z
  .string()
  .superRefine((name, ctx) => {
    const problem = channelProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((name) => name.trim().toLowerCase());
const noInput = z.undefined();

/** Results of requests that change something: ok, or a message (and field errors) the UI shows beside the field. */
export type Mutation = { ok: true } | { ok: false; error: string; fieldErrors?: ConfigFieldError[] };

export const settingsPatch = z
  .object({
    prefix: z.string(),
    osc: z.array(oscTarget).min(1, 'at least one OSC target'),
    oscRateHz: z.number(),
    rateLimit: z.object({
      perUser: z.object({ capacity: z.number(), refillPerSec: z.number() }),
      global: z.object({ perSec: z.number() }),
    }),
    analytics: z.object({ retentionDays: z.number() }),
    alerts: z.object({
      p95WarnMs: z.number(),
      p95CritMs: z.number(),
      errorRateWarn: z.number(),
      errorRateCrit: z.number(),
      memoryWarnMb: z.number(),
      memoryCritMb: z.number(),
    }),
  })
  .partial();
export type SettingsPatch = z.infer<typeof settingsPatch>;

export const historyFilter = z
  .object({
    user: z.string().max(64).optional(),
    variable: z.string().max(64).optional(),
    outcome: z.enum(['accepted', 'refused']).optional(),
  })
  .strict();

export const requests = {
  getState: request<EngineStateSnapshot>()(noInput),
  getConfig: request<Config>()(noInput),
  /** Join one channel (leaving any other) and start reading chat. Read-only/anonymous without credentials. */
  connect: request<Mutation>()(z.object({ channel: connectChannel }).strict()),
  disconnect: request<Mutation>()(noInput),
  panic: request<Mutation>()(noInput),
  resume: request<Mutation>()(noInput),
  lockVariable: request<Mutation>()(z.object({ name: variableName }).strict()),
  unlockVariable: request<Mutation>()(z.object({ name: variableName }).strict()),
  resetVariable: request<Mutation>()(z.object({ name: variableName }).strict()),
  /** The streamer sets a value by hand: shaped like chat's, but no limits or permissions apply. */
  setVariable: request<Mutation>()(z.object({ name: variableName, value: z.number().finite() }).strict()),
  /**
   * Replace (index) or add (index null) one variable. The raw object is validated by the config schema in
   * the engine, so the UI gets the same field errors the config file would; a bad edit changes nothing.
   */
  updateVariable: request<Mutation>()(
    z.object({ index: z.number().int().min(0).nullable(), variable: z.unknown() }).strict(),
  ),
  removeVariable: request<Mutation>()(z.object({ name: variableName }).strict()),
  /** Settings panel: validated by the config schema; OSC hosts are resolved before anything changes. */
  updateSettings: request<Mutation>()(settingsPatch),
  sendTestValue: request<Mutation>()(
    z.object({ address: z.string().min(1).max(256), value: z.number().finite() }).strict(),
  ),
  blockUser: request<Mutation>()(
    z.object({ userId: z.string().min(1).max(64), userName: z.string().max(64).optional() }).strict(),
  ),
  unblockUser: request<Mutation>()(z.object({ userId: z.string().min(1).max(64) }).strict()),
  getUsers: request<UserView[]>()(
    z
      .object({ query: z.string().max(64).optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict(),
  ),
  getHistory: request<CommandEvent[]>()(
    z.object({ limit: z.number().int().min(1).max(5000), filter: historyFilter.optional() }).strict(),
  ),
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = z.infer<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = NonNullable<(typeof requests)[K]['output']>;
export const REQUEST_NAMES = Object.keys(requests) as RequestName[];

/** Events pushed from the engine, batched: never one per chat line. */
export interface EventPayloads {
  /** 10–20 Hz while anything changes, 1 Hz when idle. */
  snapshot: EngineStateSnapshot;
  /** The command feed: every decision since the last batch (capped; `dropped` counts what did not fit). */
  commands: { events: CommandEvent[]; dropped: number };
  /** The config changed (edit, settings, file reload). */
  config: Config;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['snapshot', 'commands', 'config'];

/** What the engine offers the UI. The preload object and the WebSocket client both implement it. */
export type TwitchCvApi = {
  [K in RequestName]: (
    ...args: RequestInput<K> extends undefined ? [] : [RequestInput<K>]
  ) => Promise<RequestOutput<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** What a host (Electron main, the WebSocket bridge) needs from the engine to serve the contract. */
export interface ContractHost {
  handle<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
}

/** Prefix of every IPC channel, so main can refuse anything that is not part of the contract. */
export const IPC_PREFIX = 'twitch-cv:';
export const ipcChannel = (name: RequestName | EventName) => `${IPC_PREFIX}${name}`;

/** Parse one request's input; a readable message on failure (what the bridge and main send back). */
export function parseRequestInput<K extends RequestName>(
  name: K,
  input: unknown,
): { ok: true; value: RequestInput<K> } | { ok: false; error: string } {
  const spec = requests[name];
  if (!spec) return { ok: false, error: `unknown request "${String(name)}"` };
  const result = spec.input.safeParse(input);
  if (result.success) return { ok: true, value: result.data as RequestInput<K> };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `invalid ${name} request: ${where}${issue?.message ?? 'bad input'}` };
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
