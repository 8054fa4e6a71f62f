/**
 * @module api/core/secrets/printer
 * The secret table: NAME TYPE DATA AGE.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a Secret this printer reads (stringData is merged into data before storage). */
export interface SecretView extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

export const printer: TablePrinter<SecretView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the secret.', priority: 0 },
    {
      name: 'Type',
      type: 'string',
      description: 'Kind of secret, e.g. Opaque or kubernetes.io/tls.',
      priority: 0,
    },
    { name: 'Data', type: 'string', description: 'Number of keys in data.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the secret was created.', priority: 0 },
  ],
  row(s, now) {
    return {
      cells: [
        s.metadata.name ?? '',
        s.type ?? '',
        Object.keys(s.data ?? {}).length,
        translateTimestampSince(s.metadata.creationTimestamp, now),
      ],
    };
  },
};
