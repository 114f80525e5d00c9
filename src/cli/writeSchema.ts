/**
 * `npm run scenario:schema`: writes the JSON Schemas editors use to autocomplete the
 * project's files — scenarios/schema.json and campaign.schema.json from the scenario
 * format's zod schema, plan.schema.json and msel.schema.json from the exercise's (see
 * docs/exercise.md), sources.schema.json from the source registry's. A test checks they are current.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fail, argsError } from './common';
import { join } from 'node:path';
import { SCENARIO_DIR } from './files';
import { scenarioJsonSchema, campaignJsonSchema } from '../core/scenario';
import { mselJsonSchema, planJsonSchema } from '../exercise/plan';
import { sourcesJsonSchema } from '../core/sources';

/** Each schema file and what it is written from. */
export const SCHEMA_FILES: Record<string, () => object> = {
  'schema.json': scenarioJsonSchema,
  'campaign.schema.json': campaignJsonSchema,
  'plan.schema.json': planJsonSchema,
  'msel.schema.json': mselJsonSchema,
  'sources.schema.json': sourcesJsonSchema,
};

const USAGE = 'usage: npm run scenario:schema [-- --help]  (writes the JSON Schemas into scenarios/)';
let help = false;
try {
  help = parseArgs({ options: { help: { type: 'boolean', default: false } }, strict: true, allowPositionals: false }).values.help === true;
} catch (error) {
  fail(`${argsError(error)}\n${USAGE}`);
}
if (help) {
  console.log(USAGE);
  process.exit(0);
}
for (const [file, schema] of Object.entries(SCHEMA_FILES)) writeFileSync(join(SCENARIO_DIR, file), JSON.stringify(schema(), null, 2) + '\n');
console.log(`wrote ${Object.keys(SCHEMA_FILES).map((f) => `scenarios/${f}`).join(', ')}`);
