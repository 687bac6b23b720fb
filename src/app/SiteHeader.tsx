import type { ReactNode } from 'react';
import { rootPrefix, table1Href } from './route';

export interface SiteHeaderProps {
  className?: string;
  children?: ReactNode;
  /** The page is Table 1 (its link is then marked as the current page). */
  onTable?: boolean;
}

/**
 * The book's header bar: the brand linking home, the link to Table 1, the search button (wired
 * by src/app/search.ts; `/` opens it too), then whatever the page adds.
 */
export function SiteHeader({ className, children, onTable = false }: SiteHeaderProps) {
  return (
    <header className={className ? `site-header ${className}` : 'site-header'}>
      <a className="brand" href={rootPrefix()}>
        BLR Explorable
      </a>
      <a className="site-nav" href={table1Href()} aria-current={onTable ? 'page' : undefined}>
        Table 1
      </a>
      {children}
      <button type="button" className="search-button" data-search-open aria-keyshortcuts="/" aria-haspopup="dialog">
        Search <kbd aria-hidden="true">/</kbd>
      </button>
    </header>
  );
}
