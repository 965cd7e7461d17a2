/** What the status line, the CLI and the bench say about the adapter in use. */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software rasteriser (SwiftShader): timings then say nothing about a real GPU. */
  software: boolean;
}

export function summariseAdapter(adapter: GPUAdapter): AdapterSummary {
  const info = adapter.info;
  const vendor = info.vendor || 'unknown vendor';
  const architecture = info.architecture || 'unknown architecture';
  const software = architecture === 'swiftshader' || info.isFallbackAdapter === true;
  return {
    vendor,
    architecture,
    device: info.device || '',
    description: info.description || '',
    software,
  };
}

/** One line: "google swiftshader (SwiftShader driver 5.0.0, software)". */
export function adapterName(summary: AdapterSummary): string {
  const detail = [summary.description || summary.device, summary.software ? 'software' : '']
    .filter(Boolean)
    .join(', ');
  return `${summary.vendor} ${summary.architecture}${detail ? ` (${detail})` : ''}`;
}
