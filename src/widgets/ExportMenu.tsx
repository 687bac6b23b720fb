/** Export of what a figure shows (issue 6): placeholder until the export menu lands. */
import type { FigureController } from './controller';
import type { FigureConfig } from './Figure';

export interface ExportMenuProps {
  id: string;
  controller: FigureController;
  config: FigureConfig;
}

export function ExportMenu(_props: ExportMenuProps) {
  return null;
}
