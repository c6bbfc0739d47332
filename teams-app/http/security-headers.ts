import helmet from "helmet";

/**
 * Hosts allowed to frame the tabs: Teams (web, desktop, mobile) and the Microsoft 365 apps that host Teams apps
 * (Outlook, microsoft365.com). Nothing else may embed Council Hub, which stops click-jacking.
 */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.microsoft365.com",
  "https://*.skype.com",
] as const;

/**
 * Security headers for every response. `frame-ancestors` replaces X-Frame-Options (which cannot list several
 * hosts, and would stop Teams framing the tabs). Fluent UI injects its styles at runtime, hence `'unsafe-inline'`
 * for styles only; scripts must come from this host.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [...TEAMS_FRAME_ANCESTORS],
      },
    },
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}
