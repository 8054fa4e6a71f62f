/**
 * @module api/rbac/clusterrolebindings/printer
 * The cluster role binding table: NAME ROLE AGE (+ USERS GROUPS SERVICEACCOUNTS wide), the same
 * layout as role bindings.
 */
import { bindingPrinter } from '../rolebindings/printer.js';

export type { BindingView } from '../rolebindings/printer.js';

export const printer = bindingPrinter('cluster role binding');
