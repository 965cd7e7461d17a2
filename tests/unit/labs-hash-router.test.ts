import { describe, expect, it } from 'vitest';
import { HashRouter } from '../../src/labs/hash-router.js';
import { FakePage } from './helpers/fake-page.js';

describe('hash router', () => {
  it('listens to the page once, however many subscribe, and only while someone does', () => {
    const page = new FakePage('#/game');
    const router = new HashRouter(page);
    const heard: string[] = [];
    const stopA = router.subscribe((hash) => heard.push(`a ${hash}`));
    const stopB = router.subscribe((hash) => heard.push(`b ${hash}`));
    expect(page.listenerCount).toBe(1);
    page.navigate('#/conv');
    expect(heard).toEqual(['a #/conv', 'b #/conv']);
    stopA();
    expect(page.listenerCount).toBe(1);
    stopB();
    expect(page.listenerCount).toBe(0);
    page.navigate('#/game');
    expect(heard).toHaveLength(2);
  });

  it('replaces the current entry without telling its listeners', () => {
    const page = new FakePage('#/conv');
    const router = new HashRouter(page);
    const heard: string[] = [];
    router.subscribe((hash) => heard.push(hash));
    router.replace('#/conv?tab=stack');
    router.replace('#/conv?tab=stack');
    expect(router.hash).toBe('#/conv?tab=stack');
    expect(page.replacements).toEqual(['#/conv?tab=stack']);
    expect(heard).toEqual([]);
  });
});
