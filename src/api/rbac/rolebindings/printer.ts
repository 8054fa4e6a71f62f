/**
 * @module api/rbac/rolebindings/printer
 * The role binding table: NAME ROLE AGE (+ USERS GROUPS SERVICEACCOUNTS wide): ROLE as `Kind/name`,
 * users and groups by name, service accounts as `namespace/name`, each list joined with ", ".
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a binding this printer reads. */
export interface BindingView extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/** The binding table; `what` only fills the column descriptions. */
export function bindingPrinter(what: string): TablePrinter<BindingView> {
  return {
    columns: [
      { name: 'Name', type: 'string', format: 'name', description: `Name of the ${what}.`, priority: 0 },
      { name: 'Role', type: 'string', description: 'The role granted, as Kind/name.', priority: 0 },
      { name: 'Age', type: 'string', description: `Time since the ${what} was created.`, priority: 0 },
      { name: 'Users', type: 'string', description: 'Users the role is granted to.', priority: 1 },
      { name: 'Groups', type: 'string', description: 'Groups the role is granted to.', priority: 1 },
      {
        name: 'ServiceAccounts',
        type: 'string',
        description: 'Service accounts the role is granted to.',
        priority: 1,
      },
    ],
    row(b, now) {
      const subjects = b.subjects ?? [];
      const named = (kind: string) => subjects.filter((s) => s.kind === kind);
      return {
        cells: [
          b.metadata.name ?? '',
          `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
          translateTimestampSince(b.metadata.creationTimestamp, now),
          named('User')
            .map((s) => s.name)
            .join(', '),
          named('Group')
            .map((s) => s.name)
            .join(', '),
          named('ServiceAccount')
            .map((s) => `${s.namespace ?? ''}/${s.name}`)
            .join(', '),
        ],
      };
    },
  };
}

export const printer = bindingPrinter('role binding');
