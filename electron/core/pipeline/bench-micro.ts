// Micro-benchmark of the hot path: ns per CommandProcessor.handle() for accepted and refused commands.
// Run: npx tsx electron/core/pipeline/bench-micro.ts
// Prints figures only (no pass/fail): absolute times on a shared machine drift from run to run.
import { parseConfig } from '../../../shared/config';
import type { ChatMessage, Role } from '../../../shared/domain';
import { systemClock } from '../ports';
import { CommandProcessor } from './processor';

const parsed = parseConfig({
  variables: [
    { name: 'cutoff', aliases: ['cut'], address: '/cv/cutoff', min: 0, max: 100, outMin: 0, outMax: 1 },
    {
      name: 'pitch',
      type: 'pitch',
      address: '/cv/pitch',
      scale: 'minor',
      root: 'A',
      outMin: -10,
      outMax: 10,
    },
    { name: 'gate', type: 'gate', address: '/cv/gate' },
  ],
  rateLimit: {
    perUser: { capacity: 5, refillPerSec: 1 },
    global: { perSec: 1e9 },
    maxTrackedUsers: 100_000,
  },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.config;

const USERS = 1000;
function messages(text: (i: number) => string, users = USERS, role: Role = 'everyone'): ChatMessage[] {
  return Array.from({ length: users }, (_, i) => ({
    id: null,
    channel: 'bench',
    userId: `${100000 + i}`,
    userName: `viewer_${i}`,
    role,
    text: text(i),
    arrivalMs: 0,
    sentTs: null,
  }));
}

let sink = 0;
const write = (index: number, value: number) => {
  sink += index + value;
};

interface Case {
  name: string;
  msgs: ChatMessage[];
  /** Expected outcome, checked once so a broken case cannot report a flattering number. */
  expect: string;
  /** Fresh, generous limits for accepted cases so the bucket never refuses. */
  generous: boolean;
}

const cases: Case[] = [
  {
    name: 'accepted  !cutoff 70 (1,000 users)',
    msgs: messages((i) => `!cutoff ${i % 100}`),
    expect: 'accepted',
    generous: true,
  },
  {
    name: 'accepted  !cut +1 (relative, alias)',
    msgs: messages(() => '!cut +1'),
    expect: 'accepted',
    generous: true,
  },
  {
    name: 'accepted  !pitch C#3 (note name)',
    msgs: messages(() => '!pitch C#3'),
    expect: 'accepted',
    generous: true,
  },
  { name: 'accepted  !gate on', msgs: messages(() => '!gate on'), expect: 'accepted', generous: true },
  {
    name: 'accepted  !cutoff 70 + U+E0000 (slow path)',
    msgs: messages(() => '!cutoff 70 \u{E0000}'),
    expect: 'accepted',
    generous: true,
  },
  {
    name: 'refused   not_a_command (plain chat)',
    msgs: messages(() => 'lol that bass is wild'),
    expect: 'not_a_command',
    generous: false,
  },
  {
    name: 'refused   bad_value !cutoff banana',
    msgs: messages(() => '!cutoff banana'),
    expect: 'bad_value',
    generous: false,
  },
  {
    name: 'refused   unknown_variable !volume 5',
    msgs: messages(() => '!volume 5'),
    expect: 'unknown_variable',
    generous: false,
  },
  {
    name: 'refused   rate_limited (one user flooding)',
    msgs: messages(() => '!cutoff 70', 1),
    expect: 'rate_limited',
    generous: false,
  },
];

function run(c: Case, iterations: number): number {
  const cfg = c.generous
    ? { ...config, rateLimit: { ...config.rateLimit, perUser: { capacity: 1e12, refillPerSec: 1e9 } } }
    : config;
  const proc = new CommandProcessor(cfg, systemClock);
  const msgs = c.msgs;
  // Drain the single flooding user's bucket first so every measured message is refused.
  for (let i = 0; i < 10; i++) proc.handle(msgs[i % msgs.length]!, write);
  const first = proc.handle(msgs[0]!, write);
  const got = first.reason ?? first.outcome;
  if (got !== c.expect) throw new Error(`${c.name}: expected ${c.expect}, got ${got}`);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) proc.handle(msgs[i % msgs.length]!, write);
  return Number(process.hrtime.bigint() - t0) / iterations;
}

const ITERATIONS = 1_000_000;
console.log(
  `CommandProcessor.handle(), ${ITERATIONS.toLocaleString()} messages per run, best of 5 runs after warm-up`,
);
console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
for (const c of cases) {
  run(c, 200_000); // warm-up: let the JIT settle
  let best = Infinity;
  for (let r = 0; r < 5; r++) best = Math.min(best, run(c, ITERATIONS));
  console.log(`${c.name.padEnd(46)} ${best.toFixed(0).padStart(6)} ns/msg`);
}
if (sink === 42) console.log(''); // keep the writes observable
