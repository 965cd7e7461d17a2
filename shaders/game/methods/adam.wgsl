// Adam on both players, the mirror of 'adam' in src/core/games/method-steps.ts.
// State: x, y, mX, mY, vX, vY, step (the step count t, exact in f32 up to 2^24).

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0, 0.0, 0.0, 0.0, 0.0, 0.0);
}

// m̂/(√v̂ + ε); with ε = 0 and no gradient yet both moments are 0 and the step is 0, not 0/0.
fn adam_direction(m_hat: f32, v_hat: f32, eps: f32) -> f32 {
  let denominator = sqrt(v_hat) + eps;
  return select(0.0, m_hat / denominator, denominator > 0.0);
}

// Kingma & Ba 2015, bias-corrected, one Adam per player, each moving by +m̂/(√v̂ + ε) of F.
// ss_pow (the expression prelude) keeps 0^t = 0 for β = 0, where WGSL's pow is undefined.
fn method_step(s: State, c: Cell) -> State {
  let beta1 = c.method_beta1;
  let beta2 = c.method_beta2;
  let eps = c.method_eps;
  let f = game_field(s.x, s.y, c);
  let t = s.step + 1.0;
  let m_x = beta1 * s.mX + (1.0 - beta1) * f.x;
  let m_y = beta1 * s.mY + (1.0 - beta1) * f.y;
  let v_x = beta2 * s.vX + (1.0 - beta2) * f.x * f.x;
  let v_y = beta2 * s.vY + (1.0 - beta2) * f.y * f.y;
  let c1 = 1.0 - ss_pow(beta1, t);
  let c2 = 1.0 - ss_pow(beta2, t);
  return State(
    project(s.x + lr_x(c) * adam_direction(m_x / c1, v_x / c2, eps), c),
    s.y + lr_y(c) * adam_direction(m_y / c1, v_y / c2, eps),
    m_x,
    m_y,
    v_x,
    v_y,
    t,
  );
}
