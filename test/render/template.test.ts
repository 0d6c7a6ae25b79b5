import { describe, expect, it } from 'vitest';
import { clampRating, tidyComment } from '../../src/render/template';

describe('clampRating', () => {
  it('rounds to a whole star between 1 and 5', () => {
    expect([0, 1, 2.4, 3.6, 5, 9, -3].map(clampRating)).toEqual([1, 1, 2, 4, 5, 5, 1]);
  });

  it('treats a rating that is not a number as one star', () => {
    expect(clampRating(Number.NaN)).toBe(1);
  });
});

describe('tidyComment', () => {
  it('is empty without a comment', () => {
    expect(tidyComment(null)).toBe('');
    expect(tidyComment('   ')).toBe('');
  });

  it('leaves a comment of ordinary length whole', () => {
    const comment = 'Arrived in two days and fits perfectly.';

    expect(tidyComment(comment)).toBe(comment);
  });

  it('cuts a very long comment and marks the cut with an ellipsis', () => {
    const long = 'word '.repeat(500);

    const tidy = tidyComment(long);

    expect(tidy.length).toBeLessThan(long.length / 4);
    expect(tidy.endsWith('…')).toBe(true);
    expect(long.startsWith(tidy.slice(0, -1))).toBe(true);
  });
});
