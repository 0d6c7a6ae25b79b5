/** Severity of a log line, in increasing order. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` as well, e.g. the request id. */
  with(fields: LogFields): Logger;
};

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names that may hold a credential. Their values never reach a log line, whatever the
// caller passed, so a careless `logger.info('store saved', store)` leaks nothing.
const SECRET_FIELD = /secret|token|password|key|authorization|cookie|credential/i;

function redact(fields: LogFields): LogFields {
  const safe: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(name) && !name.endsWith('Id')) safe[name] = '[redacted]';
    else if (value instanceof Error) safe[name] = { name: value.name, message: value.message };
    else safe[name] = value;
  }
  return safe;
}

/**
 * One JSON object per line, a constant message plus fields, so Workers Logs can index them.
 * This module is the only place in `src/` that writes to the console.
 */
export function createLogger(level: string | undefined, base: LogFields = {}): Logger {
  const threshold = LEVEL_RANK[(level as LogLevel) ?? 'info'] ?? LEVEL_RANK.info;

  const write = (lineLevel: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_RANK[lineLevel] < threshold) return;
    const line = JSON.stringify({
      level: lineLevel,
      message,
      time: new Date().toISOString(),
      ...redact({ ...base, ...fields }),
    });
    if (lineLevel === 'error') console.error(line);
    else if (lineLevel === 'warn') console.warn(line);
    else console.log(line);
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    with: (fields) => createLogger(level, { ...base, ...fields }),
  };
}
