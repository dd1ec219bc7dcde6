// Small building blocks shared by the panels.
import { useEffect, useId, useState, type ReactNode } from 'react';

export function Panel(props: {
  title: string;
  testId: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId} aria-label={props.title}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** A labelled input with its error beside it (announced to screen readers, found by tests by id). */
export function Field(props: {
  label: string;
  testId: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  width?: 'narrow' | 'wide';
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <label className={`field ${props.width ?? ''} ${props.error ? 'has-error' : ''}`} htmlFor={id}>
      <span className="field-label">{props.label}</span>
      <input
        id={id}
        data-testid={props.testId}
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error ? (
        <span className="field-error" id={`${id}-err`} role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="field-hint">{props.hint}</span>
      ) : null}
    </label>
  );
}

export function Select<T extends string>(props: {
  label: string;
  testId: string;
  value: T;
  options: readonly T[];
  onChange(value: T): void;
  error?: string | undefined;
  labels?: Partial<Record<T, string>>;
}) {
  const id = useId();
  return (
    <label className={`field ${props.error ? 'has-error' : ''}`} htmlFor={id}>
      <span className="field-label">{props.label}</span>
      <select
        id={id}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
      {props.error && (
        <span className="field-error" role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </span>
      )}
    </label>
  );
}

/** Re-renders the caller every `ms` (for "3s ago" labels); one shared timer per component. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
