/**
 * The book's stylesheet adapted to a shadow root: custom properties set on `:root` go on
 * `:host`, and `rem` (which inside a shadow root still means the HOST page's root font size)
 * becomes `--blr-rem`, a fixed size set by the element, except in @media / @container
 * conditions, where var() is not allowed.
 */
export function shadowCss(css: string): string {
  return css
    .replace(/:root\b/g, ':host')
    .replace(/@(?:media|container)[^{]*\{|(\d*\.?\d+)rem\b/g, (m, n: string | undefined) => (n ? `calc(${n} * var(--blr-rem))` : m));
}
