// Simultaneous GDA, the mirror of 'sim-gda' in src/core/games/method-steps.ts.
// State: x, y. Composed by src/gpu/game/game-kernel-source.ts after the game's field (game_field),
// the spec's Cell struct (lr_x, lr_y) and game-play.wgsl's helpers (project).

fn method_init(x0: f32, y0: f32, c: Cell) -> State {
  return State(x0, y0);
}

// x' = x + ηx·Fx(z), y' = y + ηy·Fy(z)
fn method_step(s: State, c: Cell) -> State {
  let f = game_field(s.x, s.y, c);
  return State(project(s.x + lr_x(c) * f.x, c), s.y + lr_y(c) * f.y);
}
