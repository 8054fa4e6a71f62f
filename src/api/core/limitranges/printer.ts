/**
 * @module api/core/limitranges/printer
 * The limit range table: NAME CREATED AT. printers.go has no handler for this kind, so upstream
 * serves the apiserver's default table, which `createdAtPrinter` reproduces.
 */
import { createdAtPrinter } from '../../rbac/roles/printer.js';

export const printer = createdAtPrinter('limit range');
