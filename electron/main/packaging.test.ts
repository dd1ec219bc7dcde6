// What the packaged app ships from build/: electron-builder's config as electron-builder itself validates
// it, the icons main loads at run time, and the receiver patches, checked for wiring (and, where Pure Data
// is installed, run for real against OSC datagrams).
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRunConfig } from '../core/engine/exampleConfig';
import { skipBecause } from '../../test/helpers/skip';

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const companions = join(root, 'build', 'companions');
const addresses = (firstRunConfig() as { variables: { address: string }[] }).variables.map((v) => v.address);

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema and packs the built app with its resources', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ productName: 'Twitch-to-CV', directories: { buildResources: 'build' } });
    expect(
      config.files.flatMap((f: string | { filter: string[] }) => (typeof f === 'string' ? f : f.filter)),
    ).toContain('out/**');
    for (const { from } of config.extraResources) expect(existsSync(join(root, from)), from).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*.node');
  });
});

describe('icons', () => {
  it('has an app icon large enough for every platform and the tray icons main loads', () => {
    expect(pngSize(join(root, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    const icons = join(root, 'build', 'app-icons');
    expect(pngSize(join(icons, 'icon.png')).width).toBeGreaterThanOrEqual(256);
    expect(pngSize(join(icons, 'tray.png'))).toEqual({ width: 32, height: 32 });
    expect(pngSize(join(icons, 'tray@2x.png'))).toEqual({ width: 64, height: 64 });
    expect(pngSize(join(icons, 'trayTemplate.png'))).toEqual({ width: 16, height: 16 });
    expect(pngSize(join(icons, 'trayTemplate@2x.png'))).toEqual({ width: 32, height: 32 });
  });
});

describe('the Max receiver patch', () => {
  type Box = { id: string; maxclass: string; text?: string; numinlets: number; numoutlets: number };
  const patch = JSON.parse(readFileSync(join(companions, 'max', 'twitch-cv-receiver.maxpat'), 'utf8'));
  const boxes = new Map<string, Box>(patch.patcher.boxes.map(({ box }: { box: Box }) => [box.id, box]));

  it('listens on the app’s default port and routes the default config’s addresses', () => {
    const texts = [...boxes.values()].map((b) => b.text);
    expect(texts).toContain('udpreceive 7400');
    expect(texts).toContain(`route ${addresses.join(' ')}`);
  });

  it('has every patch cord between outlets and inlets that exist', () => {
    expect(patch.patcher.lines.length).toBeGreaterThan(0);
    for (const { patchline } of patch.patcher.lines) {
      const [from, outlet] = patchline.source;
      const [to, inlet] = patchline.destination;
      expect(boxes.get(from)?.numoutlets ?? -1, `${from} outlet ${outlet}`).toBeGreaterThan(outlet);
      expect(boxes.get(to)?.numinlets ?? -1, `${to} inlet ${inlet}`).toBeGreaterThan(inlet);
    }
  });

  it('gives each routed value a number box and a [sig~] into a signal outlet', () => {
    const route = [...boxes.values()].find((b) => b.text?.startsWith('route'))!;
    const cords = patch.patcher.lines.map(
      (l: { patchline: { source: [string, number]; destination: [string] } }) => l.patchline,
    );
    const next = (id: string, outlet = 0) =>
      boxes.get(
        cords.find((c: { source: [string, number] }) => c.source[0] === id && c.source[1] === outlet)
          ?.destination[0],
      );
    for (let i = 0; i < addresses.length; i++) {
      const num = next(route.id, i)!;
      expect(num.maxclass).toBe('flonum');
      const sig = next(num.id)!;
      expect(sig.text).toBe('sig~');
      expect(next(sig.id)?.maxclass).toBe('outlet');
    }
  });
});

describe('the Pure Data receiver patch', () => {
  const source = readFileSync(join(companions, 'pd', 'twitch-cv-receiver.pd'), 'utf8');

  it('parses OSC from the app’s default port down to the default config’s variables', () => {
    expect(source).toContain('netreceive -u -b 7400;');
    expect(addresses.every((a) => a.startsWith('/cv/'))).toBe(true);
    const names = addresses.map((a) => a.slice('/cv/'.length)).join(' ');
    expect(source).toMatch(
      new RegExp(`oscparse;[\\s\\S]*list trim;[\\s\\S]*route cv;[\\s\\S]*route ${names};`),
    );
  });

  it('only connects objects that exist', () => {
    const records = source.split(/;\s*\n/).filter((r) => r.startsWith('#X'));
    const objects = records.filter((r) => !r.startsWith('#X connect')).length;
    for (const r of records.filter((r) => r.startsWith('#X connect'))) {
      const [from, , to] = r.split(/\s+/).slice(2).map(Number);
      expect(from! < objects && to! < objects, r).toBe(true);
    }
  });

  const hasPd = spawnSync('pd', ['-version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(
    skipBecause(
      !hasPd && !process.env.CI,
      'Pure Data is not installed (apt-get install puredata-core); CI installs it and runs this test',
    ),
  )(
    'turns real OSC datagrams (messages and bundles) into one outlet per variable, in Pure Data',
    async () => {
      const names = addresses.map((a) => a.slice('/cv/'.length));
      const dir = mkdtempSync(join(tmpdir(), 'twitch-cv-pd-'));
      const port = await freeUdpPort();
      writeFileSync(
        join(dir, 'twitch-cv-receiver.pd'),
        source.replace('netreceive -u -b 7400', `netreceive -u -b ${port}`),
      );
      // The harness uses the patch as an abstraction and prints its outlets; loadbang says the patch is up.
      writeFileSync(
        join(dir, 'harness.pd'),
        [
          '#N canvas 0 0 400 300 12;',
          '#X obj 10 10 twitch-cv-receiver;',
          '#X obj 10 110 loadbang;',
          '#X obj 10 140 print ready;',
          ...names.map((name, i) => `#X obj ${10 + i * 90} 60 print ${name};`),
          '#X connect 1 0 2 0;',
          ...names.map((_, i) => `#X connect 0 ${i} ${3 + i} 0;`),
          '',
        ].join('\n'),
      );
      const pd = spawn('pd', [
        '-nogui',
        '-noaudio',
        '-nomidi',
        '-stderr',
        '-path',
        dir,
        '-open',
        join(dir, 'harness.pd'),
      ]);
      let output = '';
      pd.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      pd.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await expect.poll(() => output, { timeout: 10_000 }).toContain('ready: bang');
        const socket = createSocket('udp4');
        const send = (packet: Buffer) =>
          new Promise<void>((done, fail) =>
            socket.send(packet, port, '127.0.0.1', (err) => (err ? fail(err) : done())),
          );
        await send(oscFloat('/cv/cutoff', 0.25));
        await send(oscFloat('/cv/pitch', -0.5));
        await send(oscFloat('/cv/gate', 1));
        await send(oscFloat('/cv/kick', 1));
        await send(oscFloat('/cv/unknown', 3));
        await send(oscBundle([oscFloat('/cv/cutoff', 0.75), oscFloat('/cv/gate', 0)]));
        socket.close();
        await expect.poll(() => output, { timeout: 10_000 }).toContain('gate: 0');
        const lines = output.split('\n').filter((l) => /^[a-z-]+: /.test(l) && !l.startsWith('ready'));
        expect(lines).toEqual([
          'cutoff: 0.25',
          'pitch: -0.5',
          'gate: 1',
          'kick: 1',
          'twitch-cv-unrouted: unknown 3',
          'cutoff: 0.75',
          'gate: 0',
        ]);
      } finally {
        pd.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

function freeUdpPort(): Promise<number> {
  return new Promise((done) => {
    const probe = createSocket('udp4');
    probe.bind(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** An OSC message with one float32 argument, as the app sends it. */
function oscFloat(address: string, value: number): Buffer {
  const value4 = Buffer.alloc(4);
  value4.writeFloatBE(value);
  return Buffer.concat([oscString(address), oscString(',f'), value4]);
}
function oscString(s: string): Buffer {
  const out = Buffer.alloc(Math.ceil((s.length + 1) / 4) * 4);
  out.write(s, 'ascii');
  return out;
}
function oscBundle(messages: Buffer[]): Buffer {
  const parts = [oscString('#bundle'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 1])];
  for (const m of messages) {
    const size = Buffer.alloc(4);
    size.writeInt32BE(m.length);
    parts.push(size, m);
  }
  return Buffer.concat(parts);
}
