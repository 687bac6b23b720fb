/**
 * The settings a figure starts from, the book's usual values: the `default` column of the
 * settings table (settings.ts SETTINGS). Every figure's defaults spread them and override what
 * the figure needs (figures.tsx, figures-conjugate.tsx, figures-inference.tsx,
 * MixtureFigure.tsx, BinaryFigure.tsx).
 */
import { BOOK_DEFAULTS, type FigureSettings } from './settings';

export const DEFAULT_SETTINGS: FigureSettings = BOOK_DEFAULTS;
