import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/logger';

afterEach(() => {
  vi.restoreAllMocks();
});

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const capture = (line: string) => lines.push(JSON.parse(line));
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  return lines;
}

describe('createLogger', () => {
  it('writes one JSON line with the message, the level and the bound fields', () => {
    const lines = captureLines();

    createLogger('info').with({ requestId: 'r1' }).info('store saved', { storeId: 's1' });

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', message: 'store saved', requestId: 'r1' }),
    ]);
    expect(lines[0]?.storeId).toBe('s1');
  });

  it('never writes the value of a field that may hold a secret', () => {
    const lines = captureLines();

    createLogger('info').warn('store saved', {
      accessToken: 'shpat_123',
      consumerSecret: 'cs_456',
      password: 'hunter2',
      credentialsKeyId: 'k1',
    });

    const text = JSON.stringify(lines);
    expect(text).not.toContain('shpat_123');
    expect(text).not.toContain('cs_456');
    expect(text).not.toContain('hunter2');
    expect(lines[0]?.credentialsKeyId).toBe('k1');
  });

  it('drops lines below the configured level', () => {
    const lines = captureLines();

    const logger = createLogger('warn');
    logger.info('routine');
    logger.error('broken');

    expect(lines.map((line) => line.message)).toEqual(['broken']);
  });
});
