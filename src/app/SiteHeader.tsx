import type { ReactNode } from 'react';
import { parseRoute, table1Href } from './route';

export interface SiteHeaderProps {
  className?: string;
  children?: ReactNode;
}

/** The book's header bar: the brand linking home, the link to Table 1, then whatever the page adds. */
export function SiteHeader({ className, children }: SiteHeaderProps) {
  const onTable = typeof location !== 'undefined' && parseRoute(location.search).kind === 'table';
  return (
    <header className={className ? `site-header ${className}` : 'site-header'}>
      <a className="brand" href="./">
        BLR Explorable
      </a>
      <a className="site-nav" href={table1Href()} aria-current={onTable ? 'page' : undefined}>
        Table 1
      </a>
      {children}
    </header>
  );
}
