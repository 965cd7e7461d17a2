/** Override constants of a compute pipeline (WGSL `override` declarations, set from TypeScript). */
export type OverrideConstants = Readonly<Record<string, number>>;

export interface ComputeProgram {
  /** A short name for error messages and GPU debuggers. */
  label: string;
  code: string;
  entryPoint?: string;
  constants?: OverrideConstants;
}

/**
 * Compute pipelines by shader text, entry point and override constants, built once with
 * createComputePipelineAsync (which compiles off the main thread) and shared after.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly modules = new Map<string, GPUShaderModule>();

  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.pipelines.size;
  }

  get(program: ComputeProgram): Promise<GPUComputePipeline> {
    const entryPoint = program.entryPoint ?? 'main';
    const constants = program.constants ?? {};
    const constantsKey = Object.keys(constants)
      .sort()
      .map((name) => `${name}=${constants[name]}`)
      .join(',');
    const key = `${entryPoint}|${constantsKey}|${program.code}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const descriptor: GPUComputePipelineDescriptor = {
        label: program.label,
        layout: 'auto',
        compute: { module: this.module(program), entryPoint, constants: { ...constants } },
      };
      pipeline = this.device.createComputePipelineAsync(descriptor);
      // A failed compile must not stay cached: the next call reports the error again.
      pipeline.catch(() => this.pipelines.delete(key));
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  private module(program: ComputeProgram): GPUShaderModule {
    let module = this.modules.get(program.code);
    if (!module) {
      module = this.device.createShaderModule({ label: program.label, code: program.code });
      this.modules.set(program.code, module);
    }
    return module;
  }
}
