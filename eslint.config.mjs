// ESLint: Next's rules (core web vitals, TypeScript) plus the layering that keeps the code honest
// (docs/architecture.md "Layers"): app/ → components/ → lib/, never upwards; domain code never imports
// the demo generator (lib/seed); no import cycles. `npm test` runs it with zero warnings allowed.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const layer = (patterns, message) => ({ group: patterns, message });

const SEED = layer(["@/lib/seed/*", "@/lib/seed/**"], "Product code never imports the demo generator: product rules live in lib/catalog, lib/events, lib/config.");

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "e2e/.auth/**", "next-env.d.ts"] },
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      // A leading underscore says "unused on purpose" (a destructured field left out, an ignored argument).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read parsed JSON of no fixed shape by path (event bodies, API answers): `any` is the honest type there.
    files: ["tests/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [SEED] }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [layer(["@/app/*", "@/app/**"], "components/ never imports app/: routes compose components, not the other way round."), SEED] }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/seed/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(["@/app/*", "@/app/**"], "lib/ never imports app/."),
            layer(["@/components/*", "@/components/**"], "lib/ never imports components/ (bench and tests may)."),
            SEED,
          ],
        },
      ],
    },
  },
  {
    files: ["lib/seed/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [layer(["@/app/*", "@/app/**"], "lib/ never imports app/."), layer(["@/components/*", "@/components/**"], "lib/ never imports components/.")] }],
    },
  },
];

export default config;
