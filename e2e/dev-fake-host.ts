// A design harness for the dashboard that needs no engine: the built renderer and the real bridge over a
// simulated ContractHost with plausible traffic. Only for looking at the UI; the e2e specs never use it.
//   npx vite build --config vite.renderer.config.ts && npx tsx e2e/dev-fake-host.ts [port]
import http from 'node:http';
import path from 'node:path';
import { attachBridge } from '../electron/core/server/bridge';
import { serveStatic } from '../electron/core/server/static';
import { parseConfig } from '../shared/config';
import type { ContractHost, EventName, EventPayloads, Mutation } from '../shared/contract';
import type { CommandEvent, EngineStateSnapshot, UserView, VariableView } from '../shared/domain';
import { E2E_CONFIG, REPO_ROOT } from './fixtures/stack';

const parsed = parseConfig({ ...E2E_CONFIG, channels: ['devchannel'] });
if (!parsed.ok) throw new Error('bad config');
let config = parsed.config;
type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
const listeners = new Set<Listener>();
const emit = <E extends EventName>(e: E, p: EventPayloads[E]) => listeners.forEach((l) => l(e, p));

const vars: VariableView[] = config.variables.map((v) => ({
  name: v.name,
  aliases: v.aliases,
  address: v.address,
  type: v.type,
  min: v.min,
  max: v.max,
  default: v.default,
  value: v.default,
  output: v.outMin + ((v.default - v.min) / (v.max - v.min)) * (v.outMax - v.outMin),
  locked: false,
  lastUser: null,
  lastChangedAt: null,
}));
let panic = false;
let chatState: EngineStateSnapshot['chat'] = { state: 'connected', channels: ['devchannel'], reason: null };
const users = new Map<string, UserView>();
const feed: CommandEvent[] = [];
let accepted = 0,
  refused = 0;
const started = Date.now();
const names = [
  'synthfan',
  'modular_mia',
  'patchcable',
  'lfo_larry',
  'vcf_vera',
  'eurorack_ed',
  'wavefolder',
  'sequencer_sam',
  'moogmaster',
  'ring_mod',
];

function snapshot(): EngineStateSnapshot {
  const t = (Date.now() - started) / 1000;
  const p50 = 0.18 + 0.04 * Math.sin(t / 7);
  return {
    at: Date.now(),
    uptimeSec: Math.round(t),
    chat: chatState,
    osc: { targets: config.osc, sent: accepted, errors: 0 },
    store: { path: '/tmp/x', pendingRows: 0, writtenRows: accepted + refused, errors: 0 },
    panic,
    variables: vars.map((v) => ({ ...v })),
    counters: { received: accepted + refused, accepted, refused, byReason: {} },
    latency: {
      process: {
        count: accepted,
        p50,
        p95: p50 * 2.2 + 0.1 * Math.random(),
        p99: p50 * 4 + 0.3 * Math.random(),
        max: 3.1,
        mean: p50 * 1.1,
      },
      twitch: { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
    },
    rates: { commandsPerSec: 18 + 6 * Math.sin(t / 5) + Math.random() * 3, errorRate: 0 },
    activeUsers: users.size,
    memory: { rssMb: 96 + Math.random(), heapUsedMb: 31 },
  };
}

function chat(): void {
  const user = names[Math.floor(Math.random() * names.length)]!;
  const v = vars[Math.floor(Math.random() * vars.length)]!;
  const roll = Math.random();
  const value = Math.round(v.min + Math.random() * (v.max - v.min));
  const ok = !panic && !v.locked && roll > 0.25;
  const reason = panic
    ? 'panic'
    : v.locked
      ? 'locked'
      : roll < 0.1
        ? 'rate_limited'
        : roll < 0.18
          ? 'bad_value'
          : roll < 0.25
            ? 'unknown_variable'
            : null;
  const raw =
    reason === 'bad_value'
      ? `!${v.name} banana`
      : reason === 'unknown_variable'
        ? `!cuttof ${value}`
        : `!${v.name} ${value}`;
  if (ok) {
    v.value = value;
    v.output = (value - v.min) / (v.max - v.min);
    v.lastUser = user;
    v.lastChangedAt = Date.now();
    accepted++;
  } else refused++;
  const u = users.get(user) ?? {
    userId: `id-${user}`,
    userName: user,
    role: user === 'modular_mia' ? 'moderator' : 'everyone',
    accepted: 0,
    refused: 0,
    tokens: 5,
    capacity: 5,
    lastCommand: null,
    lastSeenAt: 0,
    blocked: false,
  };
  if (ok) u.accepted++;
  else u.refused++;
  u.lastCommand = raw;
  u.lastSeenAt = Date.now();
  u.tokens = Math.max(0, Math.min(5, u.tokens - 1 + Math.random() * 1.5));
  users.set(user, u);
  feed.push({
    ts: Date.now(),
    channel: 'devchannel',
    userId: u.userId,
    userName: user,
    variable: reason === 'unknown_variable' ? null : v.name,
    raw,
    value: ok ? value : null,
    outcome: ok ? 'accepted' : 'refused',
    reason: ok ? null : reason,
    latencyUs: Math.round(150 + Math.random() * 300),
  });
}

const OK: Mutation = { ok: true };
const host: ContractHost = {
  subscribe(l) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  async handle(name, input: never) {
    const i = input as Record<string, unknown>;
    const byName = (n: unknown) => vars.find((v) => v.name === n);
    switch (name) {
      case 'getState':
        return snapshot() as never;
      case 'getConfig':
        return config as never;
      case 'getHistory':
        return feed.slice(-100) as never;
      case 'getUsers':
        return [...users.values()].filter((u) => !i.query || u.userName.includes(String(i.query))) as never;
      case 'connect':
        chatState = { state: 'connected', channels: [String(i.channel)], reason: null };
        return OK as never;
      case 'disconnect':
        chatState = { state: 'disconnected', channels: [], reason: null };
        return OK as never;
      case 'panic':
        panic = true;
        vars.forEach((v) => (v.value = v.default));
        return OK as never;
      case 'resume':
        panic = false;
        return OK as never;
      case 'lockVariable':
        byName(i.name)!.locked = true;
        return OK as never;
      case 'unlockVariable':
        byName(i.name)!.locked = false;
        return OK as never;
      case 'resetVariable': {
        const v = byName(i.name)!;
        v.value = v.default;
        return OK as never;
      }
      case 'blockUser': {
        const u = users.get(String(i.userName));
        if (u) u.blocked = true;
        return OK as never;
      }
      case 'unblockUser': {
        for (const u of users.values()) if (u.userId === i.userId) u.blocked = false;
        return OK as never;
      }
      case 'updateSettings': {
        const r = parseConfig({ ...config, ...(input as object) });
        if (!r.ok) return { ok: false, error: r.errors[0]!.message, fieldErrors: r.errors } as never;
        const bad = r.config.osc.findIndex((t) => t.host.endsWith('.invalid'));
        if (bad >= 0)
          return {
            ok: false,
            error: `getaddrinfo ENOTFOUND ${r.config.osc[bad]!.host}`,
            fieldErrors: [
              { path: `osc.${bad}.host`, message: `cannot resolve "${r.config.osc[bad]!.host}"` },
            ],
          } as never;
        config = r.config;
        emit('config', config);
        return OK as never;
      }
      default:
        return OK as never;
    }
  },
};

setInterval(() => {
  for (let k = 0; k < 2; k++) chat();
}, 100);
setInterval(() => {
  emit('commands', { events: feed.splice(0), dropped: 0 });
  emit('snapshot', snapshot());
}, 100);

const root = path.join(REPO_ROOT, 'out/renderer');
const server = http.createServer((req, res) => {
  if (!serveStatic(req, res, root)) res.writeHead(404).end();
});
attachBridge(server, host);
server.listen(Number(process.argv[2] ?? 5199), '127.0.0.1', () =>
  console.log(`fake dashboard on http://127.0.0.1:${(server.address() as { port: number }).port}`),
);
