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
  tile.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(tile, left, top, width, height);
}
