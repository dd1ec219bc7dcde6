import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../../shared/config';
import { applySettings, removeVariable, replaceVariable } from './configEdit';

function config(): Config {
  const r = parseConfig({
    variables: [
      { name: 'cutoff', address: '/cv/cutoff' },
      { name: 'gate', type: 'gate', address: '/cv/gate' },
    ],
  });
  if (!r.ok) throw new Error('bad fixture');
  return r.config;
}

describe('config edits from the UI', () => {
  it('replaces a variable and re-validates the whole config', () => {
    const c = config();
    const r = replaceVariable(c, 0, { name: 'cutoff', address: '/cv/cutoff', max: 127 });
    expect(r.ok && r.config.variables[0]!.max).toBe(127);
    expect(c.variables[0]!.max).toBe(100); // the good config is never mutated
  });

  it('returns field errors relative to the form and changes nothing', () => {
    const c = config();
    const r = replaceVariable(c, 0, { name: 'cutoff', address: '/cv/cutoff', min: 10, max: 'lots' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors.map((e) => e.path)).toContain('max');
    expect(c.variables[0]!.max).toBe(100);
  });

  it('adds a variable with index null, refusing a name already taken', () => {
    expect(replaceVariable(config(), null, { name: 'res', address: '/cv/res' }).ok).toBe(true);
    const dup = replaceVariable(config(), null, { name: 'GATE', address: '/cv/g2' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error).toMatch(/already used/);
  });

  it('refuses an index that does not exist and a non-object', () => {
    expect(replaceVariable(config(), 9, { name: 'x', address: '/x' }).ok).toBe(false);
    expect(replaceVariable(config(), 0, 'cutoff').ok).toBe(false);
  });

  it('removes a variable by name but never the last one', () => {
    const r = removeVariable(config(), 'Gate');
    expect(r.ok && r.config.variables.map((v) => v.name)).toEqual(['cutoff']);
    if (!r.ok) return;
    const last = removeVariable(r.config, 'cutoff');
    expect(last.ok).toBe(false);
    expect(removeVariable(config(), 'nope').ok).toBe(false);
  });

  it('applies settings and names an invalid port', () => {
    const ok = applySettings(config(), {
      prefix: '?',
      rateLimit: { perUser: { capacity: 3, refillPerSec: 0.5 }, global: { perSec: 50 } },
    });
    expect(ok.ok && ok.config.prefix).toBe('?');
    expect(ok.ok && ok.config.rateLimit.maxTrackedUsers).toBe(100_000);
    const bad = applySettings(config(), { osc: [{ host: '127.0.0.1', port: 70000 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors[0]).toMatchObject({ path: 'osc.0.port' });
  });
});
