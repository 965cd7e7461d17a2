import { describe, expect, it } from 'vitest';
import { DriverNoiseFilter } from '../../src/cli/driver-noise.js';

const XDG = 'error: XDG_RUNTIME_DIR is invalid or not set in the environment.\n';
const VULKAN =
  'Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.\n' +
  ' - While initializing adapter (backend=BackendType::Vulkan)\n' +
  '    at InitializeImpl (/somewhere/dawn/src/dawn/native/vulkan/PhysicalDeviceVk.cpp:257)\n' +
  '\n';

function filtered(pieces: string[]): string {
  const filter = new DriverNoiseFilter();
  return pieces.map((p) => filter.push(p)).join('') + filter.end();
}

describe('DriverNoiseFilter', () => {
  it("drops Dawn's and the Vulkan loader's known noise and keeps the CLI's own lines", () => {
    const text = `${XDG}${XDG}${VULKAN}saddle-stride sweep: spec.json: lr: must be > 0\n${XDG}`;
    expect(filtered([text])).toBe('saddle-stride sweep: spec.json: lr: must be > 0\n');
  });

  it('keeps anything unexpected, a different warning and its context included', () => {
    const other = 'Warning: something new\n - While doing it\n\nerror: out of memory\n';
    expect(filtered([other])).toBe(other);
    expect(filtered([`${VULKAN}  odd line\n`])).toBe('  odd line\n');
  });

  it('works on text split anywhere, and passes a progress line on before its line end', () => {
    const text = `${XDG}${VULKAN}sweep: 25%\nsaddle-stride: done\n`;
    for (let cut = 0; cut <= text.length; cut++)
      expect(filtered([text.slice(0, cut), text.slice(cut)])).toBe(
        'sweep: 25%\nsaddle-stride: done\n',
      );
    const filter = new DriverNoiseFilter();
    expect(filter.push('\rsweep:  40%')).toBe('\rsweep:  40%');
    expect(filter.push('Warn')).toBe('');
    expect(filter.end()).toBe('Warn');
  });
});
