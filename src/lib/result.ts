/**
 * The outcome of an operation that can fail in an expected way. Expected failures (a paused
 * campaign, a taken username) are values the caller must look at; exceptions are kept for bugs
 * and infrastructure faults.
 */
export type Result<T, Reason extends string = string> =
  | { ok: true; value: T }
  | { ok: false; reason: Reason; message: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = <Reason extends string>(
  reason: Reason,
  message: string,
): { ok: false; reason: Reason; message: string } => ({ ok: false, reason, message });
