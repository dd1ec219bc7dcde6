// Settings: OSC targets (with a test send), chat prefix, rate limits, retention and alert thresholds.
// Checked with the config schema before sending; the engine checks again (and resolves OSC hosts), and
// its field errors land beside the same inputs. Nothing changes until a save succeeds.
import { useEffect, useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { mutate } from '../api/engine';
import { settingsDraftOf, settingsPatchOf, SETTINGS_PATHS, type SettingsDraft } from '../lib/settingsForm';
import { toFieldErrors, unplacedErrors, type FieldErrors } from '../lib/forms';
import { Field, Panel } from './ui';
import type { Config } from '../../../shared/config';

type NumericKey = keyof typeof SETTINGS_PATHS;

export function SettingsPanel() {
  const config = useAppStore((s) => s.config);
  if (!config)
    return (
      <Panel title="Settings" testId="settings-panel">
        <p className="empty">Waiting for the engine…</p>
      </Panel>
    );
  return <SettingsForm config={config} />;
}

function SettingsForm({ config }: { config: Config }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraftOf(config));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'saving'; text: string } | null>(null);

  // Follow config changes from elsewhere (a file reload, another dashboard) unless mid-edit.
  useEffect(() => {
    if (!dirty) setDraft(settingsDraftOf(config));
  }, [config, dirty]);

  const touch = (path: string) => {
    setDirty(true);
    setStatus(null);
    setErrors((e) => {
      const { [path]: _gone, ...rest } = e;
      return rest;
    });
  };
  const setNum = (key: NumericKey) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    touch(SETTINGS_PATHS[key]);
  };
  const setTarget = (i: number, part: 'host' | 'port') => (value: string) => {
    setDraft((d) => ({ ...d, osc: d.osc.map((t, j) => (j === i ? { ...t, [part]: value } : t)) }));
    touch(`osc.${i}.${part}`);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const checked = settingsPatchOf(draft, config);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ kind: 'error', text: 'Fix the highlighted fields; nothing was changed.' });
      return;
    }
    setStatus({ kind: 'saving', text: 'Saving…' });
    const result = await mutate((api) => api.updateSettings(checked.patch), { quiet: true });
    if (result.ok) {
      setErrors({});
      setDirty(false);
      setStatus({ kind: 'ok', text: 'Saved.' });
    } else {
      setErrors(toFieldErrors(result.fieldErrors));
      setStatus({ kind: 'error', text: `Not saved: ${result.error}` });
    }
  }

  const revert = () => {
    setDraft(settingsDraftOf(config));
    setDirty(false);
    setErrors({});
    setStatus(null);
  };

  const num = (key: NumericKey, label: string, hint?: string) => (
    <Field
      label={label}
      testId={`settings-${SETTINGS_PATHS[key]}`}
      value={draft[key]}
      onChange={setNum(key)}
      error={errors[SETTINGS_PATHS[key]]}
      inputMode="decimal"
      width="narrow"
      {...(hint ? { hint } : {})}
    />
  );
  const shownPaths = [
    'prefix',
    'osc',
    ...draft.osc.flatMap((_t, i) => [`osc.${i}.host`, `osc.${i}.port`, `osc.${i}`]),
    ...Object.values(SETTINGS_PATHS),
  ];
  const other = unplacedErrors(errors, shownPaths);

  return (
    <Panel title="Settings" testId="settings-panel" className="settings">
      <form onSubmit={save} noValidate className="settings-form">
        {other.length > 0 && (
          <div className="form-error" role="alert">
            {other.join('; ')}
          </div>
        )}
        <section className="settings-section">
          <h3>OSC targets</h3>
          <p className="section-hint">
            Every change is sent to each target as one float32. Max: <code>[udpreceive 7400]</code>.
          </p>
          {errors.osc && (
            <div className="field-error" data-testid="settings-osc-error">
              {errors.osc}
            </div>
          )}
          {draft.osc.map((t, i) => (
            <div className="target-row" key={i} data-testid={`osc-target-${i}`}>
              <Field
                label="Host"
                testId={`settings-osc.${i}.host`}
                value={t.host}
                onChange={setTarget(i, 'host')}
                error={errors[`osc.${i}.host`] ?? errors[`osc.${i}`]}
              />
              <Field
                label="Port"
                testId={`settings-osc.${i}.port`}
                value={t.port}
                onChange={setTarget(i, 'port')}
                error={errors[`osc.${i}.port`]}
                inputMode="numeric"
                width="narrow"
              />
              <button
                type="button"
                className="btn small ghost"
                aria-label={`Remove target ${i + 1}`}
                disabled={draft.osc.length === 1}
                onClick={() => {
                  setDraft((d) => ({ ...d, osc: d.osc.filter((_x, j) => j !== i) }));
                  touch(`osc.${i}`);
                }}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn small"
            data-testid="settings-add-target"
            onClick={() => {
              setDraft((d) => ({ ...d, osc: [...d.osc, { host: '127.0.0.1', port: '7400' }] }));
              touch('osc');
            }}
          >
            + Add target
          </button>
          <TestSend config={config} />
        </section>

        <section className="settings-section">
          <h3>Chat</h3>
          <Field
            label="Command prefix"
            testId="settings-prefix"
            value={draft.prefix}
            onChange={(v) => {
              setDraft((d) => ({ ...d, prefix: v }));
              touch('prefix');
            }}
            error={errors.prefix}
            width="narrow"
            hint="e.g. ! for !cutoff 70"
          />
        </section>

        <section className="settings-section">
          <h3>Rate limits</h3>
          <div className="field-row">
            {num('capacity', 'Per-user burst', 'commands a viewer can send at once')}
            {num('refillPerSec', 'Per-user refill / s')}
            {num('globalPerSec', 'Global cap / s')}
            {num('oscRateHz', 'OSC rate Hz', 'slew and window updates')}
          </div>
        </section>

        <section className="settings-section">
          <h3>Data</h3>
          {num('retentionDays', 'Keep analytics (days)')}
        </section>

        <section className="settings-section">
          <h3>Alert thresholds</h3>
          <div className="field-row">
            {num('p95WarnMs', 'P95 warning ms')}
            {num('p95CritMs', 'P95 critical ms')}
            {num('errorRateWarnPct', 'Error rate warning %')}
            {num('errorRateCritPct', 'Error rate critical %')}
            {num('memoryWarnMb', 'Memory warning MB')}
            {num('memoryCritMb', 'Memory critical MB')}
          </div>
        </section>

        <footer className="settings-foot">
          {status && (
            <span className={`save-status ${status.kind}`} data-testid="settings-status" role="status">
              {status.text}
            </span>
          )}
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            disabled={!dirty}
            onClick={revert}
            data-testid="settings-revert"
          >
            Revert
          </button>
          <button
            type="submit"
            className="btn primary"
            disabled={!dirty || status?.kind === 'saving'}
            data-testid="settings-save"
          >
            Save settings
          </button>
        </footer>
      </form>
    </Panel>
  );
}

/** Sends one value to an address on every saved target, for checking the patch's wiring. */
function TestSend({ config }: { config: Config }) {
  const [address, setAddress] = useState(config.variables[0]?.address ?? '/cv/test');
  const [value, setValue] = useState('0.5');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  async function send() {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v))
      return setResult({ ok: false, text: `"${value}" is not a number` });
    if (!/^\/\S*$/.test(address)) return setResult({ ok: false, text: 'an OSC address starts with /' });
    const r = await mutate((api) => api.sendTestValue({ address, value: v }), { quiet: true });
    setResult(r.ok ? { ok: true, text: `Sent ${v} to ${address}` } : { ok: false, text: r.error });
  }
  return (
    <div className="test-send">
      <h4>Send a test value</h4>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Address</span>
          <input
            list="osc-addresses"
            data-testid="test-address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            spellCheck={false}
          />
          <datalist id="osc-addresses">
            {config.variables.map((v) => (
              <option key={v.name} value={v.address} />
            ))}
          </datalist>
        </label>
        <Field
          label="Value"
          testId="test-value"
          value={value}
          onChange={setValue}
          inputMode="decimal"
          width="narrow"
        />
        <button type="button" className="btn" data-testid="test-send" onClick={send}>
          Send test value
        </button>
      </div>
      {result && (
        <div className={result.ok ? 'save-status ok' : 'field-error'} data-testid="test-result" role="status">
          {result.text}
        </div>
      )}
    </div>
  );
}
