/**
 * Getting pixels into the image view: the shipped photograph, and images the user opens, drops
 * or pastes — checked before anything runs, so a huge or broken file gets a message, not a hang.
 */

/** The shipped photograph (public/samples/README.md says where it comes from). */
export const SAMPLE_PHOTO_URL = `${import.meta.env.BASE_URL}samples/coffee.jpg`;

/** Larger than this on a side, the view offers to scale the image down first. */
export const OFFER_SIDE = 512;
/** Larger than this on a side, it must be scaled down: full size would take too long to run and draw. */
export const HARD_SIDE = 2048;
/** Files above this are refused before decoding. */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

export type DecodedImage =
  | { kind: 'ready'; name: string; pixels: ImageData }
  | { kind: 'large'; name: string; bitmap: ImageBitmap }
  | { kind: 'error'; message: string };

/** Pixels of a bitmap, scaled so its longer side is at most `maxSide` (never enlarged). */
export function bitmapPixels(bitmap: ImageBitmap, maxSide = Infinity): ImageData {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas to read the image with');
  ctx.drawImage(bitmap, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

export async function decodeImage(blob: Blob, name: string): Promise<DecodedImage> {
  if (blob.type && !blob.type.startsWith('image/'))
    return { kind: 'error', message: `${name} is not an image (its type is ${blob.type}).` };
  if (blob.size > MAX_FILE_BYTES)
    return {
      kind: 'error',
      message: `${name} is ${(blob.size / 2 ** 20).toFixed(0)} MiB; the lab takes images up to ${MAX_FILE_BYTES / 2 ** 20} MiB.`,
    };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return {
      kind: 'error',
      message: `${name} could not be read as an image: the file may be broken or in a format this browser does not decode.`,
    };
  }
  if (bitmap.width < 1 || bitmap.height < 1)
    return { kind: 'error', message: `${name} has no pixels.` };
  if (Math.max(bitmap.width, bitmap.height) > OFFER_SIDE) return { kind: 'large', name, bitmap };
  return { kind: 'ready', name, pixels: bitmapPixels(bitmap) };
}

export async function loadSamplePhoto(): Promise<ImageData> {
  const response = await fetch(SAMPLE_PHOTO_URL);
  if (!response.ok) throw new Error(`the sample photograph did not load (HTTP ${response.status})`);
  return bitmapPixels(await createImageBitmap(await response.blob()));
}
