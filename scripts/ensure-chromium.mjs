// Before the tests: the system Chromium (browser tests) and the Vulkan loader with SwiftShader's
// driver (GPU tests through Dawn) must be present. On Debian as root they are installed with
// apt-get; anywhere else this says exactly what to install and stops.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';

function hasVulkanLoader() {
  try {
    return execSync('ldconfig -p', { encoding: 'utf8', maxBuffer: 1 << 24 }).includes(
      'libvulkan.so.1',
    );
  } catch {
    return false;
  }
}

const missing = [];
if (!existsSync(chromium) || !existsSync(swiftshader)) missing.push('chromium');
if (!hasVulkanLoader()) missing.push('libvulkan1');

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log(
      `Installing ${missing.join(' ')} with apt-get (needed by the browser and GPU tests)…`,
    );
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
      {
        stdio: 'inherit',
      },
    );
  } else {
    console.error(
      `The tests need ${missing.join(' and ')}: Debian's Chromium (its SwiftShader gives WebGPU without a GPU) ` +
        'and the Vulkan loader.\n' +
        `Install them with:  sudo apt-get install ${missing.join(' ')}\n` +
        "Elsewhere: any Chromium 113+ (set CHROMIUM_PATH to its binary) and your distribution's Vulkan loader.",
    );
    process.exit(1);
  }
}
