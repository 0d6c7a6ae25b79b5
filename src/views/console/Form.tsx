import type { Child } from 'hono/jsx';
import { FieldError } from '../FieldError';

export { FieldError };

type TextFieldProps = {
  name: string;
  label: string;
  value?: string | number | null;
  error?: string;
  hint?: Child;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'color';
  autocomplete?: string;
  required?: boolean;
  min?: number;
  max?: number;
  step?: number | 'any';
  maxlength?: number;
};

/** A labelled input with its hint and its error, wired up with aria attributes. */
export function TextField(props: TextFieldProps) {
  const { name, label, value, error, hint, type = 'text', ...rest } = props;
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);

  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described.length ? described.join(' ') : undefined}
        {...rest}
      />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A message at the top of a form or page: a success note or an error not tied to a field. */
export function Flash({ kind, message }: { kind: 'ok' | 'error'; message: string | undefined }) {
  if (!message) return null;
  return (
    <p
      class={kind === 'ok' ? 'flash flash-ok' : 'flash flash-error'}
      role={kind === 'ok' ? 'status' : 'alert'}
    >
      {message}
    </p>
  );
}
