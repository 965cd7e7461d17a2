/** Saves a canvas as a PNG file through the browser's download. */
export function downloadCanvasPng(canvas: HTMLCanvasElement, filename: string): void {
  canvas.toBlob((blob) => {
    if (blob) downloadBlob(blob, filename);
  }, 'image/png');
}

/**
 * Saves text (CSV, JSON) as a file through the browser's download; a large file comes as pieces,
 * since all of it may not fit in one string.
 */
export function downloadText(text: string | BlobPart[], filename: string, type: string): void {
  downloadBlob(new Blob(typeof text === 'string' ? [text] : text, { type }), filename);
}

/** Saves a blob (a PNG, a video) as a file through the browser's download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has started from the link; the URL can go once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
