import { describe, expect, it } from 'vitest';
import { parseNumberField, toFieldErrors, unplacedErrors } from './forms';
import { draftOf, rawVariableOf } from './variableForm';
import { settingsDraftOf, settingsPatchOf } from './settingsForm';
import { parseConfig, variableSchema, type Config } from '../../../shared/config';

const config: Config = (() => {
  const r = parseConfig({
    osc: [{ host: '127.0.0.1', port: 7400 }],
    variables: [
      { name: 'cutoff', aliases: ['cut'], address: '/cv/cutoff', min: 0, max: 100, default: 50, slewMs: 200 },
      { name: 'pitch', type: 'pitch', address: '/cv/pitch', scale: 'minor', root: 'A' },
    ],
  });
  if (!r.ok) throw new Error('bad test config');
  return r.config;
})();

describe('parseNumberField', () => {
  it('takes plain decimals and treats empty as not given', () => {
    expect(parseNumberField(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseNumberField('-0.5')).toEqual({ ok: true, value: -0.5 });
    expect(parseNumberField('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseNumberField('')).toEqual({ ok: true, value: undefined });
  });
  it('refuses what Number() would quietly accept or mangle', () => {
    for (const bad of ['abc', '0x10', 'Infinity', 'NaN', '1,5', '--5', '5 5'])
      expect(parseNumberField(bad)).toEqual({ ok: false, message: `"${bad}" is not a number` });
    expect(parseNumberField('1e999')).toEqual({ ok: false, message: 'number is too large' });
  });
});

describe('variable form', () => {
  it('round-trips every field of a config variable unchanged', () => {
    for (const v of config.variables) {
      const r = rawVariableOf(draftOf(v));
      expect(r.ok).toBe(true);
      if (r.ok) expect(variableSchema.parse(r.raw)).toEqual(v);
    }
  });

  it('reports number syntax and schema errors by field', () => {
    const d = { ...draftOf(config.variables[0]!), max: 'abc', address: 'cv cutoff', root: 'H' };
    const r = rawVariableOf(d);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.max).toBe('"abc" is not a number');
      expect(r.errors.address).toMatch(/starts with \//);
      expect(r.errors.root).toMatch(/note name/);
    }
    const r2 = rawVariableOf({ ...draftOf(config.variables[0]!), max: '-1' });
    expect(!r2.ok && r2.errors.max).toBe('max must be greater than min');
  });

  it('a new variable starts from a draft the schema accepts once named', () => {
    const r = rawVariableOf({ ...draftOf(null), name: 'drive', address: '/cv/drive' });
    expect(r.ok).toBe(true);
  });
});

describe('settings form', () => {
  it('turns the draft into the patch the engine expects (percent → fraction)', () => {
    const d = { ...settingsDraftOf(config), errorRateWarnPct: '2', globalPerSec: '400' };
    const r = settingsPatchOf(d, config);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.patch.alerts?.errorRateWarn).toBeCloseTo(0.02);
      expect(r.patch.rateLimit?.global.perSec).toBe(400);
      expect(r.patch.osc).toEqual([{ host: '127.0.0.1', port: 7400 }]);
    }
  });

  it('puts each error on its config path', () => {
    const d = settingsDraftOf(config);
    const bad = settingsPatchOf({ ...d, osc: [{ host: '127.0.0.1', port: '70000' }] }, config);
    expect(!bad.ok && bad.errors['osc.0.port']).toBe('port must be 1–65535');
    const text = settingsPatchOf({ ...d, osc: [{ host: ' ', port: 'x' }], retentionDays: '' }, config);
    expect(!text.ok && text.errors).toEqual({
      'osc.0.port': '"x" is not a number',
      'analytics.retentionDays': 'required',
    });
    const prefix = settingsPatchOf({ ...d, prefix: '' }, config);
    expect(!prefix.ok && prefix.errors.prefix).toBe('prefix must not be empty');
    const order = settingsPatchOf({ ...d, p95WarnMs: '20', p95CritMs: '10' }, config);
    expect(!order.ok && order.errors['alerts.p95CritMs']).toBe('critical must be above warning');
  });

  it('maps engine field errors and lists the ones no field shows', () => {
    const errors = toFieldErrors(
      [
        { path: 'variables.3.max', message: 'too big' },
        { path: 'variables.3.max', message: 'second' },
        { path: '(root)', message: 'broken' },
      ],
      /^variables\.\d+\./,
    );
    expect(errors).toEqual({ max: 'too big', '(root)': 'broken' });
    expect(unplacedErrors(errors, ['max'])).toEqual(['broken']);
  });
});
