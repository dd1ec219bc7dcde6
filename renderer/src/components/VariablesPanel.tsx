// Every variable with its live value as a meter, its output, who set it last, and its controls.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { mutate } from '../api/engine';
import { fmtAgo, fmtOutput, fmtVariableValue } from '../lib/format';
import { Panel, useNow } from './ui';
import { NEW_VARIABLE } from '../store/types';
import { SetValue } from './SetValue';

export function VariablesPanel() {
  const names = useAppStore(useShallow((s) => s.snapshot?.variables.map((v) => v.name) ?? []));
  const setEditing = useAppStore((s) => s.setEditing);
  return (
    <Panel
      title="Variables"
      testId="variables-panel"
      className="variables"
      actions={
        <button className="btn small" data-testid="add-variable" onClick={() => setEditing(NEW_VARIABLE)}>
          + Add variable
        </button>
      }
    >
      {names.length === 0 ? (
        <p className="empty">Waiting for the engine…</p>
      ) : (
        <div className="variable-grid">
          {names.map((name, i) => (
            <VariableCard key={name} index={i} />
          ))}
        </div>
      )}
    </Panel>
  );
}

function VariableCard({ index }: { index: number }) {
  const v = useAppStore(
    useShallow((s) => {
      const x = s.snapshot?.variables[index];
      return x
        ? {
            name: x.name,
            type: x.type,
            address: x.address,
            aliases: x.aliases.join(', '),
            min: x.min,
            max: x.max,
            def: x.default,
            value: x.value,
            output: x.output,
            locked: x.locked,
            lastUser: x.lastUser,
            lastChangedAt: x.lastChangedAt,
          }
        : null;
    }),
  );
  const panic = useAppStore((s) => s.snapshot?.panic ?? false);
  const setEditing = useAppStore((s) => s.setEditing);
  const now = useNow(1000);
  const [setting, setSetting] = useState(false);
  if (!v) return null;

  const span = v.max - v.min || 1;
  const fraction = Math.min(1, Math.max(0, (v.value - v.min) / span));
  const defFraction = Math.min(1, Math.max(0, (v.def - v.min) / span));
  const shown = fmtVariableValue(v.type, v.value);
  return (
    <article
      className={`variable-card ${v.locked ? 'locked' : ''} ${panic ? 'frozen' : ''}`}
      data-testid={`variable-${v.name}`}
      data-locked={v.locked}
    >
      <header className="variable-head">
        <div>
          <h3 className="variable-name">!{v.name}</h3>
          <div className="variable-meta">
            <code>{v.address}</code>
            <span className="tag">{v.type}</span>
            {v.aliases && <span className="aliases">also {v.aliases}</span>}
          </div>
        </div>
        {v.locked && (
          <span className="lock-badge" data-testid={`locked-${v.name}`}>
            🔒 Locked
          </span>
        )}
      </header>
      <div className="variable-value">
        <span className="big" data-testid={`value-${v.name}`}>
          {shown}
        </span>
        <span className="output" title="Last value sent over OSC">
          → <span data-testid={`output-${v.name}`}>{fmtOutput(v.output)}</span>
        </span>
      </div>
      <div
        className={`meter ${v.type === 'gate' && v.value >= 0.5 ? 'on' : ''}`}
        role="meter"
        aria-label={`${v.name} value`}
        aria-valuemin={v.min}
        aria-valuemax={v.max}
        aria-valuenow={v.value}
        aria-valuetext={shown}
        data-testid={`meter-${v.name}`}
      >
        <div className="meter-fill" style={{ transform: `scaleX(${fraction})` }} />
        <div className="meter-default" style={{ left: `${defFraction * 100}%` }} title={`default ${v.def}`} />
      </div>
      <div className="meter-scale">
        <span>{fmtVariableValue(v.type, v.min)}</span>
        <span>{fmtVariableValue(v.type, v.max)}</span>
      </div>
      <footer className="variable-foot">
        <span className="last-user" data-testid={`last-user-${v.name}`}>
          {v.lastUser ? (
            <>
              set by <strong>{v.lastUser}</strong> {fmtAgo(v.lastChangedAt, now)}
            </>
          ) : (
            'not set yet'
          )}
        </span>
        <span className="variable-buttons">
          <button
            className="btn small"
            data-testid={`${v.locked ? 'unlock' : 'lock'}-${v.name}`}
            onClick={() =>
              mutate((api) =>
                v.locked ? api.unlockVariable({ name: v.name }) : api.lockVariable({ name: v.name }),
              )
            }
          >
            {v.locked ? 'Unlock' : 'Lock'}
          </button>
          <button
            className="btn small"
            data-testid={`reset-${v.name}`}
            onClick={() => mutate((api) => api.resetVariable({ name: v.name }))}
          >
            Reset
          </button>
          <button className="btn small" data-testid={`set-${v.name}`} onClick={() => setSetting((x) => !x)}>
            Set
          </button>
          <button className="btn small" data-testid={`edit-${v.name}`} onClick={() => setEditing(v.name)}>
            Edit
          </button>
        </span>
      </footer>
      {setting && (
        <SetValue name={v.name} type={v.type} min={v.min} max={v.max} onDone={() => setSetting(false)} />
      )}
    </article>
  );
}
