/**
 * Where a figure lives when it is not simply on the book's page: a host (the `<blr-figure>`
 * element, a demo) can give its figures their initial state, keep them off the page's address
 * and hand them the engine pool to use. Without a provider: the page's query, URL sync on, and
 * the page's shared pool.
 */
import { createContext } from 'react';
import type { EnginePool } from '../worker/pool';

export interface FigureHost {
  /** Initial state and classroom limits as `ID.name=value` parameters (default: the page's query string). */
  query?: URLSearchParams;
  /** Mirror settings into the page's address (default true). */
  syncUrl?: boolean;
  /** The engine pool (default: the page's shared pool). */
  pool?: EnginePool;
}

export const FigureHostContext = createContext<FigureHost | null>(null);
