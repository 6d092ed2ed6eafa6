/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Ingestion bodies may be up to 5 MB; the route handler enforces the limit itself.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
};

module.exports = nextConfig;
