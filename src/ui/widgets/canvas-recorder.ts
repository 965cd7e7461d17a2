/**
 * Records a canvas as a WebM video with the browser's MediaRecorder: the caller draws each frame
 * (an animation driven from its first state to its last over a fixed length of wall time), the
 * recorder captures the canvas after each one. For a talk whose laptop has no WebGPU.
 */

/** The container and codecs tried, best first; the first the browser records is used. */
const VIDEO_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** The WebM type this browser can record, or null where it records none (or has no MediaRecorder). */
export function videoMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return VIDEO_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

export interface RecordOptions {
  /** The video's length in seconds: the animation runs from t = 0 to t = 1 over this much time. */
  seconds: number;
  /**
   * Draws the animation at `t` (0 … 1) on the canvas; the promise settles once the canvas shows
   * it. Called once a frame, and at t = 1 last.
   */
  frame: (t: number) => Promise<unknown> | void;
  /** Stops the recording; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Hears how far the recording is, 0 … 1, once a frame. */
  onProgress?: (t: number) => void;
}

interface CanvasTrack extends MediaStreamTrack {
  requestFrame?: () => void;
}

/**
 * Records `canvas` while `frame` draws the animation, and resolves with the WebM video. Frames
 * are captured when asked for (a frame after each draw, the still last frame included), so the
 * video lasts `seconds` even where the picture stops changing.
 */
export async function recordCanvas(
  canvas: HTMLCanvasElement,
  options: RecordOptions,
): Promise<Blob> {
  const mimeType = videoMimeType();
  if (!mimeType)
    throw new Error('this browser cannot record a WebM video (no MediaRecorder for it)');
  const { seconds, frame, signal, onProgress } = options;
  if (!(seconds > 0)) throw new Error(`a video must last more than 0 s, not ${seconds}`);
  signal?.throwIfAborted();

  await frame(0);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasTrack;
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 8_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start(1000);
  track.requestFrame?.();
  const start = performance.now();
  try {
    for (;;) {
      await nextFrame();
      signal?.throwIfAborted();
      const t = Math.min(1, (performance.now() - start) / (seconds * 1000));
      await frame(t);
      track.requestFrame?.();
      onProgress?.(t);
      if (t >= 1) break;
    }
  } finally {
    recorder.stop();
    for (const tr of stream.getTracks()) tr.stop();
    await stopped;
  }
  return new Blob(chunks, { type: mimeType.split(';')[0] });
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
