import { describe, expect, it } from 'vitest';
import type { GpuHandle } from '../../src/gpu/request-device.js';
import { GpuSession, type GpuState } from '../../src/labs/gpu-session.js';

/** A stand-in for a device: only what GpuSession touches (its lost promise and error events). */
function fakeHandle() {
  let lose: (info: { reason: string; message: string }) => void = () => {};
  const device = {
    lost: new Promise((resolve) => (lose = resolve)),
    addEventListener: () => {},
  };
  const handle = {
    device,
    summary: { vendor: 'acme', architecture: 'test', device: '', description: '', software: false },
  } as unknown as GpuHandle;
  return { handle, lose };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GPU session', () => {
  it('goes connecting → ready, naming the adapter', async () => {
    const { handle } = fakeHandle();
    const session = new GpuSession(async () => handle);
    const seen: GpuState['kind'][] = [];
    session.subscribe((state) => seen.push(state.kind));
    await session.connect();
    expect(seen).toEqual(['connecting', 'connecting', 'ready']);
    expect(session.state.kind === 'ready' && session.state.name).toBe('acme test');
    expect(session.device()).toBe(handle);
  });

  it('reports a lost device with its message, and reconnects to a new one', async () => {
    const first = fakeHandle();
    const second = fakeHandle();
    const handles = [first.handle, second.handle];
    const session = new GpuSession(async () => handles.shift()!);
    await session.connect();
    first.lose({ reason: 'unknown', message: 'driver reset' });
    await settle();
    expect(session.state).toEqual({
      kind: 'lost',
      message: 'The GPU device was lost: driver reset.',
    });
    expect(() => session.device()).toThrow('driver reset');
    await session.connect();
    expect(session.state.kind).toBe('ready');
    expect(session.device()).toBe(second.handle);
  });

  it('does not call a deliberate destroy() a loss', async () => {
    const { handle, lose } = fakeHandle();
    const session = new GpuSession(async () => handle);
    await session.connect();
    lose({ reason: 'destroyed', message: '' });
    await settle();
    expect(session.state.kind).toBe('ready');
  });

  it('says why when no device can be had', async () => {
    const session = new GpuSession(async () => {
      throw new Error('no adapter was granted');
    });
    await session.connect();
    expect(session.state).toEqual({ kind: 'unavailable', message: 'no adapter was granted' });
    expect(() => session.device()).toThrow('no adapter was granted');
  });
});
