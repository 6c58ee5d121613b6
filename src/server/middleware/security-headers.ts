import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response. The CSP allows scripts and styles from this origin only — no inline
 * script, no eval — so markdown that slipped past sanitising still could not run code.
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'same-origin',
    // Served over plain HTTP on loopback; HSTS belongs to whatever proxy adds TLS.
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
  });
}
