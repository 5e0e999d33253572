/**
 * A form shown again after a service refused one of its fields: the values typed are kept, and
 * the reason stands beside the field (tied to it by aria-describedby), in the reader's
 * language. The services throw the API's 400 naming the field by its API name; a form says
 * how that name reads among its inputs. The typed fields below are the label, the control and
 * the reason, written once.
 */
import type { VNode } from 'preact';
import { isPorchlightError } from '../../platform/errors.js';
import { errorMessage } from '../i18n/error-messages.js';
import type { PageContext } from '../page-context.js';
import type { FormFields } from './page-scope.js';

/** What a form is filled with when it is shown again. */
export interface FilledForm {
  values: FormFields;
  /** The refused field, by the form's input name, and why. */
  problem?: { field: string; code: string; message: string };
}

/**
 * The form to show again when saving it failed on one of its fields (a 400 naming a field);
 * undefined for any other failure, which the caller throws on to the error page.
 */
export function refusedForm(
  error: unknown,
  ctx: PageContext,
  values: FormFields,
  formField: (apiField: string) => string = (apiField) => apiField,
): FilledForm | undefined {
  if (!isPorchlightError(error) || error.status !== 400) return undefined;
  const field = error.details?.field;
  if (typeof field !== 'string') return undefined;
  const said = {
    code: error.code,
    message: error.message,
    ...(error.params !== undefined ? { params: error.params } : {}),
  };
  const message = errorMessage(ctx.locale, said);
  return { values, problem: { field: formField(field), code: error.code, message } };
}

/** A text value: the one typed when the form is shown again, else the record's. */
export function typed(filled: FilledForm | undefined, name: string, fallback = ''): string {
  const value = filled?.values[name];
  if (filled === undefined) return fallback;
  return typeof value === 'string' ? value : '';
}

/** The values typed of a repeated field (checkboxes), or undefined when not shown again. */
export function typedList(filled: FilledForm | undefined, name: string): string[] | undefined {
  if (filled === undefined) return undefined;
  const value = filled.values[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** The id of the reason beside a field. */
const problemId = (name: string) => `${name}-problem`;

/** The attributes that tie an input to its reason (and its hint, when it has one). */
export function problemAttributes(
  filled: FilledForm | undefined,
  name: string,
  hintId?: string,
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  const refused = filled?.problem?.field === name;
  const described = [hintId, refused ? problemId(name) : undefined].filter((d) => d !== undefined);
  return {
    ...(refused ? { 'aria-invalid': 'true' as const } : {}),
    ...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {}),
  };
}

/** The reason a field was refused, beside it; nothing for the other fields. */
export function FieldProblem({ filled, name }: { filled: FilledForm | undefined; name: string }) {
  if (filled?.problem?.field !== name) return null;
  return (
    <span class="problem" id={problemId(name)} data-problem-code={filled.problem.code}>
      {filled.problem.message}
    </span>
  );
}

/** A refused field not shown on the form (a rule about several fields): said at the top. */
export function FormProblem({
  filled,
  fields,
}: {
  filled: FilledForm | undefined;
  fields: readonly string[];
}) {
  const problem = filled?.problem;
  if (problem === undefined || fields.includes(problem.field)) return null;
  return (
    <p class="problem" role="alert" data-problem-code={problem.code}>
      {problem.message}
    </p>
  );
}

/** What a typed field is given besides its own attributes. */
interface TypedFieldProps {
  filled: FilledForm | undefined;
  name: string;
  label: string;
  /** The input's id; its name unless given. */
  id?: string;
  /** Words under the label, tied to the input. */
  hint?: string;
  /** The record's value, shown unless the form is shown again. */
  value?: string | undefined;
}

/** The attributes that tie a control to its hint and its reason. */
type Tie = ReturnType<typeof problemAttributes>;

/**
 * A labelled field of a form: the label (and its hint), the control with the value typed
 * or the record's, and the reason it was refused beside it, tied to the control.
 */
function TypedField({
  filled,
  name,
  label,
  id = name,
  hint,
  control,
}: TypedFieldProps & { control: (tie: Tie) => VNode }) {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {hint !== undefined && (
        <span id={hintId} class="muted">
          {hint}
        </span>
      )}
      {control(problemAttributes(filled, name, hintId))}
      <FieldProblem filled={filled} name={name} />
    </p>
  );
}

/** What a typed input passes on to its `<input>`. */
export interface InputAttributes {
  type?: 'text' | 'date' | 'time' | 'number' | 'tel' | 'email';
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  inputMode?: 'numeric' | 'text';
  autocomplete?: string;
}

/** A typed input of a form (see {@link TypedField}); other attributes go to the input. */
export function TypedInput(props: TypedFieldProps & InputAttributes) {
  const { filled, name, label, id = name, hint, value, ...input } = props;
  // One attribute bag: preact types each input `type` apart, and the type is a prop here.
  const control = (tie: Tie) => {
    const attributes: Record<string, unknown> = { id, name, ...input };
    return <input {...attributes} value={typed(filled, name, value)} {...tie} />;
  };
  return <TypedField {...props} control={control} />;
}

/** A typed text area of a form (see {@link TypedField}). */
export function TypedTextArea(props: TypedFieldProps & { rows: number; maxLength: number }) {
  const { filled, name, id = name, value, rows, maxLength } = props;
  const control = (tie: Tie) => (
    <textarea id={id} name={name} rows={rows} maxLength={maxLength} {...tie}>
      {typed(filled, name, value)}
    </textarea>
  );
  return <TypedField {...props} control={control} />;
}

/** A required choice of a form as radio buttons, with the reason it was refused. */
export function TypedChoice({
  filled,
  name,
  legend,
  options,
  chosen,
}: {
  filled: FilledForm | undefined;
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  /** The record's choice, checked unless the form is shown again. */
  chosen: string;
}) {
  const checked = typed(filled, name, chosen);
  return (
    <fieldset {...problemAttributes(filled, name)}>
      <legend>{legend}</legend>
      <FieldProblem filled={filled} name={name} />
      {options.map((o) => (
        <label>
          <input type="radio" name={name} value={o.value} required checked={checked === o.value} />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A menu of a form (see {@link TypedField}). */
export function TypedSelect(
  props: Omit<TypedFieldProps, 'value' | 'hint'> & {
    options: readonly { value: string; label: string }[];
    /** The record's choice, selected unless the form is shown again. */
    chosen: string;
  },
) {
  const { filled, name, id = name, options, chosen } = props;
  const selected = typed(filled, name, chosen);
  const control = (tie: Tie) => (
    <select id={id} name={name} {...tie}>
      {options.map((o) => (
        <option value={o.value} selected={selected === o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return <TypedField {...props} control={control} />;
}
