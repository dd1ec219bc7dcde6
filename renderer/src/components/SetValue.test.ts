import { describe, expect, it } from 'vitest';
import { valueFromText } from './SetValue';

describe('valueFromText', () => {
  it('takes what a viewer would type for each kind of variable', () => {
    expect(valueFromText('pitch', 'A4')).toEqual({ ok: true, value: 69 });
    expect(valueFromText('pitch', '60')).toEqual({ ok: true, value: 60 });
    expect(valueFromText('gate', 'On')).toEqual({ ok: true, value: 1 });
    expect(valueFromText('gate', 'off')).toEqual({ ok: true, value: 0 });
    expect(valueFromText('continuous', ' 12.5 ')).toEqual({ ok: true, value: 12.5 });
  });
  it('refuses anything else with a reason', () => {
    expect(valueFromText('continuous', 'A4')).toEqual({ ok: false, message: '"A4" is not a number' });
    expect(valueFromText('continuous', '')).toEqual({ ok: false, message: 'type a value' });
    expect(valueFromText('pitch', 'H2')).toEqual({ ok: false, message: '"H2" is not a number' });
  });
});
