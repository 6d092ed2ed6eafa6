import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Fonts are bundled from @fontsource-variable: the Google fonts loader would download them at build time.
const inter = localFont({ src: "./fonts/inter.woff2", variable: "--font-inter", display: "swap" });
const mono = localFont({ src: "./fonts/jetbrains-mono.woff2", variable: "--font-jetbrains", display: "swap" });

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
