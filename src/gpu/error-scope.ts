/** A WebGPU validation or out-of-memory error that production code caught in an error scope. */
export class GpuOperationError extends Error {
  override name = 'GpuOperationError';
}

/**
 * Runs `body` inside validation and out-of-memory error scopes, so that a failure the device
 * would only report on the console (and carry on, with invalid objects, to a result of zeros)
 * becomes a thrown GpuOperationError naming `what`. A GPU error wins over an error `body` threw,
 * which it usually caused. Keep `body` synchronous where other code may use the device meanwhile:
 * the scopes catch every error the device raises while they are open.
 */
export async function withErrorScopes<T>(
  device: GPUDevice,
  what: string,
  body: () => T | Promise<T>,
): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let value: T | undefined;
  let thrown: { error: unknown } | undefined;
  try {
    const returned = body();
    value = returned instanceof Promise ? await returned : returned;
  } catch (error) {
    thrown = { error };
  }
  const validation = device.popErrorScope();
  const memory = device.popErrorScope();
  const [validationError, memoryError] = await Promise.all([validation, memory]);
  if (validationError)
    throw new GpuOperationError(`${what}: WebGPU validation error: ${validationError.message}`);
  if (memoryError)
    throw new GpuOperationError(`${what}: the GPU is out of memory: ${memoryError.message}`);
  if (thrown) throw thrown.error;
  return value as T;
}
