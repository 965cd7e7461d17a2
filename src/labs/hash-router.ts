/** What the router needs of the page: the location hash, replaceState, and `hashchange`. */
export interface HashPage {
  readonly location: { readonly hash: string };
  readonly history: {
    readonly state: unknown;
    replaceState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

export type HashListener = (hash: string) => void;

/**
 * The page's location hash, shared by the shell and both labs' stores: one `hashchange` listener
 * for the whole app (attached while anyone listens), and writes that replace the current entry
 * so that typing does not flood the history.
 */
export class HashRouter {
  private readonly listeners = new Set<HashListener>();
  private readonly onHashChange = () => {
    const hash = this.hash;
    for (const listener of [...this.listeners]) listener(hash);
  };

  constructor(private readonly page: HashPage) {}

  get hash(): string {
    return this.page.location.hash;
  }

  /** Hears every hash reached by hand, by a link, or through back/forward (not our own writes). */
  subscribe(listener: HashListener): () => void {
    if (this.listeners.size === 0) this.page.addEventListener('hashchange', this.onHashChange);
    this.listeners.add(listener);
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0)
        this.page.removeEventListener('hashchange', this.onHashChange);
    };
  }

  /** Shows `hash` in the address bar without a new history entry (and without `hashchange`). */
  replace(hash: string): void {
    if (hash === this.hash) return;
    this.page.history.replaceState(this.page.history.state, '', hash);
  }
}

let pageRouter: HashRouter | null = null;

/** The router of this page's window. */
export function pageHashRouter(): HashRouter {
  pageRouter ??= new HashRouter(window);
  return pageRouter;
}
