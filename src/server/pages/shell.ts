import {
  type Html,
  html,
  type PageContent,
  renderDocument,
  serverUrls,
  type SiteUrls,
} from '../../render/html/index.js';

export const URLS: SiteUrls = serverUrls('/');

/** The server's own static files, beside the renderer's (`site.css`, `filter.js`). */
export const SERVER_ASSETS = ['server.css', 'editor.js'] as const;
export type ServerAsset = (typeof SERVER_ASSETS)[number];

export interface ServerPage extends PageContent {
  readonly scripts?: readonly Exclude<ServerAsset, 'server.css'>[];
}

/** The shared layout shell, with the server's "New review" nav item, stylesheet and scripts. */
export function serverDocument(page: ServerPage): string {
  return renderDocument(page, {
    urls: URLS,
    extraNav: [{ key: 'new', label: 'New review', href: '/new' }],
    styles: [URLS.asset('server.css')],
    scripts: (page.scripts ?? []).map((name) => URLS.asset(name)),
  });
}

/** The hidden field every form of the server carries (see middleware/csrf.ts). */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="csrf" value="${token}" />`;
}

export function messagePage(title: string, message: string, back?: { href: string; label: string }): string {
  return serverDocument({
    title,
    main: html`<h1>${title}</h1>
      <p>${message}</p>
      ${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ''}`,
  });
}
