// OSC address rules and the constant bytes of a one-float message, shared by the sink and its tests.
import OSC from 'osc-js';

/** The same rule as the config schema: a fixed address, never a pattern (chat never chooses one). */
const OSC_ADDRESS_RE = /^\/[^\s#*,?[\]{}]*$/;

/** Why `address` cannot be sent to, or null when it is a valid OSC address. */
export function oscAddressProblem(address: string): string | null {
  if (typeof address !== 'string' || address.length === 0) return 'an OSC address must not be empty';
  if (!address.startsWith('/')) return `OSC address "${address}" must start with /`;
  if (!OSC_ADDRESS_RE.test(address))
    return `OSC address "${address}" must not contain spaces or any of # * , ? [ ] { }`;
  return null;
}

/**
 * The bytes of `<address> ,f` (each NUL-padded to 4 bytes), i.e. an osc-js `TypedMessage` with one `f`
 * argument minus its last four bytes. A float message at a fixed address is this prefix plus the float,
 * so the hot path only copies bytes and writes the value.
 */
export function oscFloatPrefix(address: string): Buffer {
  const problem = oscAddressProblem(address);
  if (problem) throw new Error(problem);
  const message = new OSC.TypedMessage(address, []);
  message.add('f', 0);
  const packed = message.pack();
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength - 4);
}

/** One complete `<address> ,f <value>` datagram, built by osc-js (not on the hot path). */
export function packOscFloat(address: string, value: number): Buffer {
  const message = new OSC.TypedMessage(address, []);
  message.add('f', value);
  const packed = message.pack();
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}
