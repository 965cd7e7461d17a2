import { describe, expect, it } from 'vitest';
import { embedLocation, gameEmbedCss, parseEmbedViews } from '../../src/ui/shell/embed.js';

describe('embed links', () => {
  it('reads the chosen views, in layout order; none known means all', () => {
    expect(parseEmbedViews('orbit,heatmap')).toEqual(['heatmap', 'orbit']);
    expect(parseEmbedViews(' Heatmap , nonsense ')).toEqual(['heatmap']);
    expect(parseEmbedViews('')).toHaveLength(9);
    expect(parseEmbedViews('all')).toHaveLength(9);
  });

  it('moves embed from the hash to the query string and drops presentation mode', () => {
    const { embed, url } = embedLocation(
      'https://example.org/talks/saddle/#/game?preset=consensus&present=1&x=lr,0.1,1,64,log&embed=heatmap,orbit',
    );
    expect(embed).toEqual(['heatmap', 'orbit']);
    expect(url).toBe(
      'https://example.org/talks/saddle/?embed=heatmap,orbit#/game?preset=consensus&x=lr,0.1,1,64,log',
    );
  });

  it('leaves a settled embed link and a plain link alone', () => {
    const settled = 'http://localhost:4173/?embed=orbit#/game?preset=consensus';
    expect(embedLocation(settled)).toEqual({ embed: ['orbit'], url: null });
    expect(embedLocation('http://localhost:4173/#/game?preset=consensus')).toEqual({
      embed: null,
      url: null,
    });
  });

  it('keeps other query parameters and a bare embed', () => {
    const { embed, url } = embedLocation('http://h/p/?lang=en#/conv?embed');
    expect(embed).toHaveLength(9);
    expect(url).toBe('http://h/p/?lang=en&embed=#/conv');
  });

  it('hides every view not chosen and lays the chosen ones out in the frame', () => {
    const css = gameEmbedCss(['heatmap', 'orbit']);
    expect(css).toContain('.views .xy');
    expect(css).not.toMatch(/\.views \.heat[,\s]/);
    expect(css).toContain('repeat(2, minmax(0, 1fr))');
  });
});
