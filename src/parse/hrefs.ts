/** A link's target as written, %-escapes decoded; as written when they are malformed. */
export function decodeHref(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

/**
 * A target written with a site generator's template (`{{site.baseurl}}/images/…`, `{% link … %}`): it means
 * nothing outside that generator, so it is neither followed nor reported as broken.
 */
export function isTemplatedHref(href: string): boolean {
  return /\{\{|\{%/.test(decodeHref(href));
}
