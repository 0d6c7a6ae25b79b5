import { afterEach, describe, expect, it, vi } from 'vitest';
import { FacebookAdapter } from '../../src/social/facebook';
import { mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FacebookAdapter', () => {
  it('sends every Facebook post to manual review without contacting Facebook', async () => {
    const { requests } = mockNetwork(() => new Response('never'));
    const adapter = new FacebookAdapter();

    const results = [
      await adapter.recentPosts(),
      await adapter.getPost(),
      await adapter.fetchImage(),
    ];

    for (const result of results) {
      expect(result).toEqual({
        ok: false,
        failure: { kind: 'unsupported', message: expect.stringContaining('reviewed by hand') },
      });
    }
    expect(requests).toHaveLength(0);
  });
});
