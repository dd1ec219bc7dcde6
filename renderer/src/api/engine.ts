// The page's one link to the engine, and the way components run a request that changes something:
// failures become a toast (or field errors for the caller to show), successes refresh the state at once
// instead of waiting for the next idle heartbeat.
import type { ConfigFieldError } from '../../../shared/config';
import type { Mutation, TwitchCvApi } from '../../../shared/contract';
import { useAppStore } from '../store';
import type { EngineLink } from './wsClient';

let current: EngineLink | null = null;

export function setEngineLink(link: EngineLink): void {
  current = link;
}

export function engine(): TwitchCvApi {
  if (!current) throw new Error('the engine link is not set up yet');
  return current.api;
}

export type MutationOutcome = { ok: true } | { ok: false; error: string; fieldErrors: ConfigFieldError[] };

/** Runs a mutation; never throws. Errors without field errors are also shown as a toast unless `quiet`. */
export async function mutate(
  run: (api: TwitchCvApi) => Promise<Mutation>,
  opts: { quiet?: boolean } = {},
): Promise<MutationOutcome> {
  let result: Mutation;
  try {
    result = await run(engine());
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  if (result.ok) {
    void engine()
      .getState()
      .then((s) => useAppStore.getState().applySnapshot(s))
      .catch(() => {});
    return { ok: true };
  }
  const fieldErrors = result.fieldErrors ?? [];
  if (!opts.quiet && fieldErrors.length === 0) useAppStore.getState().pushToast('error', result.error);
  return { ok: false, error: result.error, fieldErrors };
}
