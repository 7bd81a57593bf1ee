import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envVarName } from '../common/config-schema';
import { JOB_MANAGER_CONFIG_SCHEMA } from '../jobmanager/config';
import { TASK_MANAGER_CONFIG_SCHEMA } from '../taskmanager/config';
import { CONFIGURATION_DOC, renderConfigurationDoc } from './config-docs';

describe('docs/configuration.md', () => {
  it('is what the schemas generate (run `npm run docs:config` after changing a schema)', () => {
    expect(fs.readFileSync(CONFIGURATION_DOC, 'utf8'), 'docs/configuration.md is stale: run `npm run docs:config`').toBe(renderConfigurationDoc());
  });

  it('lists every key of every process with its variable and default', () => {
    const doc = renderConfigurationDoc();
    for (const schema of [JOB_MANAGER_CONFIG_SCHEMA, TASK_MANAGER_CONFIG_SCHEMA])
      for (const [key, spec] of Object.entries(schema)) {
        const row = doc.split('\n').find((l) => l.startsWith(`| \`${key}\` |`) && l.includes(spec.description.replace(/\|/g, '\\|')));
        expect(row, key).toBeDefined();
        expect(row).toContain(`\`${envVarName(key)}\``);
        if (spec.default !== '') expect(row).toContain(`\`${spec.default}\``);
      }
  });
});
