// Types the pipeline's callers (the engine, the UI bridge) see. UserView lives in shared/domain.ts so the
// contract and the engine cannot drift apart; it is re-exported here as the pipeline's own vocabulary.
import { ADMIN_COMMANDS, LIST_COMMAND, RESERVED_COMMAND_NAMES } from '../../../shared/domain';
import type { Outcome, RefusalReason } from '../../../shared/domain';

export type { UserView } from '../../../shared/domain';

/** Receives every output change: the variable's index in the config and the value to send over OSC. */
export type OutputWriter = (variableIndex: number, outputValue: number) => void;

/** The pipeline's verdict on one chat message (the engine adds time, user and latency to make a CommandEvent). */
export interface Decision {
  outcome: Outcome;
  reason: RefusalReason | null;
  /** Canonical variable name, the admin verb (`panic`, `lock`...), `cv`, or null when none was recognised. */
  variable: string | null;
  /** The accepted value in the variable's chat range (after clamping and quantizing), or null. */
  value: number | null;
}

/** Moderator verbs and the listing command. They are reserved: no variable or alias may use these names. */
export const ADMIN_VERBS = ADMIN_COMMANDS;
export type AdminVerb = (typeof ADMIN_VERBS)[number];
export const LIST_VERB = LIST_COMMAND;
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>(RESERVED_COMMAND_NAMES);

/** What a parsed chat command asks for. */
export type CommandKind = 'set' | 'list' | AdminVerb;
