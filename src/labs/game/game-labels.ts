/** Short names of the sweepable fields, as axis titles and readouts show them. */
const LABELS: Readonly<Record<string, string>> = {
  lr: 'learning rate η',
  lrX: 'η of x',
  lrY: 'η of y',
  x0: 'start x₀',
  y0: 'start y₀',
  escapeRadius: 'escape radius R',
  'game.b': 'coupling b',
  'game.muX': 'μx',
  'game.muY': 'μy',
  'game.r1': 'R1 weight γ',
  'game.gp': 'GP weight γ',
  'game.g0': 'GP target g₀',
  'game.clip': 'clip c',
  'game.a': 'a',
  'method.beta': 'momentum β',
  'method.gamma': 'consensus γ',
  'method.lambda': 'SGA λ',
  'method.beta1': 'Adam β₁',
  'method.beta2': 'Adam β₂',
  'method.eps': 'Adam ε',
};

export function paramLabel(path: string): string {
  return LABELS[path] ?? path;
}
