import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { PodTemplate } from './types.js';
import { validateCreate } from './validation.js';

describe('podtemplate', () => {
  it('defaults and validates the template at `template`', () => {
    const pt: PodTemplate = {
      metadata: { name: 'pt', namespace: 'default' },
      template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    };
    setDefaults(pt);
    assert.equal(pt.template?.spec?.restartPolicy, 'Always');
    assert.deepEqual(validateCreate(pt), []);
    const bad: PodTemplate = {
      metadata: { name: 'pt', namespace: 'default' },
      template: { spec: { containers: [] } },
    };
    setDefaults(bad);
    assert.ok(validateCreate(bad).map(String).includes('template.spec.containers: Required value'));
  });
});
