/**
 * @module api/schema
 * The registry of every served type schema: meta/v1, core/v1 and the other API groups.
 */
import { appsV1Schemas } from './apps-v1.js';
import { authenticationV1Schemas } from './authentication-v1.js';
import { authorizationV1Schemas } from './authorization-v1.js';
import { autoscalingV1Schemas } from './autoscaling-v1.js';
import { batchV1Schemas } from './batch-v1.js';
import { coordinationV1Schemas } from './coordination-v1.js';
import { coreV1PvcSchemas } from './core-v1-pvc.js';
import { coreV1Schemas } from './core-v1.js';
import { discoveryV1Schemas } from './discovery-v1.js';
import { eventsV1Schemas } from './events-v1.js';
import { metaV1FieldSelectorSchemas } from './meta-v1-field-selector.js';
import { metaV1Schemas } from './meta-v1.js';
import { SchemaRegistry, type TypeSchema } from './model.js';
import { policyV1Schemas } from './policy-v1.js';
import { rbacV1Schemas } from './rbac-v1.js';
import { schedulingV1Schemas } from './scheduling-v1.js';

const primary: TypeSchema[] = [
  ...metaV1Schemas,
  ...coreV1Schemas,
  ...appsV1Schemas,
  ...batchV1Schemas,
  ...rbacV1Schemas,
  ...coordinationV1Schemas,
  ...discoveryV1Schemas,
  ...eventsV1Schemas,
  ...policyV1Schemas,
  ...schedulingV1Schemas,
  ...authenticationV1Schemas,
  ...authorizationV1Schemas,
  ...autoscalingV1Schemas,
];

// Types other groups refer to that meta-v1/core-v1 may not (yet) define; added only when missing,
// so the main files stay the single source once they have them.
const defined = new Set(primary.map((s) => s.name));
const fallbacks = [...coreV1PvcSchemas, ...metaV1FieldSelectorSchemas].filter((s) => !defined.has(s.name));

/** Every type schema, looked up by name (`io.k8s.api.apps.v1.Deployment`) or by group/version/kind. */
export const schemas: SchemaRegistry = new SchemaRegistry().add(...primary, ...fallbacks);
