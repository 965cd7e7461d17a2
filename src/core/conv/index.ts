/** The Conv Lab's pure core: PyTorch-exact shapes, coverage, the layer stack tracer and a float64 reference. */
export * from './conv-config.js';
export * from './conv-errors.js';
export * from './conv-output-shape.js';
export * from './kernel-coverage.js';
export * from './axis-lines.js';
export * from './transposed-conv-stages.js';
export * from './seed-examples.js';
export * from './layer-spec.js';
export * from './layer-parser.js';
export * from './layer-format.js';
export * from './layer-errors.js';
export * from './pool-output-shape.js';
export * from './upsample-output-shape.js';
export * from './receptive-field.js';
export * from './layer-trace.js';
export * from './dcgan-presets.js';
export * from './reference-conv.js';
