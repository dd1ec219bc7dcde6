// The streamer sets a value by hand (contract: setVariable): shaped like chat's, without limits or
// permissions. Pitch takes note names as viewers type them; everything else a number in the chat range.
import { useState, type FormEvent } from 'react';
import { mutate } from '../api/engine';
import { parseNumberField } from '../lib/forms';
import { midiOfNoteName } from '../../../shared/music';
import type { VariableView } from '../../../shared/domain';

export function valueFromText(
  type: VariableView['type'],
  text: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  if (type === 'pitch') {
    const midi = midiOfNoteName(t);
    if (midi !== null) return { ok: true, value: midi };
  }
  if (type === 'gate' && /^(on|off)$/i.test(t)) return { ok: true, value: t.toLowerCase() === 'on' ? 1 : 0 };
  const n = parseNumberField(t);
  if (!n.ok) return { ok: false, message: n.message };
  if (n.value === undefined) return { ok: false, message: 'type a value' };
  return { ok: true, value: n.value };
}

export function SetValue(props: {
  name: string;
  type: VariableView['type'];
  min: number;
  max: number;
  onDone(): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const placeholder =
    props.type === 'pitch' ? 'C4 or 60' : props.type === 'gate' ? 'on / off' : `${props.min}–${props.max}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = valueFromText(props.type, text);
    if (!parsed.ok) return setError(parsed.message);
    setBusy(true);
    const result = await mutate((api) => api.setVariable({ name: props.name, value: parsed.value }), {
      quiet: true,
    });
    setBusy(false);
    if (result.ok) props.onDone();
    else setError(result.error);
  }

  return (
    <form className="set-value" onSubmit={submit} noValidate data-testid={`set-form-${props.name}`}>
      <input
        autoFocus
        value={text}
        placeholder={placeholder}
        aria-label={`New value for ${props.name}`}
        aria-invalid={error ? true : undefined}
        data-testid={`set-input-${props.name}`}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => e.key === 'Escape' && props.onDone()}
      />
      <button
        className="btn small primary"
        type="submit"
        disabled={busy}
        data-testid={`set-send-${props.name}`}
      >
        Send
      </button>
      <button className="btn small ghost" type="button" onClick={props.onDone}>
        Cancel
      </button>
      {error && (
        <span className="field-error" role="alert" data-testid={`set-error-${props.name}`}>
          {error}
        </span>
      )}
    </form>
  );
}
