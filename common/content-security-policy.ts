// The till page's Content-Security-Policy, in one place: the built page's meta tag (vite.config.ts), the browser-mode
// till service's header and the Electron session's header all use this string.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A meta tag cannot carry frame-ancestors (browsers ignore it there and warn in the console). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');
