/** The space's form fields: a label over its input, the same markup the site's forms use. */
import type { ComponentChildren } from 'preact';

interface FieldProps<T> {
  id: string;
  label: string;
  value: T;
  onValue: (value: T) => void;
}

/** The frame of every field: its label, its input, and a hint under it when one is given. */
function Field(props: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint !== undefined && (
        <span id={`${props.id}-hint`} class="muted">
          {props.hint}
        </span>
      )}
    </div>
  );
}

/** A line of text, with a hint under it when one is given. */
export function TextField({
  id,
  label,
  value,
  onValue,
  maxLength,
  hint,
  list,
  autoComplete,
}: FieldProps<string> & {
  maxLength: number;
  hint?: string;
  list?: string;
  autoComplete?: string;
}) {
  return (
    <Field id={id} label={label} {...(hint !== undefined ? { hint } : {})}>
      <input
        id={id}
        type="text"
        required
        maxLength={maxLength}
        {...(list !== undefined ? { list } : {})}
        {...(autoComplete !== undefined ? { autoComplete } : {})}
        {...(hint !== undefined ? { 'aria-describedby': `${id}-hint` } : {})}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Field>
  );
}

/** A calendar day no later than `max`. */
export function DayField({
  id,
  label,
  value,
  onValue,
  min,
  max,
}: FieldProps<string> & { min?: string; max: string }) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="date"
        required
        {...(min !== undefined ? { min } : {})}
        max={max}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Field>
  );
}

/** A number from `min` to `max`; what is typed outside them is brought back within. */
export function NumberField({
  id,
  label,
  value,
  onValue,
  min,
  max,
  step = 1,
}: FieldProps<number> & { min: number; max: number; step?: number }) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="number"
        required
        min={min}
        max={max}
        step={step}
        inputMode={step < 1 ? 'decimal' : 'numeric'}
        value={value}
        onChange={(event) => onValue(bounded(event.currentTarget.value, min, max))}
      />
    </Field>
  );
}

function bounded(text: string, min: number, max: number): number {
  const n = Number(text);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}
