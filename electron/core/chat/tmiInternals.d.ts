// tmi.js 1.8.5 ships no types for its internals; these are the parts the adapter touches.
declare module 'tmi.js/lib/parser.js' {
  export interface ParsedIrcMessage {
    raw: string;
    tags: Record<string, unknown>;
    prefix: string | null;
    command: string | null;
    params: string[];
  }
  const parser: {
    /** Parses one IRC line; null when it is not an IRC message at all. */
    msg(line: string): ParsedIrcMessage | null;
    badges<T extends Record<string, unknown>>(tags: T): T;
  };
  export default parser;
}

declare module 'tmi.js/lib/utils.js' {
  const utils: {
    unescapeIRC(value: string): string;
    escapeIRC(value: string): string;
  };
  export default utils;
}
