// The variable editor: a draft checked by the config schema as the streamer types, then by the engine.
// Errors from either side appear beside their field; nothing changes in the engine until a save succeeds.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { mutate } from '../api/engine';
import { NEW_VARIABLE } from '../store/types';
import {
  draftOf,
  rawVariableOf,
  NUMBER_FIELDS,
  TEXT_FIELDS,
  CHOICE_FIELDS,
  type VariableDraft,
} from '../lib/variableForm';
import { toFieldErrors, unplacedErrors, type FieldErrors } from '../lib/forms';
import { Field, Select } from './ui';
import { ROLES } from '../../../shared/domain';
import { SCALE_NAMES } from '../../../shared/music';

const TYPES = ['continuous', 'gate', 'trigger', 'pitch'] as const;
const MODES = ['last', 'mean', 'median', 'vote'] as const;
const ALL_FIELDS = [...NUMBER_FIELDS, ...TEXT_FIELDS, ...CHOICE_FIELDS];

export function VariableEditor() {
  const editing = useAppStore((s) => s.editing);
  if (editing === null) return null;
  return <EditorDialog key={editing} name={editing} />;
}

function EditorDialog({ name }: { name: string }) {
  const config = useAppStore((s) => s.config);
  const setEditing = useAppStore((s) => s.setEditing);
  const isNew = name === NEW_VARIABLE;
  const index = isNew || !config ? -1 : config.variables.findIndex((v) => v.name === name);
  const original = index >= 0 ? config!.variables[index]! : null;
  const [draft, setDraft] = useState<VariableDraft>(() => draftOf(original));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [shownErrors, setShownErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const close = () => setEditing(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Client-side errors appear once the streamer has tried to save, then update live as they fix them.
  const checked = useMemo(() => rawVariableOf(draft), [draft]);
  const errors: FieldErrors = { ...(shownErrors && !checked.ok ? checked.errors : {}), ...serverErrors };
  const set = (key: keyof VariableDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerErrors((e) => {
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
    setServerMessage(null);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setShownErrors(true);
    if (!checked.ok) return;
    setSaving(true);
    const result = await mutate(
      (api) => api.updateVariable({ index: index >= 0 ? index : null, variable: checked.raw }),
      { quiet: true },
    );
    setSaving(false);
    if (result.ok) return close();
    setServerErrors(toFieldErrors(result.fieldErrors, /^variables\.\d+\./));
    setServerMessage(result.error);
  }

  async function remove() {
    if (!confirmRemove) return setConfirmRemove(true);
    const result = await mutate((api) => api.removeVariable({ name }), { quiet: true });
    if (result.ok) close();
    else setServerMessage(result.error);
  }

  if (!isNew && !original) {
    return null; // removed while open (another dashboard, a file reload)
  }
  const type = draft.type as (typeof TYPES)[number];
  const placedElsewhere = unplacedErrors(serverErrors, ALL_FIELDS);
  const num = (key: (typeof NUMBER_FIELDS)[number], label: string, hint?: string) => (
    <Field
      label={label}
      testId={`field-${key}`}
      value={draft[key]}
      onChange={set(key)}
      error={errors[key]}
      inputMode="decimal"
      width="narrow"
      {...(hint ? { hint } : {})}
    />
  );
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={isNew ? 'New variable' : `Edit ${name}`}
        data-testid="variable-editor"
        onSubmit={save}
        noValidate
      >
        <header className="modal-head">
          <h2>{isNew ? 'New variable' : `Edit !${name}`}</h2>
          <button type="button" className="btn ghost" aria-label="Close" onClick={close}>
            ✕
          </button>
        </header>
        {(serverMessage || placedElsewhere.length > 0) && (
          <div className="form-error" role="alert" data-testid="editor-error">
            {placedElsewhere.length > 0 ? placedElsewhere.join('; ') : serverMessage}
          </div>
        )}
        <fieldset>
          <legend>Identity</legend>
          <Field
            label="Name"
            testId="field-name"
            value={draft.name}
            onChange={set('name')}
            error={errors.name}
            hint="what viewers type after the prefix"
            autoFocus={isNew}
          />
          <Field
            label="Aliases"
            testId="field-aliases"
            value={draft.aliases}
            onChange={set('aliases')}
            error={errors.aliases}
            hint="comma separated"
          />
          <Field
            label="OSC address"
            testId="field-address"
            value={draft.address}
            onChange={set('address')}
            error={errors.address}
          />
          <Select
            label="Type"
            testId="field-type"
            value={type}
            options={TYPES}
            onChange={set('type')}
            error={errors.type}
          />
        </fieldset>
        <fieldset>
          <legend>Range</legend>
          {num('min', 'Chat min')}
          {num('max', 'Chat max')}
          {num('default', 'Default')}
          {num('outMin', 'Output min')}
          {num('outMax', 'Output max')}
          <Select
            label="Curve"
            testId="field-curve"
            value={draft.curve as 'lin' | 'exp'}
            options={['lin', 'exp'] as const}
            onChange={set('curve')}
            error={errors.curve}
          />
          <Select
            label="Out of range"
            testId="field-outOfRange"
            value={draft.outOfRange as 'clamp' | 'reject'}
            options={['clamp', 'reject'] as const}
            onChange={set('outOfRange')}
            error={errors.outOfRange}
          />
        </fieldset>
        <fieldset>
          <legend>Behaviour</legend>
          <Select
            label="Mode"
            testId="field-mode"
            value={draft.mode as (typeof MODES)[number]}
            options={MODES}
            onChange={set('mode')}
            error={errors.mode}
            labels={{ last: 'last (anarchy)', vote: 'vote (democracy)' }}
          />
          {draft.mode !== 'last' && num('windowMs', 'Window ms')}
          {num('slewMs', 'Slew ms')}
          {num('cooldownMs', 'Cooldown ms')}
          <Select
            label="Who may use it"
            testId="field-permission"
            value={draft.permission as (typeof ROLES)[number]}
            options={ROLES}
            onChange={set('permission')}
            error={errors.permission}
          />
          {type === 'trigger' && num('pulseMs', 'Pulse ms')}
        </fieldset>
        {type === 'pitch' && (
          <fieldset>
            <legend>Pitch</legend>
            <Select
              label="Scale"
              testId="field-scale"
              value={draft.scale}
              options={SCALE_NAMES as readonly string[]}
              onChange={set('scale')}
              error={errors.scale}
            />
            <Field
              label="Root"
              testId="field-root"
              value={draft.root}
              onChange={set('root')}
              error={errors.root}
              width="narrow"
            />
            {num('gain', 'Gain', 'V/oct calibration')}
            {num('offset', 'Offset')}
          </fieldset>
        )}
        <footer className="modal-foot">
          {!isNew && (
            <button
              type="button"
              className={`btn ${confirmRemove ? 'danger' : 'ghost'}`}
              data-testid="editor-remove"
              onClick={remove}
            >
              {confirmRemove ? 'Really remove?' : 'Remove variable'}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn" data-testid="editor-cancel" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn primary" data-testid="editor-save" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </div>
  );
}
