/** A form field's error, tied to its input by id so screen readers announce it. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="error" id={id} role="alert">
      {message}
    </p>
  );
}
