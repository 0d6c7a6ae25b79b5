import { describe, expect, it } from 'vitest';
import { checkStatusMove, moveLabel, nextStatuses } from '../../src/domain/campaign-status';

const withPhoto = { defaultPhotoKey: 'defaults/ph_x.jpg' };

describe('checkStatusMove', () => {
  it('allows going live, pausing, resuming and ending', () => {
    expect(checkStatusMove({ ...withPhoto, status: 'draft' }, 'active').ok).toBe(true);
    expect(checkStatusMove({ ...withPhoto, status: 'active' }, 'paused').ok).toBe(true);
    expect(checkStatusMove({ ...withPhoto, status: 'paused' }, 'active').ok).toBe(true);
    expect(checkStatusMove({ ...withPhoto, status: 'active' }, 'ended').ok).toBe(true);
    expect(checkStatusMove({ ...withPhoto, status: 'paused' }, 'ended').ok).toBe(true);
  });

  it('keeps an ended campaign ended', () => {
    const move = checkStatusMove({ ...withPhoto, status: 'ended' }, 'active');

    expect(move).toMatchObject({ ok: false, reason: 'not_allowed' });
  });

  it('refuses to pause or end a draft', () => {
    expect(checkStatusMove({ ...withPhoto, status: 'draft' }, 'paused').ok).toBe(false);
    expect(checkStatusMove({ ...withPhoto, status: 'draft' }, 'ended').ok).toBe(false);
  });

  it('refuses to go live without a default photo', () => {
    const move = checkStatusMove({ status: 'paused', defaultPhotoKey: null }, 'active');

    expect(move).toMatchObject({ ok: false, reason: 'photo_required' });
  });
});

describe('buttons', () => {
  it('names each allowed move for the status it starts from', () => {
    const labels = (['draft', 'active', 'paused', 'ended'] as const).map((from) =>
      nextStatuses(from).map((to) => moveLabel(from, to)),
    );

    expect(labels).toEqual([['Go live'], ['Pause', 'End'], ['Resume', 'End'], []]);
  });
});
