import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';

/** A parsed form body: text fields and files, repeated names as arrays with `all`. */
export type Body = Record<string, string | File | (string | File)[]>;

/** A form's text fields; files and repeated names are left to routes that expect them. */
export type FormFields = Record<string, string | undefined>;

const GARBLED =
  'The form arrived incomplete, so nothing was saved. Reload the page and send it again.';

/**
 * The body of a posted form (urlencoded or multipart; anything else reads as empty). A body the
 * form parser cannot read (multipart cut off, or without its boundary) is refused with 400.
 */
export async function readBody(c: Context<AppEnv>, options?: { all: boolean }): Promise<Body> {
  try {
    return await c.req.parseBody(options);
  } catch (error) {
    // Response.formData() rejects malformed bodies with a TypeError; anything else is ours.
    if (error instanceof TypeError) throw new HTTPException(400, { message: GARBLED });
    throw error;
  }
}

/** The text fields of a parsed body; a file sent where text is expected counts as absent. */
export function textFields(body: Body): FormFields {
  const form: FormFields = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') form[key] = value;
  }
  return form;
}

/** The text fields of a posted form. */
export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  return textFields(await readBody(c));
}

/** The file of a field, when a non-empty one was sent. */
export function fileOf(body: Body, name: string): File | undefined {
  const file = [body[name]].flat().find((item): item is File => item instanceof File);
  return file && file.size > 0 ? file : undefined;
}

// The largest text form (a sandbox caption of 2,200 graphemes, up to 4 bytes each, or a store's
// credentials) is under 16 KiB; four times that is still nothing a Worker notices.
const TEXT_FORM_MAX_BYTES = 64 * 1024;

/**
 * The body limit of forms without files, checked before anything is read, so a body of many
 * megabytes is refused instead of filling the isolate's memory.
 */
export const textFormLimit = bodyLimit({
  maxSize: TEXT_FORM_MAX_BYTES,
  onError: () => {
    throw new HTTPException(413, {
      message:
        'This form is far larger than anything it asks for, so nothing was saved. Reload the ' +
        'page and send it again.',
    });
  },
});
