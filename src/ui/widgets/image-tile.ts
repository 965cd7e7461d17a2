/**
 * Draws pixels stretched over a box: smoothed for a sampled picture, sharp
 * for a grid whose cells must stay distinct.
 */
export function drawImageTile(
  ctx: CanvasRenderingContext2D,
  image: ImageData,
  [left, top, width, height]: [number, number, number, number],
  smooth: boolean,
): void {
  const tile = document.createElement('canvas');
  tile.width = image.width;
  tile.height = image.height;
  // CPU-backed, like the plots' canvases (canvas-sizer.ts).
  tile.getContext('2d', { willReadFrequently: true })?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(tile, left, top, width, height);
}
