import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Fonts are bundled from @fontsource-variable: the Google fonts loader would download them at build time.
const inter = localFont({ src: "./fonts/inter.woff2", variable: "--font-inter", display: "swap" });
const mono = localFont({ src: "./fonts/jetbrains-mono.woff2", variable: "--font-jetbrains", display: "swap" });

// Every page is rendered per request: its scripts carry the nonce of that response's CSP (proxy.ts), and a
// page prerendered at build time would have none, so the browser would refuse to run it.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Trailkeeper", template: "%s · Trailkeeper" },
  description: "Audit trail service and console",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${inter.variable} ${mono.variable}`}>
      <body className="min-h-screen font-sans text-sm">{children}</body>
    </html>
  );
}
