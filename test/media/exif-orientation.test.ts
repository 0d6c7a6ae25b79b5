import { describe, expect, it } from 'vitest';
import { readJpegOrientation } from '../../src/media/exif-orientation';
import { exifPayload, withApp1, withExif } from '../fixtures/media/exif-fixtures';
import { concat, encodePhoto, latin1 } from '../fixtures/media/photo-fixtures';

const PHOTO = encodePhoto('jpeg', 16, 8);

describe('readJpegOrientation', () => {
  it.each(['II', 'MM'] as const)('reads the orientation tag in %s byte order', (byteOrder) => {
    const bytes = withExif(PHOTO, { orientation: 8, byteOrder, description: 'a shop window' });

    const orientation = readJpegOrientation(bytes);

    expect(orientation).toBe(8);
  });

  it('treats a photo without EXIF as upright', () => {
    const orientation = readJpegOrientation(PHOTO);

    expect(orientation).toBe(1);
  });

  it('treats an orientation outside 1 to 8 as upright', () => {
    const bytes = withExif(PHOTO, { orientation: 9 });

    const orientation = readJpegOrientation(bytes);

    expect(orientation).toBe(1);
  });

  it('ignores an APP1 segment that is XMP rather than EXIF', () => {
    const xmp = latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta tiff:Orientation="6"/>');

    const orientation = readJpegOrientation(withApp1(PHOTO, xmp));

    expect(orientation).toBe(1);
  });

  it('treats an IFD offset pointing past the segment as upright', () => {
    const payload = exifPayload({ orientation: 6 });
    // Bytes 10 to 13 of the payload are the TIFF header's IFD0 offset ("Exif\0\0" is 6 bytes).
    payload.set([0xff, 0xff, 0x00, 0x00], 10);

    const orientation = readJpegOrientation(withApp1(PHOTO, payload));

    expect(orientation).toBe(1);
  });

  it('treats an orientation stored with the wrong type as upright', () => {
    const payload = exifPayload({ orientation: 6 });
    // The only entry starts after the header (8) and the entry count (2); its type follows the tag.
    payload.set([4, 0], 6 + 8 + 2 + 2);

    const orientation = readJpegOrientation(withApp1(PHOTO, payload));

    expect(orientation).toBe(1);
  });

  it('stops at a segment cut short instead of reading past the file', () => {
    const bytes = concat(PHOTO.subarray(0, 2), [0xff, 0xe1, 0x40, 0x00], latin1('Exif\0\0II'));

    const orientation = readJpegOrientation(bytes);

    expect(orientation).toBe(1);
  });
});
