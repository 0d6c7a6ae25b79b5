import { describe, expect, it } from 'vitest';
import { keepDrawable } from '../../src/render/fonts';

describe('keepDrawable', () => {
  it('keeps Western European text as it is', () => {
    expect(keepDrawable('Très bien, señor! Größe 42 — “perfect” café, 20 € ™')).toBe(
      'Très bien, señor! Größe 42 — “perfect” café, 20 € ™',
    );
  });

  it('keeps the base letter of an accented letter the fonts do not have', () => {
    expect(keepDrawable('Świetny sklep, źdźbło, Łódź')).toBe('Swietny sklep, zdzblo, Lódz');
  });

  it('drops emoji and scripts the fonts do not cover, and the spaces they leave', () => {
    expect(keepDrawable('Love it 👍🏽 ❤️ 中文 ok')).toBe('Love it ok');
  });

  it('flattens line breaks and runs of spaces into single spaces', () => {
    expect(keepDrawable('  first line\n\nsecond\tline  ')).toBe('first line second line');
  });
});
