import type { GameLabStore } from '../../labs/game/game-lab-store.js';
import { slideLayout, slidePlaysGame } from '../../labs/game/game-slides.js';
import { spacePlays, type SlideDeck } from '../widgets/slide-presentation.js';

/**
 * The Game Lab's deck for presentation mode (SlidePresentation): the guided presets as slides,
 * Space plays or pauses the slide's game, and a slide with a one-game view plays its game from
 * the start when it opens.
 */
export function gameSlideDeck(store: GameLabStore): SlideDeck {
  return {
    presenting: () => store.view.presenting,
    setPresenting: (on) => store.setPresenting(on),
    step: (direction) => store.stepPreset(direction),
    opened: () => {
      if (!slidePlaysGame(slideLayout(store.view.preset))) return;
      store.setPlayhead(0);
      store.setPlaying(true);
    },
    key: spacePlays(store),
  };
}
