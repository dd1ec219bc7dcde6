// The UI's requests, served for both hosts (Electron IPC and the WebSocket bridge). Inputs arrive already
// parsed by the contract's schemas; everything that changes the config is re-validated by the config schema.
import type { Config } from '../../../shared/config';
import type { Mutation, RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import type { Engine } from './engine';
import { applySettings, removeVariable, replaceVariable, type EditResult } from './configEdit';

const OK: Mutation = { ok: true };
const fail = (error: string): Mutation => ({ ok: false, error });

type Handlers = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

export class EngineControl {
  private readonly handlers: Handlers;
  /** Config edits are applied one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly engine: Engine) {
    const e = engine;
    this.handlers = {
      getState: () => e.snapshot(),
      getConfig: () => e.config,
      connect: (input) => this.connect(input.channel),
      disconnect: async () => {
        await e.deps.chat.disconnect();
        return OK;
      },
      panic: () => {
        e.processor.panic(e.write);
        e.afterChange();
        return OK;
      },
      resume: () => {
        e.processor.resume();
        e.afterChange();
        return OK;
      },
      lockVariable: (input) => this.byName(input.name, (n) => e.processor.lock(n)),
      unlockVariable: (input) => this.byName(input.name, (n) => e.processor.unlock(n)),
      resetVariable: (input) => this.byName(input.name, (n) => e.processor.reset(n, e.write)),
      setVariable: (input) => {
        const d = e.processor.setValue(input.name, input.value, e.write);
        e.afterChange();
        return d.outcome === 'accepted' ? OK : fail(`${input.name}: ${d.reason ?? 'refused'}`);
      },
      updateVariable: (input) => this.edit((c) => replaceVariable(c, input.index, input.variable)),
      removeVariable: (input) => this.edit((c) => removeVariable(c, input.name)),
      updateSettings: (input) => this.edit((c) => applySettings(c, input)),
      sendTestValue: (input) => {
        try {
          e.osc.sendTest(input.address, input.value);
          return OK;
        } catch (err) {
          return fail((err as Error).message);
        }
      },
      blockUser: (input) => {
        e.processor.block(input.userId, input.userName);
        e.afterChange();
        return OK;
      },
      unblockUser: (input) => {
        e.processor.unblock(input.userId);
        e.afterChange();
        return OK;
      },
      getUsers: (input) => e.processor.users(input.limit ?? 200, input.query),
      getHistory: async (input) => (e.deps.history ? e.deps.history(input.limit, input.filter ?? {}) : []),
    };
  }

  handle<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    const handler = this.handlers[name] as (
      i: RequestInput<K>,
    ) => Promise<RequestOutput<K>> | RequestOutput<K>;
    return Promise.resolve().then(() => handler(input));
  }

  private byName(name: string, action: (name: string) => boolean): Mutation {
    if (!action(name)) return fail(`unknown variable "${name}"`);
    this.engine.afterChange();
    return OK;
  }

  private async connect(channel: string): Promise<Mutation> {
    const chat = this.engine.deps.chat;
    try {
      await chat.disconnect();
      await chat.connect([channel]);
    } catch (err) {
      return fail((err as Error).message);
    }
    // Remember the channel, so the next start (and the tray's Connect) joins it again.
    if (this.engine.config.channels.join() !== channel) {
      await this.edit((c) => applySettings(c, {}, { channels: [channel] }));
    }
    return OK;
  }

  /** A config re-read from its file: applied like an edit, but not written back over the user's file. */
  reload(config: Config): Promise<Mutation> {
    return this.edit(() => ({ ok: true, config }), false);
  }

  private edit(change: (config: Config) => EditResult, persist = true): Promise<Mutation> {
    const run = this.queue.then(() => this.applyEdit(change(this.engine.config), persist));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Applies a validated config: new OSC sink first (it can fail on a host), then the processor, then the file. */
  private async applyEdit(result: EditResult, persist: boolean): Promise<Mutation> {
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors };
    const e = this.engine;
    const next = result.config;
    const prev = e.config;
    const addresses = next.variables.map((v) => v.address);
    const oscChanged =
      JSON.stringify(prev.osc) !== JSON.stringify(next.osc) ||
      JSON.stringify(prev.variables.map((v) => v.address)) !== JSON.stringify(addresses);
    if (oscChanged) {
      let sink;
      try {
        sink = await e.deps.createOsc(next.osc, addresses);
      } catch (err) {
        const message = (err as Error).message;
        const index = next.osc.findIndex((t) => message.includes(t.host));
        return {
          ok: false,
          error: message,
          fieldErrors: [{ path: index >= 0 ? `osc.${index}.host` : 'osc', message }],
        };
      }
      const old = e.osc;
      e.osc = sink;
      void old.close();
    }
    e.config = next;
    e.overload.setOptions(next.overload);
    e.processor.applyConfig(next, e.write);
    e.afterChange();
    if (persist && e.deps.saveConfig) {
      await e.deps
        .saveConfig(next)
        .catch((err: Error) => e.logLine(`config: could not save: ${err.message}`));
    }
    if (prev.analytics.retentionDays !== next.analytics.retentionDays && e.deps.applyRetention) {
      void e.deps
        .applyRetention(next.analytics.retentionDays)
        .catch((err: Error) => e.logLine(`analytics: retention failed: ${err.message}`));
    }
    e.emit('config', next);
    return OK;
  }
}
