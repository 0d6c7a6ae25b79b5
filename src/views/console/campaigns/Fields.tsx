import type { Child } from 'hono/jsx';
import { FieldError } from '../Form';

type Described = { name: string; hint?: Child; error?: string };

/** The ids a field's hint and error carry, and the `aria-describedby` that names them. */
function described({ name, hint, error }: Described) {
  const id = `field-${name}`;
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return { id, describedBy: ids.length > 0 ? ids.join(' ') : undefined };
}

function HintAndError({ name, hint, error }: Described) {
  return (
    <>
      {hint && (
        <p class="hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`field-${name}-error`} message={error} />
    </>
  );
}

type TextAreaProps = Described & { label: string; value?: string; rows?: number };

/** A labelled textarea with its hint and error. */
export function TextAreaField({ name, label, value, rows = 3, hint, error }: TextAreaProps) {
  const { id, describedBy } = described({ name, hint, error });
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {value ?? ''}
      </textarea>
      <HintAndError name={name} hint={hint} error={error} />
    </div>
  );
}

type Option = { value: string; label: string };
type SelectProps = Described & { label: string; value?: string; options: Option[] };

/** A labelled select with a first "Choose" option, so nothing is picked by accident. */
export function SelectField({ name, label, value, options, hint, error }: SelectProps) {
  const { id, describedBy } = described({ name, hint, error });
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        <option value="">Choose…</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      <HintAndError name={name} hint={hint} error={error} />
    </div>
  );
}

type ChoicesProps = Described & {
  legend: string;
  type: 'radio' | 'checkbox';
  options: Option[];
  checked: string[];
};

/** Radio buttons or checkboxes under one legend, with the group's hint and error. */
export function ChoiceGroup({ name, legend, type, options, checked, hint, error }: ChoicesProps) {
  const { describedBy } = described({ name, hint, error });
  return (
    <fieldset class="field" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div class="choices">
        {options.map((option) => (
          <label class="choice">
            <input
              type={type}
              name={name}
              value={option.value}
              checked={checked.includes(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <HintAndError name={name} hint={hint} error={error} />
    </fieldset>
  );
}

type CheckboxProps = Described & { label: string; checked: boolean };

/** One checkbox that sends "on" when ticked. */
export function CheckboxField({ name, label, checked, hint, error }: CheckboxProps) {
  const { id, describedBy } = described({ name, hint, error });
  return (
    <div class="field">
      <label class="choice" for={id}>
        <input
          id={id}
          type="checkbox"
          name={name}
          checked={checked}
          aria-describedby={describedBy}
        />
        <span>{label}</span>
      </label>
      <HintAndError name={name} hint={hint} error={error} />
    </div>
  );
}

type PhotoProps = { currentUrl: string | null; pendingKey: string | null; error?: string };

/** The default photo: the one in use (or waiting to be saved), and a file input to replace it. */
export function PhotoField({ currentUrl, pendingKey, error }: PhotoProps) {
  const hint = 'JPEG, PNG or WebP, up to 10 MB. Shoppers who bring no photo of their own get it.';
  const { id, describedBy } = described({ name: 'photo', hint, error });
  return (
    <div class="field">
      {currentUrl && (
        <figure class="current-photo">
          <img src={currentUrl} alt="Offered to shoppers who bring none of their own" width="160" />
          <figcaption class="muted">
            {pendingKey ? 'Uploaded: it is kept when you save.' : 'In use now.'} Choose a file to
            use another one.
          </figcaption>
        </figure>
      )}
      {pendingKey && <input type="hidden" name="pendingPhotoKey" value={pendingKey} />}
      <label for={id}>{currentUrl ? 'Use another photo' : 'Default photo'}</label>
      <input
        id={id}
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        data-downscale="1440"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      <HintAndError name="photo" hint={hint} error={error} />
    </div>
  );
}
