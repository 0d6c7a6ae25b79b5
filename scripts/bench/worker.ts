// A Worker for scripts/bench-render.mjs only: it keeps uploaded photos in memory and renders
// post images (or one stage of the composite pipeline) on request, so that the script can time
// each request from outside workerd, whose clocks stand still during synchronous work.
import { PhotonImage, resize, SamplingFilter } from '@cf-wasm/photon/workerd';
import { fitPhoto, stack } from '../../src/render/photo';
import {
  type PostImageFormat,
  type PostImageInput,
  type RenderPipeline,
  renderPostImageAs,
} from '../../src/render/post-image';
import { cardSvg, type Raster, rasterise } from '../../src/render/rasterise';
import { BANNER_HEIGHT, bannerNode, PHOTO_HEIGHT, POST_WIDTH } from '../../src/render/template';

const photos = new Map<string, Uint8Array>();

const CONTENT = {
  rating: 4,
  comment:
    'Ordered the linen shirt on Monday and it was here by Wednesday. The fabric is soft, the ' +
    'fit is exactly as described and the little hand-written note in the parcel made my day. ' +
    'Will definitely be back for the trousers!',
  storeName: 'Linen & Loom',
  colors: { background: '#1f1235', accent: '#ff8e3c', text: '#ffffff' },
};

async function render(photo: Uint8Array, params: URLSearchParams): Promise<Response> {
  const pipeline = (params.get('pipeline') ?? 'composite') as RenderPipeline;
  const format = (params.get('format') ?? 'jpeg') as PostImageFormat;
  const input: PostImageInput = { photo, ...CONTENT };

  const image = await renderPostImageAs(input, pipeline, format);

  if (params.has('download')) {
    return new Response(image.bytes, { headers: { 'content-type': image.contentType } });
  }
  return Response.json({ bytes: image.bytes.length });
}

// Each stage on its own, with the same inputs as inside the composite pipeline.
const STAGES: Record<string, (photo: Uint8Array) => Promise<unknown> | unknown> = {
  'satori (banner svg)': () => cardSvg(bannerNode(CONTENT), BANNER_HEIGHT, CONTENT),
  'resvg (banner raster)': async () =>
    rasterise(await cardSvg(bannerNode(CONTENT), BANNER_HEIGHT, CONTENT)),
  'photon decode': (photo) => PhotonImage.new_from_byteslice(photo).free(),
  'decode + fit (js resize)': (photo) => fitPhoto(photo, POST_WIDTH, PHOTO_HEIGHT),
  'decode + photon resize': (photo) => {
    const decoded = PhotonImage.new_from_byteslice(photo);
    resize(decoded, POST_WIDTH, PHOTO_HEIGHT, SamplingFilter.Triangle).free();
    decoded.free();
  },
  'jpeg q90 encode': () => encodeCard((image) => image.get_bytes_jpeg(90)),
  'png encode': () => encodeCard((image) => image.get_bytes()),
};

// The finished card's pixels, kept so the encoders can be timed alone.
let card: Raster | undefined;
async function prepareCard(photo: Uint8Array) {
  const banner = rasterise(await cardSvg(bannerNode(CONTENT), BANNER_HEIGHT, CONTENT));
  card = stack(fitPhoto(photo, POST_WIDTH, PHOTO_HEIGHT), banner);
}

function encodeCard(encode: (image: PhotonImage) => Uint8Array) {
  if (!card) throw new Error('call /prepare first');
  const image = new PhotonImage(card.pixels, card.width, card.height);
  encode(image);
  image.free();
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const photo = photos.get(url.searchParams.get('photo') ?? '');
    if (url.pathname === '/empty') return Response.json({});
    if (url.pathname === '/photo' && request.method === 'PUT') {
      photos.set(url.searchParams.get('id') ?? '', new Uint8Array(await request.arrayBuffer()));
      return Response.json({ stored: photos.size });
    }
    if (!photo) return new Response('unknown photo', { status: 404 });
    if (url.pathname === '/render') return render(photo, url.searchParams);
    if (url.pathname === '/prepare') {
      await prepareCard(photo);
      return Response.json({});
    }

    const stage = STAGES[url.searchParams.get('stage') ?? ''];
    if (url.pathname !== '/stage' || !stage) return new Response('not found', { status: 404 });
    await stage(photo);
    return Response.json({});
  },
} satisfies ExportedHandler;
