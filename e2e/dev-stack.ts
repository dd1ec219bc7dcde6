// A manual harness: the same real stack the specs use, left running with some simulated chat so the
// dashboard can be looked at in a browser.  npx tsx e2e/dev-stack.ts [--rate 20] [--users 30]
import { E2E_CONFIG, startEngine, startPeers } from './fixtures/stack';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rate = arg('rate', 20);
const users = arg('users', 30);

const peers = await startPeers();
const engine = await startEngine(peers, { ...E2E_CONFIG, channels: ['devchannel'] });
console.log(`dashboard: ${engine.url}  (fake Twitch ${peers.twitchUrl}, OSC listener :${peers.osc.port})`);

const names = Array.from(
  { length: users },
  (_, i) =>
    ['synthfan', 'modular_mia', 'patchcable', 'lfo_larry', 'vcf_vera', 'eurorack_ed'][i % 6]! +
    (i >= 6 ? i : ''),
);
const lines = [
  '!cutoff {n}',
  '!res {r}',
  '!pitch C4',
  '!pitch E3',
  '!gate on',
  '!gate off',
  '!cutoff +10',
  '!wave 3',
  '!cuttof 40',
  '!cutoff banana',
  'hello chat',
  '!res 99',
];
let i = 0;
const timer = setInterval(() => {
  const user = names[Math.floor(Math.random() * names.length)]!;
  const text = lines[i++ % lines.length]!.replace('{n}', String(Math.round(Math.random() * 100))).replace(
    '{r}',
    (Math.random() * 10).toFixed(1),
  );
  peers.twitch.say('devchannel', {
    user,
    text,
    role: user === 'modular_mia' ? 'moderator' : user.startsWith('vcf') ? 'subscriber' : 'everyone',
  });
}, 1000 / rate);

const stop = async () => {
  clearInterval(timer);
  await engine.stop();
  await peers.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
