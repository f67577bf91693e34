// The app's Content-Security-Policy: no inline script or style, no eval; EHR origins from
// smart-config for framing and for FHIR/auth calls. Sent as an HTTP header (frame-ancestors is
// ignored in a <meta> policy).
import type { AppConfig } from './registrations.ts';

export function contentSecurityPolicy(config: AppConfig): string {
  const unique = (xs: string[]) => [...new Set(xs)];
  const ancestors = unique(config.registrations.flatMap((r) => r.frameAncestors));
  const connect = unique(config.registrations.flatMap((r) => r.connectSrc));
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    `frame-ancestors ${ancestors.length ? ancestors.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
