/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Alibaba Cloud SDKs call `<endpoint>/?…`: /openapi/ must be served, not redirected to /openapi.
  skipTrailingSlashRedirect: true,
  // Ingestion bodies may be up to 5 MB; the route handler enforces the limit itself.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // The headers that are the same on every response. The ones that depend on the request (the CSP with
  // its nonce, HSTS under HTTPS) are set by proxy.ts: lib/http/security-headers.ts says which is where.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
