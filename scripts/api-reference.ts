// npm run docs:api: writes docs/api-reference.md and the README's table of actions from the API's action tables.
import "@/scripts/node-entry";
import fs from "node:fs";
import path from "node:path";
import { referenceMarkdown, withReadmeActionTable } from "@/lib/openapi/reference-markdown";

const file = path.join(__dirname, "..", "docs", "api-reference.md");
fs.writeFileSync(file, referenceMarkdown());
console.log(`wrote ${path.relative(process.cwd(), file)}`);

const readme = path.join(__dirname, "..", "README.md");
fs.writeFileSync(readme, withReadmeActionTable(fs.readFileSync(readme, "utf8")));
console.log(`wrote the table of actions in ${path.relative(process.cwd(), readme)}`);
