/** Copies `size` bytes of a GPU buffer (which needs COPY_SRC) to the CPU. */
export async function readBuffer(
  device: GPUDevice,
  source: GPUBuffer,
  size = source.size,
  offset = 0,
): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    label: 'readback staging',
    size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    const encoder = device.createCommandEncoder({ label: 'readback' });
    encoder.copyBufferToBuffer(source, offset, staging, 0, size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0);
  } finally {
    staging.destroy();
  }
}

/** A storage buffer filled with `data`, usable as kernel input and copy source. */
export function uploadBuffer(
  device: GPUDevice,
  data: ArrayBufferView,
  label: string,
  extraUsage = 0,
): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: Math.max(4, Math.ceil(data.byteLength / 4) * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage,
    mappedAtCreation: true,
  });
  new Uint8Array(buffer.getMappedRange()).set(
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  buffer.unmap();
  return buffer;
}
