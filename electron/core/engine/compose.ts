// The composition root for the engine with its real adapters (tmi.js, UDP, SQLite, HTTP). Used by
// `twitch-cv run`, `twitch-cv demo` and the Electron main process; tests build Engine directly with twins.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Config } from '../../../shared/config';
import { Engine } from './engine';
import { writeConfigFile } from './configFile';
import { TmiChatSource } from '../chat/tmiChatSource';
import { createUdpOscSink } from '../osc/udpOscSink';
import { openStore } from '../store/openStore';
import { startHttpServer, type RunningHttpServer } from '../server/http';
import { healthOf, metricsOf } from './observability';

export interface HeadlessOptions {
  config: Config;
  /** The config file UI edits are saved to; null keeps them in memory only. */
  configPath: string | null;
  /** What of an edited config goes to the file (e.g. not the values that command-line flags overrode). */
  toFile?: (config: Config) => Config;
  dataDir: string;
  http?: { host: string; port: number } | undefined;
  /** Required for the dashboard bridge when it is reachable from other machines. */
  token?: string | undefined;
  log: (line: string) => void;
}

export interface Headless {
  engine: Engine;
  http: RunningHttpServer | null;
  stop(): Promise<void>;
}

/** Where the built dashboard lives (`npm run build:renderer`), from source or from the out/node bundle. */
export function rendererDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../out/renderer'), path.resolve(here, '../renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const { config, configPath, log } = options;
  const store = await openStore(options.dataDir, {
    retentionDays: config.analytics.retentionDays,
    batchMs: config.analytics.batchMs,
  });
  const chat = new TmiChatSource({
    server: config.twitch.server,
    username: config.twitch.username,
    token: config.twitch.token,
  });
  let engine: Engine;
  try {
    engine = await Engine.create({
      config,
      saveConfig: configPath
        ? (c) => writeConfigFile(configPath, options.toFile ? options.toFile(c) : c)
        : null,
      dataDir: options.dataDir,
      chat,
      createOsc: createUdpOscSink,
      analytics: store.analytics,
      state: store.state,
      history: (limit, filter) => store.recent(limit, filter),
      applyRetention: (days) => store.applyRetention(days),
      log,
    });
  } catch (err) {
    await store.close();
    throw err;
  }

  let http: RunningHttpServer | null = null;
  let closeBridge: (() => Promise<void>) | null = null;
  if (options.http) {
    const dir = rendererDir();
    const { serveStatic } = await import('../server/static');
    http = await startHttpServer(options.http.host, options.http.port, {
      health: () => healthOf(engine),
      metrics: () => metricsOf(engine),
      state: () => engine.snapshot(),
      fallback: dir ? (req, res) => serveStatic(req, res, dir) : undefined,
    });
    const { attachBridge } = await import('../server/bridge');
    const bridge = attachBridge(http.server, engine, { token: options.token });
    closeBridge = () => bridge.close();
    if (!dir) log('dashboard not built yet: run `npm run build:renderer` to serve it at /');
  }

  await engine.start();

  return {
    engine,
    http,
    async stop() {
      if (closeBridge) await closeBridge();
      await engine.stop();
      await store.close();
      if (http) await http.close();
    },
  };
}
