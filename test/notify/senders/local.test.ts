import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/lib/logger';
import { localSender } from '../../../src/notify/senders/local';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('localSender', () => {
  it('counts the email as sent under a local id and logs one line without the body', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const message = {
      to: 'alice@example.com',
      subject: 'Your code',
      html: '<p>SHARE-7KQ2M9</p>',
      text: 'Your code: SHARE-7KQ2M9',
      kind: 'code-active',
    };

    const outcome = await localSender(createLogger('info')).send(message, 'eml_1');

    expect(outcome).toEqual({ ok: true, providerMessageId: 'local-eml_1' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ outboxId: 'eml_1', kind: 'code-active' });
    expect(lines[0]).not.toContain('SHARE-7KQ2M9');
  });
});
