/**
 * Greyscale pixel work for the image check, in plain TypeScript so it runs the same in workerd
 * and in Node. Only `greyscale` reads the decoded image; everything after it works on a copy a
 * few hundred pixels a side.
 */

/** Decoded pixels, 4 bytes a pixel (RGBA), rows top to bottom. */
export type RgbaImage = { width: number; height: number; data: Uint8Array | Uint8ClampedArray };

/** One brightness value a pixel, 0 to 255, rows top to bottom. */
export type GreyImage = { width: number; height: number; data: Float32Array };

/** Gradient of a greyscale image: x and y components and their length, per pixel. */
export type Gradients = {
  width: number;
  height: number;
  gx: Float32Array;
  gy: Float32Array;
  magnitude: Float32Array;
};

/**
 * Brightness (Rec. 601 weights, in 1/256 steps) averaged over the source pixels that fall in
 * each target pixel, `width` wide with the source's aspect ratio. Alpha is ignored: both images
 * are JPEG renders or platform recompressions, which have none. Never enlarges.
 */
export function greyscale(image: RgbaImage, width: number): GreyImage {
  const outWidth = Math.max(1, Math.min(width, image.width));
  const outHeight = Math.max(1, Math.round((image.height * outWidth) / image.width));
  // Reading every pixel of a 1080 px photo to make a 256 px one is most of the check's cost; every
  // other pixel each way still averages about four per target pixel, enough against aliasing.
  const stride = Math.max(1, Math.floor(image.width / outWidth / 2));
  const column = new Int32Array(Math.ceil(image.width / stride));
  const columnCounts = new Uint32Array(outWidth);
  for (let k = 0; k < column.length; k++) {
    const target = Math.floor((k * stride * outWidth) / image.width);
    column[k] = target;
    columnCounts[target] = (columnCounts[target] ?? 0) + 1;
  }

  const sums = new Uint32Array(outWidth * outHeight);
  const rowCounts = new Uint32Array(outHeight);
  const { data } = image;
  for (let y = 0; y < image.height; y += stride) {
    const target = Math.floor((y * outHeight) / image.height);
    const row = target * outWidth;
    rowCounts[target] = (rowCounts[target] ?? 0) + 1;
    for (let k = 0, i = y * image.width * 4; k < column.length; k++, i += 4 * stride) {
      const cell = row + (column[k] ?? 0);
      const luma = 77 * (data[i] ?? 0) + 150 * (data[i + 1] ?? 0) + 29 * (data[i + 2] ?? 0);
      sums[cell] = (sums[cell] ?? 0) + luma;
    }
  }

  const grey = new Float32Array(outWidth * outHeight);
  for (let cell = 0; cell < grey.length; cell++) {
    const count =
      (columnCounts[cell % outWidth] ?? 0) * (rowCounts[Math.floor(cell / outWidth)] ?? 0);
    grey[cell] = (sums[cell] ?? 0) / (256 * (count || 1));
  }
  return { width: outWidth, height: outHeight, data: grey };
}

/** Half the size each way, each pixel the mean of a 2x2 block; an odd last row or column drops. */
export function halve(image: GreyImage): GreyImage {
  const width = Math.max(1, image.width >> 1);
  const height = Math.max(1, image.height >> 1);
  const data = new Float32Array(width * height);
  const source = image.data;

  for (let y = 0; y < height; y++) {
    const top = Math.min(2 * y, image.height - 1) * image.width;
    const bottom = Math.min(2 * y + 1, image.height - 1) * image.width;
    for (let x = 0; x < width; x++) {
      const left = Math.min(2 * x, image.width - 1);
      const right = Math.min(2 * x + 1, image.width - 1);
      data[y * width + x] =
        ((source[top + left] ?? 0) +
          (source[top + right] ?? 0) +
          (source[bottom + left] ?? 0) +
          (source[bottom + right] ?? 0)) /
        4;
    }
  }
  return { width, height, data };
}

/** One pass of the 1-4-6-4-1 binomial filter (a Gaussian of sigma 1) along rows or columns. */
function binomialPass(source: Float32Array, width: number, height: number, stepX: boolean) {
  const target = new Float32Array(source.length);
  const limit = stepX ? width : height;
  const stride = stepX ? 1 : width;

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = stepX ? x : y;
      const i = y * width + x;
      const m1 = at > 0 ? stride : 0;
      const m2 = at > 1 ? 2 * stride : m1;
      const p1 = at < limit - 1 ? stride : 0;
      const p2 = at < limit - 2 ? 2 * stride : p1;
      target[i] =
        ((source[i - m2] ?? 0) +
          4 * (source[i - m1] ?? 0) +
          6 * (source[i] ?? 0) +
          4 * (source[i + p1] ?? 0) +
          (source[i + p2] ?? 0)) /
        16;
    }
  }
  return target;
}

/**
 * Gradients after a light blur: the blur makes edge directions stable under JPEG noise and
 * resampling, which is what lets a recompressed 320 px thumbnail agree with the original.
 */
export function gradients(image: GreyImage): Gradients {
  const { width, height } = image;
  const smooth = binomialPass(binomialPass(image.data, width, height, true), width, height, false);
  const gx = new Float32Array(width * height);
  const gy = new Float32Array(width * height);
  const magnitude = new Float32Array(width * height);

  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const dx = ((smooth[i + 1] ?? 0) - (smooth[i - 1] ?? 0)) / 2;
      const dy = ((smooth[i + width] ?? 0) - (smooth[i - width] ?? 0)) / 2;
      gx[i] = dx;
      gy[i] = dy;
      magnitude[i] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  return { width, height, gx, gy, magnitude };
}
