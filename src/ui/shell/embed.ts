/**
 * Embed mode: any shareable link plus `embed=heatmap,orbit` (at the end of the hash, or as the
 * page's query string) shows just those views of the Game Lab, without the app's chrome, sized to
 * its frame — for a slide deck or a blog's `<iframe>`. `embed` with no list (or `embed=all`)
 * keeps every view and drops only the chrome; the Conv Lab embeds whole, without the chrome.
 */

/** The Game Lab's views an embed can choose, in the order they are laid out. */
export const EMBED_VIEWS = [
  'heatmap',
  'playback',
  'orbit',
  'xy',
  'radius',
  'surface',
  'field',
  'theory',
  'eigen',
] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

function isEmbedView(name: string): name is EmbedView {
  return (EMBED_VIEWS as readonly string[]).includes(name);
}

/** The views an `embed` value names; none known (or `all`, or empty) means every view. */
export function parseEmbedViews(text: string): EmbedView[] {
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(isEmbedView);
  return names.length > 0 ? EMBED_VIEWS.filter((v) => names.includes(v)) : [...EMBED_VIEWS];
}

/** `?a=1&embed=x&b=2` → the value of `name` and the query without it (parameters kept verbatim). */
function takeParam(query: string, name: string): { value: string | null; rest: string } {
  let value: string | null = null;
  const kept = query.split('&').filter((part) => {
    if (part === '') return false;
    const key = decodeURIComponent(part.split('=')[0]);
    if (key !== name) return true;
    value = decodeURIComponent(part.slice(name.length + 1).replace(/\+/g, ' '));
    return false;
  });
  return { value, rest: kept.join('&') };
}

/**
 * Where the location asks for embed mode, the URL it should have instead (or null when it needs
 * no change): `embed` moves from the hash to the page's query string, where the labs, which
 * rewrite only the hash, leave it (so it survives their URL updates and a reload), and
 * presentation mode (`present=1`) is dropped, since its arrow keys would fight the host's deck.
 */
export function embedLocation(href: string): { embed: EmbedView[] | null; url: string | null } {
  const url = new URL(href);
  const hashAt = url.hash.indexOf('?');
  const hashPath = hashAt < 0 ? url.hash : url.hash.slice(0, hashAt);
  const fromHash = hashAt < 0 ? null : takeParam(url.hash.slice(hashAt + 1), 'embed');
  const fromSearch = takeParam(url.search.slice(1), 'embed');
  const text = fromHash?.value ?? fromSearch.value;
  if (text === null) return { embed: null, url: null };

  let hashQuery = fromHash?.rest ?? '';
  hashQuery = takeParam(hashQuery, 'present').rest;
  const search = [fromSearch.rest, `embed=${text.replace(/[^\w,-]/g, '')}`]
    .filter((p) => p !== '')
    .join('&');
  const next = `${url.origin}${url.pathname}?${search}${hashPath}${hashQuery ? `?${hashQuery}` : ''}`;
  return { embed: parseEmbedViews(text), url: next === href ? null : next };
}

// The Game Lab's element classes each view is drawn in (its template's; the embed end-to-end test
// fails if they change).
const VIEW_SELECTORS: Record<EmbedView, string> = {
  heatmap: '.heat',
  playback: '.playback',
  orbit: '.orbit',
  xy: '.xy',
  radius: '.radius',
  surface: '.surface',
  field: '.field',
  theory: '.theory',
  eigen: '.eigen',
};

/**
 * The style sheet the shell adds to the Game Lab's shadow root in embed mode: no title, presets,
 * controls or export buttons; the chosen views in a grid that fills the frame (one row of up to
 * three in a landscape frame, one column in a portrait one; two rows or columns from four views).
 */
export function gameEmbedCss(views: readonly EmbedView[]): string {
  const panels = views.filter((v) => v !== 'playback').length;
  const playback = views.includes('playback');
  const lines = Math.max(1, panels) <= 3 ? 1 : 2;
  const across = Math.max(1, Math.ceil(panels / lines));
  const grid = (columns: number, rows: number) => `
      grid-template-columns: repeat(${columns}, minmax(0, 1fr)) !important;
      grid-template-rows: ${playback ? 'auto ' : ''}repeat(${rows}, minmax(0, 1fr)) !important;`;
  const hidden = EMBED_VIEWS.filter((v) => !views.includes(v)).map(
    (v) => `.views ${VIEW_SELECTORS[v]}`,
  );
  return `
    :host { height: 100%; }
    .lab { display: flex; flex-direction: column; height: 100%; }
    .top, .explain, .controls, .panel > header > .actions { display: none !important; }
    .body { display: block !important; flex: 1; min-height: 0; margin: 0 !important; }
    .views {
      height: 100% !important;
      gap: 0.4rem !important;
      grid-template-areas: none !important;${grid(across, lines)}
    }
    @media (max-aspect-ratio: 1/1) {
      .views {${grid(lines, across)}
      }
    }
    .theory-pair, .time-pair { display: contents !important; }
    .views .panel, .views .playback { grid-area: auto !important; }
    .views .playback { grid-column: 1 / -1 !important; }
    ${hidden.length > 0 ? `${hidden.join(', ')} { display: none !important; }` : ''}
  `;
}

/** The reveal.js API method (its postMessage API) a presenter's key stands for. */
const DECK_KEYS: Record<string, string> = {
  ArrowRight: 'right',
  ArrowLeft: 'left',
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageDown: 'next',
  PageUp: 'prev',
};

/**
 * Keeps an embedded frame from swallowing the host deck's keys. A click in the frame (on a
 * heatmap cell, say) moves the keyboard focus into it, and the arrow keys or a clicker's
 * PageUp/PageDown would then reach the frame instead of the deck: in a frame, such keys are
 * handed to the host as reveal.js postMessage calls (`{"method":"right","args":[]}`), unless
 * the reader reached a view with Tab (then its arrow keys are its own) or is typing in a field.
 * Returns the function that removes the listeners.
 */
export function forwardDeckKeys(): () => void {
  if (window.parent === window) return () => undefined;
  let byPointer = true;
  const onPointerDown = () => (byPointer = true);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Tab') byPointer = false;
    const method = DECK_KEYS[event.key];
    if (!method || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLElement && target.isContentEditable)
    )
      return;
    const focusedView = target instanceof Element && target !== document.body;
    if (focusedView && !byPointer) return;
    event.preventDefault();
    event.stopPropagation();
    window.parent.postMessage(JSON.stringify({ method, args: [] }), '*');
  };
  window.addEventListener('pointerdown', onPointerDown, true);
  window.addEventListener('keydown', onKeyDown, true);
  return () => {
    window.removeEventListener('pointerdown', onPointerDown, true);
    window.removeEventListener('keydown', onKeyDown, true);
  };
}
