/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Alibaba Cloud SDKs call `<endpoint>/?…`: /openapi/ must be served, not redirected to /openapi.
  skipTrailingSlashRedirect: true,
  // Ingestion bodies may be up to 5 MB; the route handler enforces the limit itself.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
};

module.exports = nextConfig;
