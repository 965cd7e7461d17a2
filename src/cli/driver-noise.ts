/**
 * Lines Dawn and the Vulkan loader print on stderr from native code, where JavaScript cannot
 * silence them, and that mean nothing to a user: each starts a block that runs on through
 * Dawn's context lines (" - While …", "    at …") to a blank line. Anything else passes.
 */
const NOISE_HEADERS: readonly RegExp[] = [
  // The Wayland/X11 surface code, when the variable is unset (node-device.ts sets a valid one).
  /^error: XDG_RUNTIME_DIR is invalid or not set in the environment\.$/,
  // Dawn turning down Mesa's lavapipe (a CPU Vulkan driver it cannot use) before SwiftShader.
  /^Warning: Vulkan shaderUniform\*ArrayDynamicIndexing required\.$/,
];
const CONTEXT_LINE = /^( - |\s+at )/;

/**
 * Filters a stream of stderr text, known driver noise out: push() returns what may be shown now,
 * end() the rest. Text without a line end is passed on at once unless it may still turn out to
 * be noise (so a progress line redrawn with \r shows as it is drawn).
 */
export class DriverNoiseFilter {
  private pending = '';
  private inNoise = false;

  push(text: string): string {
    this.pending += text;
    let shown = '';
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (this.keep(line)) shown += `${line}\n`;
    }
    if (this.pending && !this.inNoise && !this.mayBeNoise(this.pending)) {
      shown += this.pending;
      this.pending = '';
    }
    return shown;
  }

  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest && this.keep(rest) ? rest : '';
  }

  private keep(line: string): boolean {
    if (NOISE_HEADERS.some((header) => header.test(line))) {
      this.inNoise = true;
      return false;
    }
    if (this.inNoise) {
      if (CONTEXT_LINE.test(line)) return false;
      this.inNoise = false;
      if (line === '') return false;
    }
    return true;
  }

  /** Whether a line without its end yet could still become a noise header. */
  private mayBeNoise(partial: string): boolean {
    return /^(e(r(r(o(r(:.*)?)?)?)?)?|W(a(r(n(i(n(g(:.*)?)?)?)?)?)?)?)$/.test(partial);
  }
}
