/** The "Embed" action of a figure (issue 6): placeholder until the embed work lands. */
import type { FigureController } from './controller';

export interface EmbedMenuProps {
  id: string;
  controller: FigureController;
}

export function EmbedMenu(_props: EmbedMenuProps) {
  return null;
}
