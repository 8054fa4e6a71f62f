/**
 * @module api/rbac/clusterroles/printer
 * The cluster role table: NAME CREATED AT. printers.go has no handler for this kind, so upstream
 * serves the apiserver's default table, which `createdAtPrinter` reproduces.
 */
import { createdAtPrinter } from '../roles/printer.js';

export const printer = createdAtPrinter('cluster role');
