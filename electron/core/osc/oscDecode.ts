// An OSC 1.0 packet decoder (messages and bundles, recursively), written from the spec
// (https://opensoundcontrol.stanford.edu/spec-1_0.html). It is small, it never trusts the bytes, and every
// malformed packet becomes an OscDecodeError that says what is wrong, so the monitor and the test listener
// can report garbage instead of crashing on it. Tests cross-check it against osc-js.

export type OscArg = number | string | bigint | boolean | null | Uint8Array;

export interface OscDecodedMessage {
  address: string;
  /** The type tag string as on the wire, with its leading comma: `,f`, `,si`, `,` for no arguments. */
  types: string;
  args: OscArg[];
}

export class OscDecodeError extends Error {
  override name = 'OscDecodeError';
}

const BUNDLE_HEAD = '#bundle';
/** Bundles nest; a hostile packet could nest deeply enough to blow the stack without a limit. */
const MAX_BUNDLE_DEPTH = 16;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decode one datagram into its messages, in order (bundle elements flattened depth-first). */
export function decodeOscPacket(data: Uint8Array): OscDecodedMessage[] {
  if (data.byteLength === 0) throw new OscDecodeError('empty packet');
  if (data.byteLength % 4 !== 0)
    throw new OscDecodeError(`packet length ${data.byteLength} is not a multiple of 4`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: OscDecodedMessage[] = [];
  decodeElement(view, 0, data.byteLength, out, 0);
  return out;
}

function decodeElement(
  view: DataView,
  start: number,
  end: number,
  out: OscDecodedMessage[],
  depth: number,
): void {
  const first = readString(view, start, end, 'address');
  if (first.value === BUNDLE_HEAD) {
    decodeBundle(view, first.next, end, out, depth);
    return;
  }
  out.push(decodeMessage(view, first.value, first.next, end));
}

function decodeBundle(
  view: DataView,
  offset: number,
  end: number,
  out: OscDecodedMessage[],
  depth: number,
): void {
  if (depth >= MAX_BUNDLE_DEPTH) throw new OscDecodeError(`bundles nested deeper than ${MAX_BUNDLE_DEPTH}`);
  if (offset + 8 > end) throw new OscDecodeError('bundle is missing its 8-byte time tag');
  let pos = offset + 8;
  while (pos < end) {
    if (pos + 4 > end) throw new OscDecodeError(`bundle element size at byte ${pos} is cut off`);
    const size = view.getInt32(pos);
    pos += 4;
    if (size <= 0 || size % 4 !== 0)
      throw new OscDecodeError(
        `bundle element size ${size} at byte ${pos - 4} is not a positive multiple of 4`,
      );
    if (pos + size > end)
      throw new OscDecodeError(`bundle element of ${size} bytes at byte ${pos} runs past the end (${end})`);
    decodeElement(view, pos, pos + size, out, depth + 1);
    pos += size;
  }
}

function decodeMessage(view: DataView, address: string, offset: number, end: number): OscDecodedMessage {
  if (address.charCodeAt(0) !== 47 /* / */)
    throw new OscDecodeError(`address ${JSON.stringify(address)} does not start with /`);
  if (offset >= end) throw new OscDecodeError(`message ${address} has no type tag string`);
  const tags = readString(view, offset, end, 'type tag string');
  const types = tags.value;
  if (types.charCodeAt(0) !== 44 /* , */)
    throw new OscDecodeError(`message ${address} type tags ${JSON.stringify(types)} do not start with ,`);
  const args: OscArg[] = [];
  let pos = tags.next;
  for (let i = 1; i < types.length; i++) {
    const tag = types[i]!;
    switch (tag) {
      case 'i':
        need(view, pos, 4, end, address, tag);
        args.push(view.getInt32(pos));
        pos += 4;
        break;
      case 'f':
        need(view, pos, 4, end, address, tag);
        args.push(view.getFloat32(pos));
        pos += 4;
        break;
      case 'r': // RGBA colour as one uint32
        need(view, pos, 4, end, address, tag);
        args.push(view.getUint32(pos));
        pos += 4;
        break;
      case 'c': // an ASCII character sent as int32
        need(view, pos, 4, end, address, tag);
        args.push(String.fromCharCode(view.getInt32(pos)));
        pos += 4;
        break;
      case 'm': // MIDI message: 4 bytes
        need(view, pos, 4, end, address, tag);
        args.push(new Uint8Array(view.buffer.slice(view.byteOffset + pos, view.byteOffset + pos + 4)));
        pos += 4;
        break;
      case 'd':
        need(view, pos, 8, end, address, tag);
        args.push(view.getFloat64(pos));
        pos += 8;
        break;
      case 'h':
        need(view, pos, 8, end, address, tag);
        args.push(view.getBigInt64(pos));
        pos += 8;
        break;
      case 't': // time tag: NTP seconds.fraction as one uint64
        need(view, pos, 8, end, address, tag);
        args.push(view.getBigUint64(pos));
        pos += 8;
        break;
      case 's':
      case 'S': {
        const s = readString(view, pos, end, `string argument ${i} of ${address}`);
        args.push(s.value);
        pos = s.next;
        break;
      }
      case 'b': {
        need(view, pos, 4, end, address, tag);
        const size = view.getInt32(pos);
        pos += 4;
        if (size < 0 || pos + size > end)
          throw new OscDecodeError(`blob of ${size} bytes in ${address} runs past the end of the packet`);
        args.push(new Uint8Array(view.buffer.slice(view.byteOffset + pos, view.byteOffset + pos + size)));
        pos += (size + 3) & ~3;
        break;
      }
      case 'T':
        args.push(true);
        break;
      case 'F':
        args.push(false);
        break;
      case 'N':
        args.push(null);
        break;
      case 'I':
        args.push(Infinity);
        break;
      case '[':
      case ']':
        // OSC 1.1 array brackets carry no data; the elements appear as ordinary arguments.
        break;
      default:
        throw new OscDecodeError(`message ${address} has unknown type tag '${tag}'`);
    }
  }
  return { address, types, args };
}

function need(view: DataView, pos: number, bytes: number, end: number, address: string, tag: string): void {
  if (pos + bytes > end)
    throw new OscDecodeError(
      `argument '${tag}' of ${address} needs ${bytes} bytes at byte ${pos}, packet ends at ${end}`,
    );
}

/** An OSC string: bytes up to a NUL, then padding to the next multiple of 4 (the NUL counts). */
function readString(
  view: DataView,
  start: number,
  end: number,
  what: string,
): { value: string; next: number } {
  let nul = start;
  while (nul < end && view.getUint8(nul) !== 0) nul++;
  if (nul >= end) throw new OscDecodeError(`${what} at byte ${start} is not NUL-terminated`);
  const value = utf8.decode(new Uint8Array(view.buffer, view.byteOffset + start, nul - start));
  return { value, next: (nul + 4) & ~3 };
}
