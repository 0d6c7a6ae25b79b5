// Draws the demo campaign's default photo (a cup of coffee on a warm background) so the demo
// needs no binary file in the repository.
import { PhotonImage } from '@cf-wasm/photon/node';

const SIZE = 1080;

function mix(a, b, t) {
  return Math.round(a + (b - a) * t);
}

function pixelAt(x, y) {
  const dx = x - SIZE / 2;
  const dy = y - SIZE * 0.55;
  const cup = (dx / 300) ** 2 + (dy / 220) ** 2;
  const coffee = (dx / 250) ** 2 + ((dy + 120) / 70) ** 2;
  const saucer = (dx / 420) ** 2 + ((dy - 200) / 90) ** 2;
  const t = (x + y) / (2 * SIZE);

  if (coffee < 1) return [mix(70, 40, coffee), mix(40, 22, coffee), 18];
  if (cup < 1 && dy > -120) return [mix(250, 215, cup), mix(246, 205, cup), mix(238, 190, cup)];
  if (saucer < 1) return [mix(235, 200, saucer), mix(228, 190, saucer), mix(220, 175, saucer)];
  return [mix(214, 120, t), mix(140, 62, t), mix(82, 38, t)];
}

/** The demo default photo as JPEG bytes. */
export function demoPhotoJpeg() {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = pixelAt(x, y);
      const i = (y * SIZE + x) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = 255;
    }
  }

  const image = new PhotonImage(rgba, SIZE, SIZE);
  const jpeg = image.get_bytes_jpeg(88);
  image.free();
  return jpeg;
}
