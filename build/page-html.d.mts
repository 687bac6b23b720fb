export interface PageMeta { kind: string; path: string; title: string; description: string }
export function rootOf(path: string): string;
export function pageHtml(template: string, page: PageMeta, body: string, options?: { siteUrl?: string; preload?: string[] }): string;
export function sitemapXml(pages: PageMeta[], options?: { siteUrl?: string }): string;
