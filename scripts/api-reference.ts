// npm run docs:api: writes docs/api-reference.md from the API's action tables.
import "@/scripts/node-entry";
import fs from "node:fs";
import path from "node:path";
import { referenceMarkdown } from "@/lib/openapi/reference-markdown";

const file = path.join(__dirname, "..", "docs", "api-reference.md");
fs.writeFileSync(file, referenceMarkdown());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
