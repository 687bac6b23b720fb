import type { ReactNode } from 'react';

export interface SiteHeaderProps {
  className?: string;
  children?: ReactNode;
}

/** The book's header bar: the brand linking home, then whatever the page adds. */
export function SiteHeader({ className, children }: SiteHeaderProps) {
  return (
    <header className={className ? `site-header ${className}` : 'site-header'}>
      <a className="brand" href="./">
        BLR Explorable
      </a>
      {children}
    </header>
  );
}
