/**
 * Times compute passes on the GPU with `timestamp-query` where the device has it; otherwise
 * `measure` falls back to wall-clock time around submit → onSubmittedWorkDone, and says so.
 */
export class GpuTimer {
  private readonly querySet: GPUQuerySet | null;
  private readonly resolve: GPUBuffer | null;
  private readonly result: GPUBuffer | null;
  /** The measurement in flight: the next waits for it, since they share the result buffer. */
  private previous: Promise<unknown> = Promise.resolve();

  constructor(private readonly device: GPUDevice) {
    const enabled = device.features.has('timestamp-query');
    this.querySet = enabled ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
    this.resolve = enabled
      ? device.createBuffer({
          size: 16,
          usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
        })
      : null;
    this.result = enabled
      ? device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST })
      : null;
  }

  get usesTimestamps(): boolean {
    return this.querySet !== null;
  }

  /** The `timestampWrites` for a compute pass whose time `measure` should report, if available. */
  passTimestamps(): GPUComputePassTimestampWrites | undefined {
    if (!this.querySet) return undefined;
    return { querySet: this.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 };
  }

  /**
   * Records passes with `encode` (which should pass `passTimestamps()` to the one pass it times),
   * submits them and resolves to the elapsed seconds.
   */
  measure(encode: (encoder: GPUCommandEncoder) => void): Promise<number> {
    const next = this.previous.then(
      () => this.measureNow(encode),
      () => this.measureNow(encode),
    );
    this.previous = next;
    return next;
  }

  private async measureNow(encode: (encoder: GPUCommandEncoder) => void): Promise<number> {
    const encoder = this.device.createCommandEncoder({ label: 'timed' });
    encode(encoder);
    if (this.querySet && this.resolve && this.result) {
      encoder.resolveQuerySet(this.querySet, 0, 2, this.resolve, 0);
      encoder.copyBufferToBuffer(this.resolve, 0, this.result, 0, 16);
      this.device.queue.submit([encoder.finish()]);
      await this.result.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigUint64Array(this.result.getMappedRange().slice(0));
      this.result.unmap();
      return Math.max(0, Number(end - begin)) / 1e9;
    }
    const start = performance.now();
    this.device.queue.submit([encoder.finish()]);
    await this.device.queue.onSubmittedWorkDone();
    return (performance.now() - start) / 1e3;
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.result?.destroy();
  }
}
