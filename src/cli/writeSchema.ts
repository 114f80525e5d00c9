/**
 * `npm run scenario:schema`: writes scenarios/schema.json and scenarios/campaign.schema.json
 * from the zod schema, so editors autocomplete scenario files. A test checks they are current.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_DIR } from './files';
import { scenarioJsonSchema, campaignJsonSchema } from '../core/scenario';

writeFileSync(join(SCENARIO_DIR, 'schema.json'), JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
writeFileSync(join(SCENARIO_DIR, 'campaign.schema.json'), JSON.stringify(campaignJsonSchema(), null, 2) + '\n');
console.log('wrote scenarios/schema.json and scenarios/campaign.schema.json');
